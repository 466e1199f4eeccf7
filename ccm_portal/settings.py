"""Settings, read from the environment (django-environ).

Without any environment the project runs as the local demo: SQLite under var/, tasks eager,
DEBUG on and a throw-away secret key that `make run` writes to var/. Outside the demo,
SECRET_KEY must be given and DEBUG is false unless asked for.
"""

import os
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is read when present (never committed); real deployments set variables.
# ENV_FILE names another file; an empty ENV_FILE reads none (tests of the settings use that).
_env_file = os.environ.get("ENV_FILE", str(BASE_DIR / ".env"))
if _env_file:
    environ.Env.read_env(_env_file, overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# No default: a missing key is an error, never a silent known secret.
SECRET_KEY = env.str("SECRET_KEY")
# Rotation: set the new SECRET_KEY and list the old one here until sessions and links signed with it
# have expired (docs/operations.md).
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    # ours, lowest layer first (docs/architecture.md)
    "core",
    "states",
    "accounts",
    "obligations",
    "assistance",
    "reports",
    "ccm_portal",  # the top: management commands that use every app (load_demo)
]

MIDDLEWARE = [
    # First: a too-large request is refused before anything reads its body (core/uploads.py).
    "core.uploads.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserTimeZoneMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ccm_portal.security.ContentSecurityPolicyMiddleware",
    "accounts.middleware.ISUIdleTimeoutMiddleware",
    "accounts.twofactor.TwoFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "ccm_portal.urls"
WSGI_APPLICATION = "ccm_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.roles.viewer",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'ccm_portal.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The demo database: SQLite ignores the covering index's INCLUDE columns, which is harmless.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Optional read replica for API GETs (ccm_portal/routers.py, docs/scaling.md).
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL")
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["ccm_portal.routers.ReplicaRouter"]
    _sessions = MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware")
    MIDDLEWARE.insert(_sessions, "ccm_portal.routers.ReplicaReadsMiddleware")

AUTH_USER_MODEL = "accounts.User"
# Every password check is throttled (accounts/backends.py), the admin's login included.
AUTHENTICATION_BACKENDS = ["accounts.backends.ThrottledModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# UTC in the database; pages show dates in the reader's zone (TIME_ZONE is the default one).
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploads live outside the static root and are served by views that check permissions.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Request size (issue 19): a 10 MB document and its form, refused above this before being read;
# the proxy (deploy/nginx.conf) has the same cap. Non-file fields: 2.5 MB; files above
# FILE_UPLOAD_MAX_MEMORY_SIZE are streamed to a temporary file, not held in memory.
MAX_REQUEST_BYTES = env.int("MAX_REQUEST_BYTES", default=12 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    # Fail-soft: Redis down means uncached pages, never 500s (ccm_portal/cache.py).
    CACHES = {"default": {"BACKEND": "ccm_portal.cache.FailSoftRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: static beat schedule (added by the apps that own the jobs), UTC, eager without Redis.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "UTC"
CELERY_ENABLE_UTC = True
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# reports: the daily reminder job (reports/tasks.py); idempotent, so a doubled tick sends nothing twice.
CELERY_BEAT_SCHEDULE: dict = {
    "reports-send-reminders": {
        "task": "reports.send_reminders",
        "schedule": 24 * 60 * 60,  # daily; the job decides by date, so the hour does not matter
        "options": {"expires": 12 * 60 * 60},
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
if EMAIL_CONFIG.get("EMAIL_FILE_PATH"):
    # django-environ drops the leading slash of filemail:///path/to/dir; the contract means /path/to/dir.
    EMAIL_CONFIG["EMAIL_FILE_PATH"] = "/" + EMAIL_CONFIG["EMAIL_FILE_PATH"].lstrip("/")
vars().update(EMAIL_CONFIG)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# Absolute links in emails and calendar feeds.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="CCM Portal <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header is what makes DRF answer an anonymous write with
    # 401 (API contract); with session first every refusal would be a 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["accounts.roles.ISUWritesOthersRead"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "core.api.ordering.StrictOrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "ccm_portal.api.exceptions.exception_handler",
    # Generous limits against scripted abuse, per client IP (anonymous) or per user.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="300/minute"),
        "user": env.str("API_THROTTLE_USER", default="1200/minute"),
    },
    "DATE_FORMAT": "%Y-%m-%d",
    "COERCE_DECIMAL_TO_STRING": True,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "CCM Portal API",
    "DESCRIPTION": "Needs, assistance, deadlines and Article 7 reporting under the Convention on "
    "Cluster Munitions. Version 1 is a contract: fields are added, never renamed or removed.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several resources have a `status`; name each set of values after its meaning.
    "ENUM_NAME_OVERRIDES": {
        "TreatyStatusEnum": "states.models.TreatyStatus",
        "ObligationStatusEnum": "obligations.models.ObligationStatus",
        "ExtensionStatusEnum": "obligations.models.ExtensionStatus",
        "ReportKindEnum": "reports.models.ReportKind",
        "ReportStatusEnum": "reports.models.ReportStatus",
        "ReportingStatusEnum": "reports.models.ReportingStatus",
        "ReminderKindEnum": "reports.models.ReminderKind",
        "ReminderStatusEnum": "reports.models.ReminderStatus",
    },
}

# Behind a TLS proxy, trust its X-Forwarded-Proto; redirect to HTTPS outside DEBUG by default.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Login throttling (accounts/throttle.py): failures within the window per username and address,
# per username from anywhere, per address for any username; then a wait.
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_ACCOUNT_FAILURE_LIMIT = env.int("LOGIN_ACCOUNT_FAILURE_LIMIT", default=20)
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=50)
LOGIN_FAILURE_WINDOW = env.int("LOGIN_FAILURE_WINDOW", default=15 * 60)
# Behind the compose proxy, which sets X-Forwarded-For itself: the client's address is its last entry.
TRUST_X_FORWARDED_FOR = env.bool("TRUST_X_FORWARDED_FOR", default=False)
# Password reset e-mails: per address and per e-mail address within the window (accounts/passwords.py).
PASSWORD_RESET_LIMIT_PER_ADDRESS = env.int("PASSWORD_RESET_LIMIT_PER_ADDRESS", default=5)
PASSWORD_RESET_LIMIT_PER_EMAIL = env.int("PASSWORD_RESET_LIMIT_PER_EMAIL", default=3)
PASSWORD_RESET_WINDOW = env.int("PASSWORD_RESET_WINDOW", default=60 * 60)
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=24 * 60 * 60)
# ISU accounts must pass a TOTP code after the password before any page (accounts/twofactor.py);
# an authenticator is enrolled through a link e-mailed to the account, valid this long.
ISU_REQUIRE_2FA = env.bool("ISU_REQUIRE_2FA", default=True)
TWO_FACTOR_ENROLMENT_MAX_AGE = env.int("TWO_FACTOR_ENROLMENT_MAX_AGE", default=24 * 60 * 60)
# ISU sessions end after this many seconds without a request (accounts/middleware.py).
ISU_SESSION_IDLE_SECONDS = env.int("ISU_SESSION_IDLE_SECONDS", default=30 * 60)
# The admin's address (not /admin/ by default on a public site: set ADMIN_PATH, e.g. "isu-admin/").
ADMIN_PATH = env.str("ADMIN_PATH", default="admin/").strip("/") + "/"

# LOG_FORMAT=json writes one JSON object per line (ccm_portal/logging.py); plain otherwise.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "ccm_portal.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json" if LOG_FORMAT == "json" else "plain"}
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
