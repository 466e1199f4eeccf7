"""Which Article 7 reports a State Party owes, and their status on a day: the one place that says so.

Pure functions of plain values (no queries), so the API, the dashboard, the state profile, the
calendar and the reminders all agree, and the rules are tested on their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import treaty

INITIAL = "initial"
ANNUAL = "annual"


class StateLike(Protocol):
    id: int
    iso3: str
    entry_into_force: date | None
    withdrawal_effective_on: date | None


@dataclass(frozen=True)
class OwedReport:
    state: StateLike
    kind: str  # "initial" | "annual"
    year: int | None
    due_date: date
    received_on: date | None  # None when not received by `as_of`
    status: str  # "received" | "late" | "due" | "overdue"


def report_status(due_date: date, received_on: date | None, as_of: date) -> str:
    """domain.md §6: received (on time), late (after the due date), due (not received, the due
    date has not passed) or overdue (not received, the due date has passed). A report received
    after `as_of` is not received as of that day."""
    if received_on is not None and received_on <= as_of:
        return "received" if received_on <= due_date else "late"
    return "due" if as_of <= due_date else "overdue"


def owes_initial_report(eif: date | None, as_of: date, withdrawal_effective_on: date | None = None) -> bool:
    """The initial report is owed from entry into force (it is "due" during the 180 days, then
    "overdue"), unless the state's withdrawal took effect before it fell due."""
    if eif is None or eif > as_of:
        return False
    return withdrawal_effective_on is None or withdrawal_effective_on > treaty.initial_report_due(eif)


def annual_years_owed(eif: date | None, as_of: date, withdrawal_effective_on: date | None = None) -> list[int]:
    """Calendar years whose annual report a state owes up to `as_of`.

    A year counts once it has ended (the report covers the previous calendar year, so from
    1 January of Y+1 it is "due" until 30 April of Y+1, then "overdue"), and only if
    `treaty.owes_annual_report` says the state owes it: a State Party by 31 December of Y whose
    initial report fell due before 30 April Y+1 (a state that joined late reports through its
    initial report), whose withdrawal had not taken effect by then.
    """
    if eif is None:
        return []
    return [
        year for year in range(eif.year, as_of.year) if treaty.owes_annual_report(eif, year, withdrawal_effective_on)
    ]


def owed_reports(
    states: Iterable[StateLike],
    received: dict[tuple[int, str, int | None], date],
    as_of: date,
) -> list[OwedReport]:
    """Every report owed by a State Party up to `as_of`, with its status on that day.

    `received` maps (state id, kind, year) to the date the report was received (year None for
    the initial report). Owed: the initial report of every state that entered into force on or
    before `as_of` (see `owes_initial_report`), and the annual report of every calendar year
    that has ended by `as_of` and that the state owes (see `annual_years_owed`). Ordered by
    state as given, initial report first, then years ascending.
    """
    owed: list[OwedReport] = []
    for state in states:
        eif, withdrawn = state.entry_into_force, state.withdrawal_effective_on
        if owes_initial_report(eif, as_of, withdrawn):
            due = treaty.initial_report_due(eif)
            on = received.get((state.id, INITIAL, None))
            status = report_status(due, on, as_of)
            owed.append(OwedReport(state, INITIAL, None, due, on if on and on <= as_of else None, status))
        for year in annual_years_owed(eif, as_of, withdrawn):
            due = treaty.annual_report_due(year)
            on = received.get((state.id, ANNUAL, year))
            status = report_status(due, on, as_of)
            owed.append(OwedReport(state, ANNUAL, year, due, on if on and on <= as_of else None, status))
    return owed


def expected_annual(states: Iterable[StateLike], year: int) -> list[StateLike]:
    """States Parties owing the annual report covering `year` (the `expected` of the stats)."""
    return [s for s in states if treaty.owes_annual_report(s.entry_into_force, year, s.withdrawal_effective_on)]


def initial_outstanding(
    states: Iterable[StateLike], received: dict[tuple[int, str, int | None], date], as_of: date
) -> list[StateLike]:
    """States Parties whose initial report was due on or before `as_of` and not received by then."""
    result = []
    for state in states:
        eif = state.entry_into_force
        if not owes_initial_report(eif, as_of, state.withdrawal_effective_on):
            continue
        if treaty.initial_report_due(eif) > as_of:
            continue
        on = received.get((state.id, INITIAL, None))
        if on is None or on > as_of:
            result.append(state)
    return result
