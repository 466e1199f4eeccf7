"""CSRF: every form and every session-authenticated API write needs the token."""

import re

import pytest
from django.test import Client

from obligations.models import Obligation
from states.models import State


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


def token_from(client: Client, url: str) -> str:
    body = client.get(url).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)


@pytest.mark.django_db
class TestForms:
    def test_login_without_token_is_refused(self, csrf_client, isu):
        response = csrf_client.post("/accounts/login/", {"username": "isabel", "password": "password"})
        assert response.status_code == 403
        assert "_auth_user_id" not in csrf_client.session

    def test_obligation_form_without_token_is_refused(self, csrf_client, isu, lao):
        csrf_client.force_login(isu)
        data = {"state": lao.pk, "article": 4, "status": "active"}
        assert csrf_client.post("/obligations/new/", data).status_code == 403
        assert not Obligation.objects.exists()

    def test_with_the_token_the_form_is_processed(self, csrf_client, isu, lao):
        csrf_client.force_login(isu)
        token = token_from(csrf_client, "/obligations/new/")
        response = csrf_client.post("/obligations/new/", {"csrfmiddlewaretoken": token, "state": ""})
        assert response.status_code == 200  # the form answers (with its errors), CSRF passed


@pytest.mark.django_db
class TestSessionAPI:
    def test_session_write_without_token_is_refused(self, csrf_client, isu, lao):
        csrf_client.force_login(isu)
        response = csrf_client.patch("/api/v1/states/LAO/", {"name": "X"}, content_type="application/json")
        assert response.status_code == 403
        assert "CSRF" in response.json()["detail"]
        assert State.objects.get(iso3="LAO").name != "X"

    def test_session_write_with_token_passes(self, csrf_client, isu, lao):
        csrf_client.force_login(isu)
        token = token_from(csrf_client, "/obligations/new/")
        response = csrf_client.patch(
            "/api/v1/states/LAO/", {"name": "Lao PDR"}, content_type="application/json", HTTP_X_CSRFTOKEN=token
        )
        assert response.status_code == 200
        assert State.objects.get(iso3="LAO").name == "Lao PDR"

    def test_token_clients_need_no_csrf(self, isu_client, lao):
        assert isu_client.patch("/api/v1/states/LAO/", {"name": "Lao PDR"}).status_code == 200
