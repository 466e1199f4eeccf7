"""The entry point other apps use to feed yearly progress (e.g. the reports app from Article 7
figures). Higher apps may import this; assistance never imports them."""

from __future__ import annotations

from decimal import Decimal

from assistance.models import ProgressRecord, ProgressSource, ProgressUnit
from assistance.services import save_progress


def record_progress(
    obligation,
    year: int,
    remaining: Decimal,
    done: Decimal,
    source: str = ProgressSource.ARTICLE7,
    unit: str | None = None,
    notes: str = "",
) -> ProgressRecord:
    """Create or update the progress of one Article 3/4 obligation for one year (validated).

    An Article 7 figure never overwrites a figure the ISU entered by hand for the same year.
    """
    unit = unit or (ProgressUnit.SQUARE_METRES if obligation.article == 4 else ProgressUnit.MUNITIONS)
    record = ProgressRecord.objects.filter(obligation=obligation, year=year).first()
    if record is not None and record.source == ProgressSource.ISU and source == ProgressSource.ARTICLE7:
        return record
    record = record or ProgressRecord(obligation=obligation, year=year)
    record.remaining, record.done_in_year, record.unit, record.source = Decimal(remaining), Decimal(done), unit, source
    if notes:
        record.notes = notes
    record.full_clean()
    return save_progress(record)
