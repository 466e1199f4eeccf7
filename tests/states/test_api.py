"""`/api/v1/states/`: role x verb matrix, filters (and bad values), lookups, validation."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from states.models import State
from tests.factories import StateFactory
from tests.states.api_matrix import ROLES, VERBS, check

pytestmark = pytest.mark.django_db

LIST = "/api/v1/states/"
PERU = {
    "iso3": "PER",
    "name": "Peru",
    "region": "americas",
    "status": "party",
    "signature_date": "2008-12-03",
    "deposit_date": "2012-09-26",
    "instrument": "ratification",
}
LAO_FULL = {
    "iso3": "LAO",
    "name": "Lao PDR",
    "region": "asia",
    "status": "party",
    "signature_date": "2008-12-03",
    "deposit_date": "2009-03-18",
    "instrument": "ratification",
}


@pytest.mark.parametrize("verb", VERBS)
@pytest.mark.parametrize("role", ROLES)
def test_role_verb_matrix(request, lao, role, verb):
    response = check(
        request,
        role,
        verb,
        list_url=LIST,
        detail_url="/api/v1/states/LAO/",
        payloads={"post": PERU, "put": LAO_FULL, "patch": {"name": "Lao PDR"}},
        watched=[State],
    )
    if response.status_code == 201:
        assert response.json()["entry_into_force"] == "2013-03-01"
        assert State.objects.get(iso3="PER").entry_into_force == date(2013, 3, 1)
    if verb in ("put", "patch") and response.status_code == 200:
        assert State.objects.get(iso3="LAO").name == "Lao PDR"
    if verb == "detail":
        assert response.json() == {
            "iso3": "LAO",
            "name": "Lao People's Democratic Republic",
            "region": "asia",
            "status": "party",
            "signature_date": "2008-12-03",
            "deposit_date": "2009-03-18",
            "instrument": "ratification",
            "entry_into_force": "2010-08-01",
            "withdrawal_date": None,
            "withdrawal_effective_on": None,
        }


def test_anonymous_refusal_says_how_to_authenticate(anon_client, lao):
    response = anon_client.patch("/api/v1/states/LAO/", {"name": "x"}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_session_authentication_works_for_the_browser(client, isu, lao):
    client.force_login(isu)
    response = client.patch("/api/v1/states/LAO/", {"name": "Lao PDR"}, content_type="application/json")
    assert response.status_code == 200
    assert State.objects.get(iso3="LAO").name == "Lao PDR"


class TestLookups:
    def test_lowercase_iso3(self, anon_client, lao):
        response = anon_client.get("/api/v1/states/lao/")
        assert response.status_code == 200
        assert response.json()["iso3"] == "LAO"

    def test_lowercase_iso3_for_writes(self, isu_client, lao):
        assert isu_client.patch("/api/v1/states/lao/", {"name": "Lao PDR"}, format="json").status_code == 200

    @pytest.mark.parametrize("path", ["ZZZ/", "zzz/", "LA/", "LAOS/", "L4O/", "123/"])
    def test_unknown_state_is_404(self, anon_client, lao, path):
        assert anon_client.get(LIST + path).status_code == 404


class TestFilters:
    @pytest.fixture
    def states(self, lao, other_state):
        StateFactory(iso3="AGO", name="Angola", region="africa", status="signatory", deposit_date=None, instrument="")
        StateFactory(iso3="NOR", name="Norway", region="europe", deposit_date=date(2008, 12, 3))

    def _codes(self, client, query: str) -> list[str]:
        response = client.get(LIST + query)
        assert response.status_code == 200, response.content
        return [s["iso3"] for s in response.json()["results"]]

    def test_ordered_by_name(self, anon_client, states):
        assert self._codes(anon_client, "") == ["AGO", "BIH", "LAO", "NOR"]

    def test_status(self, anon_client, states):
        assert self._codes(anon_client, "?status=signatory") == ["AGO"]
        assert self._codes(anon_client, "?status=party") == ["BIH", "LAO", "NOR"]

    def test_region(self, anon_client, states):
        assert self._codes(anon_client, "?region=europe") == ["BIH", "NOR"]

    def test_search_by_name_or_code(self, anon_client, states):
        assert self._codes(anon_client, "?search=lao") == ["LAO"]
        assert self._codes(anon_client, "?search=bosnia") == ["BIH"]
        assert self._codes(anon_client, "?search=NGOL") == ["AGO"]
        assert self._codes(anon_client, "?search=%20%20") == ["AGO", "BIH", "LAO", "NOR"]

    def test_ordering(self, anon_client, states):
        assert self._codes(anon_client, "?ordering=-iso3") == ["NOR", "LAO", "BIH", "AGO"]
        assert self._codes(anon_client, "?ordering=deposit_date")[:3] == ["NOR", "LAO", "BIH"]

    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ("status=bogus", "status"),
            ("region=mars", "region"),
            ("ordering=bogus", "ordering"),
            ("ordering=password", "ordering"),
            ("search=" + "x" * 101, "search"),
        ],
    )
    def test_bad_values_are_400_naming_the_field(self, anon_client, states, query, field):
        response = anon_client.get(f"{LIST}?{query}")
        assert response.status_code == 400
        assert list(response.json()) == [field]

    def test_bad_page_is_404(self, anon_client, states):
        assert anon_client.get(LIST + "?page=99").status_code == 404
        assert anon_client.get(LIST + "?page=abc").status_code == 404

    def test_page_size(self, anon_client, states):
        body = anon_client.get(LIST + "?page_size=2").json()
        assert (body["count"], len(body["results"])) == (4, 2)
        assert body["next"].endswith("page=2&page_size=2")
        assert body["previous"] is None

    def test_page_size_is_capped_at_500(self, anon_client):
        State.objects.bulk_create(
            State(iso3=f"Q{chr(65 + n // 26)}{chr(65 + n % 26)}", name=f"S{n}", region="asia", status="non_signatory")
            for n in range(505)
        )
        body = anon_client.get(LIST + "?page_size=100000").json()
        assert body["count"] == 505
        assert len(body["results"]) == 500


def test_list_query_count_does_not_grow_with_page_size(anon_client, isu_client, django_assert_max_num_queries):
    for n in range(30):
        StateFactory(iso3=f"Q{chr(65 + n // 26)}{chr(65 + n % 26)}")
    # count + page (+ token lookup), and the savepoint pair of ATOMIC_REQUESTS
    for client, most in ((anon_client, 4), (isu_client, 5)):
        counts = []
        for size in (5, 100):
            with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(most):
                assert client.get(f"{LIST}?page_size={size}").status_code == 200
            counts.append(len(queries))
        assert counts[0] == counts[1]


class TestWriteValidation:
    def test_create_computes_entry_into_force(self, isu_client):
        response = isu_client.post(LIST, {**PERU, "iso3": "per", "entry_into_force": "1999-01-01"}, format="json")
        assert response.status_code == 201, response.content
        assert (response.json()["iso3"], response.json()["entry_into_force"]) == ("PER", "2013-03-01")

    def test_duplicate_code(self, isu_client, lao):
        response = isu_client.post(LIST, {**PERU, "iso3": "LAO"}, format="json")
        assert response.status_code == 400
        assert list(response.json()) == ["iso3"]

    def test_the_code_does_not_change(self, isu_client, lao):
        response = isu_client.patch("/api/v1/states/LAO/", {"iso3": "LAP"}, format="json")
        assert response.status_code == 400
        assert list(response.json()) == ["iso3"]
        assert State.objects.filter(iso3="LAO").exists()

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"deposit_date": None, "instrument": ""}, "deposit_date"),
            ({"status": "signatory"}, "status"),
            ({"signature_date": "2009-03-19"}, "deposit_date"),
            ({"status": "withdrawn"}, "withdrawal_date"),
            ({"withdrawal_date": "2009-03-17"}, "withdrawal_date"),
            ({"region": "mars"}, "region"),
            ({"deposit_date": "2009-02-30"}, "deposit_date"),
            ({"deposit_date": 20090318}, "deposit_date"),
            ({"status": ["party"]}, "status"),
            ({"name": None}, "name"),
            ({"name": "x" * 101}, "name"),
            ({"name": "bad\x00name"}, "name"),
        ],
    )
    def test_patch_refuses_what_clean_refuses(self, isu_client, lao, change, field):
        before = list(State.objects.values())
        response = isu_client.patch("/api/v1/states/LAO/", change, format="json")
        assert response.status_code == 400, response.content
        assert field in response.json()
        assert list(State.objects.values()) == before

    def test_patch_withdrawal(self, isu_client, lao):
        response = isu_client.patch(
            "/api/v1/states/LAO/", {"status": "withdrawn", "withdrawal_date": "2024-09-06"}, format="json"
        )
        assert response.status_code == 200, response.content
        assert response.json()["withdrawal_effective_on"] == "2025-03-06"

    @pytest.mark.parametrize("body", ["{not json", "[1, 2]", '"LAO"', "null", "1e999999"])
    def test_garbage_bodies_are_400(self, isu_client, lao, body):
        response = isu_client.post(LIST, body, content_type="application/json")
        assert response.status_code == 400
        response = isu_client.patch("/api/v1/states/LAO/", body, content_type="application/json")
        assert response.status_code == 400

    def test_unsupported_media_type(self, isu_client, lao):
        response = isu_client.post(LIST, "iso3=PER", content_type="text/plain")
        assert response.status_code == 415
