"""Obligation pages: list and detail, and the ISU's forms (obligation, extension request)."""

from datetime import date

import pytest

from obligations.models import ExtensionRequest, Obligation
from tests.factories import ExtensionRequestFactory, MeetingFactory, ObligationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clearance(lao):
    return ObligationFactory(state=lao, article=4)


@pytest.fixture
def nmsp(db):
    return MeetingFactory(code="9MSP", name="Ninth Meeting", start_date=date(2019, 9, 2), end_date=date(2019, 9, 4))


def _obligation_form(state_obj, **values) -> dict:
    data = {
        "state": state_obj.pk,
        "article": 3,
        "hostilities_ended_on": "",
        "status": "active",
        "completed_on": "",
        "compliance_declared_at": "",
        "national_measures": "",
        "legislation_adopted_on": "",
        "notes": "",
    }
    data.update(values)
    return data


def _extension_form(**values) -> dict:
    data = {
        "meeting": "",
        "submitted_on": "",
        "requested_deadline": "",
        "status": "submitted",
        "decided_on": "",
        "granted_deadline": "",
        "notes": "",
        "source": "",
    }
    data.update(values)
    return data


class TestList:
    @pytest.fixture
    def obligations(self, lao, other_state, clearance):
        return [clearance, ObligationFactory(state=lao, article=7), ObligationFactory(state=other_state, article=4)]

    def _rows(self, response) -> list[tuple[str, int]]:
        return [(o.state.iso3, o.article) for o in response.context["page"].object_list]

    def test_ordered_by_deadline(self, client, obligations):
        response = client.get("/obligations/")
        assert response.status_code == 200
        assert self._rows(response) == [("LAO", 7), ("LAO", 4), ("BIH", 4)]

    @pytest.mark.parametrize(
        ("query", "rows"),
        [
            ("article=4", [("LAO", 4), ("BIH", 4)]),
            ("state=bih", [("BIH", 4)]),
            ("deadline_after=2020-08-01&deadline_before=2021-03-01", [("LAO", 4), ("BIH", 4)]),
            ("deadline_before=2020-07-31", [("LAO", 7)]),
            ("region=europe", [("BIH", 4)]),
            ("status=completed", []),
        ],
    )
    def test_filters(self, client, obligations, query, rows):
        assert self._rows(client.get(f"/obligations/?{query}")) == rows

    @pytest.mark.parametrize(
        ("query", "field", "message"),
        [
            ("article=6", "article", "Select a valid choice."),
            ("status=bogus", "status", "Select a valid choice."),
            ("deadline_before=2020-13-01", "deadline_before", "Enter a valid date."),
            ("deadline_after=soon", "deadline_after", "Enter a valid date."),
        ],
    )
    def test_invalid_filters_show_the_field_error(self, client, obligations, query, field, message):
        response = client.get(f"/obligations/?{query}")
        assert response.status_code == 200
        assert field in response.context["filter"].errors
        assert message in response.content.decode()
        assert self._rows(response) == []

    def test_add_link_for_the_isu_only(self, client, obligations, isu, focal_point):
        assert "/obligations/new/" not in client.get("/obligations/").content.decode()
        client.force_login(focal_point)
        assert "/obligations/new/" not in client.get("/obligations/").content.decode()
        client.force_login(isu)
        assert "/obligations/new/" in client.get("/obligations/").content.decode()


class TestDetail:
    def test_shows_deadlines_and_the_deciding_meeting(self, client, clearance, nmsp):
        response = client.get(f"/obligations/{clearance.pk}/")
        assert response.status_code == 200
        html = response.content.decode()
        for expected in ("2010-08-01", "2020-08-01", "2018-12-02", "Ninth Meeting", "No extension has been requested."):
            assert expected in html
        assert f"/obligations/{clearance.pk}/edit/" not in html

    def test_isu_sees_edit_links(self, client, isu, clearance):
        client.force_login(isu)
        html = client.get(f"/obligations/{clearance.pk}/").content.decode()
        assert f"/obligations/{clearance.pk}/edit/" in html
        assert f"/obligations/{clearance.pk}/extensions/new/" in html

    def test_article_5_has_no_deadline(self, client, lao):
        html = client.get(f"/obligations/{ObligationFactory(state=lao, article=5).pk}/").content.decode()
        assert "none in the treaty" in html

    @pytest.mark.parametrize("pk", ["0", "999999", "99999999999999999999"])
    def test_unknown_is_404(self, client, pk):
        assert client.get(f"/obligations/{pk}/").status_code == 404


