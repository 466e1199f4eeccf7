"""Security headers: a strict CSP on every page, no inline script or style in our templates."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from ccm_portal.security import build_policy

STRICT = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_policy_text():
    assert build_policy() == STRICT


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/states/", "/obligations/", "/assistance/", "/accounts/login/", "/api/docs/"])
def test_pages_carry_the_strict_policy(client, url, lao):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == STRICT
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_api_answers_carry_it_too(anon_client, lao):
    assert anon_client.get("/api/v1/states/")["Content-Security-Policy"] == STRICT


@pytest.mark.django_db
def test_redoc_loosens_styles_only(client):
    policy = client.get("/api/redoc/")["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self';" in policy
    assert "worker-src 'self' blob:" in policy


@pytest.mark.django_db
def test_swagger_ui_has_no_inline_script_or_style(client):
    body = client.get("/api/docs/").content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body)
    assert "<style" not in body
    script = re.search(r'<script src="(/api/docs/\?[^"]*script=[^"]*)"', body)
    assert script, body
    init = client.get(script.group(1).replace("&amp;", "&"))
    assert init.status_code == 200 and init["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in init.content.decode()


def _page_templates():
    for path in sorted(TEMPLATES.rglob("*.html")):
        if "emails" not in path.parts:  # emails are not pages: mail clients need inline styles
            yield path


@pytest.mark.parametrize("path", list(_page_templates()), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_templates_have_no_inline_script_or_style(path):
    text = re.sub(r"{% comment %}.*?{% endcomment %}|{#.*?#}", "", path.read_text(), flags=re.S)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), "inline <script>"
    assert not re.search(r"\son[a-z]+\s*=", text), "inline event handler"
    assert not re.search(r"\sstyle\s*=", text), "style attribute"
    assert "<style" not in text, "<style> element"
