"""Screenshots of the main pages for README.md, taken with Playwright against a running demo.

    make run            # or any server with the demo data (manage.py load_demo)
    .venv/bin/python scripts/screenshots.py [--base-url http://127.0.0.1:8000] [--out docs/screenshots]

Uses Debian's Chromium (/usr/bin/chromium) like the browser tests, the demo accounts of
accounts/demo.py, and a desktop window; a few pages are also taken in a phone-sized one and in
French. The demo ISU account must not need a second factor (ISU_REQUIRE_2FA=false for the demo
server), otherwise the ISU pages are skipped.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
DEMO_PASSWORD = "demo-password-1"  # accounts/demo.py
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# (file name, user or None, path, viewport, language)
SHOTS = [
    ("home-anonymous", None, "/", DESKTOP, "en"),
    ("needs", None, "/assistance/?sort=deadline", DESKTOP, "en"),
    ("state-profile", None, "/states/LAO/", DESKTOP, "en"),
    ("dashboard", None, "/reports/dashboard/", DESKTOP, "en"),
    ("home-focal-point", "focal", "/", DESKTOP, "en"),
    ("home-donor", "donor", "/", DESKTOP, "en"),
    ("home-isu", "isu", "/", DESKTOP, "en"),
    ("needs-fr", None, "/assistance/", DESKTOP, "fr"),
    ("home-donor-es", "donor", "/", DESKTOP, "es"),
    ("needs-phone", None, "/assistance/", PHONE, "en"),
    ("state-profile-phone", None, "/states/LAO/", PHONE, "en"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for name, username, path, viewport, language in SHOTS:
            context = browser.new_context(base_url=args.base_url, viewport=viewport, locale="en-GB")
            context.add_cookies([{"name": "django_language", "value": language, "url": args.base_url}])
            page = context.new_page()
            if username:
                page.goto("/accounts/login/")
                page.fill("input[name=username]", username)
                page.fill("input[name=password]", DEMO_PASSWORD)
                page.click("main form.stacked button[type=submit]")
                page.wait_for_load_state()
                if "/accounts/" in page.url:
                    print(f"skipped {name}: {username} could not log in without a second factor")
                    context.close()
                    continue
                # The account's saved language wins over the cookie; set it for this shot.
                page.goto("/")
                page.select_option("#language-select", language)
                page.click(".lang-switch button")
                page.wait_for_load_state()
            page.goto(path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(out / f"{name}.png"), full_page=viewport is PHONE or name.startswith("home"))
            print(f"wrote {out / name}.png")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
