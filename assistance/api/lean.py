"""The needs list and a need as JSON without DRF's per-field machinery: `.values()` rows turned
into the exact documents NeedSerializer produces (a test compares the two field by field).

A ModelSerializer builds ~30 field objects and walks them for every row; for a page of 50 needs
that was most of the request's time (docs/performance.md). Writes, the browsable API and the
schema still use NeedSerializer.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

from django.urls import reverse

# (column read with .values(), key in the document)
COLUMNS = [
    ("id", "id"),
    ("state__iso3", "state"),
    ("state__name", "state_name"),
    ("state__region", "region"),
    ("article", "article"),
    ("obligation_id", "obligation"),
    ("title", "title"),
    ("description", "description"),
    ("assistance_type", "assistance_type"),
    ("amount_requested", "amount_requested"),
    ("currency", "currency"),
    ("amount_requested_usd", "amount_requested_usd"),
    ("pledged_usd", "pledged_usd"),
    ("disbursed_usd", "disbursed_usd"),
    ("funding_gap_usd", "funding_gap_usd"),
    ("deadline", "deadline"),
    ("own_deadline", "own_deadline"),
    ("submitted_on", "submitted_on"),
    ("computed_status", "status"),
    ("closed_on", "closed_on"),
    ("is_public", "is_public"),
    ("period_start", "period_start"),
    ("period_end", "period_end"),
    ("completion_plan", "completion_plan"),
    ("completion_plan_url", "completion_plan_url"),
    ("share_of_remaining_work", "share_of_remaining_work"),
    ("priority", "priority"),
    ("close_to_completion", "close_to_completion"),
    ("document", "document_url"),
]
VALUES = [column for column, _key in COLUMNS]
# Decimal columns and their places, formatted as DRF's DecimalField does (COERCE_DECIMAL_TO_STRING).
DECIMALS = {
    "amount_requested": (16, 2),
    "amount_requested_usd": (28, 2),
    "pledged_usd": (28, 2),
    "disbursed_usd": (28, 2),
    "funding_gap_usd": (28, 2),
    "share_of_remaining_work": (5, 2),
    "priority": (6, 1),
}
DATES = {"deadline", "own_deadline", "submitted_on", "closed_on", "period_start", "period_end"}
_QUANTUM = {places: Decimal(1).scaleb(-places) for places in (1, 2)}


def _decimal(value: Decimal, digits: int, places: int) -> str:
    with localcontext() as context:
        context.prec = digits
        return format(value.quantize(_QUANTUM[places], rounding=ROUND_HALF_UP), "f")


def need_document(row: dict, request=None) -> dict:
    """One `.values(*VALUES)` row as the API document of a need."""
    doc = {}
    for column, key in COLUMNS:
        value = row[column]
        if value is not None:
            if key in DECIMALS:
                value = _decimal(value, *DECIMALS[key])
            elif key in DATES:
                value = value.isoformat()
            elif key == "document_url":
                if value:
                    url = reverse("need-document", args=[row["id"]])
                    value = request.build_absolute_uri(url) if request is not None else url
                else:
                    value = None
        elif key == "document_url":
            value = None
        doc[key] = value
    return doc


# The CSV export (NeedCSVRow's columns, in order) from `.values(*CSV_VALUES)` rows.
CSV_VALUES = [
    "id",
    "state__iso3",
    "state__name",
    "article",
    "obligation_id",
    "title",
    "assistance_type",
    "amount_requested",
    "currency",
    "amount_requested_usd",
    "pledged_usd",
    "disbursed_usd",
    "funding_gap_usd",
    "deadline",
    "submitted_on",
    "computed_status",
    "is_public",
    "priority",
]


def csv_row(row: tuple) -> list:
    """One `.values_list(*CSV_VALUES)` row as NeedCSVRow.values() writes a need."""
    (pk, iso3, name, article, obligation, title, kind, amount, currency, requested, pledged, disbursed, gap,
     deadline, submitted, status, is_public, priority) = row  # fmt: skip
    return [
        pk,
        iso3,
        name,
        article,
        obligation or "",
        title,
        kind,
        amount,
        currency,
        "" if requested is None else requested,
        pledged,
        disbursed,
        "" if gap is None else gap,
        deadline.isoformat() if deadline else "",
        submitted.isoformat(),
        status,
        "true" if is_public else "false",
        "" if priority is None else f"{priority:.1f}",
    ]
