"""Pure date arithmetic of the Convention on Cluster Munitions (Articles 3, 4, 7, 17, 20).

No Django here: every app imports this module, it imports nothing of ours. Each function
quotes the rule it implements; ../docs/domain.md holds the worked examples the tests check.
"""

from treaty.dates import (
    CONVENTION_ENTRY_INTO_FORCE,
    EXTENSION_REQUEST_LEAD_MONTHS,
    MAX_EXTENSION_YEARS,
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

__all__ = [
    "CONVENTION_ENTRY_INTO_FORCE",
    "EXTENSION_REQUEST_LEAD_MONTHS",
    "MAX_EXTENSION_YEARS",
    "THIRTIETH_DEPOSIT",
    "add_months",
    "add_years",
    "annual_report_due",
    "clearance_deadline",
    "deciding_meeting_date",
    "entry_into_force",
    "extension_request_due",
    "initial_report_due",
    "latest_permitted_extension",
    "owes_annual_report",
    "stockpile_deadline",
    "withdrawal_effective",
]
