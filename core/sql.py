"""SQL building blocks for the funding annotations that stay shallow on SQLite.

Django wraps every decimal expression in `CAST(… AS NUMERIC)` on SQLite; the funding and
priority annotations nest subqueries in subqueries, and with those casts SQLite's parser gives
up ("parser stack overflow") on the demo database. These variants skip the cast on SQLite only;
the output fields still convert results to Decimal. PostgreSQL gets the standard SQL.
"""

from django.db.models import Case, Func, Sum, Value
from django.db.models.functions import Cast, Coalesce, Greatest, Round


def numeric(expression, output_field):
    """One cast at the top of each named annotation: on SQLite it gives the value NUMERIC affinity
    (so comparisons with parameters are numeric), on PostgreSQL numeric(p, s) rounds to the scale."""
    return Cast(expression, output_field=output_field)


class _NoSQLiteCast:
    sqlite_function: str | None = None

    def as_sqlite(self, compiler, connection, **extra_context):
        if self.sqlite_function:
            extra_context["function"] = self.sqlite_function
        return self.as_sql(compiler, connection, **extra_context)


class SCase(_NoSQLiteCast, Case):
    pass


class SCoalesce(_NoSQLiteCast, Coalesce):
    pass


class SRound(_NoSQLiteCast, Round):
    pass


class SGreatest(_NoSQLiteCast, Greatest):
    sqlite_function = "MAX"


class SSum(_NoSQLiteCast, Sum):
    pass


# Constants keep their cast: SQLite would otherwise hand back a Decimal parameter as text.
SValue = Value


class _Operator(_NoSQLiteCast, Func):
    template = "(%(expressions)s)"


class Mul(_Operator):
    arg_joiner = " * "


class Sub(_Operator):
    arg_joiner = " - "


class Div(_Operator):
    arg_joiner = " / "

    def as_sqlite(self, compiler, connection, **extra_context):
        # SQLite divides two integers as integers (7 / 2 = 3), and amounts without cents are stored
        # as integers there: divide as reals, as PostgreSQL's numeric does.
        extra_context["template"] = "(1.0 * %(expressions)s)"
        return super().as_sqlite(compiler, connection, **extra_context)


class Add(_Operator):
    arg_joiner = " + "
