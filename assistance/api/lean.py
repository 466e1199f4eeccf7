"""The needs list and a need as JSON without DRF's per-field machinery: `.values()` rows turned
into the exact documents NeedSerializer produces (a test compares the two field by field), and
the CSV's rows. Both read the columns declared in assistance/need_columns.py.

A ModelSerializer builds ~30 field objects and walks them for every row; for a page of 50 needs
that was most of the request's time (docs/performance.md). Writes, the browsable API and the
schema still use NeedSerializer.
"""

from __future__ import annotations

from django.urls import reverse

from assistance.need_columns import CSV_VALUES, NEED_COLUMNS, VALUES, csv_cells, decimal_text

__all__ = ["CSV_VALUES", "VALUES", "csv_cells", "need_document"]


def need_document(row: dict, request=None) -> dict:
    """One `.values(*VALUES)` row as the API document of a need."""
    doc = {}
    for column in NEED_COLUMNS:
        value = row[column.read]
        if column.kind == "document":
            if value:
                url = reverse("need-document", args=[row["id"]])
                value = request.build_absolute_uri(url) if request is not None else url
            else:
                value = None
        elif value is not None:
            if column.kind == "decimal":
                value = decimal_text(value, *column.places)
            elif column.kind == "date":
                value = value.isoformat()
        doc[column.key] = value
    return doc