FORM_URLS = [
    "/obligations/new/",
    "/obligations/{o}/edit/",
    "/obligations/{o}/extensions/new/",
    "/obligations/{o}/extensions/{e}/edit/",
]


class TestFormAccess:
    @pytest.fixture
    def urls(self, clearance):
        extension = ExtensionRequestFactory(obligation=clearance)
        return [url.format(o=clearance.pk, e=extension.pk) for url in FORM_URLS]

    def test_anonymous_is_sent_to_login(self, client, urls):
        for url in urls:
            for method in (client.get, client.post):
                response = method(url)
                assert response.status_code == 302, url
                assert response["Location"].startswith("/accounts/login/?next=")

    @pytest.mark.parametrize("user", ["donor_user", "focal_point", "outsider"])
    def test_other_roles_are_refused(self, request, client, urls, clearance, user):
        client.force_login(request.getfixturevalue(user))
        before = (list(Obligation.objects.values()), list(ExtensionRequest.objects.values()))
        for url in urls:
            assert client.get(url).status_code == 403, url
            assert client.post(url, _obligation_form(clearance.state, notes="x")).status_code == 403, url
        assert (list(Obligation.objects.values()), list(ExtensionRequest.objects.values())) == before

    def test_the_isu_may(self, client, isu, urls):
        client.force_login(isu)
        for url in urls:
            assert client.get(url).status_code == 200, url

    def test_unknown_objects_are_404(self, client, isu, clearance):
        client.force_login(isu)
        assert client.get("/obligations/999999/edit/").status_code == 404
        assert client.get("/obligations/0/edit/").status_code == 404  # not the "new" form
        assert client.get("/obligations/new/?state=%00").status_code == 200
        assert client.get("/obligations/999999/extensions/new/").status_code == 404
        assert client.get(f"/obligations/{clearance.pk}/extensions/999999/edit/").status_code == 404

    def test_no_extension_form_for_article_7(self, client, isu, lao):
        client.force_login(isu)
        reports = ObligationFactory(state=lao, article=7)
        assert client.get(f"/obligations/{reports.pk}/extensions/new/").status_code == 404


class TestObligationForm:
    @pytest.fixture(autouse=True)
    def _login(self, client, isu):
        client.force_login(isu)

    def test_create_redirects_to_the_obligation(self, client, lao):
        response = client.post("/obligations/new/", _obligation_form(lao, article=4))
        obligation = Obligation.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/obligations/{obligation.pk}/"
        assert (obligation.original_deadline, obligation.current_deadline) == (date(2020, 8, 1), date(2020, 8, 1))

    def test_state_is_preselected(self, client, lao):
        response = client.get("/obligations/new/?state=lao")
        assert response.context["form"].initial["state"] == lao
        assert client.get("/obligations/new/?state=nowhere").status_code == 200

    def test_signatories_are_not_offered(self, client, lao):
        from tests.factories import StateFactory

        angola = StateFactory(iso3="AGO", status="signatory", deposit_date=None, instrument="")
        response = client.post("/obligations/new/", _obligation_form(angola))
        assert response.status_code == 200
        assert "state" in response.context["form"].errors
        assert not Obligation.objects.exists()

    @pytest.mark.parametrize(
        ("values", "field"),
        [
            ({"state": ""}, "state"),
            ({"article": 6}, "article"),
            ({"status": "completed"}, "completed_on"),
            ({"completed_on": "2019-01-01"}, "status"),
            ({"completed_on": "2019-13-01", "status": "completed"}, "completed_on"),
            ({"hostilities_ended_on": "2015-01-01"}, "hostilities_ended_on"),  # article 3
            ({"article": 4, "hostilities_ended_on": "2009-12-31"}, "hostilities_ended_on"),
            ({"national_measures": "existing_law"}, "national_measures"),
        ],
    )
    def test_field_errors_are_shown_and_nothing_saved(self, client, lao, values, field):
        response = client.post("/obligations/new/", _obligation_form(lao, **values))
        assert response.status_code == 200
        assert field in response.context["form"].errors
        html = response.content.decode()
        assert 'class="error-summary"' in html
        assert 'class="field-error"' in html
        assert not Obligation.objects.exists()

    def test_duplicate_is_a_form_error(self, client, lao, clearance):
        response = client.post("/obligations/new/", _obligation_form(lao, article=4))
        assert response.status_code == 200
        assert "This state already has an obligation under this article." in response.content.decode()
        assert Obligation.objects.count() == 1

    def test_edit_completes_and_keeps_state_and_article(self, client, clearance, other_state):
        response = client.post(
            f"/obligations/{clearance.pk}/edit/",
            _obligation_form(other_state, article=3, status="completed", completed_on="2019-06-01", notes="Done"),
        )
        assert response.status_code == 302
        clearance.refresh_from_db()
        assert (clearance.state.iso3, clearance.article) == ("LAO", 4)
        assert (clearance.status, clearance.completed_on, clearance.notes) == ("completed", date(2019, 6, 1), "Done")


