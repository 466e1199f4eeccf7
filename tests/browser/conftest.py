"""Real-browser tests: Playwright for Python driving Debian's Chromium (never `playwright install`).

Every test here is marked `browser` and `slow`; they run in `make test` and CI. `page` is a
fresh Playwright page; `login(page, user)` logs in through the real form
(and passes the TOTP step for the ISU when ISU_REQUIRE_2FA is on).
"""

import os
import time

import pytest

from accounts import totp, twofactor

CHROMIUM = "/usr/bin/chromium"
# Chromium as root needs --no-sandbox; the rest keeps it off the (absent) network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

# The live server and Playwright's sync API share the test thread with Django's ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def _playwright():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does it)")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright):
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def login():
    def _login(page, user, password: str = "password") -> None:
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()
        if twofactor.required_for(user):
            # ISU accounts: the second factor, with a code computed from the enrolled secret.
            device = twofactor.device_for(user)
            code = totp.totp(totp.decode_secret(device.secret), time.time())
            page.get_by_label("Six-digit code").fill(code)
            page.get_by_role("button", name="Verify").click()
            page.wait_for_load_state()

    return _login


# --- issue 5: accessibility and viewports ----------------------------------------------------

AXE = os.path.join(os.path.dirname(__file__), "vendor", "axe.min.js")
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def assert_accessible(page, context: str = "") -> None:
    """Run axe-core (vendored) on the page and fail on any serious or critical WCAG 2.1 A/AA violation.

    The page's context must be created with bypass_csp=True (`ui_page` does): axe is injected as
    an inline script, which the portal's Content-Security-Policy rightly refuses."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=AXE)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_AA,
    )
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, f"{context or page.url}: " + "; ".join(bad)


@pytest.fixture
def ui_page_factory(browser, live_server):
    """New pages in a given viewport and language (cookie), CSP bypassed for axe."""
    contexts = []

    def make(viewport: str = "desktop", language: str = "en"):
        context = browser.new_context(
            base_url=live_server.url, viewport=VIEWPORTS[viewport], locale="en-GB", bypass_csp=True
        )
        context.set_default_timeout(10_000)
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(params=[("desktop", "en"), ("phone", "fr")], ids=["desktop-en", "phone-fr"])
def ui_page(request, ui_page_factory):
    """A page in a desktop window in English, then in a phone-sized one in French."""
    page = ui_page_factory(*request.param)
    page.viewport_name, page.language = request.param
    return page
