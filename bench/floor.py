# ruff: noqa: E501 — Markdown table rows and SQL read better on one line.
"""The floor: the same 50 needs as `/api/v1/needs/?deadline_after=…&deadline_before=…&ordering=-priority`,
from one hand-written SQL query turned into JSON by orjson — no authentication, no filterset, no
serializer, no count. What Django itself costs on this machine; every API figure is a ratio to it.
"""

from __future__ import annotations

from datetime import date

import orjson
from django.db import connection
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone

import treaty
from assistance.priority import URGENCY_LATER, URGENCY_STEPS

COLUMNS = (
    "id state state_name region article obligation title description assistance_type amount_requested currency "
    "amount_requested_usd pledged_usd disbursed_usd funding_gap_usd deadline own_deadline submitted_on status "
    "closed_on is_public period_start period_end completion_plan completion_plan_url share_of_remaining_work "
    "priority close_to_completion"
).split()

SQL = f"""
WITH page AS (
  SELECT n.id, (CASE WHEN n.priority_points IS NULL THEN 0
      ELSE (CASE WHEN n.deadline <= %(u0)s THEN {URGENCY_STEPS[0][1]} WHEN n.deadline <= %(u1)s THEN {URGENCY_STEPS[1][1]}
                 WHEN n.deadline <= %(u2)s THEN {URGENCY_STEPS[2][1]} WHEN n.deadline IS NOT NULL THEN {URGENCY_LATER}
                 ELSE 0 END) + n.priority_points
    END)::numeric(6, 1) AS priority
  FROM assistance_need n
  WHERE n.deadline >= %(after)s AND n.deadline <= %(before)s
  ORDER BY priority DESC NULLS LAST, n.deadline ASC NULLS LAST, n.id
  LIMIT 50
)
SELECT n.id, s.iso3, s.name, s.region, n.article, n.obligation_id, n.title, n.description, n.assistance_type,
       n.amount_requested::text, n.currency, n.amount_requested_usd::text, n.pledged_usd::text,
       n.disbursed_usd::text, n.funding_gap_usd::text, n.deadline, n.own_deadline, n.submitted_on,
       CASE WHEN n.closed_on IS NOT NULL THEN 'closed'
            WHEN n.amount_requested_usd > 0 AND n.pledged_usd >= n.amount_requested_usd THEN 'funded'
            WHEN n.pledged_usd > 0 THEN 'partially_funded' ELSE 'open' END,
       n.closed_on, n.is_public, n.period_start, n.period_end, n.completion_plan, n.completion_plan_url,
       n.share_of_remaining_work::text, p.priority::text, n.close_to_completion
FROM page p JOIN assistance_need n ON n.id = p.id JOIN states_state s ON s.id = n.state_id
ORDER BY p.priority DESC NULLS LAST, n.deadline ASC NULLS LAST, n.id
"""


def floor_needs(request):
    try:
        after = date.fromisoformat(request.GET["deadline_after"])
        before = date.fromisoformat(request.GET["deadline_before"])
    except (KeyError, ValueError):
        return HttpResponseBadRequest("deadline_after and deadline_before, YYYY-MM-DD")
    today = timezone.localdate()
    params = {"after": after, "before": before}
    for i, (months, _points) in enumerate(URGENCY_STEPS):
        params[f"u{i}"] = treaty.add_months(today, months)
    with connection.cursor() as cursor:
        cursor.execute(SQL, params)
        results = [dict(zip(COLUMNS, row, strict=True)) for row in cursor.fetchall()]
    return HttpResponse(orjson.dumps({"results": results}), content_type="application/json")
