# ruff: noqa: E501 — Markdown table rows and SQL read better on one line.
"""`make bench`: seed a PostgreSQL database of its own, serve the app with gunicorn and production
settings, load it from a second process, and rewrite the results table of docs/performance.md.

    .venv/bin/python bench/run.py [--scale 1] [--reminder-scales 1,2,5,10] [--budget 560] [--no-docs]

Steps (each printed with its time): create the database `ccm_bench` on 127.0.0.1 (never `test` or
`postgres`; seed_benchmark refuses a database it did not create), migrate, collectstatic, seed N=1;
count SQL queries per request and time the CSV export in-process (bench/measure.py); start gunicorn
(bench.settings: ccm_portal.settings + the floor view, DEBUG off, Redis cache); load each endpoint with
wrk (8 connections; a small Python load generator when wrk is missing and cannot be installed);
read the workers' memory; time the reminder job on N=1 and on larger datasets while the time budget
allows; write the table. Exit status 0 even when a target is missed: the table says which.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
DOC = ROOT / "docs" / "performance.md"
OUT = ROOT / "var" / "bench"
BEGIN, END = "<!-- bench:results:start -->", "<!-- bench:results:end -->"
DB_NAME = os.environ.get("BENCH_DB", "ccm_bench")
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/11")
CONNECTIONS = 8
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
WARMUP = 2
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
THREADS = int(os.environ.get("BENCH_THREADS", "1"))  # sync workers: see docs/performance.md
LOAD_ORDER = ["floor", "needs_api", "needs_api_uncached", "need_api", "stats_api", "needs_page", "dashboard_page"]
# Every request of these gets its own URL (`&nocache=…`): the API's response cache always misses.
UNCACHED = {"needs_api_uncached": "needs_api"}
LABELS = {
    "floor": "floor: bare view, 1 raw SQL query + orjson (same 50 needs)",
    "needs_api": "needs API, deadline filter, sorted by priority, 50/page (repeated URL: response cache)",
    "needs_api_uncached": "same, every URL new (response cache always misses)",
    "need_api": "one need (API)",
    "stats_api": "stats endpoint",
    "needs_page": "needs page (HTML, ISU session)",
    "dashboard_page": "dashboard page (HTML, ISU session)",
}
WRK_UNCACHED_LUA = """
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  n = 0
end
function request()
  n = n + 1
  return wrk.format(nil, wrk.path .. "&nocache=" .. tid .. "-" .. n)
