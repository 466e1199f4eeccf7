from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from core.lists import list_page
from states.filtersets import StateFilterSet
from states.models import State
from states.profile import panels_for

STATE_SORTS = {
    "name": ["name"],
    "iso3": ["iso3"],
    "region": ["region", "name"],
    "status": ["status", "name"],
    "signed": ["signature_date", "name"],
    "deposited": ["deposit_date", "name"],
    "entry_into_force": ["entry_into_force", "name"],
}


@require_GET
def state_list(request):
    return list_page(
        request,
        State.objects.order_by("name"),
        template="states/state_list.html",
        results_template="states/_state_results.html",
        filterset_class=StateFilterSet,
        sorts=STATE_SORTS,
        per_page=200,
    )


@require_GET
def state_detail(request, iso3: str):
    if not (len(iso3) == 3 and iso3.isascii() and iso3.isalpha()):
        raise Http404  # e.g. a NUL byte, which PostgreSQL refuses in a query (500)
    state = get_object_or_404(State, iso3=iso3.upper())
    context = {"state": state, "status_history": status_history(state), "panels": panels_for(request, state)}
    return render(request, "states/state_detail.html", context)


def status_history(state: State) -> list:
    """The records where the treaty status or its dates changed, oldest first."""
    tracked = ("status", "deposit_date", "withdrawal_date")
    changes, previous = [], None
    for record in state.history.select_related("history_user").order_by("history_date", "history_id"):
        if previous is None or any(getattr(record, f) != getattr(previous, f) for f in tracked):
            changes.append(record)
        previous = record
    return changes
