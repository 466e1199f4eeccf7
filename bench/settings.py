"""Production settings plus the benchmark's floor view (only ever used by `make bench`)."""

from ccm_portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
BENCHMARK_FLOOR = True
STATIC_ROOT = BASE_DIR / "var" / "bench-static"  # noqa: F405
