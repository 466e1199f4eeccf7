"""The Celery app. Without REDIS_URL tasks run eagerly in the web process (local demo)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ccm_portal.settings")

app = Celery("ccm_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
