"""A need's columns, declared once: the API document (NeedSerializer's fields and the fast JSON
path of assistance/api/lean.py), the CSV export and its headings, the need form's fields, and the
sorts that the needs page and the API share.

Each `Column` says where its value is read (`source`, a `.values()` path), how it is written
(`kind`), whether the CSV has it (`heading`, in the reader's language: in English the contract's
name, so scripts are unaffected), whether the form edits it, and how the list sorts by it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext

from django.db.models import F, QuerySet
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Column:
    key: str  # name in the API document and the CSV (the contract's)
    source: str = ""  # what `.values()` reads; defaults to `key`
    kind: str = "value"  # value | decimal | date | bool | document
    places: tuple[int, int] | None = None  # decimal: (max digits, decimal places), as DRF writes it
    heading: Promise | None = None  # CSV heading; None: not in the CSV
    form: bool = False  # edited in the need form (assistance/forms.py)
    sort: tuple[str, ...] = ()  # `?ordering=key`: the first field runs the way asked, the others break ties

    @property
    def read(self) -> str:
        return self.source or self.key


NEED_COLUMNS = [
    Column("id", heading=pgettext_lazy("CSV heading", "id"), sort=("id",)),
    Column("state", "state__iso3", heading=pgettext_lazy("CSV heading", "state"), form=True,
           sort=("state__name", "-priority")),
    Column("state_name", "state__name", heading=pgettext_lazy("CSV heading", "state_name")),
    Column("region", "state__region"),
    Column("article", heading=pgettext_lazy("CSV heading", "article"), form=True, sort=("article", "-priority")),
    Column("obligation", "obligation_id", heading=pgettext_lazy("CSV heading", "obligation"), form=True),
    Column("title", heading=pgettext_lazy("CSV heading", "title"), form=True, sort=("title",)),
    Column("description", form=True),
    Column("assistance_type", heading=pgettext_lazy("CSV heading", "assistance_type"), form=True),
    Column("amount_requested", kind="decimal", places=(16, 2), heading=pgettext_lazy("CSV heading", "amount_requested"),
           form=True),
    Column("currency", heading=pgettext_lazy("CSV heading", "currency"), form=True),
    Column("amount_requested_usd", kind="decimal", places=(28, 2),
           heading=pgettext_lazy("CSV heading", "amount_requested_usd"), sort=("amount_requested_usd",)),
    Column("pledged_usd", kind="decimal", places=(28, 2), heading=pgettext_lazy("CSV heading", "pledged_usd")),
    Column("disbursed_usd", kind="decimal", places=(28, 2), heading=pgettext_lazy("CSV heading", "disbursed_usd")),
    Column("funding_gap_usd", kind="decimal", places=(28, 2), heading=pgettext_lazy("CSV heading", "funding_gap_usd"),
           sort=("funding_gap_usd",)),
    Column("deadline", kind="date", heading=pgettext_lazy("CSV heading", "deadline"), sort=("deadline",)),
    Column("own_deadline", kind="date", form=True),
    Column("submitted_on", kind="date", heading=pgettext_lazy("CSV heading", "submitted_on"), form=True,
           sort=("submitted_on",)),
    Column("status", "computed_status", heading=pgettext_lazy("CSV heading", "status")),
    Column("closed_on", kind="date"),
    Column("is_public", kind="bool", heading=pgettext_lazy("CSV heading", "is_public"), form=True),
    Column("period_start", kind="date", form=True),
    Column("period_end", kind="date", form=True),
    Column("completion_plan", form=True),
    Column("completion_plan_url", form=True),
    Column("share_of_remaining_work", kind="decimal", places=(5, 2), form=True),
    Column("priority", kind="decimal", places=(6, 1), heading=pgettext_lazy("CSV heading", "priority"),
           sort=("priority",)),
    Column("close_to_completion", kind="bool"),
    Column("document_url", "document", kind="document"),
]  # fmt: skip
BY_KEY = {column.key: column for column in NEED_COLUMNS}

# The API document: every column, in this order (NeedSerializer adds the write-only `document`).
DOCUMENT_KEYS = [column.key for column in NEED_COLUMNS]
VALUES = [column.read for column in NEED_COLUMNS]
# The CSV export: the columns with a heading, in this order.
CSV_COLUMNS = [column for column in NEED_COLUMNS if column.heading is not None]
CSV_KEYS = [column.key for column in CSV_COLUMNS]
CSV_VALUES = [column.read for column in CSV_COLUMNS]
# The need form: the model fields it edits (the document upload with them).
FORM_FIELDS = [column.key for column in NEED_COLUMNS if column.form] + ["document"]

# --- Writing values ------------------------------------------------------------------------------------

_QUANTUM = {places: Decimal(1).scaleb(-places) for places in (1, 2)}


def decimal_text(value: Decimal, digits: int, places: int) -> str:
    """As DRF's DecimalField writes it (COERCE_DECIMAL_TO_STRING): rounded half up to `places`."""
    if not isinstance(value, Decimal):
        value = Decimal(str(value))  # SQLite may hand back an int or a float
    with localcontext() as context:
        context.prec = digits
        return format(value.quantize(_QUANTUM[places], rounding=ROUND_HALF_UP), "f")


def csv_cell(column: Column, value) -> object:
    """One value as the CSV writes it: empty for none, true/false, ISO dates, decimals to their places."""
    if value is None:
        return ""
    if column.kind == "bool":
        return "true" if value else "false"
    if column.kind == "date":
        return value.isoformat() if isinstance(value, date) else value
    if column.kind == "decimal":
        return decimal_text(value, *column.places)
    return value


def csv_cells(row) -> list:
    """A `.values_list(*CSV_VALUES)` row as the cells of one CSV line."""
    return [csv_cell(column, value) for column, value in zip(CSV_COLUMNS, row, strict=True)]


def csv_headings() -> list[str]:
    """The CSV's heading line in the active language."""
    return [str(column.heading) for column in CSV_COLUMNS]


# --- Sorting (the needs page and the API) -------------------------------------------------------------

SORTS = {column.key: column.sort for column in NEED_COLUMNS if column.sort}
# Keys the needs page used before it shared the API's: old links keep working.
OLD_PAGE_KEYS = {"gap": "funding_gap_usd", "requested": "amount_requested_usd", "submitted": "submitted_on"}


def _term(field: str, descending: bool):
    if field.startswith("-"):
        field, descending = field[1:], not descending
    return F(field).desc(nulls_last=True) if descending else F(field).asc(nulls_last=True)


def ordering_terms(keys: list[str]) -> list:
    """ORDER BY terms for `?ordering=` keys ("deadline", "-priority", …), needs without a value last
    whichever way, then the id: the same order on the page, in the API and in the CSV."""
    terms = []
    for value in keys:
        descending = value.startswith("-")
        first, *ties = SORTS[value.lstrip("-")]
        terms.append(_term(first, descending))
        terms.extend(_term(field, False) for field in ties)
    return [*terms, "id"]


def canonical(value: str) -> str:
    """A page's `?ordering=` value with old keys translated; "" when unknown."""
    descending = value.startswith("-")
    key = value.lstrip("-")
    key = OLD_PAGE_KEYS.get(key, key)
    return ("-" if descending else "") + key if key in SORTS else ""


def order(needs: QuerySet, value: str) -> tuple[QuerySet, str]:
    """`needs` in the order of one `?ordering=` value; the queryset unchanged (its own default
    order) when the value is empty or unknown. Returns the ordering applied ("" for none)."""
    value = canonical(value or "")
    if not value:
        return needs, ""
    return needs.order_by(*ordering_terms([value])), value
