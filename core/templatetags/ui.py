"""Template helpers shared by every page: sortable column headers and query strings that keep
the current filters (`{% load ui %}`)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from core.sorting import ORDERING_PARAM

register = template.Library()


def _query(request, **changes) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def sort_th(context, key: str, label: str, default: str = "") -> str:
    """A `<th>` whose label is a link that sorts by `key` (again: the other way round).

    `default` names the ordering the page uses when none is asked for ("key" or "-key"), so the
    header says how the unsorted page is ordered too."""
    request = context["request"]
    current = request.GET.get(ORDERING_PARAM, "") or default
    if current == key:
        state, next_value, hint = "ascending", f"-{key}", _("sorted ascending; select to sort descending")
    elif current == f"-{key}":
        state, next_value, hint = "descending", key, _("sorted descending; select to sort ascending")
    else:
        state, next_value, hint = None, key, _("select to sort")
    href = _query(request, **{ORDERING_PARAM: next_value})
    arrow = {"ascending": "▲", "descending": "▼"}.get(state, "")
    if state:
        return format_html(
            '<th scope="col" aria-sort="{}"><a href="{}">{} <span aria-hidden="true">{}</span>'
            '<span class="visually-hidden">({})</span></a></th>',
            state,
            href,
            label,
            arrow,
            hint,
        )
    return format_html(
        '<th scope="col"><a href="{}">{}<span class="visually-hidden"> ({})</span></a></th>', href, label, hint
    )


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters changed (`page` always reset)."""
    return _query(context["request"], **changes)
