"""What happens when a report is saved, beyond the row itself.

The figures of a report feed the obligations' progress: stockpile held / destroyed (Article 3)
and contaminated area remaining / cleared (Article 4) go to the assistance app's progress
record through its entry point `assistance.progress.record_progress` (reports sits above
assistance, so calling down is allowed; assistance never imports reports). An Article 7 figure
never overwrites a figure the ISU entered by hand (assistance's rule).
"""

from __future__ import annotations

import importlib
import logging
from decimal import Decimal

from django.core.exceptions import ValidationError

from obligations.models import Obligation
from reports.models import Report, ReportKind

logger = logging.getLogger(__name__)

# article -> (remaining field, done-in-year field)
PROGRESS_FIGURES = {
    3: ("stockpile_held", "stockpile_destroyed"),
    4: ("contaminated_area_remaining_m2", "contaminated_area_cleared_m2"),
}


def _progress_recorder():
    """`assistance.progress.record_progress`, or None if the assistance app has none."""
    try:
        module = importlib.import_module("assistance.progress")
    except ModuleNotFoundError as exc:
        if exc.name != "assistance.progress":
            raise
        return None
    return getattr(module, "record_progress", None)


def report_year(report: Report) -> int:
    """The year the figures describe: the year covered, or for the initial report the end of
    its reporting period (else the year before it was received)."""
    if report.kind == ReportKind.ANNUAL:
        return report.year
    if report.period_to:
        return report.period_to.year
    return report.received_on.year - 1 if report.received_on.month < 7 else report.received_on.year


def record_report_progress(report: Report) -> list:
    """Pass a finished report's progress figures on to its state's Article 3/4 obligations.

    Returns the progress records written (empty while a draft, without figures, without a
    matching obligation, or while the assistance app has no `record_progress`).
    """
    if report.is_draft or not report.has_progress_figures:
        return []
    record = _progress_recorder()
    if record is None:
        return []
    written = []
    for article, (remaining_field, done_field) in PROGRESS_FIGURES.items():
        remaining = getattr(report, remaining_field)
        if remaining is None:
            continue
        obligation = (
            Obligation.objects.filter(state_id=report.state_id, article=article)
            .order_by("hostilities_ended_on", "id")
            .first()
        )
        if obligation is None:
            continue
        done = getattr(report, done_field) or 0
        try:
            written.append(
                record(
                    obligation,
                    report_year(report),
                    Decimal(remaining),
                    Decimal(done),
                    notes=f"Article 7 report received {report.received_on.isoformat()}",
                )
            )
        except ValidationError as exc:  # the report stands; the progress figure is refused
            logger.warning("progress from report %s refused: %s", report.pk, exc)
    return written
