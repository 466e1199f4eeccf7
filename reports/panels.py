"""The Article 7 panel of the state profile (registered in ReportsConfig.ready)."""

from django.utils import timezone

from accounts import roles
from reports.models import Report
from reports.stats import reporting_status


def reports_panel(request, state) -> dict:
    today = timezone.localdate()
    owed = reporting_status(today, state.iso3) if state.entry_into_force else []
    ids = {
        (r.kind, r.year): r.pk
        for r in Report.objects.visible_to(request.user).filter(state=state).only("id", "kind", "year")
    }
    rows = [{"owed": o, "report_id": ids.get((o.kind, o.year))} for o in reversed(owed)]
    return {"state": state, "rows": rows, "today": today, "can_edit": roles.is_isu(request.user)}
