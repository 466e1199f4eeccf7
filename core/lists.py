"""List pages, written once: filterset → sort → paginate → render.

A page declares its queryset, filterset, sort keys (core/sorting.py) and templates; the filter
form (templates/_filter_form.html) asks htmx to swap `#results` when a filter changes, and such a
request gets only the results partial, not the whole page. A history restore (htmx reloading a
page it no longer has in its cache) and any plain request get the whole page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django_filters import FilterSet

from core.sorting import ORDERING_PARAM, sort_queryset

# A page's own sorting: (queryset, the `?ordering=` value) -> (sorted queryset, the ordering applied).
Sorter = Callable[[QuerySet, str], tuple[QuerySet, str]]


def wants_results_only(request: HttpRequest) -> bool:
    """An htmx request for the results of a filter change (not a boosted link, not a history restore)."""
    headers = request.headers
    return (
        headers.get("HX-Request") == "true"
        and headers.get("HX-History-Restore-Request") != "true"
        and headers.get("HX-Boosted") != "true"
    )


@dataclass
class ListResult:
    filter: FilterSet | None
    page: Page
    ordering: str  # the `?ordering=` applied, "" for the page's default order

    @property
    def rows(self) -> QuerySet:
        """Every matching row, sorted (the page slices it)."""
        return self.page.paginator.object_list

    def context(self) -> dict:
        return {"filter": self.filter, "page": self.page}


def filter_sort_paginate(
    request: HttpRequest,
    queryset: QuerySet,
    *,
    filterset_class: type[FilterSet] | None = None,
    sorts: Mapping[str, Sequence] | Sorter | None = None,
    per_page: int = 50,
    data=None,
) -> ListResult:
    """Invalid filters list nothing (the form shows the errors); an unknown sort key keeps the
    queryset's own order; a page number past the end shows the last page. `sorts` is a map of
    sort keys (core/sorting.py), or a function for a page that sorts as its API does."""
    filterset = None
    if filterset_class is not None:
        filterset = filterset_class(request.GET if data is None else data, queryset=queryset)
        queryset = filterset.qs if filterset.is_valid() else queryset.none()
    ordering = ""
    if callable(sorts):
        queryset, ordering = sorts(queryset, request.GET.get(ORDERING_PARAM, ""))
    elif sorts:
        queryset, ordering = sort_queryset(request, queryset, sorts)
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    return ListResult(filterset, page, ordering)


def render_list(request: HttpRequest, template: str, results_template: str, context: dict) -> HttpResponse:
    """The whole page, or only its results partial for an htmx filter change."""
    response = render(request, results_template if wants_results_only(request) else template, context)
    patch_vary_headers(response, ["HX-Request"])  # a cache must not serve the partial as the page
    return response


def list_page(
    request: HttpRequest,
    queryset: QuerySet,
    *,
    template: str,
    results_template: str,
    filterset_class: type[FilterSet] | None = None,
    sorts: Mapping[str, Sequence] | None = None,
    per_page: int = 50,
    extra: dict | None = None,
) -> HttpResponse:
    """A list page in one call, for pages that need nothing more than their rows."""
    result = filter_sort_paginate(request, queryset, filterset_class=filterset_class, sorts=sorts, per_page=per_page)
    return render_list(request, template, results_template, {**result.context(), **(extra or {})})
