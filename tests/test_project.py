"""The project's wiring: settings from the environment, health check, API schema and docs
without a CDN, and a sweep that GETs every URL pattern with odd inputs: never a 500."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import ExtensionRequestFactory, MeetingFactory, ObligationFactory

BASE_DIR = Path(settings.BASE_DIR)


# --- settings -------------------------------------------------------------------------------


def _settings_in_subprocess(env: dict[str, str], expression: str) -> subprocess.CompletedProcess:
    """Import the real settings module in a clean environment (no inherited variables)."""
    code = f"import ccm_portal.settings as s; print(repr({expression}))"
    # ENV_FILE="" keeps a developer's local .env out of it.
    clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(BASE_DIR), "ENV_FILE": "", **env}
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=clean, capture_output=True, text=True, timeout=60
    )


class TestSettings:
    def test_secret_key_is_required(self):
        result = _settings_in_subprocess({}, "s.SECRET_KEY")
        assert result.returncode != 0
        assert "SECRET_KEY" in result.stderr
        assert "ImproperlyConfigured" in result.stderr

    def test_secret_key_is_read(self):
        result = _settings_in_subprocess({"SECRET_KEY": "from-the-env"}, "s.SECRET_KEY")
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "'from-the-env'"

    def test_debug_defaults_to_false_and_ssl_redirect_follows(self):
        result = _settings_in_subprocess(
            {"SECRET_KEY": "x"}, "(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE)"
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "(False, True, True)"

    def test_debug_when_asked(self):
        result = _settings_in_subprocess({"SECRET_KEY": "x", "DEBUG": "true"}, "(s.DEBUG, s.SECURE_SSL_REDIRECT)")
        assert result.stdout.strip() == "(True, False)", result.stderr

    def test_without_redis_tasks_run_eagerly(self):
        result = _settings_in_subprocess(
            {"SECRET_KEY": "x"}, "(s.REDIS_URL, s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL)"
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "('', True, 'memory://')"

    def test_with_redis_tasks_go_to_the_broker(self):
        result = _settings_in_subprocess(
            {"SECRET_KEY": "x", "REDIS_URL": "redis://127.0.0.1:6379/3"},
            "(s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL, s.CACHES['default']['BACKEND'])",
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == ("(False, 'redis://127.0.0.1:6379/3', 'ccm_portal.cache.FailSoftRedisCache')")

    def test_database_defaults_to_sqlite_under_var(self):
        result = _settings_in_subprocess(
            {"SECRET_KEY": "x"}, "(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'])"
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == repr(
            ("django.db.backends.sqlite3", str(BASE_DIR / "var" / "ccm_portal.sqlite3"))
        )

    def test_database_url_and_allowed_hosts(self):
        result = _settings_in_subprocess(
            {
                "SECRET_KEY": "x",
                "DATABASE_URL": "postgres://ccm:pw@db.internal:5433/ccm",
                "ALLOWED_HOSTS": "ccm.example.org,www.ccm.example.org",
            },
            "(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['HOST'], s.DATABASES['default']['PORT'], "
            "s.ALLOWED_HOSTS)",
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == repr(
            ("django.db.backends.postgresql", "db.internal", 5433, ["ccm.example.org", "www.ccm.example.org"])
        )

    def test_email_url(self):
        result = _settings_in_subprocess(
            {"SECRET_KEY": "x", "EMAIL_URL": "smtp+tls://user:pw@mail.example.org:587"},
            "(s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.EMAIL_HOST_USER)",
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "('mail.example.org', 587, True, 'user')"

    def test_no_secret_key_in_the_code(self):
        source = (BASE_DIR / "ccm_portal" / "settings.py").read_text()
        assert re.search(r"SECRET_KEY\s*=\s*env\.str\(\"SECRET_KEY\"\)", source)
        assert "django-insecure" not in source


def test_times_are_utc_in_the_database():
    assert settings.USE_TZ is True


# --- home, health, schema, docs -------------------------------------------------------------


@pytest.mark.django_db
def test_home_counts_and_next_deadlines(client, lao, other_state):
    from tests.factories import StateFactory

    StateFactory(iso3="AGO", name="Angola", region="africa", status="signatory", deposit_date=None, instrument="")
    ObligationFactory(state=lao, article=4)  # 2020-08-01
    ObligationFactory(state=other_state, article=3)  # EIF 2011-03-01 + 8 = 2019-03-01
    ObligationFactory(state=lao, article=7)  # not an Article 3/4 deadline
    ObligationFactory(state=lao, article=3, status="completed", completed_on=date(2014, 1, 1))
    response = client.get("/")
    assert response.status_code == 200
    assert (response.context["party_count"], response.context["signatory_count"]) == (2, 1)
    upcoming = [(o.state.iso3, o.article, o.current_deadline) for o in response.context["upcoming"]]
    assert upcoming == [("BIH", 3, date(2019, 3, 1)), ("LAO", 4, date(2020, 8, 1))]
    html = response.content.decode()
    assert "2019-03-01" in html and "2020-08-01" in html


@pytest.mark.django_db
def test_home_only_answers_get(client):
    assert client.post("/").status_code == 405


@pytest.mark.django_db
def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_schema_is_openapi_3(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in (
        "/api/v1/states/",
        "/api/v1/states/{iso3}/",
        "/api/v1/obligations/",
        "/api/v1/obligations/{id}/",
        "/api/v1/extension-requests/",
        "/api/v1/meetings/",
        "/api/v1/donors/",
    ):
        assert path in schema["paths"], path
    assert "delete" not in schema["paths"]["/api/v1/states/{iso3}/"]
    states_list = {p["name"] for p in schema["paths"]["/api/v1/states/"]["get"]["parameters"]}
    assert {"status", "region", "search", "page", "page_size", "ordering"} <= states_list
    obligation_filters = {p["name"] for p in schema["paths"]["/api/v1/obligations/"]["get"]["parameters"]}
    assert {"state", "article", "status", "deadline_before", "deadline_after"} <= obligation_filters


@pytest.mark.django_db
def test_schema_default_format_is_yaml(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert response.content.startswith(b"openapi: 3.")


URL_IN_HTML = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+[^\s"'<>)]*""")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_api_docs_need_no_network(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    foreign = [u for u in URL_IN_HTML.findall(html) if not re.match(r"(?:https?:)?//(testserver|localhost)\b", u)]
    assert foreign == [], foreign
    # every script and stylesheet is one of ours, and is served
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
    local = [a for a in assets if a.startswith("/static/")]
    assert local, html[:500]
    for asset in local:
        assert client.get(asset).status_code == 200, asset


# --- the no-500 sweep -----------------------------------------------------------------------

ODD_QUERIES = [
    "",
    "?page=0",
    "?page=-1&page_size=abc",
    "?page=99999999999999999999&page_size=99999999999999999999",
    "?ordering=-&ordering=,,",
    "?ordering=state__name,-nope,__",
    "?format=xml",
    "?format=api",
    "?state=%00&search=%00&name=%00",
    "?state=lao&article=99999999999999999999&status=%F0%9F%92%A3",
    "?deadline_before=0000-00-00&deadline_after=2020-02-30&as_of=9999-99-99&year=-1",
    "?year=99999999999&kind=annual&region=%27%20OR%201%3D1%20--",
    "?has_gap=maybe&page_size=0&obligation=1e9&meeting=%25",
    "?search=" + "x" * 2000,
    "?status[]=party&status=party&status=signatory",
    "?next=https://evil.example/&lang=xx",
]
SAMPLE_VALUES = {
    "iso3": ["LAO", "lao", "ZZZ"],
    "code": ["9MSP", "NOPE"],
    "app_label": None,  # taken from the pattern's alternatives
}
WEIRD_VALUES = ["0", "99999999999999999999", "-1", "abc", "%00", "%F0%9F%92%A3", "a" * 300]
GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^()]*(?:\([^()]*\)[^()]*)*)\)")
UNNAMED_GROUP = re.compile(r"\((?!\?)[^()]*\)")
CONVERTER = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


