"""What happens when a report is saved, beyond the row itself.

The figures of a report (stockpiles held and destroyed, contaminated area remaining and
cleared) feed the obligations' progress. The assistance app owns progress and outlook; when it
provides `assistance.progress.record_progress`, `record_report_progress` hands it the figures.
Until then this is the hook, and it does nothing (reports sits above assistance, so calling
down is allowed; assistance never imports reports).
"""

from __future__ import annotations

import importlib
import logging

from reports.models import Report

logger = logging.getLogger(__name__)

PROGRESS_FIGURES = (
    "stockpile_held",
    "stockpile_destroyed",
    "contaminated_area_remaining_m2",
    "contaminated_area_cleared_m2",
)


def _progress_recorder():
    try:
        module = importlib.import_module("assistance.progress")
    except ModuleNotFoundError as exc:
        if exc.name not in ("assistance.progress",):
            raise
        return None
    return getattr(module, "record_progress", None)


def record_report_progress(report: Report) -> bool:
    """Pass a report's progress figures on to the assistance app's progress record.

    Returns whether they were recorded (False while `assistance.progress.record_progress` does
    not exist, or when the report holds no figures or is still a draft).
    """
    if report.is_draft or not report.has_progress_figures:
        return False
    record = _progress_recorder()
    if record is None:
        return False
    figures = {name: getattr(report, name) for name in PROGRESS_FIGURES if getattr(report, name) is not None}
    record(state=report.state, on=report.received_on, source=report, **figures)
    return True
