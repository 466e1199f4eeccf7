"""reports.reminders: the ladders and their boundaries (pure functions)."""

from dataclasses import dataclass
from datetime import date

import pytest

from reports import reminders as r
from reports.rules import OwedReport


@dataclass(frozen=True)
class S:
    id: int = 1
    iso3: str = "LAO"
    entry_into_force: date = date(2010, 8, 1)
    withdrawal_effective_on: date | None = None


def annual(year=2016, received=None):
    return OwedReport(S(), "annual", year, date(year + 1, 4, 30), received, "due")


def stage_on(day, report=None):
    found = r.report_reminders([report or annual()], day)
    assert len(found) <= 1
    return found[0].stage if found else None


@pytest.mark.parametrize(
    ("day", "stage"),
    [
        (date(2017, 2, 28), None),  # the day before 60 days
        (date(2017, 3, 1), "60d"),
        (date(2017, 3, 2), "60d"),  # still the latest stage (the log stops a second send)
        (date(2017, 3, 30), "60d"),
        (date(2017, 3, 31), "30d"),
        (date(2017, 4, 22), "30d"),
        (date(2017, 4, 23), "7d"),
        (date(2017, 4, 30), "7d"),  # the due day itself: not overdue yet
        (date(2017, 5, 1), "overdue"),  # the day after
        (date(2017, 5, 31), "overdue"),
        (date(2017, 6, 1), "overdue-2017-06"),  # then monthly
        (date(2017, 7, 1), "overdue-2017-07"),
        (date(2018, 5, 1), "overdue-2018-05"),  # the twelfth month
        (date(2018, 6, 1), None),  # the ladder has ended
    ],
)
def test_annual_report_ladder(day, stage):
    assert stage_on(day) == stage


def test_missed_days_catch_up_with_the_latest_stage_only():
    # the job did not run from 60d until after 7d: only 7d is due, not 60d, 30d and 7d
    assert stage_on(date(2017, 4, 25)) == "7d"


def test_received_report_stops_the_ladder():
    assert stage_on(date(2017, 4, 23), annual(received=date(2017, 4, 1))) is None


def test_initial_report_ladder_from_its_own_due_date():
    report = OwedReport(S(), "initial", None, date(2024, 1, 28), None, "due")
    assert stage_on(date(2023, 11, 28), report) is None  # 61 days before
    assert stage_on(date(2023, 11, 29), report) == "60d"
    assert stage_on(date(2024, 1, 29), report) == "overdue"
    found = r.report_reminders([report], date(2024, 1, 29))[0]
    assert found.kind == "article7_initial" and found.subject_key == "LAO-initial"


def test_subject_of_annual_report():
    found = r.report_reminders([annual()], date(2017, 3, 1))[0]
    assert (found.kind, found.subject_key, found.stage_date) == ("article7_annual", "LAO-2016", date(2017, 3, 1))


def facts(**kwargs):
    base = {
        "obligation_id": 7,
        "state_id": 1,
        "article": 4,
        "current_deadline": date(2020, 8, 1),
        "active": True,
        "extension_request_due": date(2018, 12, 2),
    }
    return r.DeadlineFacts(**{**base, **kwargs})


@pytest.mark.parametrize(
    ("day", "stage"),
    [
        (date(2018, 7, 31), None),
        (date(2018, 8, 1), "24m"),
        (date(2019, 7, 31), "24m"),
        (date(2019, 8, 1), "12m"),
        (date(2020, 2, 1), "6m"),
        (date(2020, 7, 31), "6m"),
        (date(2020, 8, 1), None),  # the deadline itself
    ],
)
def test_deadline_ladder(day, stage):
    found = r.deadline_reminders([facts()], day)
    assert (found[0].stage if found else None) == stage


def test_deadline_subject_changes_with_an_extension_and_inactive_is_silent():
    assert r.deadline_reminders([facts()], date(2018, 8, 1))[0].subject_key == "obligation-7-2020-08-01"
    extended = r.deadline_reminders([facts(current_deadline=date(2025, 8, 1))], date(2023, 8, 1))[0]
    assert extended.subject_key == "obligation-7-2025-08-01" and extended.stage == "24m"
    assert r.deadline_reminders([facts(active=False)], date(2018, 8, 1)) == []
    assert r.deadline_reminders([facts(article=5)], date(2018, 8, 1)) == []


@pytest.mark.parametrize(
    ("day", "stage"),
    [(date(2018, 9, 1), None), (date(2018, 9, 2), "3m"), (date(2018, 12, 1), "3m"), (date(2018, 12, 2), None)],
)
def test_extension_request_three_months_before_it_is_due(day, stage):
    found = r.extension_request_reminders([facts()], day)
    assert (found[0].stage if found else None) == stage


def test_extension_request_already_submitted_is_silent():
    assert r.extension_request_reminders([facts(request_pending=True)], date(2018, 9, 2)) == []


def pledge(status="pledged", on=date(2016, 1, 31)):
    return r.PledgeFacts(3, 9, 1, status, on)


@pytest.mark.parametrize(
    ("day", "due"),
    [(date(2016, 7, 30), False), (date(2016, 7, 31), True), (date(2017, 1, 30), True), (date(2017, 1, 31), False)],
)
def test_pledge_followup_after_six_months(day, due):
    assert bool(r.pledge_reminders([pledge()], day)) is due


def test_committed_or_disbursed_pledge_is_silent():
    assert r.pledge_reminders([pledge("committed"), pledge("disbursed")], date(2016, 8, 1)) == []


def test_digest_is_weekly():
    a = r.digest_reminder(date(2017, 3, 1))  # a Wednesday
    assert (a.stage, a.stage_date) == ("weekly-2017-09", date(2017, 2, 27))
    assert r.digest_reminder(date(2017, 3, 5)).stage == "weekly-2017-09"
    assert r.digest_reminder(date(2017, 3, 6)).stage == "weekly-2017-10"
    assert r.digest_reminder(date(2021, 1, 3)).stage == "weekly-2020-53"
