"""Donors-only needs never reach anonymous readers: not in lists, counts, CSV, IATI, pages,
matches, coalitions or the state profile. And the IATI file validates against the 2.03 schema."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from lxml import etree

from assistance.models import CountryCoalition, PlannedDisbursement
from assistance.services import record_disbursement
from tests.assistance.factories import CapacityFactory, NeedFactory, PledgeFactory

SCHEMA = Path(__file__).parent / "data" / "iati-2.03" / "iati-activities-schema.xsd"
SECRET = "Confidential stockpile destruction plan"


@pytest.fixture
def secret_need(lao, donor):
    need = NeedFactory(state=lao, title=SECRET, is_public=False, assistance_type="survey")
    PledgeFactory(need=need, donor=donor, amount=Decimal("700"))
    return need


@pytest.fixture
def public_need(lao, donor):
    need = NeedFactory(state=lao, title="Public clearance", assistance_type="survey")
    PledgeFactory(need=need, donor=donor, amount=Decimal("300"))
    return need


def test_api_list_count_and_detail(anon_client, secret_need, public_need):
    body = anon_client.get("/api/v1/needs/").json()
    assert body["count"] == 1 and SECRET not in str(body)
    assert anon_client.get(f"/api/v1/needs/{secret_need.pk}/").status_code == 404
    assert anon_client.get(f"/api/v1/needs/{secret_need.pk}/matches/").status_code == 404
    assert anon_client.get("/api/v1/needs/?is_public=false").json()["count"] == 1


def test_csv(anon_client, secret_need, public_need):
    content = b"".join(anon_client.get("/api/v1/needs/?format=csv").streaming_content).decode()
    assert SECRET not in content and "Public clearance" in content


def test_pledges_to_a_donors_only_need_are_hidden(anon_client, secret_need, public_need):
    body = anon_client.get("/api/v1/pledges/").json()
    assert body["count"] == 1 and body["results"][0]["need"] == public_need.pk


def test_iati(anon_client, donor_client, secret_need, public_need, donor):
    public_xml = anon_client.get(f"/api/v1/iati/?donor={donor.pk}").content.decode()
    assert SECRET not in public_xml and "Public clearance" in public_xml
    # The donor's own file lists the pledge to the donors-only need, but an IATI file is made to be
    # published: that need is described by recipient and article only (issue 19, finding 8).
    own_xml = donor_client.get(f"/api/v1/iati/?donor={donor.pk}").content.decode()
    assert own_xml.count("<iati-activity ") == 2
    assert SECRET not in own_xml and "Assistance to Lao People" in own_xml


def test_pages_and_profile(secret_need, public_need, lao):
    anonymous = Client()
    assert SECRET not in anonymous.get("/assistance/").content.decode()
    assert "1 need" in anonymous.get("/assistance/").content.decode()
    assert anonymous.get(f"/assistance/needs/{secret_need.pk}/").status_code == 404
    assert SECRET not in anonymous.get("/states/LAO/").content.decode()


def test_coalitions(anon_client, isu_client, secret_need, public_need, lao, donor):
    coalition = CountryCoalition.objects.create(state=lao, name="Lao coalition")
    coalition.needs.set([secret_need, public_need])
    coalition.partners.set([donor])
    assert anon_client.get("/api/v1/coalitions/").json()["results"][0]["needs"] == [public_need.pk]
    assert sorted(isu_client.get("/api/v1/coalitions/").json()["results"][0]["needs"]) == sorted(
        [secret_need.pk, public_need.pk]
    )


# --- IATI ----------------------------------------------------------------------------------------


def test_iati_validates_against_the_2_03_schema(anon_client, lao, donor, rates):
    need = NeedFactory(state=lao, title="Clearance & survey <phase 2>", description="Xieng Khouang")
    pledge = PledgeFactory(
        need=need, donor=donor, amount=Decimal("1000"), currency="EUR", committed_on=date(2024, 5, 2)
    )
    PlannedDisbursement.objects.create(pledge=pledge, year=2024, amount=Decimal("600"))
    PlannedDisbursement.objects.create(pledge=pledge, year=2025, amount=Decimal("400"))
    record_disbursement(pledge.pk, date(2024, 6, 1), Decimal("600"))
    PledgeFactory(need=None, state=lao, article=5, donor=donor, amount=Decimal("50"))
    response = anon_client.get(f"/api/v1/iati/?donor={donor.pk}")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    document = etree.fromstring(response.content)
    schema.assertValid(document)
    activities = document.findall("iati-activity")
    assert len(activities) == 2
    first = activities[0]
    assert first.find("sector").get("code") == "15250"
    assert first.find("recipient-country").get("code") == "LA"
    transactions = [
        (t.find("transaction-type").get("code"), t.find("transaction-date").get("iso-date"), t.find("value").text)
        for t in first.findall("transaction")
    ]
    assert transactions == [
        ("12", "2024-04-01", "1000.00"),
        ("2", "2024-05-02", "1000.00"),
        ("3", "2024-06-01", "600.00"),
    ]
    assert [p.find("value").text for p in first.findall("planned-disbursement")] == ["600.00", "400.00"]


def test_iati_bad_and_unknown_donor(anon_client, donor):
    assert anon_client.get("/api/v1/iati/").status_code == 400
    assert anon_client.get("/api/v1/iati/?donor=abc").status_code == 400
    assert anon_client.get("/api/v1/iati/?donor=99999999999999999999999").status_code == 400
    assert anon_client.get("/api/v1/iati/?donor=999999").status_code == 404
    assert anon_client.get(f"/api/v1/iati/?donor={donor.pk}").status_code == 404  # nothing to publish


# --- capacities and matches -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("client_name", "expected"),
    [("anon_client", 401), ("outsider_client", 403), ("focal_client", 403), ("donor_client", 201), ("isu_client", 201)],
)
def test_create_capacity(request, client_name, expected, donor, donor_user, lao):
    payload = {"title": "Survey teams", "assistance_types": ["survey"], "articles": [4], "regions": ["asia"]}
    if client_name == "isu_client":
        payload["donor"] = donor.pk
    response = request.getfixturevalue(client_name).post("/api/v1/capacities/", payload, format="json")
    assert response.status_code == expected, response.content
    from assistance.models import Capacity

    assert Capacity.objects.exists() == (expected == 201)


def test_capacity_rules(donor_client, other_donor, other_donor_user, donor):
    payload = {"title": "x", "assistance_types": ["money"], "articles": [4]}
    response = donor_client.post("/api/v1/capacities/", payload, format="json")
    assert response.status_code == 400 and "assistance_types" in response.json()
    payload = {"title": "x", "assistance_types": ["survey"], "articles": [4], "donor": other_donor.pk}
    assert donor_client.post("/api/v1/capacities/", payload, format="json").status_code == 403
    capacity = CapacityFactory(donor=other_donor)
    assert donor_client.patch(f"/api/v1/capacities/{capacity.pk}/", {"title": "mine"}, format="json").status_code == 403


def test_matches(anon_client, lao, donor, other_donor):
    need = NeedFactory(
        state=lao, article=4, assistance_type="survey", period_start=date(2025, 1, 1), period_end=date(2025, 12, 31)
    )
    fits = CapacityFactory(donor=donor, title="fits", regions=["asia"])
    CapacityFactory(donor=donor, title="anywhere", regions=[], period_start=date(2025, 6, 1))
    CapacityFactory(donor=other_donor, title="wrong region", regions=["africa"])
    CapacityFactory(donor=other_donor, title="wrong type", assistance_types=["legal"])
    CapacityFactory(donor=other_donor, title="wrong article", articles=[3])
    CapacityFactory(donor=other_donor, title="too early", period_end=date(2024, 12, 31))
    CapacityFactory(donor=other_donor, title="inactive", is_active=False)
    body = anon_client.get(f"/api/v1/needs/{need.pk}/matches/").json()
    assert {m["capacity"]["title"] for m in body} == {"fits", "anywhere"}
    assert any("asia" in r for m in body if m["capacity"]["id"] == fits.pk for r in m["reasons"])


# --- experience and coalitions --------------------------------------------------------------------


def test_experience_write_and_search(focal_client, other_focal_client, anon_client, lao):
    payload = {"state": "LAO", "article": 4, "topic": "clearance", "title": "Land release", "body": "Survey first."}
    assert anon_client.post("/api/v1/experiences/", payload).status_code == 401
    assert other_focal_client.post("/api/v1/experiences/", payload).status_code == 403
    assert focal_client.post("/api/v1/experiences/", payload).status_code == 201
    assert anon_client.get("/api/v1/experiences/?search=survey").json()["count"] == 1
    assert anon_client.get("/api/v1/experiences/?search=stockpile").json()["count"] == 0
    assert anon_client.get("/api/v1/experiences/?article=9").json()["count"] == 0
    assert anon_client.get("/api/v1/experiences/?article=x").status_code == 400


def test_coalition_isu_only(isu_client, donor_client, lao, other_state, donor):
    need = NeedFactory(state=lao)
    foreign = NeedFactory(state=other_state)
    payload = {"state": "LAO", "partners": [donor.pk], "needs": [need.pk], "status": "active"}
    assert donor_client.post("/api/v1/coalitions/", payload, format="json").status_code == 403
    response = isu_client.post("/api/v1/coalitions/", {**payload, "needs": [foreign.pk]}, format="json")
    assert response.status_code == 400 and "needs" in response.json()
    response = isu_client.post("/api/v1/coalitions/", payload, format="json")
    assert response.status_code == 201 and response.json()["needs"] == [need.pk]
    assert isu_client.get("/api/v1/coalitions/?status=bogus").status_code == 400
