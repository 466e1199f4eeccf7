"""Treaty deadlines as pure functions of dates.

Month arithmetic clamps to the end of the month (31 Aug - 6 months = 28/29 Feb; 29 Feb 2012
+ 10 years = 28 Feb 2022): a deadline the treaty sets "not later than N years" must never land
after the true anniversary, so we round down, never up.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

# Article 17(1): the 30th instrument was deposited on 16 February 2010 and the Convention
# entered into force on the first day of the sixth month after that month.
THIRTIETH_DEPOSIT = date(2010, 2, 16)
CONVENTION_ENTRY_INTO_FORCE = date(2010, 8, 1)

# Article 7(1): the initial report is due 180 days after entry into force (EIF is day 0).
INITIAL_REPORT_DAYS = 180
# Article 3(2) and 4(1): eight years to destroy stockpiles, ten to clear remnants.
STOCKPILE_YEARS = 8
CLEARANCE_YEARS = 10
# Article 3(3) and 4(5)/(8): the longest single extension a meeting may grant.
MAX_EXTENSION_YEARS = {3: 4, 4: 5}
# Articles 3(5) and 4(6): a request is submitted at least nine months before the meeting.
EXTENSION_REQUEST_LEAD_MONTHS = 9
# Article 20(2): a withdrawal takes effect six months after the instrument is received.
WITHDRAWAL_NOTICE_MONTHS = 6


def add_months(day: date, months: int) -> date:
    """`day` moved by `months` calendar months (negative allowed), clamped to the month's end."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def add_years(day: date, years: int) -> date:
    """Same day and month `years` later; 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def entry_into_force(deposit: date) -> date:
    """Article 17: the date from which a state's obligations run.

    Instruments deposited on or before the 30th (16 Feb 2010) share the Convention's own entry
    into force, 1 August 2010; any later one enters into force on the first day of the sixth
    month after the month of deposit (the day of the month does not matter).
    """
    if deposit <= THIRTIETH_DEPOSIT:
        return CONVENTION_ENTRY_INTO_FORCE
    return add_months(first_of_month(deposit), 6)


def withdrawal_effective(instrument_received: date) -> date:
    """Article 20(2): six months after the depositary receives the instrument of withdrawal."""
    return add_months(instrument_received, WITHDRAWAL_NOTICE_MONTHS)


def stockpile_deadline(eif: date) -> date:
    """Article 3(2): eight years after entry into force (same day and month)."""
    return add_years(eif, STOCKPILE_YEARS)


def clearance_deadline(eif: date, hostilities_ended_on: date | None = None) -> date:
    """Article 4(1): ten years from EIF (a), or from the end of the active hostilities that left
    remnants after EIF (b)."""
    start = hostilities_ended_on if hostilities_ended_on is not None else eif
    return add_years(start, CLEARANCE_YEARS)


def initial_report_due(eif: date) -> date:
    """Article 7(1): not later than 180 days after entry into force for that State Party."""
    return eif + timedelta(days=INITIAL_REPORT_DAYS)


def annual_report_due(year: int) -> date:
    """Article 7(2): the update covering calendar year `year` is due on 30 April of `year + 1`."""
    return date(year + 1, 4, 30)


def owes_annual_report(eif: date | None, year: int, withdrawal_effective_on: date | None = None) -> bool:
    """Whether a state owes the annual report covering `year` (domain.md §6).

    It must have been a State Party by 31 December of `year`, and its initial report must have
    been due before the annual one (a state that joined late in `year` reports through its
    initial report). A state whose withdrawal took effect before the annual report fell due owes
    nothing more.
    """
    if eif is None or eif > date(year, 12, 31):
        return False
    due = annual_report_due(year)
    if withdrawal_effective_on is not None and withdrawal_effective_on <= due:
        return False
    return initial_report_due(eif) < due


def latest_permitted_extension(article: int, current_deadline: date) -> date:
    """The furthest deadline one extension may set: 4 years (Article 3) or 5 (Article 4)."""
    try:
        years = MAX_EXTENSION_YEARS[article]
    except KeyError:
        raise ValueError(f"Article {article} deadlines cannot be extended") from None
    return add_years(current_deadline, years)


def extension_request_due(meeting_start: date) -> date:
    """Articles 3(5), 4(6): the last day to submit a request to the meeting starting then."""
    return add_months(meeting_start, -EXTENSION_REQUEST_LEAD_MONTHS)


def deciding_meeting_date(deadline: date, meeting_dates: list[date]) -> date | None:
    """The last meeting (MSP or RC) that starts before `deadline`: the one that must decide an
    extension of it (domain.md §7). None when no meeting is scheduled before the deadline."""
    earlier = [d for d in meeting_dates if d < deadline]
    return max(earlier) if earlier else None
