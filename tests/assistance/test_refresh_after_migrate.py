"""Stored funding figures are filled after `migrate`, with the schema complete (not by a data
migration running today's model code against yesterday's tables)."""

from decimal import Decimal
from types import SimpleNamespace

from assistance.funding import refresh_after_migrate
from assistance.models import Need
from tests.assistance.factories import NeedFactory, PledgeFactory


def _plan(app_label: str, backwards: bool = False):
    return [(SimpleNamespace(app_label=app_label, name="0009_example"), backwards)]


def _blank_the_stored_figures():
    Need.objects.update(pledged_usd=Decimal("0"), funding_gap_usd=Decimal("0"))


def test_figures_are_refilled_when_assistance_migrated_forward(lao, donor):
    need = NeedFactory(state=lao, amount_requested=Decimal("1000"))
    PledgeFactory(need=need, donor=donor, amount=Decimal("300"))
    _blank_the_stored_figures()

    refresh_after_migrate(sender=None, plan=_plan("assistance"))

    need.refresh_from_db()
    assert need.pledged_usd == Decimal("300.00") and need.funding_gap_usd == Decimal("700.00")


def test_nothing_is_done_when_assistance_did_not_move_forward(lao, donor):
    need = NeedFactory(state=lao, amount_requested=Decimal("1000"))
    PledgeFactory(need=need, donor=donor, amount=Decimal("300"))
    _blank_the_stored_figures()

    refresh_after_migrate(sender=None, plan=_plan("reports"))
    refresh_after_migrate(sender=None, plan=_plan("assistance", backwards=True))
    refresh_after_migrate(sender=None, plan=None)

    need.refresh_from_db()
    assert need.pledged_usd == Decimal("0.00")
