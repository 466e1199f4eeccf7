"""Signals: a write that changes a statistic invalidates the cached stats; a finished report
passes its figures on to the obligations' progress (services.record_report_progress)."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from reports import stats
from reports.models import Report
from reports.services import record_report_progress

# Models whose rows change a figure of /api/v1/stats/ (assistance ones once they exist).
STATS_SOURCES = [
    ("reports", "Report"),
    ("states", "State"),
    ("obligations", "Obligation"),
    ("obligations", "ExtensionRequest"),
    ("obligations", "Meeting"),
    ("assistance", "Need"),
    ("assistance", "Pledge"),
    ("assistance", "Disbursement"),
]


def _invalidate_stats(sender, **kwargs) -> None:
    stats.invalidate()


def _report_saved(sender, instance: Report, raw: bool = False, **kwargs) -> None:
    if not raw:
        record_report_progress(instance)


def connect() -> None:
    for app_label, model_name in STATS_SOURCES:
        model = apps.get_model(app_label, model_name)
        uid = f"reports.stats.invalidate.{app_label}.{model_name}"
        post_save.connect(_invalidate_stats, sender=model, dispatch_uid=uid)
        post_delete.connect(_invalidate_stats, sender=model, dispatch_uid=uid + ".delete")
    post_save.connect(_report_saved, sender=Report, dispatch_uid="reports.progress")
