"""A need's priority is one number: the list, the CSV, the API and the need's page show the same,
on PostgreSQL and on SQLite (the demo's engine), rounded as the rule says."""

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client

from tests.assistance.factories import NeedFactory, PledgeFactory


def test_list_csv_api_and_page_agree_where_rounding_is_close(lao, donor, isu, isu_client):
    # 30 points × 5 / 24 unfunded = 6.25: rounded half up, 6.3 — wherever it is shown.
    need = NeedFactory(state=lao, amount_requested=Decimal("24"), own_deadline=date(2025, 6, 1))
    PledgeFactory(need=need, donor=donor, amount=Decimal("19"))
    api = isu_client.get(f"/api/v1/needs/{need.pk}/").json()["priority"]
    listed = isu_client.get("/api/v1/needs/").json()["results"][0]["priority"]
    rows = list(
        csv.reader(io.StringIO(b"".join(isu_client.get("/api/v1/needs/?format=csv").streaming_content).decode()))
    )
    from_csv = rows[1][rows[0].index("priority")]
    browser = Client()
    browser.force_login(isu)
    page = browser.get(need.get_absolute_url()).content.decode()
    needs_page = browser.get("/assistance/").content.decode()
    assert api == listed == from_csv == "56.3"
    assert "Priority: 56.3 / 100" in page
    assert "<td>56.3</td>" in needs_page


@pytest.mark.slow
def test_sqlite_computes_the_same_figures_as_postgresql(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "tests.settings",
    }
    root = settings.BASE_DIR
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )
    assert migrate.returncode == 0, migrate.stderr[-3000:]
    run = subprocess.run(
        [sys.executable, "-m", "tests.assistance.sqlite_figures"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["to_pay"] == ["clearance", "close"]  # partly paid and unpaid; not the one paid in full
    shown = result["priority"]
    # deadline 2027-06-01 is within 12 months of 2026-12-01: 50 points; the obligation's passed: 50.
    expected = {"clearance": "67.1", "close": "92.5", "edge": "56.3"}
    assert {title: Decimal(v["list"]) for title, v in shown.items()} == {t: Decimal(v) for t, v in expected.items()}
    assert {title: Decimal(v["page"]) for title, v in shown.items()} == {t: Decimal(v) for t, v in expected.items()}
