"""The ISU's figures for a year "as of" a day: one function for the API and the dashboard.

`compute_stats(year, as_of)` returns exactly the JSON of `/api/v1/stats/` (API contract);
`get_stats` is the cached version (the cache key holds a version counter that every write to
reports, obligations, extension requests, states and assistance data bumps, see signals.py).

Choices the contract leaves open, made here once:
- Assistance counts are aggregates over all needs, public or not (the ISU's figure); no need's
  content is ever listed here.
- "As of" applies to everything: a need counts if submitted in `year` and on or before
  `as_of`, a disbursement if dated in `year` and on or before `as_of`; an Article 3/4 deadline
  is the one current on `as_of` (the latest extension granted by then), so a figure for a past
  day does not change when a later extension is granted. For `as_of` = today it is the
  obligation's `current_deadline`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from django.core.cache import cache

import treaty
from assistance.models import Disbursement, Need
from core.versions import VersionCounter
from obligations.models import ExtensionRequest, ExtensionStatus, Meeting, Obligation
from reports import rules
from reports.models import Report
from states.models import State

STATS_ARTICLES = (3, 4, 5, 9)
CACHE_VERSION_KEY = "reports:stats:version"
CACHE_SECONDS = 6 * 3600


# --- shared loaders -------------------------------------------------------------------------


def party_states(iso3: str | None = None) -> list[State]:
    """Every state that has (or had) entered into force, by name: the candidates of the rules."""
    qs = State.objects.exclude(entry_into_force=None).only(
        "id", "iso3", "name", "entry_into_force", "withdrawal_effective_on", "region"
    )
    if iso3:
        qs = qs.filter(iso3__iexact=iso3)
    return list(qs.order_by("name", "id"))


def received_map(state_ids: list[int] | None = None) -> dict[tuple[int, str, int | None], date]:
    # A draft counts nowhere until its entry is finished (API contract; issue 19, finding 4).
    qs = Report.objects.finished()
    if state_ids is not None:
        qs = qs.filter(state_id__in=state_ids)
    return {(s, k, y): r for s, k, y, r in qs.values_list("state_id", "kind", "year", "received_on")}


def reporting_status(as_of: date, iso3: str | None = None) -> list[rules.OwedReport]:
    """Two queries, whatever the number of states and years."""
    states = party_states(iso3)
    return rules.owed_reports(states, received_map([s.id for s in states] if iso3 else None), as_of)


def deadline_on(obligation: Obligation, granted: list[ExtensionRequest], as_of: date) -> date | None:
    """The obligation's deadline as it stood on `as_of`: the latest extension granted by then."""
    decided = [e for e in granted if e.decided_on is None or e.decided_on <= as_of]
    if not decided:
        return obligation.original_deadline
    latest = max(decided, key=lambda e: (e.decided_on or date.min, e.granted_deadline, e.id))
    return latest.granted_deadline


def active_obligations(as_of: date, articles=STATS_ARTICLES) -> list[Obligation]:
    """Obligations active on `as_of` (not completed by then, state bound then), each with
    `deadline_as_of` set."""
    obligations = list(
        Obligation.objects.active_on(as_of)
        .filter(article__in=articles, state__entry_into_force__lte=as_of)
        .select_related("state")
        .order_by("state__name", "article", "id")
    )
    granted: dict[int, list[ExtensionRequest]] = defaultdict(list)
    for ext in ExtensionRequest.objects.filter(
        status=ExtensionStatus.GRANTED, obligation_id__in=[o.id for o in obligations if o.article in (3, 4)]
    ):
        granted[ext.obligation_id].append(ext)
    for obligation in obligations:
        obligation.deadline_as_of = deadline_on(obligation, granted[obligation.id], as_of)
    return obligations


# --- assistance -------------------------------------------------------------------------------


def assistance_figures(year: int, as_of: date) -> dict:
    """States requesting / providing / receiving assistance in `year`, overall and by article.

    - requesting: distinct states with a need submitted in `year` (on or before `as_of`);
    - providing: distinct donors with a disbursement dated in `year` (on or before `as_of`);
    - receiving: distinct recipient states with such a disbursement.
    Returns {"total": {...}, "by_article": {N: {"states_requesting", "states_providing"}}}.
    """
    by_article = {n: {"states_requesting": 0, "states_providing": 0} for n in STATS_ARTICLES}
    total = {"states_requesting": 0, "states_providing": 0, "states_receiving": 0}
    end = min(date(year, 12, 31), as_of)
    start = date(year, 1, 1)
    # order_by(): a model's default ordering would otherwise take part in DISTINCT
    needs = Need.objects.filter(submitted_on__gte=start, submitted_on__lte=end).order_by()
    payments = Disbursement.objects.filter(date__gte=start, date__lte=end).order_by()
    total["states_requesting"] = needs.values("state_id").distinct().count()
    total["states_providing"] = payments.values("pledge__donor_id").distinct().count()
    total["states_receiving"] = payments.values("pledge__state_id").distinct().count()
    requesting = Counter(a for a, _ in needs.values_list("article", "state_id").distinct())
    providing = Counter(a for a, _ in payments.values_list("pledge__article", "pledge__donor_id").distinct())
    for n in STATS_ARTICLES:
        by_article[n] = {"states_requesting": requesting.get(n, 0), "states_providing": providing.get(n, 0)}
    return {"total": total, "by_article": by_article}


