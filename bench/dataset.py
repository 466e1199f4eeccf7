"""The deterministic benchmark dataset behind `manage.py seed_benchmark --scale N --yes-destroy`
(the command is ccm_portal's, the top layer; the dataset is the benchmark's: bench/seeder.py).

N = 1 is about 200 states, 20,000 needs, 100,000 pledge stages (50,000 pledges, 30,000 of them
committed, 20,000 disbursements), 3,000 Article 7 reports and ten years of history (dates up to
DATASET_END); N = 10 and 100 scale every count (states are capped at the 17,576 possible ISO3
codes). The same N and seed always give the same rows, ids included.

Rows are written with bulk_create in batches, without django-simple-history's historical rows
(none of the benchmark's requests reads history; every model is treated alike), and without
signals (the stats cache version is bumped once at the end, and the needs' stored funding
figures are computed in one statement, as assistance/funding.py does per write).

Safety: the command empties every table of the project before seeding. It refuses to run on
anything but PostgreSQL, on the `postgres` and `test` databases, without `--yes-destroy`, and on a
database that holds needs, pledges, reports or users unless seed_benchmark created it (it leaves
a marker table, `ccm_benchmark_marker`).
"""

from __future__ import annotations

import hashlib
import itertools
import string
from datetime import date
from decimal import Decimal

from django.apps import apps
from django.core.management.base import CommandError
from django.db import connection

from accounts.models import User
from assistance.models import Need, Pledge
from obligations.models import Obligation
from reports.models import Report

MARKER_TABLE = "ccm_benchmark_marker"
REFUSED_DATABASES = {"postgres", "test", "template0", "template1"}
DATASET_END = date(2026, 3, 31)  # the newest date in the data; the reminder job is timed on this day
HISTORY_YEARS = 10
BATCH = 5000
PROJECT_APPS = ("states", "accounts", "obligations", "assistance", "reports", "authtoken")
MEETINGS_CSV = "obligations/data/meetings.csv"

PER_SCALE = {
    "states": 200,
    "donors": 60,
    "needs": 20_000,
    "pledges": 50_000,
    "committed": 30_000,
    "disbursements": 20_000,
}
CURRENCIES = {
    "EUR": Decimal("1.10"),
    "GBP": Decimal("1.28"),
    "CHF": Decimal("1.08"),
    "NOK": Decimal("0.095"),
    "SEK": Decimal("0.097"),
    "JPY": Decimal("0.0075"),
    "CAD": Decimal("0.74"),
    "AUD": Decimal("0.68"),
}
WORDS = (
    "clearance survey victim assistance stockpile destruction training equipment risk education "
    "mapping database legislation rehabilitation detector vehicle team programme province district "
    "capacity national authority marking fencing"
).split()

# The ISU and one donor user get fixed tokens, so that `make bench` can load the API with them.
ISU_USERNAME = "bench-isu"
DONOR_USERNAME = "bench-donor-1"

RATE_Q = Decimal("0.00000001")


def bench_token(username: str) -> str:
    return hashlib.sha1(f"ccm-benchmark:{username}".encode()).hexdigest()


def _codes():
    for letters in itertools.product(string.ascii_uppercase, repeat=3):
        yield "".join(letters)


def marker_exists() -> bool:
    return MARKER_TABLE in connection.introspection.table_names()


def check_target(yes_destroy: bool) -> None:
    """Refuse anything that could be real data (see the module docstring)."""
    if connection.vendor != "postgresql":
        raise CommandError("seed_benchmark runs on PostgreSQL only (the demo database is SQLite: never there).")
    name = connection.settings_dict["NAME"]
    if name in REFUSED_DATABASES:
        raise CommandError(f"Refusing to seed the {name!r} database; create one for the benchmark (make bench does).")
    if not yes_destroy:
        raise CommandError("This empties every table of the project. Add --yes-destroy to go ahead.")
    if marker_exists():
        return
    holding = [
        model._meta.label
        for model in (Need, Pledge, Report, User, Obligation)
        if model.objects.exists()  # one cheap query each
    ]
    if holding:
        raise CommandError(
            f"Refusing: this database holds data ({', '.join(holding)}) and was not created by seed_benchmark."
        )


def wipe() -> None:
    tables = [
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in PROJECT_APPS and model._meta.managed
    ]
    tables.append("django_session")
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (scale integer, seed integer, created timestamptz)")
        cursor.execute(
            "TRUNCATE " + ", ".join(connection.ops.quote_name(t) for t in tables) + " RESTART IDENTITY CASCADE"
        )
        cursor.execute(f"DELETE FROM {MARKER_TABLE}")
