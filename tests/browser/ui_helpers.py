"""Helpers of the issue-5 browser tests: a login that does not depend on the page's language."""

import time

from accounts import totp, twofactor


def login_any_language(page, user, password: str = "password") -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    if twofactor.required_for(user):
        device = twofactor.device_for(user)
        page.fill("input[name=code]", totp.totp(totp.decode_secret(device.secret), time.time()))
        page.click("main form button[type=submit]")
        page.wait_for_load_state()


def submit(page, selector: str = "main form.stacked button[type=submit]") -> None:
    page.click(selector)
    page.wait_for_load_state()
