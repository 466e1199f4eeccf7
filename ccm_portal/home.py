"""What needs my attention now: the home page's content for each role.

ccm_portal sits above every app, so it reads them all; each function asks the owning app's
rules and querysets (reports.stats/rules for Article 7, Need.visible_to().with_funding() and
Pledge.with_amounts() for assistance, Obligation for deadlines) and never re-derives a date.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import treaty
from assistance.models import Need, Pledge
from obligations.models import ExtensionRequest, ExtensionStatus, Obligation, ObligationStatus
from reports import stats
from states.models import State, TreatyStatus
from states.regions import REGION_CHOICES

# A need "close to its deadline": the deadline falls within this many months.
CLOSE_MONTHS = 18
NEW_NEED_DAYS = 30
ROWS = 10


def overview(today: date) -> dict:
    return {
        "party_count": State.objects.filter(status=TreatyStatus.PARTY).count(),
        "signatory_count": State.objects.filter(status=TreatyStatus.SIGNATORY).count(),
        "upcoming": Obligation.objects.filter(status=ObligationStatus.ACTIVE, article__in=[3, 4])
        .exclude(current_deadline=None)
        .select_related("state")
        .order_by("current_deadline", "state__name")[:8],
    }


def focal_point(user, today: date) -> dict:
    state = user.state
    owed = stats.reporting_status(today, state.iso3) if state.entry_into_force else []
    needs = list(
        Need.objects.visible_to(user)
        .filter(state=state, closed_on=None)
        .with_funding(today)
        .order_by("deadline", "id")[:ROWS]
    )
    pledges = list(
        Pledge.objects.visible_to(user)
        .live()
        .filter(state=state)
        .with_amounts()
        .select_related("donor", "need")
        .order_by("-pledged_on", "-id")[:ROWS]
    )
    return {
        "state": state,
        "reports_to_do": [r for r in owed if r.status in ("overdue", "due")],
        "deadlines": Obligation.objects.filter(state=state, status=ObligationStatus.ACTIVE)
        .exclude(current_deadline=None)
        .order_by("current_deadline", "article"),
        "needs": needs,
        "pledges": pledges,
    }


def donor(user, today: date) -> dict:
    close_needs = list(
        Need.objects.visible_to(user)
        .with_funding(today)
        .filter(closed_on=None, funding_gap_usd__gt=0, deadline__gte=today)
        .filter(deadline__lte=treaty.add_months(today, CLOSE_MONTHS))
        .select_related("state")
        .order_by("deadline", "-funding_gap_usd", "id")[:ROWS]
    )
    open_pledges = list(
        Pledge.objects.filter(donor_id=user.donor_id)
        .live()
        .with_amounts()
        .filter(remaining_amount__gt=0)  # partly paid ones too: money is still to pay
        .select_related("state", "need")
        .order_by("pledged_on", "id")[:ROWS]
    )
    return {
        "close_months": CLOSE_MONTHS,
        "close_needs": close_needs,
        "to_commit": [p for p in open_pledges if p.computed_status == "pledged"],
        "to_pay": [p for p in open_pledges if p.computed_status != "pledged"],
    }


def isu(user, today: date) -> dict:
    upcoming = stats.upcoming_deadlines(today, months=12)
    return {
        "overdue_reports": overdue_by_state(stats.reporting_status(today)),
        "deadlines": [u for u in upcoming if u["what"] == "deadline"],
        "extension_requests_due": [u for u in upcoming if u["what"] == "extension_request"],
        "pending_extensions": ExtensionRequest.objects.filter(status=ExtensionStatus.SUBMITTED)
        .select_related("obligation__state")
        .order_by("submitted_on", "id")[:ROWS],
        "new_needs": list(
            Need.objects.visible_to(user)
            .filter(submitted_on__gte=today - timedelta(days=NEW_NEED_DAYS))
            .with_funding(today)
            .select_related("state")
            .order_by("-submitted_on", "-id")[:ROWS]
        ),
        "new_need_days": NEW_NEED_DAYS,
        "pending_rates": list(Need.objects.waiting_for_a_rate().select_related("state")[: 2 * ROWS]),
    }


def overdue_by_state(owed: list) -> list[dict]:
    """Overdue reports grouped by state, the longest overdue first."""
    states: dict[int, dict] = {}
    for report in owed:
        if report.status != "overdue":
            continue
        row = states.setdefault(report.state.id, {"state": report.state, "count": 0, "oldest": report.due_date})
        row["count"] += 1
        row["oldest"] = min(row["oldest"], report.due_date)
    return sorted(states.values(), key=lambda r: (r["oldest"], r["state"].name))


def needs_by_region(user, today: date) -> dict | None:
    """Open needs with a funding gap, by region and deadline year: the grid on the home page (SVG).

    One query; each cell carries the count and the gap in USD, and the circle's area follows the
    gap so a large unfunded need stands out. A deadline already past counts in the current year
    (it is the most urgent), a need without a deadline in the last column."""
    rows = (
        Need.objects.visible_to(user)
        .with_funding(today)
        .filter(closed_on=None, funding_gap_usd__gt=0)
        .values_list("state__region", "deadline", "funding_gap_usd")
    )
    cells: dict[tuple[str, int | None], dict] = defaultdict(lambda: {"count": 0, "gap": Decimal(0)})
    for region, deadline, gap in rows:
        year = None if deadline is None else max(deadline.year, today.year)
        cell = cells[(region, year)]
        cell["count"] += 1
        cell["gap"] += gap or 0
    if not cells:
        return None
    columns: list[int | None] = sorted({y for _r, y in cells if y is not None})
    if any(y is None for _r, y in cells):
        columns.append(None)
    regions = [(code, label) for code, label in REGION_CHOICES if any(r == code for r, _y in cells)]
    biggest = max(c["gap"] for c in cells.values()) or Decimal(1)
    left, top, col_w, row_h = 110, 34, 84, 54
    grid = [
        {
            "region": label,
            "year": year,
            "count": cell["count"],
            "gap": cell["gap"],
            "cx": left + j * col_w + col_w // 2,
            "cy": top + i * row_h + row_h // 2,
            "r": round(6 + 18 * float((cell["gap"] / biggest) ** Decimal("0.5")), 1),
        }
        for i, (code, label) in enumerate(regions)
        for j, year in enumerate(columns)
        if (cell := cells.get((code, year))) is not None
    ]
    return {
        "width": left + len(columns) * col_w + 8,
        "height": top + len(regions) * row_h + 6,
        "columns": [{"year": y, "x": left + j * col_w + col_w // 2} for j, y in enumerate(columns)],
        "rows": [{"label": label, "y": top + i * row_h + row_h // 2} for i, (_c, label) in enumerate(regions)],
        "cells": grid,
        "right": left + len(columns) * col_w,
        "left": left,
    }
