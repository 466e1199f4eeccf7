"""The reminder job: decide what is due (reports.reminders), claim, send, record.

Never twice (healthchecks' and Kobo's lesson): for each recipient the `Reminder` row (unique on
recipient, kind, subject, stage) is inserted and committed *before* the email is sent, then
marked sent or failed. A second run, a concurrent worker or a retried task finds the row and
sends nothing. A failed send keeps its error and is retried by the next run (up to
MAX_ATTEMPTS); a row left `pending` by a worker that died is retried once it is STALE_AFTER old.

Recipients: the active focal points (with an e-mail) of the state concerned for Article 7,
deadline and extension-request reminders; the donor's users for pledge follow-ups; ISU staff
for the weekly digest. Each language is the user's own (`User.language`, else English).

Opt-out: every e-mail carries a signed link (and a List-Unsubscribe header) that stops that
*kind* of e-mail for that address (`ReminderOptOut`). The ISU digest and pledge follow-ups are
optional by nature; treaty reminders to focal points may be stopped too (a focal point who has
moved on should not be kept on a list), and the ISU's log page lists every opt-out so that the
ISU can follow up with the state instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

import treaty
from accounts.models import Role, User
from assistance.models import Disbursement, Need, Pledge
from obligations.models import ExtensionStatus, Meeting, Obligation, ObligationStatus
from reports import reminders as rules
from reports.models import Reminder, ReminderKind, ReminderOptOut, ReminderStatus
from reports.stats import reporting_status
from states.models import State

logger = logging.getLogger(__name__)

STALE_AFTER = timedelta(hours=1)
MAX_ATTEMPTS = 5
UNSUBSCRIBE_SALT = "reports.reminders.unsubscribe"
DIGEST_DEADLINE_MONTHS = 12


def unsubscribe_token(email: str, kind: str) -> str:
    return signing.dumps({"e": email.lower(), "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


# Unsubscribe links expire (issue 19, finding 8). Every token ever issued carries its signing
# time (signing.dumps is timestamped), so links already sent keep working until this age.
UNSUBSCRIBE_MAX_AGE = timedelta(days=180)


def read_unsubscribe_token(token: str) -> tuple[str, str]:
    """The (email, kind) of a link; raises signing.SignatureExpired past UNSUBSCRIBE_MAX_AGE."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    if not isinstance(data, dict) or data.get("k") not in ReminderKind.values or not data.get("e"):
        raise signing.BadSignature("not an unsubscribe token")
    return data["e"], data["k"]


def site_url() -> str:
    """Absolute links in emails (settings.SITE_URL, from the environment)."""
    return settings.SITE_URL


@dataclass
class Outgoing:
    due: rules.DueReminder
    recipient: str
    user: User | None
    language: str


@dataclass
class RunResult:
    today: date
    planned: list[Outgoing] = field(default_factory=list)
    sent: int = 0
    failed: int = 0
    skipped: int = 0

    def summary(self) -> str:
        return (
            f"{self.today.isoformat()}: {len(self.planned)} due, {self.sent} sent, {self.failed} failed, "
            f"{self.skipped} already handled"
        )


# --- what is due --------------------------------------------------------------------------


def _obligation_facts(today: date) -> list[rules.DeadlineFacts]:
    meetings = list(Meeting.objects.exclude(start_date=None))
    obligations = (
        Obligation.objects.filter(article__in=[3, 4], status=ObligationStatus.ACTIVE)
        .exclude(current_deadline=None)
        .exclude(state__withdrawal_effective_on__lte=today)
        .prefetch_related("extension_requests")
    )
    facts = []
    for o in obligations:
        meeting = o.deciding_meeting(meetings)
        pending = any(
            e.status == ExtensionStatus.SUBMITTED and (e.previous_deadline in (None, o.current_deadline))
            for e in o.extension_requests.all()
        )
        facts.append(
            rules.DeadlineFacts(
                obligation_id=o.id,
                state_id=o.state_id,
                article=o.article,
                current_deadline=o.current_deadline,
                active=True,
                extension_request_due=meeting.extension_request_due if meeting else None,
                request_pending=pending,
            )
        )
    return facts


