"""Celery tasks of the reports app; the beat schedule is static (settings.CELERY_BEAT_SCHEDULE)."""

from datetime import date

from celery import shared_task

from reports.reminders_mail import run_reminders


@shared_task(name="reports.send_reminders", acks_late=True, time_limit=30 * 60, soft_time_limit=28 * 60)
def send_reminders(today: str | None = None) -> str:
    """The daily reminder job. Idempotent: a duplicate tick or a retry sends nothing new."""
    return run_reminders(date.fromisoformat(today) if today else None).summary()
