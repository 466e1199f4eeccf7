"""`make backup` then `make restore` into a fresh database: every table, row for row."""

import os
import re
import subprocess
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from tests.assistance.factories import NeedFactory, PledgeFactory
from tests.factories import ObligationFactory
from tests.reports.factories import ReportFactory

ROOT = Path(settings.BASE_DIR)


def url_for(dbname: str) -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{dbname}"


def admin_connection():
    db = connection.settings_dict
    conn = psycopg2.connect(dbname="postgres", user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432)
    conn.autocommit = True
    return conn


def fingerprint(dbname: str) -> dict[str, tuple[int, str]]:
    """Each table of the public schema: its row count and an md5 of its rows in a fixed order."""
    db = connection.settings_dict
    conn = psycopg2.connect(dbname=dbname, user=db["USER"], host=db["HOST"], port=db["PORT"] or 5432)
    result = {}
    with conn, conn.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        for (table,) in cursor.fetchall():
            cursor.execute(
                f"SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t"
            )
            result[table] = cursor.fetchone()
    conn.close()
    return result


def make(*args: str, env: dict) -> str:
    out = subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    return out.stdout


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_a_fresh_database_identically(lao, donor, isu, focal_point, tmp_path):
    call_command("import_states", str(ROOT / "states" / "data" / "states.csv"), stdout=open(os.devnull, "w"))
    obligation = ObligationFactory(state=lao, article=4)
    need = NeedFactory(state=lao, article=4, obligation=obligation)
    PledgeFactory(need=need, donor=donor)
    ReportFactory(state=lao)
    lao.name = "Lao PDR"
    lao.save()  # a history row too

    source = connection.settings_dict["NAME"]
    env = {**os.environ, "DATABASE_URL": url_for(source), "BACKUP_DIR": str(tmp_path)}
    out = make("backup", env=env)
    dump = Path(re.search(r"backup: (\S+)", out).group(1))
    assert dump.parent == tmp_path and dump.stat().st_size > 0

    fresh = f"ccm_restore_{uuid.uuid4().hex[:10]}"
    admin = admin_connection()
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        make("restore", f"BACKUP={dump}", env={**env, "DATABASE_URL": url_for(fresh)})
        before, after = fingerprint(source), fingerprint(fresh)
        assert before["states_state"][0] > 100 and before["assistance_pledge"][0] == 1
        assert after == before
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
        admin.close()


def test_restore_refuses_without_a_file(tmp_path):
    out = subprocess.run(
        ["make", "--no-print-directory", "restore"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"},
        capture_output=True,
        text=True,
    )
    assert out.returncode != 0 and "BACKUP=path/to/file.dump is required" in out.stdout
