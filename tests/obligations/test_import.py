"""`import_meetings` (reference data, all or nothing) and `load_demo` (idempotent)."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from accounts.models import Donor, User
from obligations.models import ExtensionRequest, Meeting, Obligation

pytestmark = pytest.mark.django_db

BASE = Path(settings.BASE_DIR)
MEETINGS = BASE / "obligations" / "data" / "meetings.csv"
STATES = BASE / "states" / "data" / "states.csv"
HEADER = "code,name,start_date,end_date,city,country,president,source\n"


def _import_meetings(tmp_path, text: str) -> str:
    path = tmp_path / "meetings.csv"
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("import_meetings", str(path), stdout=out)
    return out.getvalue()


class TestImportMeetings:
    def test_the_shipped_calendar(self):
        out = StringIO()
        call_command("import_meetings", str(MEETINGS), stdout=out)
        assert out.getvalue().strip() == "17 meetings created, 0 updated"
        nine = Meeting.objects.get(code="9MSP")
        assert (nine.kind, nine.start_date, nine.extension_request_due) == ("msp", date(2019, 9, 2), date(2018, 12, 2))
        assert Meeting.objects.get(code="2RC-1").kind == "rc"

    def test_reimport_changes_nothing(self):
        call_command("import_meetings", str(MEETINGS), stdout=StringIO())
        history = Meeting.history.count()
        out = StringIO()
        call_command("import_meetings", str(MEETINGS), stdout=out)
        assert out.getvalue().strip() == "0 meetings created, 0 updated"
        assert Meeting.history.count() == history

    def test_an_update(self, tmp_path):
        _import_meetings(tmp_path, HEADER + "14MSP,Fourteenth Meeting,,,,,,\n")
        out = _import_meetings(tmp_path, HEADER + "14MSP,Fourteenth Meeting,2026-09-14,2026-09-18,Geneva,,,\n")
        assert out.strip() == "0 meetings created, 1 updated"
        assert Meeting.objects.get(code="14MSP").extension_request_due == date(2025, 12, 14)

    @pytest.mark.parametrize(
        ("line", "message"),
        [
            ("9MSP,Ninth,2019-09-32,2019-09-04,,,,\n", "line 3, column start_date"),
            ("9MSP,Ninth,2019-09-02,2019-09-01,,,,\n", "line 3, column end_date"),
            (",Ninth,2019-09-02,2019-09-04,,,,\n", "line 3, column code"),
        ],
    )
    def test_a_bad_line_writes_nothing(self, tmp_path, line, message):
        with pytest.raises(CommandError) as exc:
            _import_meetings(tmp_path, HEADER + "8MSP,Eighth,2018-09-03,2018-09-05,Geneva,,,\n" + line)
        assert message in str(exc.value)
        assert Meeting.objects.count() == 0


def _counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "donors": Donor.objects.count(),
        "obligations": Obligation.objects.count(),
        "extension_requests": ExtensionRequest.objects.count(),
        "granted": ExtensionRequest.objects.filter(status="granted").count(),
    }


class TestLoadDemo:
    @pytest.fixture
    def reference_data(self):
        call_command("import_states", str(STATES), stdout=StringIO())
        call_command("import_meetings", str(MEETINGS), stdout=StringIO())

    def test_loads_accounts_obligations_and_extension_history(self, reference_data):
        out = StringIO()
        call_command("load_demo", stdout=out)
        users = {u.username: u for u in User.objects.all()}
        assert users["isu"].is_isu and users["isu"].check_password("demo-password-1")
        assert users["donor"].donor.name == "Norway"
        assert users["focal"].state.iso3 == "LAO"
        assert "demo-password-1" in out.getvalue()
        # an Article 7 and an Article 9 obligation for every state that entered into force
        assert Obligation.objects.filter(article=7).count() == 112
        assert Obligation.objects.filter(article=9).count() == 112
        lao4 = Obligation.objects.get(state__iso3="LAO", article=4)
        assert (lao4.original_deadline, lao4.current_deadline) == (date(2020, 8, 1), date(2025, 8, 1))
        bih4 = Obligation.objects.get(state__iso3="BIH", article=4)
        assert (bih4.original_deadline, bih4.current_deadline) == (date(2021, 3, 1), date(2023, 9, 1))

    def test_twice_gives_the_same_counts(self, reference_data):
        call_command("load_demo", stdout=StringIO())
        first = _counts()
        call_command("load_demo", stdout=StringIO())
        assert _counts() == first
        assert first["users"] == 3
        assert first["donors"] == 2
        # 24 real decisions 9MSP-13MSP; one (10MSP BGR) breaks the Article 3 limit and is not loaded
        assert (first["extension_requests"], first["granted"]) == (23, 11)
