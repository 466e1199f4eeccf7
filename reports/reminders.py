"""Which reminders are due on a day: pure functions of plain values (no queries, no sending).

Each subject (a report owed, an obligation's deadline, an extension request, a pledge, the ISU's
week) has a ladder of *stages*, each with a date. On `today` the *current* stage is the latest
one whose date is on or before today, as long as the next stage (or the end of the ladder) has
not come: so a day the job did not run is caught up, but only the latest stage goes out, never a
burst of the stages missed. Whether a stage was already sent is the database's business
(`Reminder` rows, unique per recipient, kind, subject and stage): the sending service skips
what it finds there.

Ladders (issue 4):
- Article 7 annual report for year Y (due 30 April Y+1) and the initial report (due EIF + 180
  days): 60, 30 and 7 days before the due date, the day after it (`overdue`) if not received,
  then monthly while overdue (`overdue-YYYY-MM`), for at most OVERDUE_MONTHS months; a report
  received stops its ladder.
- Article 3/4 deadlines: 24, 12 and 6 months before the current deadline while the obligation is
  active; the subject includes the deadline, so an extension starts a new ladder.
- Extension requests: 3 months before the date a request is due (deciding meeting − 9 months),
  until that date, unless a request is already submitted.
- Pledges: 6 months after the pledge while it is still only "pledged" (for six more months).
- ISU weekly digest: one per ISO week (`weekly-YYYY-WW`), dated the Monday of that week.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import treaty
from reports.rules import INITIAL, OwedReport

OVERDUE_MONTHS = 12
DEADLINE_MONTHS_BEFORE = (24, 12, 6)
EXTENSION_REQUEST_MONTHS_BEFORE = 3
PLEDGE_FOLLOWUP_MONTHS = 6

ARTICLE7_ANNUAL = "article7_annual"
ARTICLE7_INITIAL = "article7_initial"
DEADLINE = "deadline"
EXTENSION_REQUEST = "extension_request"
PLEDGE_FOLLOWUP = "pledge_followup"
ISU_DIGEST = "isu_digest"


@dataclass(frozen=True)
class Stage:
    name: str
    on: date


@dataclass(frozen=True)
class DueReminder:
    kind: str
    subject_key: str
    stage: str
    stage_date: date
    state_id: int | None = None
    context: dict = field(default_factory=dict, compare=False, hash=False)


def current_stage(stages: list[Stage], today: date, until: date | None = None) -> Stage | None:
    """The latest stage on or before `today`, if the ladder has not ended (`until`, exclusive)."""
    if until is not None and today >= until:
        return None
    reached = [s for s in stages if s.on <= today]
    return max(reached, key=lambda s: s.on) if reached else None


def report_stages(due: date) -> tuple[list[Stage], date]:
    """60d, 30d, 7d before `due`; `overdue` the day after; then monthly; and the ladder's end."""
    stages = [Stage(f"{days}d", due - timedelta(days=days)) for days in (60, 30, 7)]
    first_overdue = due + timedelta(days=1)
    stages.append(Stage("overdue", first_overdue))
    for month in range(1, OVERDUE_MONTHS + 1):
        day = treaty.add_months(first_overdue, month)
        stages.append(Stage(f"overdue-{day:%Y-%m}", day))
    return stages, treaty.add_months(first_overdue, OVERDUE_MONTHS + 1)


def report_reminders(owed: Iterable[OwedReport], today: date) -> list[DueReminder]:
    """Reminders about Article 7 reports not received (`owed` from reports.rules, as of today)."""
    due_now = []
    for report in owed:
        if report.received_on is not None:
            continue
        stages, until = report_stages(report.due_date)
        stage = current_stage(stages, today, until)
        if stage is None:
            continue
        initial = report.kind == INITIAL
        due_now.append(
            DueReminder(
                kind=ARTICLE7_INITIAL if initial else ARTICLE7_ANNUAL,
                subject_key=f"{report.state.iso3}-{'initial' if initial else report.year}",
                stage=stage.name,
                stage_date=stage.on,
                state_id=report.state.id,
                context={"report": report},
            )
        )
    return due_now


@dataclass(frozen=True)
class DeadlineFacts:
    obligation_id: int
    state_id: int
    article: int
    current_deadline: date | None
    active: bool
    extension_request_due: date | None = None
    request_pending: bool = False  # a request for this deadline is already submitted


def deadline_reminders(obligations: Iterable[DeadlineFacts], today: date) -> list[DueReminder]:
    due_now = []
    for o in obligations:
        if not o.active or o.current_deadline is None or o.article not in (3, 4):
            continue
        stages = [Stage(f"{m}m", treaty.add_months(o.current_deadline, -m)) for m in DEADLINE_MONTHS_BEFORE]
        stage = current_stage(stages, today, o.current_deadline)
        if stage:
            due_now.append(
                DueReminder(
                    DEADLINE,
                    f"obligation-{o.obligation_id}-{o.current_deadline.isoformat()}",
                    stage.name,
                    stage.on,
                    o.state_id,
                    {"obligation": o},
                )
            )
    return due_now


def extension_request_reminders(obligations: Iterable[DeadlineFacts], today: date) -> list[DueReminder]:
    due_now = []
    for o in obligations:
        if not o.active or o.extension_request_due is None or o.request_pending:
            continue
        stage_day = treaty.add_months(o.extension_request_due, -EXTENSION_REQUEST_MONTHS_BEFORE)
        stage = current_stage([Stage(f"{EXTENSION_REQUEST_MONTHS_BEFORE}m", stage_day)], today, o.extension_request_due)
        if stage:
            due_now.append(
                DueReminder(
                    EXTENSION_REQUEST,
                    f"obligation-{o.obligation_id}-request-{o.extension_request_due.isoformat()}",
                    stage.name,
                    stage.on,
                    o.state_id,
                    {"obligation": o},
                )
            )
    return due_now


@dataclass(frozen=True)
class PledgeFacts:
    pledge_id: int
    donor_id: int
    state_id: int | None
    status: str  # "pledged" | "committed" | "disbursed"
    pledged_on: date | None


def pledge_reminders(pledges: Iterable[PledgeFacts], today: date) -> list[DueReminder]:
    due_now = []
    for p in pledges:
        if p.status != "pledged" or p.pledged_on is None:
            continue
        day = treaty.add_months(p.pledged_on, PLEDGE_FOLLOWUP_MONTHS)
        until = treaty.add_months(p.pledged_on, 2 * PLEDGE_FOLLOWUP_MONTHS)
        stage = current_stage([Stage(f"{PLEDGE_FOLLOWUP_MONTHS}m", day)], today, until)
        if stage:
            due_now.append(
                DueReminder(PLEDGE_FOLLOWUP, f"pledge-{p.pledge_id}", stage.name, stage.on, p.state_id, {"pledge": p})
            )
    return due_now


def digest_stage(today: date) -> Stage:
    """The ISU digest of the ISO week containing `today`, dated that week's Monday."""
    year, week, weekday = today.isocalendar()
    return Stage(f"weekly-{year}-{week:02d}", today - timedelta(days=weekday - 1))


def digest_reminder(today: date) -> DueReminder:
    stage = digest_stage(today)
    return DueReminder(ISU_DIGEST, "digest", stage.name, stage.on)
