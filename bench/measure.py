"""In-process measurements for `make bench` (run by bench/run.py with DJANGO_SETTINGS_MODULE=bench.settings):

    python -m bench.measure counts      SQL queries per request, CSV export time and peak memory, a session
    python -m bench.measure reminders   the daily reminder job on DATASET_END: first run, then a rerun

Prints one JSON document on stdout.
"""

from __future__ import annotations

import json
import os
import sys
import time
import tracemalloc

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from bench.dataset import DATASET_END, ISU_USERNAME, bench_token  # noqa: E402

AFTER, BEFORE = "2024-01-01", "2030-12-31"
YEAR = DATASET_END.year - 1
ENDPOINTS = {
    "floor": f"/bench/floor/needs/?deadline_after={AFTER}&deadline_before={BEFORE}",
    "needs_api": f"/api/v1/needs/?deadline_after={AFTER}&deadline_before={BEFORE}&ordering=-priority&page_size=50",
    "need_api": "/api/v1/needs/{need_id}/",
    "stats_api": f"/api/v1/stats/?year={YEAR}&as_of={DATASET_END.isoformat()}",
    "needs_page": "/assistance/",
    "dashboard_page": f"/reports/dashboard/?year={YEAR}&as_of={DATASET_END.isoformat()}",
}
CSV_URL = "/api/v1/needs/?format=csv"
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


def endpoints() -> dict[str, str]:
    from assistance.models import Need

    need_id = Need.objects.order_by("id").values_list("id", flat=True)[1000]
    return {name: url.format(need_id=need_id) for name, url in ENDPOINTS.items()}


def counts() -> dict:
    token = {"HTTP_AUTHORIZATION": f"Token {bench_token(ISU_USERNAME)}"}
    pages = Client()
    isu = User.objects.get(username=ISU_USERNAME)
    pages.force_login(isu)
    session = pages.session
    session["two_factor_user"] = isu.pk  # accounts.twofactor: this session passed its second factor
    session.save()
    result = {"urls": endpoints(), "queries": {}, "queries_cached": {}, "status": {}}

    def count(client, url, headers) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, **headers)
        # BEGIN/COMMIT of ATOMIC_REQUESTS (SAVEPOINT/RELEASE inside a test) are not queries of the view.
        sql = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith(TRANSACTION_CONTROL)]
        return response.status_code, len(sql)

    for name, url in result["urls"].items():
        if name not in os.environ.get("BENCH_ENDPOINTS", name).split(","):
            continue
        is_page = name.endswith("_page")
        client = pages if is_page else Client()
        headers = {} if is_page else token
        client.get(url, **headers)  # warm (stats and dashboard caches, first-use imports)
        with override_settings(NEEDS_API_CACHE_SECONDS=0):  # the work of a request the cache cannot answer
            result["status"][name], result["queries"][name] = count(client, url, headers)
        if name in ("needs_api", "need_api"):
            client.get(url, **headers)
            _status, result["queries_cached"][name] = count(client, url, headers)
    # CSV: every need, streamed; time to the last byte and the peak of Python allocations meanwhile.
    client = Client()
    tracemalloc.start()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CSV_URL, **token)
        size = lines = 0
        for chunk in response.streaming_content:
            size += len(chunk)
            lines += chunk.count(b"\n")
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    result["csv"] = {
        "status": response.status_code,
        "seconds": elapsed,
        "rows": lines - 1,
        "bytes": size,
        "peak_mb": peak / 2**20,
        "queries": sum(1 for q in queries.captured_queries if not q["sql"].startswith(TRANSACTION_CONTROL)),
        "streamed": response.streaming,
    }
    result["session"] = pages.cookies["sessionid"].value
    result["token"] = bench_token(ISU_USERNAME)
    return result


def reminders() -> dict:
    from reports.reminders_mail import run_reminders

    started = time.perf_counter()
    first = run_reminders(DATASET_END)
    first_seconds = time.perf_counter() - started
    started = time.perf_counter()
    again = run_reminders(DATASET_END)
    again_seconds = time.perf_counter() - started
    return {
        "first_seconds": first_seconds,
        "first_planned": len(first.planned),
        "first_sent": first.sent,
        "first_failed": first.failed,
        "rerun_seconds": again_seconds,
        "rerun_sent": again.sent,
    }


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "counts"
    print(json.dumps({"counts": counts, "reminders": reminders}[what](), default=str))
