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
