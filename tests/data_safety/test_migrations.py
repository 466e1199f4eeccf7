"""Migrations backward and forward on a populated database (the demo data, every state)."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from tests.data_safety.test_backup_restore import admin_connection, url_for

ROOT = Path(settings.BASE_DIR)


@pytest.mark.slow
@pytest.mark.django_db
def test_each_app_back_and_forward_keeps_the_rows():
    scratch = f"ccm_migrate_{uuid.uuid4().hex[:10]}"
    admin = admin_connection()
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{scratch}"')
    try:
        env = {**os.environ, "DATABASE_URL": url_for(scratch), "DJANGO_SETTINGS_MODULE": "tests.settings"}
        out = subprocess.run(
            [sys.executable, "-m", "tests.data_safety.migration_roundtrip"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-5000:]
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        admin.close()
    steps = {s["step"]: s["counts"] for s in map(json.loads, out.stdout.splitlines()) if "step" in s}
    populated = steps["populated"]
    assert populated["states_state"] > 100 and populated["assistance_pledge"] > 0 and populated["accounts_user"] > 0
    forward = [name for name in steps if name.endswith(" forward") and name != "all forward"]
    assert "accounts forward" in forward
    for name in forward:
        back = next(steps[b] for b in steps if b.startswith(name.split()[0] + " back to"))
        after = steps[name]
        assert set(after) == set(populated), name  # every table is there again
        # Rows of the tables the undone migration did not create survive the round trip.
        assert {t: after[t] for t in back} == {t: populated[t] for t in back}, name
    assert steps["reports zero"].get("reports_report") is None  # the tables really went
    assert (
        steps["all forward"]["assistance_pledge"] == 0
        and steps["all forward"]["states_state"] == populated["states_state"]
    )
