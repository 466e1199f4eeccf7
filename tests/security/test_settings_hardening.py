"""Password rules, secret rotation, structured logs."""

import json
import logging

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from ccm_portal.logging import JsonFormatter


@pytest.mark.parametrize("password", ["short-pw-1", "elevenchars", "password1234", "123456789012"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_twelve_characters_of_anything_uncommon_pass():
    validate_password("tulip-harbour-42")


def test_settings_take_secret_key_fallbacks(monkeypatch):
    import subprocess
    import sys

    env = {"SECRET_KEY": "new", "SECRET_KEY_FALLBACKS": "old1,old2", "PATH": "/usr/bin:/bin"}
    code = "import ccm_portal.settings as s; print(s.SECRET_KEY_FALLBACKS)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['old1', 'old2']"


@pytest.mark.django_db
def test_a_cookie_signed_with_the_old_key_still_works_after_rotation(settings, client, donor_user):
    from django.core import signing

    settings.SECRET_KEY = "old-key"
    value = signing.dumps({"user": 1})
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "new-key", ["old-key"]
    assert signing.loads(value) == {"user": 1}
    settings.SECRET_KEY_FALLBACKS = []
    with pytest.raises(signing.BadSignature):
        signing.loads(value)


def test_json_log_lines():
    record = logging.LogRecord("reports.tasks", logging.WARNING, __file__, 1, "sent %d", (3,), None)
    record.reminder_id = 7
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "WARNING" and line["logger"] == "reports.tasks"
    assert line["message"] == "sent 3" and line["reminder_id"] == 7
    assert line["time"].endswith("+00:00")


def test_json_log_lines_carry_exceptions():
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    line = json.loads(JsonFormatter().format(record))
    assert "RuntimeError: boom" in line["exception"]


def test_log_format_json_selects_the_formatter():
    import subprocess
    import sys

    env = {"SECRET_KEY": "x", "LOG_FORMAT": "json", "PATH": "/usr/bin:/bin"}
    code = "import ccm_portal.settings as s; print(s.LOGGING['handlers']['console']['formatter'])"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "json"
