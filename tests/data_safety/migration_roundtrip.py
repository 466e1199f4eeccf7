"""Run by test_migrations.py in a subprocess, against a scratch database (DATABASE_URL):
migrate, load the demo data, then undo each app's latest migration and redo it (a rolled-back
deploy), take the top layers to zero and up again, printing the
row counts of our tables after each step as one JSON line."""

import json
import os
import sys

import django

OUR_APPS = ["reports", "assistance", "obligations", "accounts", "states"]  # highest layer first


def counts() -> dict[str, int]:
    from django.apps import apps
    from django.db import connection

    tables = set(connection.introspection.table_names())
    result = {}
    with connection.cursor() as cursor:
        for label in OUR_APPS:
            for model in apps.get_app_config(label).get_models(include_auto_created=True):
                table = model._meta.db_table
                if table in tables:
                    cursor.execute(f'SELECT count(*) FROM "{table}"')
                    result[table] = cursor.fetchone()[0]
    return result


def step(name: str) -> None:
    print(json.dumps({"step": name, "counts": counts()}), flush=True)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    quiet = {"verbosity": 0}
    call_command("migrate", **quiet)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with open(os.devnull, "w") as devnull:
        call_command("import_states", os.path.join(root, "states/data/states.csv"), stdout=devnull)
        call_command("import_meetings", os.path.join(root, "obligations/data/meetings.csv"), stdout=devnull)
        call_command("load_demo", stdout=devnull)
    step("populated")
    leaves = MigrationLoader(connection).graph.leaf_nodes()
    for app in OUR_APPS:
        names = sorted(name for label, name in MigrationLoader(connection).disk_migrations if label == app)
        if len(names) < 2:
            continue  # an app with only its initial migration goes back to zero below (top layers) or not at all
        # A deploy rolled back: the app's latest migration undone (and whatever depends on it), then redone.
        call_command("migrate", app, names[-2], **quiet)
        step(f"{app} back to {names[-2]}")
        call_command("migrate", **quiet)
        step(f"{app} forward")
    for app in OUR_APPS[:2]:  # the top layers all the way down (their tables go) and up again
        call_command("migrate", app, "zero", **quiet)
        step(f"{app} zero")
    call_command("migrate", **quiet)
    step("all forward")
    print(json.dumps({"leaves": sorted(f"{a}.{n}" for a, n in leaves)}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
