"""Which capacities (offers) fit a need: same type of assistance, article, region, and periods
that overlap. A pure function over loaded rows, with the reasons a match was made."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass
class Match:
    capacity: object
    reasons: list[str]


def _overlap(a_start, a_end, b_start, b_end) -> bool:
    """Open-ended periods overlap everything on their open side."""
    return (a_end is None or b_start is None or b_start <= a_end) and (
        b_end is None or a_start is None or a_start <= b_end
    )


def capacity_fits(need, capacity) -> Match | None:
    if not capacity.is_active:
        return None
    if need.assistance_type not in capacity.assistance_types:
        return None
    if need.article not in capacity.articles:
        return None
    region = need.state.region
    if capacity.regions and region not in capacity.regions:
        return None
    if not _overlap(need.period_start, need.period_end, capacity.period_start, capacity.period_end):
        return None
    reasons = [
        _("Offers %(type)s assistance") % {"type": need.get_assistance_type_display().lower()},
        _("under Article %(article)s") % {"article": need.article},
        _("in %(region)s") % {"region": region} if capacity.regions else _("anywhere"),
    ]
    if capacity.period_start or capacity.period_end:
        reasons.append(
            _("available %(start)s – %(end)s")
            % {"start": capacity.period_start or "…", "end": capacity.period_end or "…"}
        )
    return Match(capacity, reasons)


def matches_for(need, capacities) -> list[Match]:
    return [match for capacity in capacities if (match := capacity_fits(need, capacity))]
