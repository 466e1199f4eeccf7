"""The writes of the assistance app: each saves what it changes and, in the same transaction,
refreshes the funding figures that change with it (assistance/funding.py).

Pages, forms, serializers and imports call these; nothing else needs to know which needs a
pledge, a payment or an exchange rate touches. Model `clean()` holds the rules; a service
checks what only holds under a lock (payments never exceeding the pledge).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assistance import funding
from assistance.models import Disbursement, ExchangeRate, Need, PlannedDisbursement, Pledge, ProgressRecord
from assistance.models.money import format_money, require_rate


def save_need(need: Need) -> Need:
    """Create or change a need (validated by the caller); its USD figures, gap and priority follow."""
    with transaction.atomic(), funding.by_service():
        need.save()
        funding.refresh_needs([need.pk])
    return need


def save_pledge(pledge: Pledge, schedule: Iterable[dict] | None = None) -> Pledge:
    """Create or change a pledge (validated by the caller), and with `schedule` replace its planned
    disbursements (`{"year", "amount"}` rows). The need it belongs to — and the one it left, when
    it moved — get their figures refreshed."""
    with transaction.atomic(), funding.by_service():
        previous = funding.stored_need_id(pledge)
        pledge.save()
        pledge.loaded_need_id = pledge.need_id
        if schedule is not None:
            pledge.planned_disbursements.all().delete()
            PlannedDisbursement.objects.bulk_create(PlannedDisbursement(pledge=pledge, **row) for row in schedule)
        funding.refresh_needs([pledge.need_id, previous])
    return pledge


def commit_pledge(pledge_id: int, day: date) -> Pledge:
    """Mark the agreement signed on `day`. The funding figures count a pledge once whatever its
    stage, so none changes."""
    with transaction.atomic(), funding.by_service():
        pledge = Pledge.objects.select_for_update().get(pk=pledge_id)
        if pledge.archived_on:
            raise ValidationError({"committed_on": _("This pledge was archived.")})
        pledge.committed_on = day
        pledge.full_clean()
        pledge.save(update_fields=["committed_on"])
    return pledge


def record_disbursement(pledge_id: int, day: date, amount: Decimal, user=None) -> Disbursement:
    """Record a payment; refuses one that would take payments past the pledge.

    The pledge row is locked (SELECT … FOR UPDATE) so that two payments recorded at the same
    moment cannot both pass the check and together exceed the pledge. The need's disbursed
    figure follows.
    """
    with transaction.atomic(), funding.by_service():
        pledge = Pledge.objects.select_for_update().get(pk=pledge_id)
        if pledge.archived_on:
            raise ValidationError({"pledge": _("This pledge was archived; payments cannot be recorded against it.")})
        errors: dict[str, str] = {}
        amount = Decimal(amount)
        if amount <= 0:
            errors["amount"] = _("A payment is a positive amount.")
        if day < pledge.pledged_on:
            errors["date"] = _("A payment cannot come before the pledge (%(d)s).") % {"d": pledge.pledged_on}
        elif day > timezone.localdate():
            errors["date"] = _("A payment cannot be recorded in the future.")
        if not errors:
            paid = pledge.paid_so_far()
            if paid + amount > pledge.amount:
                errors["amount"] = _(
                    "Payments would reach %(total)s, more than the pledge of %(pledged)s; "
                    "change the pledge's amount first."
                ) % {
                    "total": format_money(paid + amount, pledge.currency),
                    "pledged": format_money(pledge.amount, pledge.currency),
                }
        if errors:
            raise ValidationError(errors)
        require_rate(pledge.currency, day, "date")
        disbursement = Disbursement(pledge=pledge, date=day, amount=amount, created_by=user)
        disbursement.full_clean(exclude=["pledge"])
        disbursement.save()
        funding.refresh_needs([pledge.need_id])
        return disbursement


def archive_pledge(pledge_id: int, reason: str) -> Pledge:
    """Take a pledge out of every total, keeping it (and its history) with the reason.

    Only a pledge with no payment can be archived: money paid stays on record, and a wrong
    payment is corrected, not hidden. Its need's pledged figure drops."""
    reason = (reason or "").strip()
    with transaction.atomic(), funding.by_service():
        pledge = Pledge.objects.select_for_update().get(pk=pledge_id)
        if not reason:
            raise ValidationError({"reason": _("Say why the pledge is archived.")})
        if pledge.archived_on:
            raise ValidationError({"pledge": _("This pledge is already archived.")})
        if pledge.disbursements.exists():
            raise ValidationError({"pledge": _("Payments were made against this pledge; it cannot be archived.")})
        pledge.archived_on = timezone.localdate()
        pledge.archive_reason = reason
        pledge.save(update_fields=["archived_on", "archive_reason"])
        funding.refresh_needs([pledge.need_id])
        return pledge


def save_exchange_rate(rate: ExchangeRate) -> ExchangeRate:
    """Create or change a rate (validated by the caller): the needs with amounts in that currency
    are converted again — those waiting for it get their USD figures now."""
    with transaction.atomic(), funding.by_service():
        rate.save()
        funding.refresh_for_rate(rate.currency)
    return rate


def save_progress(record: ProgressRecord) -> ProgressRecord:
    """Create or change a year's progress (validated by the caller): "close to completion" and the
    priority of the obligation's needs follow."""
    with transaction.atomic(), funding.by_service():
        record.save()
        funding.refresh_for_obligation(record.obligation_id)
    return record