def _route_templates(patterns=None, prefix: str = ""):
    """Every URL pattern of the project as a template string (route syntax and regex mixed)."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from _route_templates(entry.url_patterns, prefix + str(entry.pattern).lstrip("^").rstrip("$"))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern).lstrip("^").rstrip("$")


def _fill(template: str, ids: dict[str, str], weird: str | None) -> str | None:
    """A concrete path: known good values, or `weird` in every parameter."""

    def regex_value(match):
        name, body = match.group("name"), match.group("body")
        words = body.split("|")
        if all(re.fullmatch(r"[\w-]+", w) for w in words):
            return words[0] if weird is None else weird
        if weird is not None:
            return weird
        return SAMPLE_VALUES.get(name, [ids.get(name, "1")])[0] if SAMPLE_VALUES.get(name) else ids.get(name, "1")

    def route_value(match):
        conv, name = match.group("conv") or "str", match.group("name")
        if weird is not None:
            return weird if conv != "int" or weird.isdigit() else "0"
        if name in SAMPLE_VALUES and SAMPLE_VALUES[name]:
            return SAMPLE_VALUES[name][0]
        return ids.get(name, "1")

    path = GROUP.sub(regex_value, template)
    path = UNNAMED_GROUP.sub(lambda m: "1" if weird is None else weird, path)
    path = CONVERTER.sub(route_value, path)
    path = path.replace("\\.", ".").replace("\\", "")
    if re.search(r"[\[\]\(\)\?\*\+\{\}]", path):  # a regex this helper does not understand
        return None
    return "/" + path


@pytest.fixture
def world(lao, other_state, donor, isu):
    meeting = MeetingFactory(code="9MSP", start_date=date(2019, 9, 2), end_date=date(2019, 9, 4))
    clearance = ObligationFactory(state=lao, article=4)
    ObligationFactory(state=lao, article=7)
    extension = ExtensionRequestFactory(
        obligation=clearance,
        meeting=meeting,
        status="granted",
        decided_on=date(2019, 9, 4),
        granted_deadline=date(2025, 8, 1),
    )
    return {
        "pk": str(clearance.pk),
        "obligation_pk": str(clearance.pk),
        "id": str(clearance.pk),
        "object_id": str(clearance.pk),
        "extension_pk": str(extension.pk),
        "code": "9MSP",
    }


TEMPLATES = sorted(set(_route_templates()))


def test_every_pattern_is_swept():
    assert any(t.startswith("states/") for t in TEMPLATES)
    assert any(t.startswith("api/v1/") for t in TEMPLATES)
    assert len(TEMPLATES) > 50
    assert [t for t in TEMPLATES if _fill(t, {}, None) is None] == []


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "isu"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_no_500_for_any_get(client, world, isu, who, template):
    """GET the pattern with good and weird parameters and odd query strings, as anonymous and ISU."""
    if who == "isu":
        client.force_login(isu)
    good = _fill(template, world, None)
    weird = sorted({p for p in (_fill(template, world, value) for value in WEIRD_VALUES) if p and p != good})
    heavy = template.startswith(("admin/", "api/schema", "api/docs", "api/redoc"))
    # every odd query on the page itself; weird path parameters with a plain and a NUL-byte query
    cases = [(good, query) for query in (ODD_QUERIES[:2] if heavy else ODD_QUERIES)]
    cases += [(path, query) for path in weird for query in ("", "?state=%00&search=%00")]
    failures = []
    for path, query in cases:
        try:
            status = client.get(path + query).status_code
        except Exception as exc:  # noqa: BLE001 - the sweep reports every crash, then fails
            failures.append(f"{path[:100]}{query[:80]}: {exc.__class__.__name__}: {str(exc)[:200]}")
            continue
        if status >= 500:
            failures.append(f"{path[:100]}{query[:80]}: {status}")
    assert failures == []
