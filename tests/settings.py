"""Test settings: the real settings module, with the environment the test suite runs in.

PostgreSQL and Redis on 127.0.0.1 (services.md); pytest-django creates its own database
(test_ccm_portal) and never touches `test` or `postgres`.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ccm_portal")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("EMAIL_URL", "consolemail://")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
# The fixed cast's ISU logs in with a password only; tests/accounts/test_two_factor.py turns 2FA on.
os.environ.setdefault("ISU_REQUIRE_2FA", "false")
# API throttling stays on but out of reach of the suites (tests/accounts/test_throttling.py tests it).
os.environ.setdefault("API_THROTTLE_ANON", "100000/minute")
os.environ.setdefault("API_THROTTLE_USER", "100000/minute")

from ccm_portal.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; never in production
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Serve static files from the app folders, no collectstatic needed in tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The needs API's response cache (assistance/api/views.py) shares Redis between tests whose rows
# are rolled back: off here, on in tests/test_performance.py, which clears it.
NEEDS_API_CACHE_SECONDS = 0
