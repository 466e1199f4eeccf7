"""What can be checked of the deployment without a Docker engine: the compose file's shape, and
that production settings pass Django's deployment checks."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SECRET_NAMES = ("SECRET_KEY", "POSTGRES_PASSWORD", "EMAIL_URL", "DATABASE_URL")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_every_service_with_a_health_check(compose):
    services = compose["services"]
    assert set(services) == {"proxy", "web", "worker", "beat", "db", "redis"}
    for name, service in services.items():
        assert service.get("healthcheck", {}).get("test"), f"{name} has no health check"


def test_compose_commands_run_gunicorn_and_celery(compose):
    services = compose["services"]
    assert "gunicorn ccm_portal.wsgi:application" in services["web"]["command"]
    assert "migrate --noinput" in services["web"]["command"]
    assert services["worker"]["command"].startswith("celery -A ccm_portal worker")
    assert services["beat"]["command"].startswith("celery -A ccm_portal beat")
    assert "replicas" not in str(services["beat"].get("deploy", {})), "exactly one beat process"
    assert "/healthz" in str(services["web"]["healthcheck"]["test"])


def test_app_services_share_the_production_environment(compose):
    for name in ("web", "worker", "beat"):
        env = compose["services"][name]["environment"]
        assert env["DEBUG"] == "false"
        assert env["REDIS_URL"].startswith("redis://redis:")
        assert env["DATABASE_URL"].startswith("postgres://")
        assert compose["services"][name]["depends_on"]["db"]["condition"] == "service_healthy"


def test_no_secret_is_written_in_the_compose_file():
    text = (ROOT / "docker-compose.yml").read_text()
    for name in SECRET_NAMES:
        for match in re.finditer(rf"^\s*{name}:\s*(.+)$", text, re.M):
            value = match.group(1)
            assert "${" in value, f"{name} must come from the environment, not be written: {value}"
    # a password inside a URL must also be a variable
    for url in re.findall(r"\w+://[^\s\"']+", text):
        credentials = re.match(r"\w+://([^@/]+)@", url)
        if credentials and ":" in credentials.group(1):
            assert "${" in credentials.group(1), url


def test_dockerfile_runs_as_an_unprivileged_user():
    text = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^USER (?!root)\w+", text, re.M)
    assert "collectstatic" in text


@pytest.mark.slow
def test_production_settings_pass_the_deployment_checks():
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": "a-long-random-production-key-" + "x" * 40 + "-not-used-anywhere",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
        "ALLOWED_HOSTS": "portal.example.org",
        "DJANGO_SETTINGS_MODULE": "ccm_portal.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