end
"""
WRK_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCHJSON {"requests": %d, "duration_us": %d, "non2xx": %d, "errors": %d, '
    .. '"p50_us": %d, "p95_us": %d, "p99_us": %d}\\n', summary.requests, summary.duration, e.status,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""

started_at = time.monotonic()


def log(message: str) -> None:
    print(f"[bench {time.monotonic() - started_at:6.1f}s] {message}", flush=True)


def env_for(db: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": f"{PG}/{db}",
            "REDIS_URL": REDIS,
            "SECRET_KEY": secrets.token_urlsafe(40),
            "DEBUG": "false",
            "SECURE_SSL_REDIRECT": "false",  # loopback, no TLS proxy in front
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "CONN_MAX_AGE": "60",  # persistent connections, as a production deployment would set
            "EMAIL_URL": "dummymail://",  # the reminder job renders every email; nothing leaves the machine
            "LOG_LEVEL": "WARNING",
            # The per-client throttles would cap the one load client at 20 requests/s. A one-second window
            # keeps DRF's per-client history (a list (un)pickled on every request) short.
            "API_THROTTLE_ANON": "1000000/second",
            "API_THROTTLE_USER": "1000000/second",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def manage(env, *args, capture=False) -> str:
    result = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, text=True, capture_output=capture)
    return result.stdout if capture else ""


def create_database(db: str) -> None:
    import psycopg2

    if db in ("postgres", "test"):
        raise SystemExit(f"refusing to use the {db!r} database")
    connection = psycopg2.connect(f"{PG}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{db}"')
            log(f"created database {db}")
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    connection.close()
    return version


def flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS).flushdb()


def ensure_wrk() -> str | None:
    if os.environ.get("BENCH_LOADGEN") == "python":  # force the fallback (to test it)
        return None
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("installing wrk (Debian package)")
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "wrk"], env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}, **quiet
        )
        if not shutil.which("wrk"):
            subprocess.run(["apt-get", "update", "-q"], **quiet)
            subprocess.run(
                ["apt-get", "install", "-y", "-q", "wrk"],
                env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
                **quiet,
            )
    return shutil.which("wrk")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(env, port: int) -> subprocess.Popen:
    args = [
        PY, "-m", "gunicorn", "ccm_portal.wsgi:application",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(WORKERS),
        "--worker-class", "gthread" if THREADS > 1 else "sync",
        "--threads", str(THREADS),
        "--log-level", "warning",
        "--graceful-timeout", "10",
        "--error-logfile", str(OUT / "gunicorn.log"),
    ]  # fmt: skip
    process = subprocess.Popen(args, cwd=ROOT, env=env, start_new_session=True)
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status < 500:
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("gunicorn did not start; see var/bench/gunicorn.log")


def worker_rss_mb(master: int) -> list[float]:
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return []
    sizes = []
    for pid in children:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        except OSError:
            continue
    return sizes


def load_wrk(wrk: str, port: int, path: str, headers: dict[str, str], seconds: int, uncached: bool = False) -> dict:
    script = OUT / ("uncached.lua" if uncached else "percentiles.lua")
    script.write_text((WRK_UNCACHED_LUA if uncached else "") + WRK_LUA)
    args = [wrk, "-t", "2", "-c", str(CONNECTIONS), "-d", f"{seconds}s", "--timeout", "10s", "-s", str(script)]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    output = subprocess.run([*args, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True).stdout
    data = json.loads(re.search(r"BENCHJSON (\{.*\})", output).group(1))
    seconds_run = data["duration_us"] / 1e6
    return {
        "rps": data["requests"] / seconds_run,
        "p50_ms": data["p50_us"] / 1000,
        "p95_ms": data["p95_us"] / 1000,
        "p99_ms": data["p99_us"] / 1000,
        "requests": data["requests"],
        "errors": data["non2xx"] + data["errors"],
    }


def load_python(port: int, path: str, headers: dict[str, str], seconds: int, uncached: bool = False) -> dict:
    """Fallback when wrk is missing: CONNECTIONS threads with keep-alive http.client connections."""
    latencies: list[float] = []
    errors = [0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        tid = threading.get_ident()
        while time.monotonic() < stop:
            begin = time.perf_counter()
            url = f"{path}&nocache={tid}-{len(mine)}" if uncached else path
            try:
                connection.request("GET", url, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    errors[0] += 1
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException):
                errors[0] += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append(time.perf_counter() - begin)
        with lock:
            latencies.extend(mine)

    begin = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - begin
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0] if latencies else 0] * 99
    return {
        "rps": len(latencies) / elapsed,
        "p50_ms": q[49] * 1000,
        "p95_ms": q[94] * 1000,
        "p99_ms": q[98] * 1000,
        "requests": len(latencies),
        "errors": errors[0],
    }


def machine(pg_version: str) -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    except OSError:
        mem_kb = 0
    django_version = subprocess.run(
        [PY, "-c", "import django; print(django.get_version())"], capture_output=True, text=True
    ).stdout.strip()
    return {
        "nproc": os.cpu_count(),
        "memory_gb": round(mem_kb / 2**20, 1),
        "cpu": cpu,
        "postgresql": pg_version,
        "python": platform.python_version(),
        "django": django_version,
        "kernel": platform.release(),
    }


def seed(env, scale: int) -> float:
    begin = time.monotonic()
    output = manage(env, "seed_benchmark", "--scale", str(scale), "--yes-destroy", capture=True)
    (OUT / f"seed-{scale}.txt").write_text(output)
    return time.monotonic() - begin


def measure(env, what: str) -> dict:
    output = subprocess.run(
        [PY, "-m", "bench.measure", what], cwd=ROOT, env=env, check=True, text=True, capture_output=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


# --- the table --------------------------------------------------------------------------------


def ok(flag: bool) -> str:
    return "met" if flag else "**missed**"


def render(results: dict) -> str:
    m = results["machine"]
    load = results["load"]
    floor = load["floor"]
    counts = results["counts"]
    lines = [
        BEGIN,
        f"_Rewritten by `make bench` on {results['date']} in {results['total_seconds']:.0f} s "
        f"(load generator: {results['load_generator']}, {CONNECTIONS} connections, {DURATION} s per endpoint after "
        f"{WARMUP} s of warm-up; gunicorn {WORKERS} {'sync workers' if THREADS == 1 else f'gthread workers × {THREADS} threads'}; "
        f"dataset N={results['scale']})._",
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB memory, Linux {m['kernel']}; "
        f"PostgreSQL {m['postgresql']}, Python {m['python']}, Django {m['django']}; PostgreSQL, Redis, gunicorn "
        "and the load generator share the machine.",
        "",
        "SQL queries: per request, without BEGIN/COMMIT, counted in-process (the response-cache rows: on a hit).",
        "",
        "| endpoint | req/s | × floor req/s | p50 ms | p95 ms | p99 ms | × floor p95 | SQL queries | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in LOAD_ORDER:
        r = load[name]
        queries = counts["queries"][UNCACHED.get(name, name)]
        if name in counts.get("queries_cached", {}):
            queries = counts["queries_cached"][name]
        lines.append(
            f"| {LABELS[name]} | {r['rps']:.0f} | {r['rps'] / floor['rps']:.2f} | {r['p50_ms']:.1f} | "
            f"{r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {r['p95_ms'] / floor['p95_ms']:.2f} | "
            f"{queries} | {r['errors']} |"
        )
    csv = counts["csv"]
    lines += [
        "",
        f"CSV export of all needs (ISU token): {csv['rows']:,} rows, {csv['bytes'] / 2**20:.1f} MB in "
        f"{csv['seconds']:.2f} s, streamed: {csv['streamed']}, peak Python memory during the export "
        f"{csv['peak_mb']:.1f} MB, {csv['queries']} SQL queries (a server-side cursor, 2,000 rows a fetch).",
        "",
        "Reminder job (`run_reminders`, dataset end day, email backend `dummy`: every message is rendered, "
        "claimed and recorded, none leaves the machine):",
        "",
        "| dataset | needs | pledges | seed s | emails due | first run s | ms per email | rerun s (nothing new) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results["reminders"]:
        per = 1000 * row["first_seconds"] / row["first_planned"] if row["first_planned"] else 0
        lines.append(
            f"| N={row['scale']} | {20000 * row['scale']:,} | {50000 * row['scale']:,} | {row['seed_seconds']:.0f} | "
            f"{row['first_planned']:,} | {row['first_seconds']:.2f} | {per:.2f} | {row['rerun_seconds']:.2f} |"
        )
    if results.get("skipped_scales"):
        lines.append(
            f"\nNot run within the {results['budget']:.0f} s budget: N={', '.join(map(str, results['skipped_scales']))} "
            "(seeding alone grows linearly, about 20 s per N); run `bench/run.py --reminder-scales "
            f"{','.join(map(str, results['skipped_scales']))} --budget 3600` to measure them."
        )
    rss = results["worker_rss_mb"]
    needs, reminders = (
        load["needs_api"],
        results["reminders"]
        or [{"scale": 1, "first_seconds": float("nan"), "first_planned": 0, "rerun_seconds": float("nan")}],
    )
    first = reminders[0]
    growth = ""
    uncached = load["needs_api_uncached"]
    if len(reminders) > 1:
        last = reminders[-1]
        ratio = (last["first_seconds"] / first["first_seconds"]) / (last["scale"] / first["scale"])
        growth = f"; N={last['scale']} took {ratio:.2f}× the N=1 time per unit of N"
        linear = ratio <= 1.25
    else:
        linear = None
    list_counts = (
        f"needs list {counts['queries']['needs_api']} (page 50), one need {counts['queries']['need_api']}; "
        "every list endpoint at page_size 5 and 100"
    )
    lines += [
        "",
        f"gunicorn workers' resident memory after the run: {', '.join(f'{x:.0f}' for x in rss)} MB.",
        "",
        "| target | measured | |",
        "|---|---|---|",
        f"| needs API ≥ 0.5 × floor throughput | {needs['rps'] / floor['rps']:.2f} × (cache missing every time: "
        f"{uncached['rps'] / floor['rps']:.2f} ×) | {ok(needs['rps'] / floor['rps'] >= 0.5)} |",
        f"| needs API p95 ≤ 50 ms | {needs['p95_ms']:.1f} ms (cache missing every time: {uncached['p95_ms']:.1f} ms) | "
        f"{ok(needs['p95_ms'] <= 50)} |",
        f"| stats endpoint p95 ≤ 100 ms | {load['stats_api']['p95_ms']:.1f} ms | {ok(load['stats_api']['p95_ms'] <= 100)} |",
        f"| dashboard page p95 ≤ 100 ms | {load['dashboard_page']['p95_ms']:.1f} ms | "
        f"{ok(load['dashboard_page']['p95_ms'] <= 100)} |",
        f"| SQL queries per list request ≤ 6, constant in page size | {list_counts} | asserted by tests/test_query_counts.py |",
        f"| CSV of {csv['rows']:,} needs streamed, ≤ 2 s, flat memory | {csv['seconds']:.2f} s, peak {csv['peak_mb']:.1f} MB | "
        f"{ok(csv['seconds'] <= 2 and csv['streamed'])} |",
        f"| reminder job over N=1 ≤ 5 s, linear growth | {first['first_seconds']:.2f} s{growth} | "
        f"{ok(first['first_seconds'] <= 5 and linear is not False)} |",
        f"| each gunicorn worker ≤ 150 MB resident | max {max(rss) if rss else 0:.0f} MB | {ok(bool(rss) and max(rss) <= 150)} |",
        END,
    ]
    return "\n".join(lines)


def write_doc(table: str) -> None:
    text = DOC.read_text() if DOC.exists() else f"# Performance\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text:
        text += f"\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    _old, tail = rest.split(END, 1)
    DOC.write_text(head + table + tail)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--reminder-scales", default="1,2,5,10")
    parser.add_argument("--budget", type=float, default=560, help="seconds; larger reminder datasets are skipped")
    parser.add_argument("--no-docs", action="store_true", help="print the table, leave docs/performance.md alone")
    parser.add_argument(
        "--endpoints",
        default=",".join(LOAD_ORDER),
        help="comma-separated subset (a run without the floor writes no table)",
    )
    options = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    env = env_for(DB_NAME)
    pg_version = create_database(DB_NAME)
    flush_redis()
    wrk = ensure_wrk()
    log("migrate")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    log(f"seed N={options.scale}")
    seed_seconds = seed(env, options.scale)
    log(f"seeded in {seed_seconds:.1f} s; counting queries, CSV export")
    env["BENCH_ENDPOINTS"] = options.endpoints
    counts = measure(env, "counts")
    wanted = [name for name in LOAD_ORDER if name in options.endpoints.split(",")]
    bad = {k: v for k, v in counts["status"].items() if v != 200 and k in wanted}
    if bad:
        raise SystemExit(f"endpoints did not answer 200: {bad}")
    port = free_port()
    server = start_gunicorn(env, port)
    load = {}
    try:
        for name in wanted:
            uncached = name in UNCACHED
            path = counts["urls"][UNCACHED.get(name, name)]
            if name.endswith("_page"):
                headers = {"Cookie": f"sessionid={counts['session']}"}
            elif name == "floor":
                headers = {}
            else:
                headers = {"Authorization": f"Token {counts['token']}"}
            if wrk:
                load_wrk(wrk, port, path, headers, WARMUP, uncached)
                load[name] = load_wrk(wrk, port, path, headers, DURATION, uncached)
            else:
                load_python(port, path, headers, WARMUP, uncached)
                load[name] = load_python(port, path, headers, DURATION, uncached)
            r = load[name]
            log(
                f"{name}: {r['rps']:.0f} req/s, p50 {r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, errors {r['errors']}"
            )
        rss = worker_rss_mb(server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # workers stuck in long requests
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)
    reminders, skipped = [], []
    scales = [int(s) for s in options.reminder_scales.split(",") if s.strip()]
    previous = None
    for scale in scales:
        if scale != options.scale:
            elapsed = time.monotonic() - started_at
            # Seeding and the job grow linearly: estimate from the last dataset measured.
            estimate = (previous["seed_seconds"] + previous["first_seconds"] + 5) * scale / previous["scale"]
            if elapsed + estimate > options.budget:
                skipped.append(scale)
                continue
            log(f"seed N={scale}")
            seconds = seed(env, scale)
        else:
            seconds = seed_seconds
        row = {"scale": scale, "seed_seconds": seconds, **measure(env, "reminders")}
        log(
            f"reminders N={scale}: {row['first_planned']} due, {row['first_seconds']:.2f} s, rerun {row['rerun_seconds']:.2f} s"
        )
        reminders.append(row)
        previous = row
    results = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(pg_version),
        "scale": options.scale,
        "load_generator": "wrk" if wrk else "bench/run.py's Python threads",
        "counts": counts,
        "load": load,
        "worker_rss_mb": rss,
        "reminders": reminders,
        "skipped_scales": skipped,
        "budget": options.budget,
        "total_seconds": time.monotonic() - started_at,
    }
    (OUT / "results.json").write_text(json.dumps(results, indent=2, default=str))
    if "floor" not in load:
        log(f"no floor measured: results in {OUT / 'results.json'}, no table")
        return
    table = render(results)
    if options.no_docs:
        print(table)
    else:
        write_doc(table)
        log(f"wrote {DOC.relative_to(ROOT)}")
    log("done")


if __name__ == "__main__":
    main()
