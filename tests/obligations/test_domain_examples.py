"""Every date example of domain.md, reproduced through the API as an integration would see it:
the ISU creates states and obligations with the dates the treaty gives, the server computes."""

from datetime import date

import pytest

from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def _create_state(client, iso3: str, deposit: str | None, **extra) -> dict:
    body = {
        "iso3": iso3,
        "name": f"State {iso3}",
        "region": extra.pop("region", "asia"),
        "status": "party" if deposit else "signatory",
        "signature_date": extra.pop("signature_date", "2008-12-03"),
        "deposit_date": deposit,
        "instrument": "ratification" if deposit else "",
        **extra,
    }
    response = client.post("/api/v1/states/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def _create_obligation(client, iso3: str, article: int, **extra) -> dict:
    response = client.post("/api/v1/obligations/", {"state": iso3, "article": article, **extra}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


@pytest.mark.parametrize(
    ("deposit", "eif"),
    [
        ("2008-12-03", "2010-08-01"),  # deposits in 2008 ...
        ("2009-06-16", "2010-08-01"),  # ... and 2009 share the Convention's entry into force
        ("2010-02-16", "2010-08-01"),  # the thirtieth instrument
        ("2010-02-17", "2010-08-01"),  # first day of the sixth month after February 2010
        ("2010-04-15", "2010-10-01"),  # between 17 Feb and 31 Jul 2010: after 1 Aug 2010
        ("2010-11-05", "2011-05-01"),
        ("2011-04-06", "2011-10-01"),
        ("2012-09-26", "2013-03-01"),
    ],
)
def test_article_17_entry_into_force(isu_client, anon_client, deposit, eif):
    assert _create_state(isu_client, "TST", deposit)["entry_into_force"] == eif
    assert anon_client.get("/api/v1/states/tst/").json()["entry_into_force"] == eif


def test_a_signatory_has_no_entry_into_force(isu_client):
    assert _create_state(isu_client, "AGO", None)["entry_into_force"] is None


def test_article_20_withdrawal_takes_effect_six_months_later(isu_client):
    _create_state(isu_client, "LTU", "2011-03-24", region="europe")
    response = isu_client.patch(
        "/api/v1/states/LTU/", {"status": "withdrawn", "withdrawal_date": "2024-09-06"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert (response.json()["entry_into_force"], response.json()["withdrawal_effective_on"]) == (
        "2011-09-01",
        "2025-03-06",
    )


@pytest.mark.parametrize(
    ("deposit", "article", "deadline"),
    [
        ("2009-03-18", 3, "2018-08-01"),  # EIF 2010-08-01 + 8 years
        ("2011-04-06", 3, "2019-10-01"),  # EIF 2011-10-01 + 8 years
        ("2009-03-18", 4, "2020-08-01"),  # EIF 2010-08-01 + 10 years
        ("2010-09-07", 4, "2021-03-01"),  # EIF 2011-03-01 + 10 years
        ("2009-03-18", 5, None),
        ("2009-03-18", 9, None),
        ("2009-03-18", 7, "2011-01-28"),  # EIF 2010-08-01 + 180 days
    ],
)
def test_original_deadlines(isu_client, deposit, article, deadline):
    _create_state(isu_client, "TST", deposit)
    obligation = _create_obligation(isu_client, "TST", article)
    assert (obligation["original_deadline"], obligation["current_deadline"]) == (deadline, deadline)


@pytest.mark.parametrize(
    ("deposit", "eif", "due"),
    [
        ("2023-02-10", "2023-08-01", "2024-01-28"),
        ("2023-08-15", "2024-02-01", "2024-07-30"),
        ("2013-03-26", "2013-09-01", "2014-02-28"),
    ],
)
def test_article_7_initial_report_due(isu_client, deposit, eif, due):
    assert _create_state(isu_client, "TST", deposit, signature_date=None)["entry_into_force"] == eif
    assert _create_obligation(isu_client, "TST", 7)["original_deadline"] == due


def test_article_4_from_the_end_of_hostilities(isu_client):
    _create_state(isu_client, "TST", "2009-03-18")
    obligation = _create_obligation(isu_client, "TST", 4, hostilities_ended_on="2016-02-29")
    assert obligation["original_deadline"] == "2026-02-28"  # 29 February + 10 years, rounded down


def test_lao_pdr_extension_granted_at_the_ninth_msp(isu_client, anon_client):
    MeetingFactory(
        code="9MSP", name="Ninth Meeting of States Parties", start_date=date(2019, 9, 2), end_date=date(2019, 9, 4)
    )
    lao = _create_state(isu_client, "LAO", "2009-03-18")
    assert lao["entry_into_force"] == "2010-08-01"
    clearance = _create_obligation(isu_client, "LAO", 4)
    assert clearance["original_deadline"] == "2020-08-01"
    assert clearance["extension_request_due"] == "2018-12-02"  # 9MSP - 9 months

    response = isu_client.post(
        "/api/v1/extension-requests/",
        {
            "obligation": clearance["id"],
            "meeting": "9MSP",
            "submitted_on": "2018-11-30",
            "requested_deadline": "2025-08-01",
            "status": "granted",
            "decided_on": "2019-09-04",
            "granted_deadline": "2025-08-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert (response.json()["previous_deadline"], response.json()["is_late"]) == ("2020-08-01", False)

    clearance = anon_client.get(f"/api/v1/obligations/{clearance['id']}/").json()
    assert (clearance["original_deadline"], clearance["current_deadline"]) == ("2020-08-01", "2025-08-01")
    listed = anon_client.get("/api/v1/obligations/?state=LAO&deadline_after=2025-08-01&deadline_before=2025-08-01")
    assert [o["id"] for o in listed.json()["results"]] == [clearance["id"]]


def test_a_five_year_extension_is_the_most_one_decision_grants(isu_client):
    _create_state(isu_client, "LAO", "2009-03-18")
    clearance = _create_obligation(isu_client, "LAO", 4)
    response = isu_client.post(
        "/api/v1/extension-requests/",
        {
            "obligation": clearance["id"],
            "status": "granted",
            "decided_on": "2019-09-04",
            "granted_deadline": "2025-08-02",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "granted_deadline": ["One extension is at most 5 years under Article 4: 2025-08-01 at the latest."]
    }


def test_meeting_minus_nine_months(anon_client):
    MeetingFactory(code="9MSP", start_date=date(2019, 9, 2))
    MeetingFactory(code="2RC-1", start_date=date(2020, 11, 25))
    results = {m["code"]: m["extension_request_due"] for m in anon_client.get("/api/v1/meetings/").json()["results"]}
    assert results == {"9MSP": "2018-12-02", "2RC-1": "2020-02-25"}
