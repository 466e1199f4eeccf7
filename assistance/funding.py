"""Each need's stored funding figures (Need.FUNDING_FIELDS): computed here, stored here, and
refreshed by the code that changes them, inside its transaction.

Lists read the figures from the need's row, so a list sorted by priority does not aggregate every
pledge on every request (docs/performance.md).

Who refreshes what
- assistance's own writes go through assistance/services.py (need and pledge saves from forms,
  serializers and imports, `record_disbursement`, `archive_pledge`, exchange rates, progress):
  each service calls `refresh_needs`, `refresh_for_rate` or `refresh_for_obligation` below for
  what it touched, so whoever reads a service sees which figures it changes.
- Lower apps cannot call up (obligations: deadlines and extensions; states: names and regions);
  their changes arrive here by signals (`connect()`), the one way a lower layer tells a higher one.
- A safety net: receivers on assistance's own models refresh after writes that skip the services —
  the admin, a shell, raw `.save()`/`.create()` (tests' factories, the demo loader). Inside a
  service (`by_service()`) they stand aside, so nothing is computed twice. `.update()` and bulk
  paths send no signal: whoever uses them (seed_benchmark) calls `store()` itself.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal

from django.db import DatabaseError, connection, models, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save, pre_save

from assistance.models import Disbursement, ExchangeRate, Need, Pledge, ProgressRecord
from assistance.models.money import USD_FIELD, usd_expression
from assistance.priority import SCORE, points_expression
from core.sql import SCase, SCoalesce, SGreatest, SSum, Sub, SValue, numeric
from core.versions import VersionCounter
from obligations.models import ExtensionRequest, Obligation, deadlines_refreshed
from states.models import State

logger = logging.getLogger(__name__)

# --- The version under which the needs API caches its documents (assistance/api/views.py) ---------

VERSION_KEY = "assistance:needs:version"
# The needs API caches its JSON under this version (assistance/api/views.py); every write below bumps it.
needs_version = VersionCounter(VERSION_KEY)


def version() -> int:
    return needs_version.current()


def changed() -> None:
    """Cached needs documents are stale (bumped now and again on commit, core/versions.py)."""
    needs_version.bump_now_and_on_commit()


# --- Computing ---------------------------------------------------------------------------------------


def live(needs: QuerySet) -> QuerySet:
    """`needs` annotated with the figures computed from pledges, payments, rates and progress
    (`live_requested`, `live_pledged`, `live_disbursed`, `live_deadline`, `live_close`): what
    `store()` writes on each need. Archived pledges count nowhere; a missing rate gives NULL."""
    zero = SValue(Decimal(0), output_field=USD_FIELD)
    pledged = (
        Pledge.objects.filter(need=OuterRef("pk"), archived_on__isnull=True)
        .annotate(usd=usd_expression("amount", "currency", "pledged_on"))
        .order_by()
        .values("need")
        .annotate(total=SSum("usd"))
        .values("total")
    )
    disbursed = (
        Disbursement.objects.filter(pledge__need=OuterRef("pk"))
        .annotate(usd=usd_expression("amount", "pledge__currency", "date"))
        .order_by()
        .values("pledge__need")
        .annotate(total=SSum("usd"))
        .values("total")
    )
    progress = ProgressRecord.objects.filter(obligation=OuterRef("obligation")).order_by("-year")
    peak = (
        ProgressRecord.objects.filter(obligation=OuterRef("obligation"))
        .order_by()
        .values("obligation")
        .annotate(peak=models.Max("remaining"))
        .values("peak")
    )
    return needs.annotate(
        live_requested=numeric(usd_expression("amount_requested", "currency", "submitted_on"), USD_FIELD),
        live_pledged=numeric(SCoalesce(Subquery(pledged, output_field=USD_FIELD), zero), USD_FIELD),
        live_disbursed=numeric(SCoalesce(Subquery(disbursed, output_field=USD_FIELD), zero), USD_FIELD),
        live_deadline=Coalesce(F("obligation__current_deadline"), F("own_deadline")),
        latest_remaining=Subquery(progress.values("remaining")[:1]),
        latest_done=Subquery(progress.values("done_in_year")[:1]),
        peak_remaining=Subquery(peak),
    ).annotate(
        # "less than a tenth of the peak" as remaining × 10 ≤ peak: no division (SQLite's is integer)
        latest_remaining_x10=F("latest_remaining") * 10,
        live_close=Case(
            When(
                Q(latest_remaining__gt=0)
                & (Q(latest_remaining__lte=F("latest_done")) | Q(latest_remaining_x10__lte=F("peak_remaining"))),
                then=Value(True),
            ),
            default=Value(False),
            output_field=models.BooleanField(),
        ),
    )


def gap_expression():
    """SQL: what remains to be pledged, in USD. 0 once the need is closed (nothing is sought any
    more); NULL while the amount requested has no USD equivalent (no rate yet: unknown, not 0 —
    PostgreSQL's GREATEST would skip the NULL and say 0)."""
    zero = SValue(Decimal(0), output_field=USD_FIELD)
    return SCase(
        When(closed_on__isnull=False, then=zero),
        When(amount_requested_usd__isnull=True, then=SValue(None, output_field=USD_FIELD)),
        default=SGreatest(Sub(F("amount_requested_usd"), F("pledged_usd")), zero),
        output_field=USD_FIELD,
    )


# --- Storing -----------------------------------------------------------------------------------------


def store(needs: QuerySet) -> None:
    """Store the live figures on the needs of `needs`: lock them, one UPDATE … FROM the live SQL,
    then the gap and the day-independent priority points from the stored figures.

    Within the caller's transaction when there is one (no savepoint of its own: a failure here
    is a database error, and the caller's block rolls back with it)."""
    with transaction.atomic(savepoint=False):
        # Lock the rows first, in a statement of its own: under READ COMMITTED the UPDATE below
        # then starts after any concurrent writer of these needs has committed, so its sums
        # see that writer's pledges (an UPDATE that waited on the row lock itself would keep
        # its older snapshot of the pledges and store a total missing them).
        list(needs.order_by("pk").select_for_update().values_list("pk", flat=True))
        rows = live(needs.order_by()).values(
            "pk", "live_requested", "live_pledged", "live_disbursed", "live_deadline", "live_close"
        )
        sql, params = rows.query.sql_with_params()
        table = connection.ops.quote_name(Need._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} AS target SET amount_requested_usd = live.live_requested, "
                "pledged_usd = live.live_pledged, disbursed_usd = live.live_disbursed, "
                "deadline = live.live_deadline, close_to_completion = live.live_close "
                f"FROM ({sql}) AS live WHERE target.id = live.pk",
                params,
            )
        needs.order_by().update(
            funding_gap_usd=numeric(gap_expression(), USD_FIELD),
            priority_points=numeric(points_expression(), SCORE),
        )


