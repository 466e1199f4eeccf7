"""The audit trail: who changed what, when, before and after; on each record's page, for the ISU only."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib import admin
from django.test import RequestFactory

from accounts.models import Donor, User
from assistance.models import Need, Pledge
from core.audit import audit_trail
from obligations.models import ExtensionRequest, Obligation
from reports.models import Report
from states.models import State
from tests.assistance.factories import NeedFactory, PledgeFactory
from tests.factories import ObligationFactory
from tests.reports.factories import ReportFactory

WHEN = datetime(2025, 2, 3, 10, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(WHEN, tick=False):
        yield


@pytest.mark.django_db
class TestTrail:
    def test_api_change_records_who_field_before_after(self, isu_client, lao):
        assert isu_client.patch("/api/v1/states/LAO/", {"name": "Lao PDR"}).status_code == 200
        latest, created = audit_trail(State.objects.get(iso3="LAO"))
        assert (latest.who, latest.action, latest.when) == ("isabel", "changed", WHEN)
        assert [(c.field, c.before, c.after) for c in latest.changes] == [
            ("name", "Lao People's Democratic Republic", "Lao PDR")
        ]
        assert created.action == "created" and created.changes == [] and created.who == "system"

    def test_choices_and_foreign_keys_are_shown_by_name(self, isu, lao, other_state):
        from tests.factories import UserFactory

        user = UserFactory(username="newbie", role="")
        user.role, user.state = "focal_point", lao
        user.save()
        latest = audit_trail(user)[0]
        assert sorted((c.field, c.before, c.after) for c in latest.changes) == [
            ("role", "—", "Focal point"),
            ("state", "—", "Lao People's Democratic Republic"),
        ]

    def test_passwords_are_not_history(self, donor_user):
        donor_user.set_password("a-brand-new-secret-1")
        donor_user.save()
        assert "password" not in {f.name for f in User.history.model._meta.get_fields()}
        assert all(c.field != "password" for e in audit_trail(donor_user) for c in e.changes)

    def test_page_change_records_the_session_user(self, client, isu, lao):
        obligation = ObligationFactory(state=lao, article=4)
        client.force_login(isu)
        response = client.post(
            f"/obligations/{obligation.pk}/edit/",
            {"state": lao.pk, "article": 4, "status": "completed", "completed_on": "2024-12-01", "notes": "Done"},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        latest = audit_trail(obligation)[0]
        assert latest.who == "isabel"
        assert ("status", "Active", "Completed") in [(c.field, c.before, c.after) for c in latest.changes]

    def test_bounded(self, lao):
        for n in range(60):
            lao.name = f"Name {n}"
            lao.save()
        assert len(audit_trail(lao)) == 50
        assert audit_trail(lao)[0].changes[0].after == "Name 59"


@pytest.mark.django_db
class TestShownToTheISUOnly:
    @pytest.fixture
    def pages(self, lao, donor):
        obligation = ObligationFactory(state=lao, article=4)
        need = NeedFactory(state=lao, article=4)
        pledge = PledgeFactory(need=need, donor=donor)
        report = ReportFactory(state=lao)
        return [
            "/states/LAO/",
            f"/obligations/{obligation.pk}/",
            f"/assistance/needs/{need.pk}/",
            f"/assistance/pledges/{pledge.pk}/",
            f"/reports/{report.pk}/",
        ]

    def test_isu_sees_the_trail_on_every_detail_page(self, client, isu, pages):
        client.force_login(isu)
        for url in pages:
            body = client.get(url).content.decode()
            assert 'id="audit-trail-heading"' in body, url
            assert "created" in body, url

    @pytest.mark.parametrize("who", [None, "donor_user", "focal_point", "outsider"])
    def test_others_do_not(self, client, pages, who, request):
        if who:
            client.force_login(request.getfixturevalue(who))
        for url in pages:
            response = client.get(url)
            assert "audit-trail" not in response.content.decode(), (url, response.status_code)


EDITED_MODELS = [State, Donor, User, Obligation, ExtensionRequest, Need, Pledge, Report]


@pytest.mark.parametrize("model", EDITED_MODELS, ids=lambda m: m.__name__)
def test_every_edited_model_has_history(model):
    assert hasattr(model, "history"), model


@pytest.mark.parametrize("model", [State, Donor, Obligation, Need, Pledge], ids=lambda m: m.__name__)
def test_treaty_and_financial_records_cannot_be_deleted_in_the_admin(model, isu):
    request = RequestFactory().get("/admin/")
    request.user = isu
    assert admin.site._registry[model].has_delete_permission(request) is False