def _pledge_facts(today: date) -> list[rules.PledgeFacts]:
    """Pledges not yet committed and young enough for a follow-up to be due (reports.reminders
    decides which)."""
    # Only pledges whose follow-up ladder (pledged_on + 6 months, until + 12) can include today:
    # the job then grows with a year of pledges, not with the whole history.
    since = treaty.add_months(today, -2 * rules.PLEDGE_FOLLOWUP_MONTHS)
    rows = (
        Pledge.objects.live()
        .filter(committed_on__isnull=True, pledged_on__gte=since)
        .annotate(paid=Exists(Disbursement.objects.filter(pledge=OuterRef("pk"))))
        .order_by("id")
        .values_list("id", "donor_id", "state_id", "paid", "pledged_on")
    )
    return [
        rules.PledgeFacts(pk, donor_id, state_id, "disbursed" if paid else "pledged", pledged_on)
        for pk, donor_id, state_id, paid, pledged_on in rows
    ]


def due_reminders(today: date) -> list[rules.DueReminder]:
    obligations = _obligation_facts(today)
    return [
        *rules.report_reminders(reporting_status(today), today),
        *rules.deadline_reminders(obligations, today),
        *rules.extension_request_reminders(obligations, today),
        *rules.pledge_reminders(_pledge_facts(today), today),
        rules.digest_reminder(today),
    ]


def _language(user: User | None) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    if user is not None and user.language in codes:
        return user.language
    return settings.LANGUAGE_CODE


def plan(today: date) -> list[Outgoing]:
    """Every (reminder, recipient) due today, opt-outs removed; nothing checked against the log."""
    due = due_reminders(today)
    users = list(User.objects.filter(is_active=True).exclude(email="").order_by("id"))
    focal = {}
    for u in users:
        if u.role == Role.FOCAL_POINT and u.state_id:
            focal.setdefault(u.state_id, []).append(u)
    isu = [u for u in users if u.role == Role.ISU or u.is_superuser]
    donor_users = {}
    for u in users:
        if u.role == Role.DONOR and u.donor_id:
            donor_users.setdefault(u.donor_id, []).append(u)
    opted_out = set(ReminderOptOut.objects.values_list("email", "kind"))
    outgoing = []
    for reminder in due:
        if reminder.kind == rules.ISU_DIGEST:
            recipients = isu
        elif reminder.kind == rules.PLEDGE_FOLLOWUP:
            recipients = donor_users.get(reminder.context["pledge"].donor_id, [])
        else:
            recipients = focal.get(reminder.state_id, [])
        for user in recipients:
            if (user.email.lower(), reminder.kind) in opted_out:
                continue
            outgoing.append(Outgoing(reminder, user.email, user, _language(user)))
    return outgoing


# --- claim, send, record ----------------------------------------------------------------------


def claim(item: Outgoing) -> Reminder | None:
    """Insert (and commit) the reminder's row before sending; None when someone else has it."""
    now = timezone.now()
    due = item.due
    try:
        with transaction.atomic():
            row, created = Reminder.objects.get_or_create(
                recipient=item.recipient,
                kind=due.kind,
                subject_key=due.subject_key,
                stage=due.stage,
                defaults={
                    "user": item.user,
                    "state_id": due.state_id,
                    "stage_date": due.stage_date,
                    "language": item.language,
                    "claimed_at": now,
                    "status": ReminderStatus.PENDING,
                },
            )
    except IntegrityError:  # lost a race get_or_create could not resolve: the winner sends
        return None
    if created:
        return row
    if not _retry_due(row.status, row.attempts, row.claimed_at, now):
        return None
    # Re-claim only if nobody else did in between (compare-and-set on status and claim time).
    taken = Reminder.objects.filter(pk=row.pk, status=row.status, claimed_at=row.claimed_at).update(
        status=ReminderStatus.PENDING, claimed_at=now
    )
    if not taken:
        return None
    row.status, row.claimed_at = ReminderStatus.PENDING, now
    return row


