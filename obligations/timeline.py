"""A state's deadlines and extensions laid out on a time axis, for a server-side SVG."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from obligations.models import ExtensionStatus, Obligation

WIDTH = 760
ROW_HEIGHT = 34
LEFT = 150


@dataclass
class Mark:
    x: float
    label: str
    kind: str  # "original" | "granted" | "today" | "completed"


@dataclass
class Row:
    y: int
    label: str
    start_x: float
    end_x: float
    marks: list[Mark]


def build_timeline(obligations: list[Obligation], eif: date | None, today: date) -> dict | None:
    dated = [o for o in obligations if o.original_deadline]
    if eif is None or not dated:
        return None
    ends = [today]
    for o in dated:
        ends += [o.current_deadline or o.original_deadline, o.original_deadline]
        ends += [e.granted_deadline for e in o.extension_requests.all() if e.granted_deadline]
    start, end = date(eif.year, 1, 1), date(max(ends).year + 1, 1, 1)
    span = (end - start).days or 1

    def x(day: date) -> float:
        return round(LEFT + (WIDTH - LEFT - 10) * (day - start).days / span, 1)

    rows = []
    for i, o in enumerate(dated):
        marks = [Mark(x(o.original_deadline), o.original_deadline.isoformat(), "original")]
        for ext in o.extension_requests.all():
            if ext.status == ExtensionStatus.GRANTED and ext.granted_deadline:
                marks.append(Mark(x(ext.granted_deadline), ext.granted_deadline.isoformat(), "granted"))
        if o.completed_on:
            marks.append(Mark(x(o.completed_on), o.completed_on.isoformat(), "completed"))
        finish = o.completed_on or o.current_deadline or o.original_deadline
        rows.append(Row(30 + i * ROW_HEIGHT, _("Article %(number)s") % {"number": o.article}, x(eif), x(finish), marks))
    years = [(x(date(y, 1, 1)), y) for y in range(start.year, end.year + 1, 2 if span > 365 * 16 else 1)]
    return {
        "width": WIDTH,
        "height": 40 + len(rows) * ROW_HEIGHT,
        "left": LEFT,
        "rows": rows,
        "years": years,
        "today_x": x(today),
        "axis_y": 22 + len(rows) * ROW_HEIGHT,
    }
