"""Keep each need's stored funding figures (Need.FUNDING_FIELDS) equal to what pledges, payments,
exchange rates, progress records and obligation deadlines say.

Every write that can change a figure refreshes the needs it touches, in the same transaction
(`NeedQuerySet.refresh_funding`: one UPDATE … FROM the live SQL). Lists then read the figures
from the need's row, so a list sorted by priority no longer aggregates every pledge on every
request (docs/performance.md). The same writes bump the version under which the needs API
caches its documents (`changed()`). Bulk paths that skip signals (seed_benchmark, data migrations)
call `Need.objects.all().refresh_funding()` themselves.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import post_delete, post_save, pre_save

from assistance.models import Disbursement, ExchangeRate, Need, Pledge, ProgressRecord
from core.versions import VersionCounter
from obligations.models import ExtensionRequest, Obligation, deadlines_refreshed
from states.models import State

logger = logging.getLogger(__name__)

VERSION_KEY = "assistance:needs:version"
# The needs API caches its JSON under this version (assistance/api/views.py); every write below bumps it.
needs_version = VersionCounter(VERSION_KEY)


def version() -> int:
    return needs_version.current()


def changed() -> None:
    """Cached needs documents are stale (bumped now and again on commit, core/versions.py)."""
    needs_version.bump_now_and_on_commit()


def refresh(need_ids) -> None:
    ids = {pk for pk in need_ids if pk is not None}
    if ids:
        Need.objects.filter(pk__in=ids).refresh_funding()
    changed()


def _need_saved(sender, instance: Need, raw: bool = False, **kwargs) -> None:
    if not raw:
        refresh([instance.pk])


def _need_deleted(sender, **kwargs) -> None:
    changed()


def _pledge_before_save(sender, instance: Pledge, raw: bool = False, **kwargs) -> None:
    # A pledge moved from one need to another changes both.
    instance._previous_need_id = (
        Pledge.objects.filter(pk=instance.pk).values_list("need_id", flat=True).first() if instance.pk else None
    )


def _pledge_changed(sender, instance: Pledge, raw: bool = False, **kwargs) -> None:
    if not raw:
        refresh([instance.need_id, getattr(instance, "_previous_need_id", None)])


def _disbursement_changed(sender, instance: Disbursement, raw: bool = False, **kwargs) -> None:
    if not raw:
        refresh(Pledge.objects.filter(pk=instance.pledge_id).values_list("need_id", flat=True))


def _rate_changed(sender, instance: ExchangeRate, raw: bool = False, **kwargs) -> None:
    """Needs with an amount in that currency: requested, pledged or paid (rates change rarely)."""
    if raw:
        return
    currency = instance.currency
    pledged = Pledge.objects.filter(need=OuterRef("pk"), currency=currency)
    Need.objects.filter(Q(currency=currency) | Exists(pledged)).refresh_funding()
    changed()


def _progress_changed(sender, instance: ProgressRecord, raw: bool = False, **kwargs) -> None:
    if not raw:
        Need.objects.filter(obligation_id=instance.obligation_id).refresh_funding()
        changed()


def _obligation_changed(sender, instance: Obligation, raw: bool = False, **kwargs) -> None:
    if not raw and instance.pk:
        Need.objects.filter(obligation_id=instance.pk).refresh_funding()
        changed()


def _deadlines_refreshed(sender, obligation: Obligation, **kwargs) -> None:
    Need.objects.filter(obligation_id=obligation.pk).refresh_funding()
    changed()


def _extension_changed(sender, instance: ExtensionRequest, raw: bool = False, **kwargs) -> None:
    # ExtensionRequest.save() and .delete() refresh the obligation (deadlines_refreshed); a
    # queryset delete does not: refresh its obligation's needs here.
    if not raw and instance.obligation_id:
        Need.objects.filter(obligation_id=instance.obligation_id).refresh_funding()
        changed()


def _state_changed(sender, raw: bool = False, **kwargs) -> None:
    # A state's name or region appears in every need document.
    if not raw:
        changed()


def refresh_after_migrate(sender, plan=None, **kwargs) -> None:
    """After `migrate` applied assistance migrations, recompute every need's stored figures with
    the schema complete (a data migration cannot run the live model's SQL: later columns are
    missing there). Skipped when nothing of assistance moved forward."""
    if not any(migration.app_label == "assistance" and not backwards for migration, backwards in plan or []):
        return
    from django.db import DatabaseError

    try:
        with transaction.atomic():
            Need.objects.all().refresh_funding()
    except DatabaseError as exc:  # migrated to an older state than the code: figures filled later
        logger.warning("Stored funding figures not refreshed after migrate: %s", exc)


def connect() -> None:
    uid = "assistance.funding."
    post_save.connect(_need_saved, sender=Need, dispatch_uid=uid + "need")
    pre_save.connect(_pledge_before_save, sender=Pledge, dispatch_uid=uid + "pledge.pre")
    post_save.connect(_pledge_changed, sender=Pledge, dispatch_uid=uid + "pledge")
    post_delete.connect(_pledge_changed, sender=Pledge, dispatch_uid=uid + "pledge.delete")
    post_save.connect(_disbursement_changed, sender=Disbursement, dispatch_uid=uid + "disbursement")
    post_delete.connect(_disbursement_changed, sender=Disbursement, dispatch_uid=uid + "disbursement.delete")
    post_save.connect(_rate_changed, sender=ExchangeRate, dispatch_uid=uid + "rate")
    post_delete.connect(_rate_changed, sender=ExchangeRate, dispatch_uid=uid + "rate.delete")
    post_save.connect(_progress_changed, sender=ProgressRecord, dispatch_uid=uid + "progress")
    post_delete.connect(_progress_changed, sender=ProgressRecord, dispatch_uid=uid + "progress.delete")
    post_save.connect(_obligation_changed, sender=Obligation, dispatch_uid=uid + "obligation")
    deadlines_refreshed.connect(_deadlines_refreshed, sender=Obligation, dispatch_uid=uid + "deadlines")
    post_delete.connect(_extension_changed, sender=ExtensionRequest, dispatch_uid=uid + "extension.delete")
    post_save.connect(_state_changed, sender=State, dispatch_uid=uid + "state")
    post_delete.connect(_need_deleted, sender=Need, dispatch_uid=uid + "need.delete")
