"""Project wiring: settings, URLs, the Celery app. Owns no domain."""

from ccm_portal.celery import app as celery_app

__all__ = ["celery_app"]