def _context(item: Outgoing, today: date, run: dict | None = None) -> dict:
    """The template context; `run` holds what is the same for every email of a run (the states,
    the ISU digest), so that a run with thousands of emails reads them once."""
    run = {} if run is None else run
    due = item.due
    context = {
        "today": today,
        "stage": due.stage,
        "stage_date": due.stage_date,
        "site_url": site_url(),
        "recipient": item.recipient,
        "user": item.user,
        "unsubscribe_url": site_url()
        + reverse("reports:unsubscribe", args=[unsubscribe_token(item.recipient, due.kind)]),
        "overdue": due.stage.startswith("overdue"),
        **due.context,
    }
    if due.state_id:
        states = run.setdefault("states", {})
        if due.state_id not in states:
            states[due.state_id] = State.objects.get(pk=due.state_id)
        context["state"] = states[due.state_id]
    if due.kind == rules.ISU_DIGEST:
        if "digest" not in run:
            run["digest"] = digest_context(today)
        context.update(run["digest"])
    if due.kind in (rules.DEADLINE, rules.EXTENSION_REQUEST):
        context["obligation_url"] = site_url() + reverse(
            "obligations:detail", args=[due.context["obligation"].obligation_id]
        )
    return context


def digest_context(today: date) -> dict:
    overdue = [r for r in reporting_status(today) if r.status == "overdue"]
    until = treaty.add_months(today, DIGEST_DEADLINE_MONTHS)
    deadlines = list(
        Obligation.objects.filter(
            article__in=[3, 4], status=ObligationStatus.ACTIVE, current_deadline__gte=today, current_deadline__lte=until
        )
        .select_related("state")
        .order_by("current_deadline")
    )
    new_needs = list(
        Need.objects.filter(submitted_on__gt=today - timedelta(days=7), submitted_on__lte=today)
        .select_related("state")
        .order_by("submitted_on", "id")
    )
    return {"overdue_reports": overdue, "deadlines": deadlines, "new_needs": new_needs}


