"""Log in and out through the real forms."""

import pytest

pytestmark = pytest.mark.django_db


def test_login_page(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()


def test_wrong_password_shows_an_error(client, isu):
    response = client.post("/accounts/login/", {"username": "isabel", "password": "wrong"})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_redirects_home_and_shows_the_user(client, isu):
    response = client.post("/accounts/login/", {"username": "isabel", "password": "password"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    html = client.get("/").content.decode()
    assert "isabel" in html
    assert "ISU staff" in html


def test_login_follows_next_but_not_to_another_host(client, isu):
    response = client.post("/accounts/login/", {"username": "isabel", "password": "password", "next": "/states/"})
    assert response["Location"] == "/states/"
    client.logout()
    response = client.post(
        "/accounts/login/", {"username": "isabel", "password": "password", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_logout(client, isu):
    client.force_login(isu)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" not in client.session
    assert "Log in" in client.get("/").content.decode()


def test_logout_needs_post(client, isu):
    client.force_login(isu)
    assert client.get("/accounts/logout/").status_code == 405
    assert "_auth_user_id" in client.session
