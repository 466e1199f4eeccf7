"""Settings of the reminder worker that test_worker_killed.py kills in the middle of a send."""

from tests.settings import *  # noqa: F403

EMAIL_BACKEND = "tests.faults.hanging_mail.EmailBackend"
