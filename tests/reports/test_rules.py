"""reports.rules: which reports are owed up to a day, and their status (domain.md §6)."""

from dataclasses import dataclass
from datetime import date

import pytest

from reports import rules


@dataclass(frozen=True)
class S:
    id: int
    iso3: str
    entry_into_force: date | None
    withdrawal_effective_on: date | None = None


FIRST = S(1, "LAO", date(2010, 8, 1))  # among the first thirty


def owed(state, as_of, received=None):
    return [(o.kind, o.year, o.due_date, o.status) for o in rules.owed_reports([state], received or {}, as_of)]


@pytest.mark.parametrize(
    ("due", "received", "as_of", "status"),
    [
        (date(2017, 4, 30), date(2017, 4, 30), date(2017, 12, 20), "received"),  # on the day: on time
        (date(2017, 4, 30), date(2017, 5, 1), date(2017, 12, 20), "late"),
        (date(2017, 4, 30), None, date(2017, 4, 30), "due"),  # the due day itself has not passed
        (date(2017, 4, 30), None, date(2017, 5, 1), "overdue"),
        (date(2017, 4, 30), date(2017, 6, 1), date(2017, 5, 15), "overdue"),  # received after as_of
    ],
)
def test_report_status(due, received, as_of, status):
    assert rules.report_status(due, received, as_of) == status


def test_first_state_parties_owe_initial_and_each_ended_year():
    rows = owed(FIRST, date(2012, 6, 1))
    assert rows == [
        ("initial", None, date(2011, 1, 28), "overdue"),
        ("annual", 2010, date(2011, 4, 30), "overdue"),
        ("annual", 2011, date(2012, 4, 30), "overdue"),
    ]


def test_year_in_progress_is_not_owed_and_ended_year_is_due_until_30_april():
    rows = owed(FIRST, date(2017, 1, 1), {(1, "annual", 2015): date(2016, 4, 1)})
    assert rows[-1] == ("annual", 2016, date(2017, 4, 30), "due")
    assert ("annual", 2015, date(2016, 4, 30), "received") in rows
    assert all(year != 2017 for _, year, _, _ in rows)


@pytest.mark.parametrize(
    ("eif", "initial_due"),
    [
        (date(2023, 8, 1), date(2024, 1, 28)),
        (date(2024, 2, 1), date(2024, 7, 30)),
        (date(2013, 9, 1), date(2014, 2, 28)),
    ],
)
def test_initial_report_due_is_eif_plus_180_days(eif, initial_due):
    rows = owed(S(2, "XXA", eif), eif)
    assert rows == [("initial", None, initial_due, "due")]


def test_joined_late_in_a_year_reports_through_its_initial_report():
    # EIF 2016-12-01: initial due 2017-05-30, after 30 April 2017 -> no annual report for 2016
    late = S(3, "XXB", date(2016, 12, 1))
    years = [year for kind, year, _, _ in owed(late, date(2019, 1, 1)) if kind == "annual"]
    assert years == [2017, 2018]
    # EIF 2016-08-01: initial due 2017-01-28, before 30 April 2017 -> owes 2016
    earlier = S(4, "XXC", date(2016, 8, 1))
    assert [y for k, y, _, _ in owed(earlier, date(2018, 1, 1)) if k == "annual"] == [2016, 2017]


def test_not_yet_a_party_owes_nothing():
    assert owed(S(5, "XXD", date(2018, 3, 1)), date(2018, 2, 28)) == []
    assert owed(S(6, "XXE", None), date(2030, 1, 1)) == []


def test_withdrawal_ends_reporting():
    # Lithuania-like: withdrawal effective 2025-03-07 -> owes 2023 (due 2024-04-30), not 2024 (due 2025-04-30)
    withdrawn = S(7, "LTU", date(2011, 9, 1), withdrawal_effective_on=date(2025, 3, 7))
    years = [y for k, y, _, _ in owed(withdrawn, date(2026, 6, 1)) if k == "annual"]
    assert years[-1] == 2023
    assert 2024 not in years and 2025 not in years


def test_withdrawal_before_initial_due_means_no_initial_report():
    state = S(8, "XXF", date(2020, 1, 1), withdrawal_effective_on=date(2020, 3, 1))
    assert owed(state, date(2020, 12, 1)) == []


def test_expected_and_initial_outstanding():
    states = [FIRST, S(2, "XXA", date(2016, 12, 1)), S(3, "XXB", date(2017, 9, 1))]
    assert [s.iso3 for s in rules.expected_annual(states, 2016)] == ["LAO"]
    received = {(1, "initial", None): date(2011, 1, 20)}
    # XXA initial due 2017-05-30 (<= as_of), XXB initial due 2018-02-28 (> as_of)
    assert [s.iso3 for s in rules.initial_outstanding(states, received, date(2017, 12, 20))] == ["XXA"]
