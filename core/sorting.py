"""Server-side sorting of the list pages: `?ordering=<key>` or `?ordering=-<key>`.

Each page declares the keys it sorts by (a column name the reader sees in the URL, mapped to
model fields); an unknown key falls back to the page's default order instead of an error, so an
old bookmark never breaks. The column headers are links made by `{% sort_th %}` (core/
templatetags/ui.py), with `aria-sort` on the sorted column.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import F, QuerySet

ORDERING_PARAM = "ordering"


def _expression(field: str, descending: bool):
    name = field.lstrip("-")
    flip = field.startswith("-") != descending
    return F(name).desc(nulls_last=True) if flip else F(name).asc(nulls_last=True)


def sort_queryset(request, queryset: QuerySet, keys: dict[str, Sequence[str]]) -> tuple[QuerySet, str]:
    """Order `queryset` by the reader's `?ordering=`; returns it and the ordering applied ("" when none).

    `keys` maps a public key to model fields; "-field" in the list means that field runs the
    other way (e.g. a tie-breaker). The primary key always ends the order, so pages are stable."""
    value = request.GET.get(ORDERING_PARAM, "")
    descending = value.startswith("-")
    key = value[1:] if descending else value
    if key not in keys:
        return queryset, ""
    fields = [_expression(f, descending) for f in keys[key]]
    return queryset.order_by(*fields, "-pk" if descending else "pk"), value
