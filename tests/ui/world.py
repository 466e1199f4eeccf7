"""A small world for the interface tests (pages in three languages, home per role, browser walks):
a state with obligations, an extension, needs with and without a gap, pledges and a report."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from obligations.models import ExtensionStatus
from tests.assistance.factories import NeedFactory, PledgeFactory
from tests.factories import ExtensionRequestFactory, MeetingFactory, ObligationFactory
from tests.reports.factories import ReportFactory

TODAY = date(2026, 6, 15)


def build(lao, other_state, donor) -> dict:
    """Needs of LAO (public, gap, deadline in 2027), of BIH (donors only), pledges by `donor`."""
    meeting = MeetingFactory(code="14MSP", start_date=date(2026, 9, 7))
    art4 = ObligationFactory(state=lao, article=4)
    art3 = ObligationFactory(state=other_state, article=3)
    ExtensionRequestFactory(
        obligation=art4,
        meeting=meeting,
        submitted_on=date(2025, 12, 1),
        requested_deadline=date(2027, 8, 1),
        status=ExtensionStatus.SUBMITTED,
    )
    close = NeedFactory(
        state=lao,
        obligation=None,
        article=5,
        title="Rehabilitation services",
        own_deadline=date(2027, 3, 1),
        submitted_on=date(2026, 6, 1),
        amount_requested=Decimal("250000.00"),
    )
    far = NeedFactory(
        state=lao, obligation=None, article=5, title="Prosthetics workshop", own_deadline=date(2030, 1, 1)
    )
    hidden = NeedFactory(state=other_state, article=3, title="Stockpile destruction plant", is_public=False)
    pledged = PledgeFactory(donor=donor, need=close, amount=Decimal("50000.00"), pledged_on=date(2026, 6, 5))
    committed = PledgeFactory(
        donor=donor, need=far, amount=Decimal("20000.00"), pledged_on=date(2026, 1, 5), committed_on=date(2026, 2, 1)
    )
    report = ReportFactory(state=lao, kind="annual", year=2024, received_on=date(2025, 4, 20))
    return {
        "art3": art3,
        "art4": art4,
        "close": close,
        "far": far,
        "hidden": hidden,
        "pledged": pledged,
        "committed": committed,
        "report": report,
        "meeting": meeting,
    }