# --- the figures ------------------------------------------------------------------------------


def article7_figures(year: int, as_of: date) -> dict:
    states = party_states()
    received = received_map()
    expected = rules.expected_annual(states, year)
    outstanding = [s for s in expected if (on := received.get((s.id, rules.ANNUAL, year))) is None or on > as_of]
    count = len(expected)
    got = count - len(outstanding)
    return {
        "expected": count,
        "received": got,
        "received_pct": round(100 * got / count, 1) if count else 0.0,
        "outstanding": sorted(s.iso3 for s in outstanding),
        "initial_outstanding": sorted(s.iso3 for s in rules.initial_outstanding(states, received, as_of)),
    }


def article_figures(as_of: date, by_article: dict) -> dict:
    obligations = active_obligations(as_of)
    result = {}
    for n in STATS_ARTICLES:
        mine = [o for o in obligations if o.article == n]
        years = Counter(o.deadline_as_of.year for o in mine if o.deadline_as_of)
        result[str(n)] = {
            "states_with_obligations": len({o.state_id for o in mine}),
            "states_requesting": by_article[n]["states_requesting"],
            "states_providing": by_article[n]["states_providing"],
            "deadlines_by_year": {str(y): years[y] for y in sorted(years)},
        }
    return result


def compute_stats(year: int, as_of: date) -> dict:
    """The `/api/v1/stats/` document (API contract), computed."""
    assistance = assistance_figures(year, as_of)
    return {
        "year": year,
        "as_of": as_of.isoformat(),
        "article7": article7_figures(year, as_of),
        "assistance": assistance["total"],
        "articles": article_figures(as_of, assistance["by_article"]),
    }


stats_version = VersionCounter(CACHE_VERSION_KEY)


def invalidate() -> None:
    """Called on every write that changes a figure: old keys are simply never read again."""
    stats_version.bump()


def cached(name: str, compute, *args):
    """`compute(*args)`, cached under the stats version (bumped by every write that changes a
    figure, see signals.py); the arguments are dates, years and lists of years."""
    key = f"reports:{name}:v{stats_version.current()}:" + ":".join(
        a.isoformat() if isinstance(a, date) else ",".join(map(str, a)) if isinstance(a, list) else str(a) for a in args
    )
    value = cache.get(key)
    if value is None:
        value = compute(*args)
        cache.set(key, value, CACHE_SECONDS)
    return value


def get_stats(year: int, as_of: date) -> dict:
    return cached("stats", compute_stats, year, as_of)


# --- dashboard extras (same loaders; the dashboard reads them through cached()) ---------------


def assistance_by_year(years: list[int], as_of: date) -> list[dict]:
    return [{"year": y, **assistance_figures(y, as_of)["total"]} for y in years]


def upcoming_deadlines(as_of: date, months: int = 24) -> list[dict]:
    """Article 3/4 deadlines (as current on `as_of`) and extension-request due dates within
    `months` after `as_of`, by date."""
    until = treaty.add_months(as_of, months)
    meetings = list(Meeting.objects.exclude(start_date=None))
    rows = []
    for o in active_obligations(as_of, articles=(3, 4)):
        deadline = o.deadline_as_of
        if deadline is None:
            continue
        if as_of <= deadline <= until:
            rows.append({"date": deadline, "what": "deadline", "state": o.state, "article": o.article, "meeting": None})
        day = treaty.deciding_meeting_date(deadline, [m.start_date for m in meetings])
        if day:
            meeting = next(m for m in meetings if m.start_date == day)
            due = meeting.extension_request_due
            if as_of <= due <= until:
                rows.append(
                    {
                        "date": due,
                        "what": "extension_request",
                        "state": o.state,
                        "article": o.article,
                        "meeting": meeting,
                    }
                )
    return sorted(rows, key=lambda r: (r["date"], r["state"].name, r["article"]))


def report_counts_by_year(years: list[int], as_of: date) -> list[dict]:
    """Share of annual reports received per year, as of `as_of` (the dashboard's bar chart)."""
    states = party_states()
    received = received_map()
    rows = []
    for year in years:
        expected = rules.expected_annual(states, year)
        got = sum(1 for s in expected if (on := received.get((s.id, rules.ANNUAL, year))) is not None and on <= as_of)
        rows.append(
            {
                "year": year,
                "expected": len(expected),
                "received": got,
                "received_pct": round(100 * got / len(expected), 1) if expected else 0.0,
            }
        )
    return rows
