"""`/api/v1/donors/`: anyone reads, the ISU creates and corrects, nobody deletes."""

import pytest

from accounts.models import Donor
from tests.factories import StateFactory
from tests.states.api_matrix import ROLES, VERBS, check

pytestmark = pytest.mark.django_db

DONORS = "/api/v1/donors/"


@pytest.mark.parametrize("verb", VERBS)
@pytest.mark.parametrize("role", ROLES)
def test_role_verb_matrix(request, donor, role, verb):
    response = check(
        request,
        role,
        verb,
        list_url=DONORS,
        detail_url=f"{DONORS}{donor.pk}/",
        payloads={
            "post": {"name": "UNDP", "kind": "organisation"},
            "put": {"name": "Norway (MFA)", "kind": "state", "state": "NOR"},
            "patch": {"name": "Norway (MFA)"},
        },
        watched=[Donor],
    )
    if response.status_code == 201:
        assert response.json() == {
            "id": Donor.objects.get(name="UNDP").pk,
            "name": "UNDP",
            "kind": "organisation",
            "state": None,
        }
    if verb in ("put", "patch") and response.status_code == 200:
        assert Donor.objects.get(pk=donor.pk).name == "Norway (MFA)"
    if verb == "detail":
        assert response.json() == {"id": donor.pk, "name": "Norway", "kind": "state", "state": "NOR"}


def test_list_and_kind_filter(anon_client, donor, other_donor):
    assert [d["name"] for d in anon_client.get(DONORS).json()["results"]] == ["European Union", "Norway"]
    assert [d["name"] for d in anon_client.get(DONORS + "?kind=state").json()["results"]] == ["Norway"]
    response = anon_client.get(DONORS + "?kind=bogus")
    assert response.status_code == 400
    assert list(response.json()) == ["kind"]
    response = anon_client.get(DONORS + "?ordering=bogus")
    assert response.status_code == 400
    assert list(response.json()) == ["ordering"]


@pytest.mark.parametrize("pk", ["0", "999999", "abc", "99999999999999999999"])
def test_unknown_donor_is_404(anon_client, pk):
    assert anon_client.get(f"{DONORS}{pk}/").status_code == 404


def test_state_donor_by_lowercase_iso3(isu_client):
    StateFactory(iso3="JPN", name="Japan", region="asia", deposit_date=None, status="signatory", instrument="")
    response = isu_client.post(DONORS, {"name": "Japan", "kind": "state", "state": "jpn"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["state"] == "JPN"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Japan", "kind": "state"}, "state"),
        ({"name": "UNDP", "kind": "organisation", "state": "NOR"}, "state"),
        ({"name": "UNDP", "kind": "organisation", "state": "ZZZ"}, "state"),
        ({"name": "UNDP", "kind": "charity"}, "kind"),
        ({"name": "Norway", "kind": "organisation"}, "name"),
        ({"name": "", "kind": "organisation"}, "name"),
        ({"name": ["UNDP"], "kind": "organisation"}, "name"),
        ({"kind": "organisation"}, "name"),
    ],
)
def test_invalid_donors_are_400(isu_client, donor, body, field):
    before = Donor.objects.count()
    response = isu_client.post(DONORS, body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert Donor.objects.count() == before


def test_patch_checks_the_merged_donor(isu_client, donor):
    response = isu_client.patch(f"{DONORS}{donor.pk}/", {"kind": "organisation"}, format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["state"]
    response = isu_client.patch(f"{DONORS}{donor.pk}/", {"kind": "organisation", "state": None}, format="json")
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("body", ["{", "[]", "null", "42"])
def test_garbage_json_is_400(isu_client, body):
    assert isu_client.post(DONORS, body, content_type="application/json").status_code == 400


def test_list_query_count_does_not_grow_with_page_size(anon_client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(12):
        state = StateFactory(iso3=f"Q{chr(65 + n)}D")
        Donor.objects.create(name=f"Donor state {n}", kind="state", state=state)
        Donor.objects.create(name=f"Foundation {n}", kind="organisation")
    counts = []
    for size in (5, 100):
        # count + page (state codes joined) + the ATOMIC_REQUESTS savepoint pair
        with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(4):
            assert anon_client.get(f"{DONORS}?page_size={size}").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
