"""`manage.py adduser`: one user with one role, bound to what the role needs."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from accounts.models import Role, User

pytestmark = pytest.mark.django_db


def _adduser(*args: str) -> str:
    out = StringIO()
    call_command("adduser", *args, stdout=out)
    return out.getvalue()


class TestRoles:
    def test_isu(self, db):
        out = _adduser("isabel", "--email", "isabel@example.org", "--role", "isu", "--password", "a-long-pass-123")
        assert "created isu user isabel" in out
        user = User.objects.get(username="isabel")
        assert (user.role, user.is_staff, user.is_isu, user.email) == (Role.ISU, True, True, "isabel@example.org")

    def test_donor(self, donor):
        _adduser(
            "diego", "--email", "d@example.org", "--role", "donor", "--donor", "Norway", "--password", "x-pass-98-tulip"
        )
        user = User.objects.get(username="diego")
        assert (user.role, user.donor, user.state, user.is_staff) == (Role.DONOR, donor, None, False)
        assert user.is_donor

    def test_focal_point_with_lowercase_iso3(self, lao):
        _adduser(
            "farida",
            "--email",
            "f@example.org",
            "--role",
            "focal_point",
            "--state",
            "lao",
            "--password",
            "pw-98-harbor",
        )
        user = User.objects.get(username="farida")
        assert (user.role, user.state, user.donor) == (Role.FOCAL_POINT, lao, None)
        assert user.is_focal_point


class TestRefusals:
    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--role", "focal_point"], "--state: a focal point needs the ISO3 code of its state"),
            (["--role", "focal_point", "--state", "ZZZ"], "--state: no state with code 'ZZZ'"),
            (["--role", "donor"], "--donor: a donor user needs the name of its donor"),
            (["--role", "donor", "--donor", "Atlantis"], "--donor: no donor named 'Atlantis'"),
            (["--role", "isu", "--state", "LAO"], "--state: only a focal point is bound to a state"),
            (["--role", "isu", "--donor", "Norway"], "--donor: only a donor user is bound to a donor"),
            (["--role", "donor", "--donor", "Norway", "--state", "LAO"], "--state: only a focal point"),
        ],
    )
    def test_bad_bindings(self, lao, donor, args, message):
        with pytest.raises(CommandError) as exc:
            _adduser("newbie", "--email", "n@example.org", *args)
        assert message in str(exc.value)
        assert not User.objects.filter(username="newbie").exists()

    def test_unknown_role(self, db):
        with pytest.raises(CommandError, match="invalid choice"):
            _adduser("newbie", "--email", "n@example.org", "--role", "admin")
        assert not User.objects.exists()

    def test_duplicate_username(self, isu):
        with pytest.raises(CommandError, match="'isabel' already exists"):
            _adduser("isabel", "--email", "other@example.org", "--role", "isu")
        assert User.objects.get(username="isabel").email == "isabel@example.org"

    def test_bad_email(self, db):
        with pytest.raises(CommandError, match="--email"):
            _adduser("newbie", "--email", "not-an-address", "--role", "isu", "--password", "x-pass-98-tulip")
        assert not User.objects.exists()


class TestPassword:
    def test_with_password_the_user_can_log_in(self, db):
        _adduser("isabel", "--email", "i@example.org", "--role", "isu", "--password", "a-long-pass-123")
        assert Client().login(username="isabel", password="a-long-pass-123")
        assert not Client().login(username="isabel", password="wrong")

    def test_without_password_a_set_password_link_is_printed(self, db):
        out = _adduser("isabel", "--email", "i@example.org", "--role", "isu")
        user = User.objects.get(username="isabel")
        assert not user.has_usable_password()
        assert "set-password link" in out
        link = out.split("set-password link (append to the site address): ")[1].strip()
        assert link.startswith("/accounts/reset/")

        client = Client()
        response = client.get(link, follow=True)
        assert response.status_code == 200
        form_url = response.redirect_chain[-1][0]
        response = client.post(
            form_url, {"new_password1": "brand-new-pass-42", "new_password2": "brand-new-pass-42"}, follow=True
        )
        assert response.status_code == 200
        assert Client().login(username="isabel", password="brand-new-pass-42")


def test_a_weak_password_is_refused(db):
    with pytest.raises(CommandError, match="--password: This password is too short. It must contain at least 12"):
        _adduser("weak", "--email", "w@example.org", "--role", "isu", "--password", "short-pw-1")
    assert not User.objects.filter(username="weak").exists()