# --- What a write touches (called by assistance/services.py and by the signals below) ----------------


def refresh_needs(need_ids: Iterable[int | None]) -> None:
    """After a write to these needs or to their pledges or payments."""
    ids = {pk for pk in need_ids if pk is not None}
    if ids:
        store(Need.objects.filter(pk__in=ids))
    changed()


def refresh_for_rate(currency: str) -> None:
    """After a rate of `currency` changed: the needs with an amount in it, requested, pledged or
    paid (a need waiting for the rate gets its USD figures now). Rates change rarely."""
    pledged = Pledge.objects.filter(need=OuterRef("pk"), currency=currency)
    store(Need.objects.filter(Q(currency=currency) | Exists(pledged)))
    changed()


def refresh_for_obligation(obligation_id: int | None) -> None:
    """After the obligation's deadline or progress changed: the deadline, urgency and "close to
    completion" of its needs."""
    if obligation_id is not None:
        store(Need.objects.filter(obligation_id=obligation_id))
    changed()


# --- Services write; the receivers below stand aside --------------------------------------------------

_in_service: contextvars.ContextVar[int] = contextvars.ContextVar("assistance_funding_in_service", default=0)


@contextmanager
def by_service() -> Iterator[None]:
    """The block refreshes the figures it touches itself (assistance/services.py): the safety-net
    receivers of assistance's own models do nothing inside it."""
    token = _in_service.set(_in_service.get() + 1)
    try:
        yield
    finally:
        _in_service.reset(token)


