"""core/api/viewsets.py: no DELETE anywhere, and after every create and update the saved row is
checked again, in the transaction, against what the user may edit (nothing half-saved)."""

import pytest
from django.urls import get_resolver

from assistance.models import Capacity, Experience, Need, Pledge
from tests.assistance.factories import CapacityFactory, ExperienceFactory, NeedFactory, PledgeFactory

pytestmark = pytest.mark.django_db

NEED = {"article": 4, "title": "Survey", "assistance_type": "survey", "amount_requested": "1000", "currency": "USD"}


def test_a_focal_point_cannot_submit_a_need_for_another_state(focal_client, lao, other_state):
    response = focal_client.post("/api/v1/needs/", {**NEED, "state": other_state.iso3}, format="json")
    assert response.status_code == 403
    assert "own state" in response.json()["detail"]
    assert not Need.objects.exists()


def test_a_focal_point_cannot_move_its_need_away(focal_client, lao, other_state):
    need = NeedFactory(state=lao, title="Before")
    response = focal_client.patch(f"/api/v1/needs/{need.pk}/", {"state": other_state.iso3, "title": "After"})
    assert response.status_code == 403
    need.refresh_from_db()
    assert (need.state_id, need.title) == (lao.pk, "Before")


def test_a_donor_cannot_record_a_pledge_for_another_donor(donor_client, other_donor, lao):
    need = NeedFactory(state=lao)
    response = donor_client.post("/api/v1/pledges/", {"need": need.pk, "donor": other_donor.pk, "amount": "10"})
    assert response.status_code == 403
    assert not Pledge.objects.exists()


def test_a_donor_cannot_hand_its_pledge_to_another_donor(donor_client, donor, other_donor, lao):
    pledge = PledgeFactory(donor=donor, need=NeedFactory(state=lao))
    assert donor_client.patch(f"/api/v1/pledges/{pledge.pk}/", {"donor": other_donor.pk}).status_code == 403
    pledge.refresh_from_db()
    assert pledge.donor_id == donor.pk


def test_capacities_and_experience_stay_with_their_owner(donor_client, donor, other_donor, focal_client, other_state):
    capacity = CapacityFactory(donor=donor)
    assert donor_client.patch(f"/api/v1/capacities/{capacity.pk}/", {"donor": other_donor.pk}).status_code == 403
    assert Capacity.objects.get().donor_id == donor.pk
    experience = ExperienceFactory()
    assert focal_client.patch(f"/api/v1/experiences/{experience.pk}/", {"title": "x"}).status_code == 403
    body = {"state": other_state.iso3, "article": 4, "topic": "clearance", "title": "How", "body": "Text"}
    assert focal_client.post("/api/v1/experiences/", body, format="json").status_code == 403
    assert Experience.objects.count() == 1


def test_the_owner_still_writes(focal_client, lao):
    response = focal_client.post("/api/v1/needs/", {**NEED, "state": lao.iso3}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["funding_gap_usd"] == "1000.00"  # the refetched row, with its figures


def test_no_endpoint_deletes():
    """No viewset of /api/v1/ accepts DELETE (405): records are corrected, never deleted."""
    names = {e.name for e in _api_patterns() if e.name and e.name.endswith("-detail")}
    assert names
    for name in names:
        view = next(e for e in _api_patterns() if e.name == name).callback
        refused = "delete" not in view.actions or "delete" not in view.cls.http_method_names
        assert refused, name


def _api_patterns():
    from django.urls import URLPattern, URLResolver

    found = []

    def walk(patterns, prefix=""):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern) and (prefix + str(entry.pattern)).startswith("api/v1/"):
                found.append(entry)

    walk(get_resolver().url_patterns)
    return found
