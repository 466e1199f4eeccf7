"""`/api/v1/obligations/`, `/extension-requests/`, `/meetings/`: role x verb matrix, filters,
validation (400, never 500), deadlines moved by decisions, query counts."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from obligations.models import ExtensionRequest, Meeting, Obligation
from states.models import State
from tests.factories import ExtensionRequestFactory, MeetingFactory, ObligationFactory, StateFactory
from tests.states.api_matrix import ROLES, VERBS, check

pytestmark = pytest.mark.django_db

OBLIGATIONS = "/api/v1/obligations/"
EXTENSIONS = "/api/v1/extension-requests/"
MEETINGS = "/api/v1/meetings/"


@pytest.fixture
def nmsp(db):
    return MeetingFactory(code="9MSP", name="Ninth Meeting", start_date=date(2019, 9, 2), end_date=date(2019, 9, 4))


@pytest.fixture
def clearance(lao):
    return ObligationFactory(state=lao, article=4)


def _detail(base: str, pk) -> str:
    return f"{base}{pk}/"


class TestObligationMatrix:
    @pytest.mark.parametrize("verb", VERBS)
    @pytest.mark.parametrize("role", ROLES)
    def test_role_verb_matrix(self, request, clearance, nmsp, role, verb):
        response = check(
            request,
            role,
            verb,
            list_url=OBLIGATIONS,
            detail_url=_detail(OBLIGATIONS, clearance.pk),
            payloads={
                "post": {"state": "LAO", "article": 3},
                "put": {"state": "LAO", "article": 4, "notes": "Survey ongoing"},
                "patch": {"notes": "Survey ongoing"},
            },
            watched=[Obligation, State],
        )
        if response.status_code == 201:
            assert response.json()["original_deadline"] == "2018-08-01"
        if verb in ("put", "patch") and response.status_code == 200:
            assert Obligation.objects.get(pk=clearance.pk).notes == "Survey ongoing"
        if verb == "detail":
            assert response.json() == {
                "id": clearance.pk,
                "state": "LAO",
                "article": 4,
                "original_deadline": "2020-08-01",
                "current_deadline": "2020-08-01",
                "status": "active",
                "completed_on": None,
                "hostilities_ended_on": None,
                "compliance_declared_at": None,
                "national_measures": "",
                "legislation_adopted_on": None,
                "notes": "",
                "extension_request_due": "2018-12-02",
            }


class TestExtensionMatrix:
    @pytest.mark.parametrize("verb", VERBS)
    @pytest.mark.parametrize("role", ROLES)
    def test_role_verb_matrix(self, request, clearance, nmsp, role, verb):
        extension = ExtensionRequestFactory(obligation=clearance, meeting=nmsp, submitted_on=date(2018, 11, 1))
        response = check(
            request,
            role,
            verb,
            list_url=EXTENSIONS,
            detail_url=_detail(EXTENSIONS, extension.pk),
            payloads={
                "post": {"obligation": clearance.pk, "submitted_on": "2019-01-10", "requested_deadline": "2024-08-01"},
                "put": {
                    "obligation": clearance.pk,
                    "meeting": "9MSP",
                    "submitted_on": "2018-11-01",
                    "requested_deadline": "2025-08-01",
                    "status": "granted",
                    "decided_on": "2019-09-04",
                    "granted_deadline": "2025-08-01",
                },
                "patch": {"notes": "Consultative meeting held"},
            },
            watched=[ExtensionRequest, Obligation],
        )
        if verb == "put" and response.status_code == 200:
            assert Obligation.objects.get(pk=clearance.pk).current_deadline == date(2025, 8, 1)
        if verb == "detail":
            assert response.json() == {
                "id": extension.pk,
                "obligation": clearance.pk,
                "state": "LAO",
                "article": 4,
                "meeting": "9MSP",
                "submitted_on": "2018-11-01",
                "previous_deadline": "2020-08-01",
                "requested_deadline": "2025-08-01",
                "status": "submitted",
                "decided_on": None,
                "granted_deadline": None,
                "is_late": False,
                "notes": "",
                "source": "",
            }


class TestMeetingMatrix:
    @pytest.mark.parametrize("verb", VERBS)
    @pytest.mark.parametrize("role", ROLES)
    def test_read_only_for_everyone(self, request, nmsp, role, verb):
        response = check(
            request,
            role,
            verb,
            list_url=MEETINGS,
            detail_url=_detail(MEETINGS, "9MSP"),
            payloads={"post": {"code": "14MSP", "name": "x", "kind": "msp"}, "put": {"name": "x"}, "patch": {}},
            watched=[Meeting],
            writable=False,
        )
        if verb == "detail":
            assert response.json() == {
                "id": nmsp.pk,
                "code": "9MSP",
                "name": "Ninth Meeting",
                "kind": "msp",
                "start_date": "2019-09-02",
                "end_date": "2019-09-04",
                "city": "",
                "country": "",
                "extension_request_due": "2018-12-02",
            }

    def test_unknown_meeting_is_404(self, anon_client, nmsp):
        assert anon_client.get(MEETINGS + "99MSP/").status_code == 404

    def test_kind_filter(self, anon_client, nmsp):
        MeetingFactory(code="2RC-1", kind="rc", start_date=date(2020, 11, 25))
        assert [m["code"] for m in anon_client.get(MEETINGS + "?kind=rc").json()["results"]] == ["2RC-1"]
        response = anon_client.get(MEETINGS + "?kind=party")
        assert response.status_code == 400
        assert list(response.json()) == ["kind"]

    def test_ordered_by_date_with_undated_last(self, anon_client, nmsp):
        MeetingFactory(code="14MSP", start_date=None, end_date=None)
        MeetingFactory(code="8MSP", start_date=date(2018, 9, 3))
        codes = [m["code"] for m in anon_client.get(MEETINGS).json()["results"]]
        assert codes == ["8MSP", "9MSP", "14MSP"]


class TestObligationFilters:
    @pytest.fixture
    def obligations(self, lao, other_state):
        # LAO: EIF 2010-08-01; BIH: EIF 2011-03-01
        return {
            "lao3": ObligationFactory(state=lao, article=3, status="completed", completed_on=date(2012, 1, 1)),
            "lao4": ObligationFactory(state=lao, article=4),
            "lao7": ObligationFactory(state=lao, article=7),
            "bih4": ObligationFactory(state=other_state, article=4),
            "bih9": ObligationFactory(state=other_state, article=9),
        }

    def _ids(self, client, query: str) -> set[int]:
        response = client.get(OBLIGATIONS + query)
        assert response.status_code == 200, response.content
        return {o["id"] for o in response.json()["results"]}

    def _of(self, obligations, *names) -> set[int]:
        return {obligations[n].pk for n in names}

    def test_state_is_case_insensitive(self, anon_client, obligations):
        assert self._ids(anon_client, "?state=lao") == self._of(obligations, "lao3", "lao4", "lao7")
        assert self._ids(anon_client, "?state=ZZZ") == set()

    def test_article(self, anon_client, obligations):
        assert self._ids(anon_client, "?article=4") == self._of(obligations, "lao4", "bih4")

    def test_status(self, anon_client, obligations):
        assert self._ids(anon_client, "?status=completed") == self._of(obligations, "lao3")

    def test_region(self, anon_client, obligations):
        assert self._ids(anon_client, "?region=europe") == self._of(obligations, "bih4", "bih9")

    def test_deadline_window_is_inclusive(self, anon_client, obligations):
        # current deadlines: lao3 2018-08-01, lao4 2020-08-01, lao7 2011-01-28, bih4 2021-03-01, bih9 none
        query = "?deadline_after=2018-08-01&deadline_before=2020-08-01"
        assert self._ids(anon_client, query) == self._of(obligations, "lao3", "lao4")
        assert self._ids(anon_client, "?deadline_before=2011-01-28") == self._of(obligations, "lao7")
        assert self._ids(anon_client, "?deadline_after=2021-03-01") == self._of(obligations, "bih4")

    def test_ordering(self, anon_client, obligations):
        results = anon_client.get(OBLIGATIONS + "?ordering=-current_deadline&article=4").json()["results"]
        assert [o["state"] for o in results] == ["BIH", "LAO"]

    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ("article=6", "article"),
            ("article=four", "article"),
            ("status=bogus", "status"),
            ("region=mars", "region"),
            ("deadline_before=2020-13-01", "deadline_before"),
            ("deadline_after=yesterday", "deadline_after"),
            ("ordering=bogus", "ordering"),
            ("ordering=state__user__password", "ordering"),
        ],
    )
    def test_bad_values_are_400_naming_the_field(self, anon_client, obligations, query, field):
        response = anon_client.get(f"{OBLIGATIONS}?{query}")
        assert response.status_code == 400
        assert list(response.json()) == [field]


class TestExtensionFilters:
    @pytest.fixture
    def extensions(self, clearance, other_state, nmsp):
        granted = ExtensionRequestFactory(
            obligation=clearance,
            meeting=nmsp,
            status="granted",
            decided_on=date(2019, 9, 4),
            granted_deadline=date(2025, 8, 1),
        )
        pending = ExtensionRequestFactory(
            obligation=ObligationFactory(state=other_state, article=3), requested_deadline=date(2022, 3, 1)
        )
        return granted, pending

    def _ids(self, client, query: str) -> list[int]:
        response = client.get(EXTENSIONS + query)
        assert response.status_code == 200, response.content
        return [e["id"] for e in response.json()["results"]]

    def test_filters(self, anon_client, extensions):
        granted, pending = extensions
        assert self._ids(anon_client, "?state=lao") == [granted.pk]
        assert self._ids(anon_client, "?article=3") == [pending.pk]
        assert self._ids(anon_client, "?status=granted") == [granted.pk]
        assert self._ids(anon_client, f"?obligation={pending.obligation_id}") == [pending.pk]
        assert self._ids(anon_client, "?meeting=9MSP") == [granted.pk]

    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ("article=7", "article"),
            ("status=accepted", "status"),
            ("obligation=abc", "obligation"),
            ("ordering=bogus", "ordering"),
        ],
    )
    def test_bad_values_are_400_naming_the_field(self, anon_client, extensions, query, field):
        response = anon_client.get(f"{EXTENSIONS}?{query}")
        assert response.status_code == 400
        assert list(response.json()) == [field]


class TestObligationWrites:
    def test_create_computes_deadlines_and_ignores_typed_ones(self, isu_client, lao):
        response = isu_client.post(
            OBLIGATIONS,
            {"state": "lao", "article": 4, "original_deadline": "2099-01-01", "current_deadline": "2099-01-01"},
            format="json",
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert (body["state"], body["original_deadline"], body["current_deadline"]) == (
            "LAO",
            "2020-08-01",
            "2020-08-01",
        )

    def test_hostilities_move_the_deadline(self, isu_client, lao):
        response = isu_client.post(
            OBLIGATIONS, {"state": "LAO", "article": 4, "hostilities_ended_on": "2015-06-30"}, format="json"
        )
        assert response.status_code == 201, response.content
        assert response.json()["original_deadline"] == "2025-06-30"

    def test_creating_twice_is_400(self, isu_client, lao):
        assert isu_client.post(OBLIGATIONS, {"state": "LAO", "article": 4}, format="json").status_code == 201
        response = isu_client.post(OBLIGATIONS, {"state": "LAO", "article": 4}, format="json")
        assert response.status_code == 400
        assert "This state already has an obligation under this article." in str(response.json())
        assert Obligation.objects.count() == 1

    def test_patch_completes_an_obligation(self, isu_client, clearance):
        response = isu_client.patch(
            _detail(OBLIGATIONS, clearance.pk), {"status": "completed", "completed_on": "2019-06-01"}, format="json"
        )
        assert response.status_code == 200, response.content
        assert (response.json()["status"], response.json()["completed_on"]) == ("completed", "2019-06-01")
        clearance.refresh_from_db()
        assert (clearance.status, clearance.completed_on) == ("completed", date(2019, 6, 1))

    def test_completing_needs_a_date(self, isu_client, clearance):
        response = isu_client.patch(_detail(OBLIGATIONS, clearance.pk), {"status": "completed"}, format="json")
        assert response.status_code == 400
        assert list(response.json()) == ["completed_on"]

    @pytest.mark.parametrize("change", [{"state": "BIH"}, {"article": 3}])
    def test_state_and_article_do_not_change(self, isu_client, clearance, other_state, change):
        response = isu_client.patch(_detail(OBLIGATIONS, clearance.pk), change, format="json")
        assert response.status_code == 400
        assert list(response.json()) == list(change)

    def test_no_obligation_for_a_signatory(self, isu_client):
        StateFactory(iso3="AGO", status="signatory", deposit_date=None, instrument="")
        response = isu_client.post(OBLIGATIONS, {"state": "AGO", "article": 4}, format="json")
        assert response.status_code == 400
        assert list(response.json()) == ["state"]

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"state": "ZZZ", "article": 4}, "state"),
            ({"state": 123, "article": 4}, "state"),
            ({"state": ["LAO"], "article": 4}, "state"),
            ({"state": {"iso3": "LAO"}, "article": 4}, "state"),
            ({"state": None, "article": 4}, "state"),
            ({"article": 4}, "state"),
            ({"state": "LAO", "article": 6}, "article"),
            ({"state": "LAO", "article": "four"}, "article"),
            ({"state": "LAO", "article": None}, "article"),
            ({"state": "LAO", "article": 4, "hostilities_ended_on": "2020-13-01"}, "hostilities_ended_on"),
            ({"state": "LAO", "article": 4, "hostilities_ended_on": "2009-01-01"}, "hostilities_ended_on"),
            ({"state": "LAO", "article": 3, "hostilities_ended_on": "2015-01-01"}, "hostilities_ended_on"),
            ({"state": "LAO", "article": 4, "status": "done"}, "status"),
            ({"state": "LAO", "article": 4, "completed_on": 5}, "completed_on"),
            ({"state": "LAO", "article": 4, "compliance_declared_at": 999999}, "compliance_declared_at"),
            ({"state": "LAO", "article": 4, "notes": "nul\x00byte"}, "notes"),
            ({"state": "LAO", "article": 4, "national_measures": "existing_law"}, "national_measures"),
        ],
    )
    def test_wrong_values_and_types_are_400(self, isu_client, lao, body, field):
        response = isu_client.post(OBLIGATIONS, body, format="json")
        assert response.status_code == 400, response.content
        assert field in response.json()
        assert Obligation.objects.count() == 0

    @pytest.mark.parametrize("body", ["{not json", "[1, 2]", '"LAO"', "null", '{"state": "LAO", "article": 4'])
    def test_garbage_json_is_400(self, isu_client, clearance, body):
        assert isu_client.post(OBLIGATIONS, body, content_type="application/json").status_code == 400
        assert (
            isu_client.put(_detail(OBLIGATIONS, clearance.pk), body, content_type="application/json").status_code == 400
        )
        assert Obligation.objects.count() == 1

    @pytest.mark.parametrize("pk", ["0", "999999", "99999999999999999999", "abc", "-1"])
    def test_unknown_obligation_is_404(self, anon_client, isu_client, pk):
        assert anon_client.get(f"{OBLIGATIONS}{pk}/").status_code == 404
        assert isu_client.patch(f"{OBLIGATIONS}{pk}/", {"notes": "x"}, format="json").status_code == 404


class TestExtensionWrites:
    def _post(self, client, obligation, **values):
        return client.post(EXTENSIONS, {"obligation": obligation.pk, **values}, format="json")

    def test_granting_moves_the_deadline_and_refusing_moves_it_back(self, isu_client, clearance, nmsp):
        response = self._post(
            isu_client,
            clearance,
            meeting="9MSP",
            submitted_on="2018-11-01",
            requested_deadline="2025-08-01",
            status="granted",
            decided_on="2019-09-04",
            granted_deadline="2025-08-01",
        )
        assert response.status_code == 201, response.content
        assert response.json()["previous_deadline"] == "2020-08-01"
        assert isu_client.get(_detail(OBLIGATIONS, clearance.pk)).json()["current_deadline"] == "2025-08-01"

        response = isu_client.patch(
            _detail(EXTENSIONS, response.json()["id"]), {"status": "refused", "granted_deadline": None}, format="json"
        )
        assert response.status_code == 200, response.content
        assert isu_client.get(_detail(OBLIGATIONS, clearance.pk)).json()["current_deadline"] == "2020-08-01"

    def test_a_shorter_grant_is_stored_as_given(self, isu_client, lao):
        stockpiles = ObligationFactory(state=lao, article=3)
        response = self._post(
            isu_client,
            stockpiles,
            requested_deadline="2022-08-01",
            status="granted",
            decided_on="2018-09-05",
            granted_deadline="2019-11-01",
        )
        assert response.status_code == 201, response.content
        assert (response.json()["requested_deadline"], response.json()["granted_deadline"]) == (
            "2022-08-01",
            "2019-11-01",
        )
        stockpiles.refresh_from_db()
        assert stockpiles.current_deadline == date(2019, 11, 1)

    def test_late_request(self, isu_client, clearance, nmsp):
        response = self._post(isu_client, clearance, meeting="9MSP", submitted_on="2018-12-03")
        assert response.status_code == 201, response.content
        assert response.json()["is_late"] is True

    @pytest.mark.parametrize(
        ("values", "field"),
        [
            ({"requested_deadline": "2025-08-02"}, "requested_deadline"),
            ({"requested_deadline": "2020-08-01"}, "requested_deadline"),
            ({"status": "granted", "decided_on": "2019-09-04", "granted_deadline": "2025-08-02"}, "granted_deadline"),
            ({"status": "granted", "granted_deadline": "2025-08-01"}, "decided_on"),
            ({"status": "granted", "decided_on": "2019-09-04"}, "granted_deadline"),
            ({"decided_on": "2019-09-04"}, "decided_on"),
            ({"status": "maybe"}, "status"),
            ({"meeting": "99MSP"}, "meeting"),
            ({"meeting": 9}, "meeting"),
            ({"submitted_on": "2018-02-30"}, "submitted_on"),
            ({"requested_deadline": ["2025-08-01"]}, "requested_deadline"),
        ],
    )
    def test_refusals_are_400(self, isu_client, clearance, nmsp, values, field):
        response = self._post(isu_client, clearance, **values)
        assert response.status_code == 400, response.content
        assert field in response.json()
        assert ExtensionRequest.objects.count() == 0

    def test_article_3_allows_four_years(self, isu_client, lao):
        stockpiles = ObligationFactory(state=lao, article=3)
        response = self._post(isu_client, stockpiles, requested_deadline="2022-08-02")
        assert response.status_code == 400
        assert response.json() == {
            "requested_deadline": ["One extension is at most 4 years under Article 3: 2022-08-01 at the latest."]
        }

    @pytest.mark.parametrize("article", [5, 7, 9])
    def test_only_articles_3_and_4(self, isu_client, lao, article):
        response = self._post(
            isu_client, ObligationFactory(state=lao, article=article), requested_deadline="2030-01-01"
        )
        assert response.status_code == 400
        assert list(response.json()) == ["obligation"]

    @pytest.mark.parametrize("obligation", [None, "abc", 99999999999999999999, [1], 0])
    def test_bad_obligation_is_400(self, isu_client, clearance, obligation):
        response = isu_client.post(EXTENSIONS, {"obligation": obligation}, format="json")
        assert response.status_code == 400
        assert list(response.json()) == ["obligation"]

    def test_a_request_does_not_move_to_another_obligation(self, isu_client, clearance, other_state):
        extension = ExtensionRequestFactory(obligation=clearance)
        other = ObligationFactory(state=other_state, article=4)
        response = isu_client.patch(_detail(EXTENSIONS, extension.pk), {"obligation": other.pk}, format="json")
        assert response.status_code == 400
        assert list(response.json()) == ["obligation"]


@pytest.mark.parametrize(
    ("url", "most"),
    [(OBLIGATIONS, 5), (EXTENSIONS, 4), (MEETINGS, 4)],
)
def test_list_query_count_does_not_grow_with_page_size(anon_client, lao, url, most, django_assert_max_num_queries):
    # count + page (+ the meetings calendar for obligations) + the ATOMIC_REQUESTS savepoint pair
    for n in range(12):
        state = StateFactory(iso3=f"Q{chr(65 + n)}A", deposit_date=date(2009, 3, 18))
        ExtensionRequestFactory(obligation=ObligationFactory(state=state, article=4))
        ObligationFactory(state=state, article=3)
        MeetingFactory(code=f"{n + 1}MSP", start_date=date(2010 + n, 9, 1))
    counts = []
    for size in (5, 100):
        with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(most):
            assert anon_client.get(f"{url}?page_size={size}").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