class TestExtensionForm:
    @pytest.fixture(autouse=True)
    def _login(self, client, isu):
        client.force_login(isu)

    def test_grant_moves_the_deadline(self, client, clearance, nmsp):
        response = client.post(
            f"/obligations/{clearance.pk}/extensions/new/",
            _extension_form(
                meeting=nmsp.pk,
                submitted_on="2018-11-30",
                requested_deadline="2025-08-01",
                status="granted",
                decided_on="2019-09-04",
                granted_deadline="2025-08-01",
            ),
        )
        assert response.status_code == 302
        assert response["Location"] == f"/obligations/{clearance.pk}/"
        clearance.refresh_from_db()
        assert clearance.current_deadline == date(2025, 8, 1)
        assert ExtensionRequest.objects.get().previous_deadline == date(2020, 8, 1)

    @pytest.mark.parametrize(
        ("values", "field", "message"),
        [
            (
                {"status": "granted", "decided_on": "2019-09-04", "granted_deadline": "2025-08-02"},
                "granted_deadline",
                "One extension is at most 5 years under Article 4: 2025-08-01 at the latest.",
            ),
            ({"requested_deadline": "2020-07-01"}, "requested_deadline", "Must be later than the current deadline"),
            ({"status": "granted", "granted_deadline": "2025-08-01"}, "decided_on", "Give the date of the decision."),
            ({"status": "granted", "decided_on": "2019-09-04"}, "granted_deadline", "Give the deadline the meeting"),
            ({"submitted_on": "2019-02-30"}, "submitted_on", "Enter a valid date."),
        ],
    )
    def test_field_errors_are_shown_and_nothing_saved(self, client, clearance, values, field, message):
        response = client.post(f"/obligations/{clearance.pk}/extensions/new/", _extension_form(**values))
        assert response.status_code == 200
        assert field in response.context["form"].errors
        html = response.content.decode()
        assert message in html
        assert 'class="error-summary"' in html
        assert not ExtensionRequest.objects.exists()
        clearance.refresh_from_db()
        assert clearance.current_deadline == date(2020, 8, 1)

    def test_edit_to_refused_moves_the_deadline_back(self, client, clearance):
        extension = ExtensionRequestFactory(
            obligation=clearance, status="granted", decided_on=date(2019, 9, 4), granted_deadline=date(2025, 8, 1)
        )
        clearance.refresh_from_db()
        assert clearance.current_deadline == date(2025, 8, 1)
        response = client.post(
            f"/obligations/{clearance.pk}/extensions/{extension.pk}/edit/",
            _extension_form(requested_deadline="2025-08-01", status="refused", decided_on="2019-09-04"),
        )
        assert response.status_code == 302
        clearance.refresh_from_db()
        assert clearance.current_deadline == date(2020, 8, 1)

    def test_an_extension_of_another_obligation_is_404(self, client, clearance, other_state):
        other = ExtensionRequestFactory(obligation=ObligationFactory(state=other_state, article=4))
        assert client.get(f"/obligations/{clearance.pk}/extensions/{other.pk}/edit/").status_code == 404