def render_email(item: Outgoing, today: date, run: dict | None = None) -> EmailMultiAlternatives:
    context = _context(item, today, run)
    base = f"reports/emails/{item.due.kind}"
    with translation.override(item.language):
        subject = " ".join(render_to_string(f"{base}-subject.txt", context).split())
        text = render_to_string(f"{base}-body.txt", context)
        html = render_to_string(f"{base}-body.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [item.recipient])
    message.attach_alternative(html, "text/html")
    message.extra_headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
    return message


def send_one(item: Outgoing, row: Reminder, today: date, run: dict | None = None) -> bool:
    """Render and send one claimed reminder, then record the outcome (one UPDATE)."""
    subject = ""
    try:
        message = render_email(item, today, run)
        subject = message.subject[:250]
        message.send()
    except Exception as exc:  # noqa: BLE001 - any failure (SMTP, template) is recorded and retried
        logger.warning("reminder %s to %s failed: %s", row.pk, item.recipient, exc)
        _record(
            row.pk,
            status=ReminderStatus.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            attempts=F("attempts") + 1,
            subject_line=subject,
        )
        return False
    _record(
        row.pk,
        status=ReminderStatus.SENT,
        sent_at=timezone.now(),
        error="",
        attempts=F("attempts") + 1,
        subject_line=subject,
    )
    return True


def _record(pk: int, **fields) -> None:
    """The outcome of a send, committed without waiting for the disk (PostgreSQL's
    synchronous_commit off, this transaction only): a flush per email was most of the job's time
    (docs/performance.md). Only a crash of the database server itself can lose the last few
    hundred milliseconds of outcomes; those rows stay `pending` and are retried after STALE_AFTER,
    like a worker killed between sending and recording. Claims stay synchronous: they are what
    prevents a second send."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        Reminder.objects.filter(pk=pk).update(**fields)


CLAIM_BATCH = 100


def _key(item: Outgoing) -> tuple[str, str, str, str]:
    return (item.recipient, item.due.kind, item.due.subject_key, item.due.stage)


def _logged(planned: list[Outgoing]) -> dict[tuple[str, str, str, str], tuple[str, int, object]]:
    """(status, attempts, claimed_at) of today's planned reminders already in the log, read in a
    few queries (by subject) instead of one per reminder."""
    found: dict[tuple[str, str, str, str], tuple[str, int, object]] = {}
    wanted = {_key(item) for item in planned}
    subjects = sorted({item.due.subject_key for item in planned})
    fields = ("recipient", "kind", "subject_key", "stage", "status", "attempts", "claimed_at")
    for start in range(0, len(subjects), 1000):
        rows = Reminder.objects.filter(subject_key__in=subjects[start : start + 1000]).values_list(*fields)
        for recipient, kind, subject_key, stage, status, attempts, claimed_at in rows:
            key = (recipient, kind, subject_key, stage)
            if key in wanted:
                found[key] = (status, attempts, claimed_at)
    return found


def _retry_due(status: str, attempts: int, claimed_at, now) -> bool:
    """Same rule as claim(): a failure under MAX_ATTEMPTS, or a claim left pending for STALE_AFTER."""
    return (status == ReminderStatus.FAILED and attempts < MAX_ATTEMPTS) or (
        status == ReminderStatus.PENDING and claimed_at <= now - STALE_AFTER
    )


def claim_new(items: list[Outgoing]) -> list[tuple[Outgoing, Reminder]]:
    """Claim reminders that have no log row yet: INSERT … ON CONFLICT DO NOTHING RETURNING, a batch
    at a time, committed before any of them is sent. Only the rows this run inserted come back, so
    a concurrent run or a doubled tick never gets the same row (the unique constraint decides)."""
    claimed: list[tuple[Outgoing, Reminder]] = []
    table = connection.ops.quote_name(Reminder._meta.db_table)
    columns = (
        "recipient, user_id, kind, state_id, subject_key, stage, stage_date, status, language, "
        "subject_line, attempts, error, claimed_at, created_at"
    )
    for start in range(0, len(items), CLAIM_BATCH):
        batch = items[start : start + CLAIM_BATCH]
        now = timezone.now()
        params: list = []
        for item in batch:
            due = item.due
            params += [
                item.recipient,
                item.user.pk if item.user else None,
                due.kind,
                due.state_id,
                due.subject_key,
                due.stage,
                due.stage_date,
                ReminderStatus.PENDING,
                item.language,
                "",
                0,
                "",
                now,
                now,
            ]
        values = ", ".join(["(" + ", ".join(["%s"] * 14) + ")"] * len(batch))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {values} "
                "ON CONFLICT (recipient, kind, subject_key, stage) DO NOTHING "
                "RETURNING id, recipient, kind, subject_key, stage",
                params,
            )
            inserted = {tuple(r[1:]): r[0] for r in cursor.fetchall()}
        for item in batch:
            pk = inserted.get(_key(item))
            if pk is not None:
                claimed.append(
                    (item, Reminder(pk=pk, status=ReminderStatus.PENDING, claimed_at=now, recipient=item.recipient))
                )
    return claimed


def run_reminders(today: date | None = None, dry_run: bool = False) -> RunResult:
    """The daily job (Celery beat and `manage.py send_reminders`). Safe to run any number of
    times, concurrently: each email goes out at most once.

    Reminders never logged are claimed in batches (claim_new); those already in the log are
    skipped unless a retry is due (a failure, or a claim left pending for STALE_AFTER), which
    goes through claim() one by one. A run with nothing new reads the log once and sends nothing."""
    today = today or timezone.localdate()
    result = RunResult(today, plan(today))
    if dry_run:
        return result
    logged = _logged(result.planned)
    fresh = [item for item in result.planned if _key(item) not in logged]
    known = [item for item in result.planned if _key(item) in logged]
    run: dict = {}
    claimed = claim_new(fresh)
    result.skipped += len(fresh) - len(claimed)
    now = timezone.now()
    for item in known:
        # claim() re-checks and takes the row with a compare-and-set; most rows need no retry.
        row = claim(item) if _retry_due(*logged[_key(item)], now) else None
        if row is None:
            result.skipped += 1
        else:
            claimed.append((item, row))
    for item, row in claimed:
        if send_one(item, row, today, run):
            result.sent += 1
        else:
            result.failed += 1
    logger.info("reminders %s", result.summary())
    return result
