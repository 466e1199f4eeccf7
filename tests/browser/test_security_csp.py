"""The main pages under the strict CSP in a real browser: nothing blocked, nothing reported."""

import pytest

from tests.assistance.factories import NeedFactory

PAGES = ["/", "/states/", "/states/LAO/", "/obligations/", "/assistance/", "/reports/", "/reports/dashboard/"]


@pytest.mark.django_db(transaction=True)
def test_main_pages_have_no_csp_violation(page, login, isu, lao):
    NeedFactory(state=lao, article=4)
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    login(page, isu)
    for url in PAGES:
        response = page.goto(url)
        assert response.status == 200, url
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    page.goto("/assistance/?article=4")
    page.wait_for_load_state("networkidle")
    assert violations == []
