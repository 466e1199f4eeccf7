"""axe-core on every page, as each role (WCAG 2.1 A/AA: no serious or critical violation).

One test per role walks its pages in a desktop window; a second pass walks the main pages in a
phone-sized window in French. Forms are also checked in their error state."""

import pytest
import time_machine

from tests.browser.conftest import assert_accessible
from tests.browser.ui_helpers import login_any_language, submit
from tests.ui import world

PUBLIC = [
    "/",
    "/states/",
    "/states/LAO/",
    "/obligations/",
    "/assistance/",
    "/assistance/?has_gap=maybe",
    "/reports/",
    "/reports/dashboard/",
    "/reports/status/",
    "/assistance/outlook/",
    "/assistance/capacities/",
    "/assistance/experience/",
    "/accounts/login/",
    "/states/?ordering=-region",
]
ROLE_PAGES = {
    "anonymous": PUBLIC,
    "isu": [
        "/",
        "/reports/reminders/",
        "/reports/new/",
        "/obligations/new/",
        "/assistance/pledges/",
        "/states/BIH/",
        "/states/LAO/",
    ],
    "focal_point": ["/", "/assistance/needs/new/", "/states/LAO/", "/assistance/"],
    "donor_user": ["/", "/assistance/pledges/", "/assistance/"],
}


@pytest.fixture
def ui_world(lao, other_state, donor):
    with time_machine.travel(world.TODAY, tick=True):
        yield world.build(lao, other_state, donor)


def detail_pages(w) -> list[str]:
    return [
        f"/assistance/needs/{w['close'].pk}/",
        f"/obligations/{w['art4'].pk}/",
        f"/reports/{w['report'].pk}/",
    ]


@pytest.mark.parametrize("role", list(ROLE_PAGES))
def test_every_page_passes_axe(role, ui_page_factory, ui_world, request):
    page = ui_page_factory("desktop", "en")
    user = None if role == "anonymous" else request.getfixturevalue(role)
    if user:
        login_any_language(page, user)
    paths = list(ROLE_PAGES[role]) + detail_pages(ui_world)
    if role == "donor_user":
        pledged = ui_world["pledged"].pk
        paths += [
            f"/assistance/needs/{ui_world['close'].pk}/pledge/",
            f"/assistance/pledges/{pledged}/",
            f"/assistance/pledges/{pledged}/edit/",
            f"/assistance/pledges/{pledged}/archive/",
        ]
    if role == "isu":
        paths += [f"/obligations/{ui_world['art4'].pk}/edit/", f"/obligations/{ui_world['art4'].pk}/extensions/new/"]
    for path in paths:
        response = page.goto(path)
        assert response.status in (200, 400), (path, response.status)
        assert_accessible(page, f"{role} {path}")


def test_forms_in_their_error_state_pass_axe(ui_page_factory, ui_world, focal_point):
    page = ui_page_factory("desktop", "en")
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "nobody")
    page.fill("input[name=password]", "wrong")
    submit(page)
    assert_accessible(page, "login with an error")
    login_any_language(page, focal_point)
    page.goto("/assistance/needs/new/")
    page.fill("#id_amount_requested", "0")
    submit(page)
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page, "need form with errors")


def test_main_pages_pass_axe_on_a_phone_in_french(ui_page_factory, ui_world, donor_user):
    page = ui_page_factory("phone", "fr")
    for path in ["/", "/assistance/", "/states/LAO/", "/reports/dashboard/", "/obligations/", "/states/"]:
        page.goto(path)
        assert page.evaluate("document.documentElement.lang") == "fr"
        # Nothing wider than the phone: no sideways scrolling of the whole page.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        assert_accessible(page, f"phone fr {path}")
    login_any_language(page, donor_user)
    page.goto("/")
    assert_accessible(page, "phone fr donor home")


def test_keyboard_reaches_the_skip_link_and_the_language_switch_first(ui_page_factory, ui_world):
    page = ui_page_factory("desktop", "en")
    page.goto("/assistance/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    order = []
    page.goto("/")
    for _ in range(9):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()"))
    assert order[:3] == ["Skip to content", "CCM Portal", "States"]
    assert "language-select" in order
