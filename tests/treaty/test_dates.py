"""Tests for treaty.dates: every worked date example of docs/domain.md (sections 2, 3, 4, 6, 7),
the month-arithmetic edge cases, and property tests of the rules themselves.

Expected values are written out by hand (or computed here without the module's helpers), so a
wrong rule in treaty/dates.py makes a test fail rather than agree with itself. No wall clock.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from treaty import (
    CONVENTION_ENTRY_INTO_FORCE,
    THIRTIETH_DEPOSIT,
    add_months,
    add_years,
    annual_report_due,
    clearance_deadline,
    deciding_meeting_date,
    entry_into_force,
    extension_request_due,
    initial_report_due,
    latest_permitted_extension,
    owes_annual_report,
    stockpile_deadline,
    withdrawal_effective,
)

# No example database: the tests write nothing to the project tree.
PROPERTY = settings(database=None, max_examples=500, deadline=None)

FIRST_DEPOSIT = date(2008, 12, 3)  # the Convention opened for signature (and ratification) then
LAST_DEPOSIT = date(2100, 12, 31)
deposits = st.dates(min_value=FIRST_DEPOSIT, max_value=LAST_DEPOSIT)
any_dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
month_shifts = st.integers(min_value=-1200, max_value=1200)


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


# ---------------------------------------------------------------------------------------------
# Section 2: entry into force (Article 17) and withdrawal (Article 20)


def test_constants_match_the_depositary_record():
    assert THIRTIETH_DEPOSIT == date(2010, 2, 16)
    assert CONVENTION_ENTRY_INTO_FORCE == date(2010, 8, 1)


@pytest.mark.parametrize(
    ("deposit", "expected"),
    [
        # the day of the month does not matter
        (date(2010, 11, 5), date(2011, 5, 1)),
        (date(2011, 4, 6), date(2011, 10, 1)),
        (date(2012, 9, 26), date(2013, 3, 1)),
    ],
)
def test_entry_into_force_worked_examples(deposit, expected):
    assert entry_into_force(deposit) == expected


@pytest.mark.parametrize(
    "deposit",
    [
        date(2008, 12, 3),  # first day instruments could be deposited
        date(2008, 12, 31),
        date(2009, 1, 1),
        date(2009, 6, 15),
        date(2009, 12, 31),
        date(2010, 1, 31),
        date(2010, 2, 1),
        date(2010, 2, 16),  # the thirtieth instrument itself
    ],
)
def test_entry_into_force_on_or_before_thirtieth_deposit_is_convention_eif(deposit):
    assert entry_into_force(deposit) == date(2010, 8, 1)


@pytest.mark.parametrize(
    ("deposit", "expected"),
    [
        (
            date(2010, 2, 17),
            date(2010, 8, 1),
        ),  # day after the 30th: Feb + 6 months = August
        (date(2010, 3, 10), date(2010, 9, 1)),  # worked example: after 1 Aug 2010
        (date(2010, 3, 31), date(2010, 9, 1)),
        (date(2010, 7, 31), date(2011, 1, 1)),
    ],
)
def test_entry_into_force_between_17_feb_and_31_jul_2010(deposit, expected):
    assert entry_into_force(deposit) == expected


@pytest.mark.parametrize(
    ("deposit", "expected"),
    [
        (date(2011, 7, 1), date(2012, 1, 1)),  # crosses a year boundary
        (date(2011, 12, 31), date(2012, 6, 1)),
        (
            date(2023, 2, 1),
            date(2023, 8, 1),
        ),  # EIF 2023-08-01 of the initial-report example
    ],
)
def test_entry_into_force_other_later_deposits(deposit, expected):
    assert entry_into_force(deposit) == expected


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (date(2024, 9, 6), date(2025, 3, 6)),  # Lithuania
        (date(2024, 8, 31), date(2025, 2, 28)),  # clamped to the end of February
        (date(2023, 8, 31), date(2024, 2, 29)),  # leap year
    ],
)
def test_withdrawal_effective_six_months_later(received, expected):
    assert withdrawal_effective(received) == expected


# ---------------------------------------------------------------------------------------------
# Sections 3 and 4: stockpile destruction (Article 3) and clearance (Article 4)


@pytest.mark.parametrize(
    ("eif", "expected"),
    [
        (date(2010, 8, 1), date(2018, 8, 1)),
        (date(2011, 5, 1), date(2019, 5, 1)),
        (date(2013, 3, 1), date(2021, 3, 1)),
    ],
)
def test_stockpile_deadline_is_eif_plus_eight_years(eif, expected):
    assert stockpile_deadline(eif) == expected


def test_clearance_deadline_lao_pdr():
    # Lao PDR, among the first 30: EIF 2010-08-01 -> Article 4 deadline 2020-08-01.
    lao_eif = entry_into_force(date(2009, 3, 18))
    assert lao_eif == date(2010, 8, 1)
    assert clearance_deadline(lao_eif) == date(2020, 8, 1)


def test_clearance_deadline_lao_pdr_extension_by_five_years():
    # Extended by five years at the Ninth MSP (2019) to 2025-08-01: the maximum allowed.
    assert latest_permitted_extension(4, date(2020, 8, 1)) == date(2025, 8, 1)


@pytest.mark.parametrize(
    ("eif", "hostilities_ended_on", "expected"),
    [
        (date(2010, 8, 1), date(2014, 6, 30), date(2024, 6, 30)),
        (
            date(2010, 8, 1),
            date(2012, 2, 29),
            date(2022, 2, 28),
        ),  # rounded down, never up
        (date(2011, 5, 1), None, date(2021, 5, 1)),
    ],
)
def test_clearance_deadline_from_end_of_hostilities(eif, hostilities_ended_on, expected):
    assert clearance_deadline(eif, hostilities_ended_on) == expected


@pytest.mark.parametrize(
    ("article", "current_deadline", "expected"),
    [
        (3, date(2018, 8, 1), date(2022, 8, 1)),  # Article 3: up to four years
        (3, date(2020, 2, 29), date(2024, 2, 29)),  # leap year to leap year
        (4, date(2020, 8, 1), date(2025, 8, 1)),  # Article 4: up to five years
        (4, date(2020, 2, 29), date(2025, 2, 28)),  # never after the true anniversary
    ],
)
def test_latest_permitted_extension(article, current_deadline, expected):
    assert latest_permitted_extension(article, current_deadline) == expected


@pytest.mark.parametrize("article", [0, 1, 2, 5, 7, 9, 17, 20, -3])
def test_latest_permitted_extension_rejects_other_articles(article):
    with pytest.raises(ValueError, match=f"Article {article}"):
        latest_permitted_extension(article, date(2020, 8, 1))


# ---------------------------------------------------------------------------------------------
# Section 6: transparency reports (Article 7)


@pytest.mark.parametrize(
    ("eif", "expected"),
    [
        (date(2023, 8, 1), date(2024, 1, 28)),
        (date(2024, 2, 1), date(2024, 7, 30)),
        (date(2013, 9, 1), date(2014, 2, 28)),
    ],
)
def test_initial_report_due_is_180_days_after_eif(eif, expected):
    assert initial_report_due(eif) == expected


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2010, date(2011, 4, 30)),
        (2023, date(2024, 4, 30)),
        (2024, date(2025, 4, 30)),
    ],
)
def test_annual_report_due_30_april_of_next_year(year, expected):
    assert annual_report_due(year) == expected


@pytest.mark.parametrize(
    ("eif", "year", "withdrawal_effective_on", "expected"),
    [
        pytest.param(date(2010, 8, 1), 2015, None, True, id="typical-old-party"),
        pytest.param(date(2010, 8, 1), 2010, None, True, id="eif-year-initial-due-jan"),
        pytest.param(date(2023, 8, 1), 2023, None, True, id="eif-aug-initial-due-2024-01-28"),
        pytest.param(date(2023, 12, 1), 2023, None, False, id="joined-late-in-year"),
        pytest.param(date(2023, 12, 31), 2023, None, False, id="joined-31-dec"),
        pytest.param(date(2024, 1, 1), 2023, None, False, id="eif-after-31-dec"),
        pytest.param(date(2024, 2, 1), 2023, None, False, id="eif-feb-next-year"),
        pytest.param(None, 2023, None, False, id="never-in-force"),
        # 2023-11-02 + 180 days = 2024-04-30: due ON, not BEFORE, 30 April -> not owed.
        pytest.param(date(2023, 11, 2), 2023, None, False, id="initial-due-exactly-30-april"),
        # One day earlier the initial report falls due 2024-04-29, before 30 April -> owed.
        pytest.param(date(2023, 11, 1), 2023, None, True, id="initial-due-29-april"),
        # Non-leap year Y+1: 2024-11-01 + 180 days = 2025-04-30.
        pytest.param(date(2024, 11, 1), 2024, None, False, id="initial-due-30-april-2025"),
        pytest.param(date(2024, 10, 31), 2024, None, True, id="initial-due-29-april-2025"),
        # Lithuania: EIF 2011-09-01, withdrawal effective 2025-03-06.
        pytest.param(date(2011, 9, 1), 2024, date(2025, 3, 6), False, id="withdrawal-before-due"),
        pytest.param(date(2011, 9, 1), 2023, date(2025, 3, 6), True, id="withdrawal-after-due"),
    ],
)
def test_owes_annual_report(eif, year, withdrawal_effective_on, expected):
    assert owes_annual_report(eif, year, withdrawal_effective_on) is expected


def test_boundary_eifs_fall_due_exactly_on_30_april():
    # Guards the boundary cases above: they really are the exact-day cases.
    assert initial_report_due(date(2023, 11, 2)) == date(2024, 4, 30)
    assert initial_report_due(date(2024, 11, 1)) == date(2025, 4, 30)


# ---------------------------------------------------------------------------------------------
# Section 7: meetings and extension requests


@pytest.mark.parametrize(
    ("meeting_start", "expected"),
    [
        (date(2019, 9, 2), date(2018, 12, 2)),  # Ninth MSP
        (date(2025, 11, 30), date(2025, 2, 28)),  # clamped to the end of February
        (date(2024, 11, 30), date(2024, 2, 29)),  # leap year
        (date(2026, 9, 15), date(2025, 12, 15)),  # crosses a year boundary
    ],
)
def test_extension_request_due_nine_months_before_meeting(meeting_start, expected):
    assert extension_request_due(meeting_start) == expected


MEETINGS = [  # start dates from shared/data/meetings.csv, deliberately unsorted
    date(2020, 11, 25),  # 2RC-1
    date(2018, 9, 3),  # 8MSP
    date(2019, 9, 2),  # 9MSP
    date(2021, 9, 20),  # 2RC-2
    date(2017, 9, 4),  # 7MSP
]


@pytest.mark.parametrize(
    ("deadline", "meetings", "expected"),
    [
        pytest.param(date(2020, 8, 1), MEETINGS, date(2019, 9, 2), id="lao-9msp"),
        pytest.param(date(2020, 11, 25), MEETINGS, date(2019, 9, 2), id="meeting-on-deadline"),
        pytest.param(date(2020, 11, 26), MEETINGS, date(2020, 11, 25), id="day-after-meeting"),
        pytest.param(date(2030, 1, 1), MEETINGS, date(2021, 9, 20), id="all-before"),
        pytest.param(date(2017, 9, 4), MEETINGS, None, id="none-strictly-before"),
        pytest.param(date(2016, 1, 1), MEETINGS, None, id="all-after"),
        pytest.param(date(2020, 8, 1), [], None, id="no-meetings"),
    ],
)
def test_deciding_meeting_date(deadline, meetings, expected):
    assert deciding_meeting_date(deadline, meetings) == expected


def test_lao_pdr_request_due_for_the_deciding_meeting():
    meeting = deciding_meeting_date(date(2020, 8, 1), MEETINGS)
    assert extension_request_due(meeting) == date(2018, 12, 2)


# ---------------------------------------------------------------------------------------------
# Month arithmetic edge cases


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(2012, 2, 29), 1, date(2013, 2, 28)),
        (date(2012, 2, 29), 4, date(2016, 2, 29)),
        (date(2012, 2, 29), 10, date(2022, 2, 28)),
        (date(2012, 2, 29), -1, date(2011, 2, 28)),
        (date(2010, 8, 1), 8, date(2018, 8, 1)),
        (date(2010, 8, 1), 0, date(2010, 8, 1)),
    ],
)
def test_add_years(day, years, expected):
    assert add_years(day, years) == expected


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2100, 1, 31), 1, date(2100, 2, 28)),  # not a leap year
        (date(2000, 1, 31), 1, date(2000, 2, 29)),  # leap year
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2024, 12, 15), 1, date(2025, 1, 15)),
        (date(2024, 8, 31), 18, date(2026, 2, 28)),
        (date(2024, 5, 17), 0, date(2024, 5, 17)),
        # negative months across year boundaries
        (date(2010, 1, 15), -1, date(2009, 12, 15)),
        (date(2010, 1, 1), -12, date(2009, 1, 1)),
        (date(2010, 3, 31), -13, date(2009, 2, 28)),
        (date(2010, 1, 31), -25, date(2007, 12, 31)),
        (date(2025, 2, 28), -9, date(2024, 5, 28)),
        (date(2024, 8, 31), -6, date(2024, 2, 29)),
        (date(2025, 8, 31), -6, date(2025, 2, 28)),
        (date(2011, 5, 31), -121, date(2001, 4, 30)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


# ---------------------------------------------------------------------------------------------
# Properties


@PROPERTY
@given(deposits)
def test_eif_is_first_of_month_after_deposit_and_not_before_convention_eif(deposit):
    eif = entry_into_force(deposit)
    assert eif.day == 1
    assert eif >= date(2010, 8, 1)
    assert eif > deposit


@PROPERTY
@given(st.dates(min_value=date(2010, 2, 17), max_value=LAST_DEPOSIT))
def test_eif_after_thirtieth_deposit_is_six_months_after_first_of_deposit_month(
    deposit,
):
    eif = entry_into_force(deposit)
    year, month0 = divmod(month_index(deposit) + 6, 12)
    assert eif == date(year, month0 + 1, 1)
    # Between five months and six months (+ 1 day) after the deposit itself.
    assert add_months(deposit, 5) < eif <= add_months(deposit, 6) + timedelta(days=1)
    assert timedelta(days=150) <= eif - deposit <= timedelta(days=184)


@PROPERTY
@given(st.dates(min_value=FIRST_DEPOSIT, max_value=THIRTIETH_DEPOSIT))
def test_eif_on_or_before_thirtieth_deposit_is_convention_eif(deposit):
    assert entry_into_force(deposit) == date(2010, 8, 1)


@PROPERTY
@given(deposits, deposits)
def test_eif_is_monotonic_in_deposit_date(a, b):
    earlier, later = sorted((a, b))
    assert entry_into_force(earlier) <= entry_into_force(later)


@PROPERTY
@given(any_dates, month_shifts)
def test_add_months_moves_whole_months_and_clamps_the_day(day, months):
    result = add_months(day, months)
    assert month_index(result) == month_index(day) + months
    month_length = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(day.day, month_length)


@PROPERTY
@given(any_dates.filter(lambda d: d.day <= 28), month_shifts)
def test_add_months_round_trips_when_day_exists_in_every_month(day, months):
    assert add_months(add_months(day, months), -months) == day


@PROPERTY
@given(any_dates, st.integers(min_value=-100, max_value=100))
def test_add_years_never_later_than_true_anniversary(day, years):
    result = add_years(day, years)
    try:
        anniversary = day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year: the anniversary is 1 March at the latest
        assert (day.month, day.day) == (2, 29)
        anniversary = date(day.year + years, 3, 1)
        assert result == date(day.year + years, 2, 28)
    assert result <= anniversary
    assert (result.year, result.month) == (day.year + years, day.month)


@PROPERTY
@given(any_dates)
def test_initial_report_due_is_exactly_180_days_after_eif(eif):
    assert initial_report_due(eif) - eif == timedelta(days=180)


@PROPERTY
@given(st.dates(min_value=date(2010, 8, 1), max_value=date(2100, 12, 31)))
def test_owes_annual_report_matches_the_rule(eif):
    # domain.md section 6: EIF on or before 31 December Y and initial report due before 30 April Y+1.
    for year in (eif.year - 1, eif.year, eif.year + 1):
        expected = eif <= date(year, 12, 31) and eif + timedelta(days=180) < date(year + 1, 4, 30)
        assert owes_annual_report(eif, year) is expected
