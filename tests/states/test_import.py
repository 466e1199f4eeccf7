"""`import_states`: the shipped reference data, a good file, every kind of bad line (all or
nothing, errors naming line and column), re-import and update."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from obligations.models import Obligation
from states.importing import ImportError_, import_states
from states.models import State
from tests.factories import ObligationFactory, StateFactory

pytestmark = pytest.mark.django_db

SHIPPED = Path(settings.BASE_DIR) / "states" / "data" / "states.csv"
HEADER = "iso3,name,status,signature_date,deposit_date,instrument\n"
GOOD_LINES = [
    "LAO,Lao People's Democratic Republic,party,2008-12-03,2009-03-18,ratification\n",
    "AGO,Angola,signatory,2008-12-03,,\n",
    "AND,Andorra,party,,2013-04-09,accession\n",
]


def _run(tmp_path, text: str, name: str = "states.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("import_states", str(path), stdout=out)
    return out.getvalue()


def _refused(tmp_path, text: str) -> str:
    with pytest.raises(CommandError) as exc:
        _run(tmp_path, text)
    return str(exc.value)


def _history_rows() -> int:
    return State.history.count()


class TestShippedFile:
    def test_imports_every_state(self):
        out = StringIO()
        call_command("import_states", str(SHIPPED), stdout=out)
        assert out.getvalue().strip() == "124 created, 0 updated, 0 unchanged"
        assert State.objects.count() == 124
        assert State.objects.filter(status="party").count() == 111
        assert State.objects.filter(status="signatory").count() == 12
        assert list(State.objects.filter(status="withdrawn").values_list("iso3", flat=True)) == ["LTU"]
        assert not State.objects.filter(region="").exists()

    def test_dates_of_known_states(self):
        call_command("import_states", str(SHIPPED), stdout=StringIO())
        lao = State.objects.get(iso3="LAO")
        assert (lao.region, lao.deposit_date, lao.entry_into_force) == ("asia", date(2009, 3, 18), date(2010, 8, 1))
        bgr = State.objects.get(iso3="BGR")
        assert (bgr.deposit_date, bgr.entry_into_force) == (date(2011, 4, 6), date(2011, 10, 1))
        per = State.objects.get(iso3="PER")
        assert (per.deposit_date, per.entry_into_force) == (date(2012, 9, 26), date(2013, 3, 1))
        ltu = State.objects.get(iso3="LTU")
        assert (ltu.withdrawal_date, ltu.withdrawal_effective_on) == (date(2024, 9, 6), date(2025, 3, 6))
        ago = State.objects.get(iso3="AGO")
        assert (ago.status, ago.deposit_date, ago.entry_into_force) == ("signatory", None, None)

    def test_reimport_changes_nothing(self):
        call_command("import_states", str(SHIPPED), stdout=StringIO())
        history = _history_rows()
        snapshot = list(State.objects.order_by("iso3").values())
        out = StringIO()
        call_command("import_states", str(SHIPPED), stdout=out)
        assert out.getvalue().strip() == "0 created, 0 updated, 124 unchanged"
        assert _history_rows() == history
        assert list(State.objects.order_by("iso3").values()) == snapshot


class TestGoodFile:
    def test_creates_states(self, tmp_path):
        out = _run(tmp_path, HEADER + "".join(GOOD_LINES))
        assert out.strip() == "3 created, 0 updated, 0 unchanged"
        andorra = State.objects.get(iso3="AND")
        assert (andorra.region, andorra.instrument, andorra.signature_date) == ("europe", "accession", None)
        assert andorra.entry_into_force == date(2013, 10, 1)

    def test_lowercase_codes_and_a_bom_are_accepted(self, tmp_path):
        _run(tmp_path, "\ufeff" + HEADER + "lao,Lao PDR,party,2008-12-03,2009-03-18,ratification\n")
        assert State.objects.get().iso3 == "LAO"

    def test_a_region_column_is_used(self, tmp_path):
        _run(tmp_path, HEADER.strip() + ",region\n" + "XKX,Kosovo,non_signatory,,,,Europe\n")
        assert State.objects.get(iso3="XKX").region == "europe"

    def test_updates_an_existing_state(self, tmp_path):
        StateFactory(iso3="LAO", name="Laos", region="asia", deposit_date=date(2009, 3, 18))
        ObligationFactory(state=State.objects.get(iso3="LAO"), article=3)
        before = _history_rows()
        out = _run(tmp_path, HEADER + GOOD_LINES[0].replace("2009-03-18", "2010-11-05"))
        assert out.strip() == "0 created, 1 updated, 0 unchanged"
        lao = State.objects.get(iso3="LAO")
        assert lao.name == "Lao People's Democratic Republic"
        assert lao.entry_into_force == date(2011, 5, 1)
        assert _history_rows() == before + 1
        # the obligations follow the corrected deposit date
        assert Obligation.objects.get(state=lao).original_deadline == date(2019, 5, 1)

    def test_the_function_reports_what_it_did(self):
        result = import_states(StringIO(HEADER + "".join(GOOD_LINES)))
        assert sorted(result.created) == ["AGO", "AND", "LAO"]
        assert (result.updated, result.unchanged) == ([], 0)


BAD_LINES = [
    ("L4O,Lao,party,2008-12-03,2009-03-18,ratification\n", "line 3, column iso3"),
    ("LAOS,Lao,party,2008-12-03,2009-03-18,ratification\n", "line 3, column iso3"),
    (",Lao,party,2008-12-03,2009-03-18,ratification\n", "line 3, column iso3"),
    ("LAO,,party,2008-12-03,2009-03-18,ratification\n", "line 3, column name"),
    ("LAO,Lao,member,2008-12-03,2009-03-18,ratification\n", "line 3, column status"),
    ("LAO,Lao,party,2008-12-03,2009-03-18,signature\n", "line 3, column instrument"),
    ("LAO,Lao,party,03/12/2008,2009-03-18,ratification\n", "line 3, column signature_date"),
    ("LAO,Lao,party,2008-12-03,2009-02-30,ratification\n", "line 3, column deposit_date"),
    ("ZZZ,Nowhere,party,2008-12-03,2009-03-18,ratification\n", "line 3, column region"),
    ("NOR,Norway again,party,2008-12-03,2008-12-03,ratification\n", "line 3, column iso3: NOR already on line 2"),
    ("LAO,Lao,party,2008-12-03,,\n", "line 3, column deposit_date"),
    ("LAO,Lao,signatory,2008-12-03,2009-03-18,ratification\n", "line 3, column status"),
    ("LAO,Lao,party,2009-03-18,2008-12-03,ratification\n", "line 3, column deposit_date"),
    ("LAO,Lao,party,2008-12-03,2009-03-18,ratification,2020-01-01,extra\n", "line 3"),
]


class TestBadFile:
    @pytest.mark.parametrize(("line", "message"), BAD_LINES)
    def test_a_bad_line_writes_nothing(self, tmp_path, line, message):
        good = "NOR,Norway,party,2008-12-03,2008-12-03,ratification\n"
        error = _refused(tmp_path, HEADER + good + line)
        assert "nothing imported" in error
        assert message in error
        assert State.objects.count() == 0
        assert _history_rows() == 0

    def test_extra_cells_are_named(self, tmp_path):
        error = _refused(tmp_path, HEADER + GOOD_LINES[0] + "AGO,Angola,signatory,2008-12-03,,,surplus\n")
        assert "line 3: more cells than columns" in error

    def test_a_bad_line_does_not_change_existing_states(self, tmp_path):
        StateFactory(iso3="LAO", name="Laos", region="asia", deposit_date=date(2009, 3, 18))
        before = _history_rows()
        error = _refused(tmp_path, HEADER + GOOD_LINES[0] + "AGO,Angola,signatory,yesterday,,\n")
        assert "line 3, column signature_date" in error
        assert State.objects.get().name == "Laos"
        assert _history_rows() == before

    def test_every_error_is_listed(self, tmp_path):
        error = _refused(tmp_path, HEADER + "L4O,,member,2008-12-03,2009-03-18,ratification\nAGO,,signatory,,,\n")
        for expected in ("line 2, column iso3", "line 2, column name", "line 2, column status", "line 3, column name"):
            assert expected in error

    def test_missing_column(self, tmp_path):
        error = _refused(tmp_path, "iso3,name,status,signature_date,deposit_date\nAGO,Angola,signatory,2008-12-03,\n")
        assert "line 1: missing column(s) instrument" in error
        assert State.objects.count() == 0

    def test_unknown_column(self, tmp_path):
        error = _refused(tmp_path, HEADER.strip() + ",capital\n" + GOOD_LINES[1].strip() + ",Luanda\n")
        assert "line 1: unknown column(s) capital" in error
        assert State.objects.count() == 0

    def test_empty_file(self, tmp_path):
        error = _refused(tmp_path, "")
        assert "line 1: missing column(s)" in error

    def test_missing_file(self, tmp_path):
        with pytest.raises(CommandError, match="cannot read"):
            call_command("import_states", str(tmp_path / "nope.csv"))

    def test_not_utf8(self, tmp_path):
        path = tmp_path / "latin1.csv"
        path.write_bytes((HEADER + "CIV,Côte d'Ivoire,party,2008-12-04,2012-03-30,ratification\n").encode("latin-1"))
        with pytest.raises(CommandError, match="not UTF-8"):
            call_command("import_states", str(path))
        assert State.objects.count() == 0

    def test_the_function_raises_with_all_errors(self):
        with pytest.raises(ImportError_) as exc:
            import_states(StringIO(HEADER + "L4O,Lao,party,2008-12-03,2009-03-18,ratification\n"))
        assert exc.value.errors[0].startswith("line 2, column iso3:")
