"""Priority and outlook, computed and explained — never a black box.

A need's priority (0–100) adds three parts, each shown to the reader with its reason:
- urgency of the deadline: 50 points if it has passed or falls within 12 months, 35 within 24,
  20 within 36, 10 later, 0 without a deadline (Articles 5 and 9);
- the unfunded share: up to 30 points, 30 × funding gap / amount requested;
- close to completion: 20 points when the obligation's remaining work is small (the donors'
  first target in the seed meeting): at the latest yearly pace it ends within a year, or less than
  a tenth of the largest quantity recorded remains.
A closed or fully funded need scores 0: nothing is left to fund.

`priority_expression` is the rule in SQL (lists, the CSV and the API show it); `explain` splits
the same number into its reasons for the need's page, reading the stored day-independent points,
so a need's priority is one number everywhere. Tests keep the two in step on PostgreSQL and
SQLite (tests/assistance/test_priority_one_number.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DecimalField, F, When
from django.utils.translation import gettext as _

import treaty
from core.sql import Add, Div, Mul, SCase, SRound, Sub, SValue

URGENCY_STEPS = ((12, 50), (24, 35), (36, 20))
URGENCY_LATER = 10
GAP_POINTS = 30
CLOSE_POINTS = 20
SCORE = DecimalField(max_digits=6, decimal_places=1)


def urgency_points(today: date, deadline: date | None) -> int:
    if deadline is None:
        return 0
    for months, points in URGENCY_STEPS:
        if deadline <= treaty.add_months(today, months):
            return points
    return URGENCY_LATER


def months_until(today: date, deadline: date | None) -> int | None:
    """Whole months from today to the deadline (negative once it has passed)."""
    if deadline is None:
        return None
    months = (deadline.year - today.year) * 12 + deadline.month - today.month
    if deadline.day < today.day:
        months -= 1
    return months


@dataclass
class Priority:
    score: Decimal
    reasons: list[tuple[Decimal, str]] = field(default_factory=list)


def explain(need, today: date) -> Priority:
    """The priority of a need annotated by `Need.objects.with_funding()`, with its reasons.

    The day-independent points are the need's stored `priority_points` (the number every list,
    the CSV and the API add the urgency to), so the page shows the same score as they do; the
    rule below is the same as `points_expression`, for a need not stored yet."""
    requested = need.amount_requested_usd
    gap = need.funding_gap_usd
    if need.closed_on:
        return Priority(Decimal("0.0"), [(Decimal(0), _("Closed: nothing left to fund."))])
    if requested is None:
        return Priority(Decimal("0.0"), [(Decimal(0), _("No exchange rate: the amount cannot be compared."))])
    if not gap or gap <= 0:
        return Priority(Decimal("0.0"), [(Decimal(0), _("Fully funded: nothing left to fund."))])
    reasons: list[tuple[Decimal, str]] = []
    urgency = Decimal(urgency_points(today, need.deadline))
    months = months_until(today, need.deadline)
    if need.deadline is None:
        reasons.append((urgency, _("No treaty deadline.")))
    elif months is not None and need.deadline < today:
        reasons.append((urgency, _("The deadline (%(d)s) has passed.") % {"d": need.deadline.isoformat()}))
    else:
        reasons.append((urgency, _("Deadline %(d)s, in %(m)s months.") % {"d": need.deadline.isoformat(), "m": months}))
    share = gap / requested if requested else Decimal(0)
    close = Decimal(CLOSE_POINTS) if need.close_to_completion else Decimal(0)
    stored = getattr(need, "priority_points", None)
    if stored is not None:
        gap_points = stored - close
    else:  # as the SQL: multiply, then divide, then round half up
        gap_points = (Decimal(GAP_POINTS) * gap / requested).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    reasons.append(
        (gap_points, _("%(pct)s%% of the amount requested is not yet pledged.") % {"pct": round(share * 100)})
    )
    if close:
        reasons.append((close, _("The obligation is close to completion: little work remains.")))
    score = sum((points for points, _reason in reasons), Decimal(0)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Priority(score, reasons)


def points_expression():
    """SQL: the part of the score that does not depend on the day (unfunded share + close to
    completion), NULL when the need scores 0 whatever the day (closed, no exchange rate, fully
    funded). Evaluated on the stored funding figures and stored as `priority_points` by
    assistance/funding.py, so that sorting by priority costs one CASE on the deadline."""
    # Written without the funding gap's GREATEST (the When below already excludes gap <= 0) to keep
    # the SQL shallow: SQLite's parser refuses deeply nested expressions.
    unfunded = Div(
        Mul(SValue(Decimal(GAP_POINTS)), Sub(F("amount_requested_usd"), F("pledged_usd"))),
        F("amount_requested_usd"),
        output_field=SCORE,
    )
    close = SCase(When(close_to_completion=True, then=SValue(CLOSE_POINTS)), default=SValue(0), output_field=SCORE)
    nothing = SValue(None, output_field=SCORE)
    return SCase(
        When(closed_on__isnull=False, then=nothing),
        When(amount_requested_usd__isnull=True, then=nothing),
        When(pledged_usd__gte=F("amount_requested_usd"), then=nothing),
        default=Add(SRound(unfunded, 1, output_field=SCORE), close, output_field=SCORE),
        output_field=SCORE,
    )


def priority_expression(today: date):
    """SQL for the score above: urgency of the deadline on `today` + the stored `priority_points`."""
    urgency = SCase(
        *[
            When(deadline__lte=treaty.add_months(today, months), then=SValue(points))
            for months, points in URGENCY_STEPS
        ],
        When(deadline__isnull=False, then=SValue(URGENCY_LATER)),
        default=SValue(0),
        output_field=SCORE,
    )
    return SCase(
        When(priority_points__isnull=True, then=SValue(Decimal(0))),
        default=Add(urgency, F("priority_points"), output_field=SCORE),
        output_field=SCORE,
    )


# --- Outlook of Article 3/4 obligations -----------------------------------------------------------


@dataclass
class Outlook:
    obligation: object
    unit: str | None
    latest_year: int | None
    remaining: Decimal | None
    yearly_rate: Decimal | None
    projected_completion: date | None
    at_risk: bool
    close_to_completion: bool
    explanation: str


def yearly_rate(records: list) -> Decimal | None:
    """The average quantity done per year over the last three recorded years."""
    recent = sorted(records, key=lambda r: r.year)[-3:]
    if not recent:
        return None
    return sum((r.done_in_year for r in recent), Decimal(0)) / len(recent)


def project_completion(latest_year: int, remaining: Decimal, rate: Decimal | None) -> date | None:
    """End of the latest recorded year + remaining / rate years; None when nothing is being done."""
    end_of_year = date(latest_year, 12, 31)
    if remaining <= 0:
        return end_of_year
    if not rate or rate <= 0:
        return None
    months = math.ceil(float(remaining / rate) * 12)
    return treaty.add_months(end_of_year, months)


def is_close_to_completion(records: list) -> bool:
    """Same rule as the SQL in NeedQuerySet.with_funding()."""
    if not records:
        return False
    latest = max(records, key=lambda r: r.year)
    peak = max(r.remaining for r in records)
    return latest.remaining > 0 and (latest.remaining <= latest.done_in_year or latest.remaining <= peak / 10)


def outlook(obligation, records: list) -> Outlook:
    """Remaining work, yearly pace, projected completion and risk for one Article 3/4 obligation."""
    deadline = obligation.current_deadline
    if not records:
        return Outlook(obligation, None, None, None, None, None, False, False, _("No progress figures yet."))
    latest = max(records, key=lambda r: r.year)
    rate = yearly_rate(records)
    projected = project_completion(latest.year, latest.remaining, rate)
    if latest.remaining <= 0:
        at_risk, text = False, _("Nothing remains according to the %(y)s figures.") % {"y": latest.year}
    elif projected is None:
        at_risk = True
        text = _("No progress in recent years: at this pace the work never ends.")
    else:
        at_risk = bool(deadline and projected > deadline)
        text = _(
            "%(rem)s %(unit)s remain at the end of %(y)s; at %(rate)s a year (average of the last %(n)s years) "
            "the work ends around %(p)s"
        ) % {
            "rem": f"{latest.remaining:,.0f}",
            "unit": latest.get_unit_display(),
            "y": latest.year,
            "rate": f"{rate:,.0f}",
            "n": min(3, len(records)),
            "p": projected.isoformat(),
        }
        if deadline:
            text += " — " + (
                _("after the deadline of %(d)s: at risk.") if at_risk else _("before the deadline of %(d)s.")
            ) % {"d": deadline.isoformat()}
        else:
            text += "."
    return Outlook(
        obligation,
        latest.unit,
        latest.year,
        latest.remaining,
        rate,
        projected,
        at_risk,
        is_close_to_completion(records),
        text,
    )
