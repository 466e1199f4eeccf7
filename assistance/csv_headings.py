"""Column headings of the needs CSV in the reader's language.

In English the headings are the field names of the API contract (unchanged for scripts, which
send no Accept-Language); in French and Spanish they are words a person reads in a spreadsheet.
"""

from django.utils.translation import pgettext_lazy

NEED_CSV_HEADINGS = {
    "id": pgettext_lazy("CSV heading", "id"),
    "state": pgettext_lazy("CSV heading", "state"),
    "state_name": pgettext_lazy("CSV heading", "state_name"),
    "article": pgettext_lazy("CSV heading", "article"),
    "obligation": pgettext_lazy("CSV heading", "obligation"),
    "title": pgettext_lazy("CSV heading", "title"),
    "assistance_type": pgettext_lazy("CSV heading", "assistance_type"),
    "amount_requested": pgettext_lazy("CSV heading", "amount_requested"),
    "currency": pgettext_lazy("CSV heading", "currency"),
    "amount_requested_usd": pgettext_lazy("CSV heading", "amount_requested_usd"),
    "pledged_usd": pgettext_lazy("CSV heading", "pledged_usd"),
    "disbursed_usd": pgettext_lazy("CSV heading", "disbursed_usd"),
    "funding_gap_usd": pgettext_lazy("CSV heading", "funding_gap_usd"),
    "deadline": pgettext_lazy("CSV heading", "deadline"),
    "submitted_on": pgettext_lazy("CSV heading", "submitted_on"),
    "status": pgettext_lazy("CSV heading", "status"),
    "is_public": pgettext_lazy("CSV heading", "is_public"),
    "priority": pgettext_lazy("CSV heading", "priority"),
}


def headings(columns: list[str]) -> list[str]:
    return [str(NEED_CSV_HEADINGS.get(c, c)) for c in columns]
