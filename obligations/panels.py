"""The obligations panel of the state profile (registered in ObligationsConfig.ready)."""

from django.db.models import Prefetch
from django.utils import timezone

from accounts import roles
from obligations.models import ExtensionRequest, Meeting, Obligation
from obligations.timeline import build_timeline


def obligations_panel(request, state) -> dict:
    obligations = list(
        Obligation.objects.filter(state=state)
        .order_by("article", "id")
        .prefetch_related(
            Prefetch(
                "extension_requests",
                queryset=ExtensionRequest.objects.select_related("meeting").order_by(
                    "submitted_on", "decided_on", "id"
                ),
            )
        )
    )
    meetings = list(Meeting.objects.exclude(start_date=None))
    for obligation in obligations:
        meeting = obligation.deciding_meeting(meetings)
        obligation.deciding = meeting
    today = timezone.localdate()
    return {
        "state": state,
        "obligations": obligations,
        "timeline": build_timeline(obligations, state.entry_into_force, today),
        "can_edit": roles.is_isu(request.user),
    }