def _net(raw: bool) -> bool:
    """Whether a safety-net receiver should act: not for fixtures (raw) nor inside a service."""
    return not raw and not _in_service.get()


def stored_need_id(pledge: Pledge) -> int | None:
    """The need the pledge belongs to in the database (before an unsaved change moves it)."""
    if pledge.pk is None:
        return None
    loaded = getattr(pledge, "loaded_need_id", Pledge.NOT_LOADED)
    if loaded is not Pledge.NOT_LOADED:
        return loaded
    return Pledge.objects.filter(pk=pledge.pk).values_list("need_id", flat=True).first()


def _need_saved(sender, instance: Need, raw: bool = False, **kwargs) -> None:
    if _net(raw):
        refresh_needs([instance.pk])


def _need_deleted(sender, **kwargs) -> None:
    changed()


def _pledge_before_save(sender, instance: Pledge, raw: bool = False, **kwargs) -> None:
    # A pledge moved from one need to another changes both.
    if _net(raw):
        instance._previous_need_id = stored_need_id(instance)


def _pledge_changed(sender, instance: Pledge, raw: bool = False, **kwargs) -> None:
    if _net(raw):
        refresh_needs([instance.need_id, getattr(instance, "_previous_need_id", None)])


def _disbursement_changed(sender, instance: Disbursement, raw: bool = False, **kwargs) -> None:
    if _net(raw):
        refresh_needs(Pledge.objects.filter(pk=instance.pledge_id).values_list("need_id", flat=True))


def _rate_changed(sender, instance: ExchangeRate, raw: bool = False, **kwargs) -> None:
    if _net(raw):
        refresh_for_rate(instance.currency)


def _progress_changed(sender, instance: ProgressRecord, raw: bool = False, **kwargs) -> None:
    if _net(raw):
        refresh_for_obligation(instance.obligation_id)


# --- Changes in lower apps, which cannot call up ------------------------------------------------------


def _obligation_changed(sender, instance: Obligation, raw: bool = False, **kwargs) -> None:
    if not raw and instance.pk:
        refresh_for_obligation(instance.pk)


def _deadlines_refreshed(sender, obligation: Obligation, **kwargs) -> None:
    refresh_for_obligation(obligation.pk)


def _extension_deleted(sender, instance: ExtensionRequest, **kwargs) -> None:
    # ExtensionRequest.save() and .delete() refresh the obligation (deadlines_refreshed); a
    # queryset delete does not: refresh its obligation's needs here.
    refresh_for_obligation(instance.obligation_id)


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
    try:
        with transaction.atomic():
            store(Need.objects.all())
    except DatabaseError as exc:  # migrated to an older state than the code: figures filled later
        logger.warning("Stored funding figures not refreshed after migrate: %s", exc)


# (signal, receiver, sender, dispatch uid): the safety net of assistance's own models ...
SAFETY_NET = [
    (post_save, _need_saved, Need, "need"),
    (post_delete, _need_deleted, Need, "need.delete"),
    (pre_save, _pledge_before_save, Pledge, "pledge.pre"),
    (post_save, _pledge_changed, Pledge, "pledge"),
    (post_delete, _pledge_changed, Pledge, "pledge.delete"),
    (post_save, _disbursement_changed, Disbursement, "disbursement"),
    (post_delete, _disbursement_changed, Disbursement, "disbursement.delete"),
    (post_save, _rate_changed, ExchangeRate, "rate"),
    (post_delete, _rate_changed, ExchangeRate, "rate.delete"),
    (post_save, _progress_changed, ProgressRecord, "progress"),
    (post_delete, _progress_changed, ProgressRecord, "progress.delete"),
]
# ... and what lower apps tell.
FROM_LOWER_APPS = [
    (post_save, _obligation_changed, Obligation, "obligation"),
    (deadlines_refreshed, _deadlines_refreshed, Obligation, "deadlines"),
    (post_delete, _extension_deleted, ExtensionRequest, "extension.delete"),
    (post_save, _state_changed, State, "state"),
]
UID = "assistance.funding."


def connect() -> None:
    for signal, receiver, sender, uid in SAFETY_NET + FROM_LOWER_APPS:
        signal.connect(receiver, sender=sender, dispatch_uid=UID + uid)
