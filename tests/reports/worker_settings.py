"""Settings of the real Celery worker started by test_celery_worker.py: the test settings, with
emails written as files (EMAIL_URL=filemail://...) instead of the in-memory outbox."""

from tests.settings import *  # noqa: F403

vars().update(EMAIL_CONFIG)  # noqa: F405 - EMAIL_URL from the environment, as in production
