"""`GET /calendar/deadlines.ics`: current deadlines and report due dates as iCalendar (RFC 5545).

Written by hand (no dependency): CRLF line endings, lines folded at 75 octets, one UID per
event (stable, so calendars update rather than duplicate), DTSTAMP, all-day DATE events.
Events: active Article 3 and 4 obligations' current deadlines, the date an extension request is
due to their deciding meeting, initial reports not yet received, and the annual reports of the
current and next reporting rounds that are not received.
"""

from __future__ import annotations

import re
from datetime import UTC, date, timedelta

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from obligations.models import Meeting, Obligation, ObligationStatus
from reports import rules
from reports.stats import party_states, received_map

PRODID = "-//CCM Portal//Deadlines//EN"
UID_DOMAIN = "ccm-portal"
ARTICLES = {3, 4, 7}


def escape(text: str) -> str:
    """RFC 5545 §3.3.11 TEXT escaping."""
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """RFC 5545 §3.1: lines of at most 75 octets, continued with CRLF + one space; never split
    inside a UTF-8 character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with a space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def event(uid: str, day: date, summary: str, description: str, stamp: str) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}@{UID_DOMAIN}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape(summary)}",
        f"DESCRIPTION:{escape(description)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def build_calendar(today: date, iso3: str | None = None, article: int | None = None) -> str:
    stamp = timezone.now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    lines.append("X-WR-CALNAME:" + escape("CCM deadlines" + (f" — {iso3}" if iso3 else "")))
    if article in (None, 3, 4):
        meetings = list(Meeting.objects.exclude(start_date=None))
        obligations = (
            Obligation.objects.filter(status=ObligationStatus.ACTIVE, article__in=[article] if article else [3, 4])
            .exclude(current_deadline=None)
            .exclude(state__withdrawal_effective_on__lte=today)
            .select_related("state")
            .order_by("current_deadline", "id")
        )
        if iso3:
            obligations = obligations.filter(state__iso3=iso3)
        for o in obligations:
            what = "stockpile destruction" if o.article == 3 else "clearance"
            lines += event(
                f"obligation-{o.id}-deadline",
                o.current_deadline,
                f"{o.state.name}: Article {o.article} deadline ({what})",
                f"{o.state.iso3} Article {o.article} deadline {o.current_deadline.isoformat()}",
                stamp,
            )
            meeting = o.deciding_meeting(meetings)
            if meeting:
                lines += event(
                    f"obligation-{o.id}-extension-request",
                    meeting.extension_request_due,
                    f"{o.state.name}: Article {o.article} extension request due ({meeting.code})",
                    f"A request to extend the {o.current_deadline.isoformat()} deadline is due nine months "
                    f"before {meeting.code} ({meeting.start_date.isoformat()}).",
                    stamp,
                )
    if article in (None, 7):
        states = party_states(iso3)
        received = received_map([s.id for s in states])
        horizon = date(today.year + 1, 12, 31)
        for state in states:
            for owed in rules.owed_reports([state], received, horizon):
                if owed.received_on is not None or owed.due_date < date(today.year - 1, 1, 1):
                    continue
                if owed.kind == rules.INITIAL:
                    uid, title = f"report-{state.iso3}-initial", f"{state.name}: initial Article 7 report due"
                else:
                    uid = f"report-{state.iso3}-annual-{owed.year}"
                    title = f"{state.name}: Article 7 report for {owed.year} due"
                lines += event(uid, owed.due_date, title, f"{state.iso3} Article 7 ({owed.kind})", stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


@require_GET
def deadlines_ics(request):
    iso3 = (request.GET.get("state") or "").strip().upper() or None
    article = request.GET.get("article") or None
    errors = {}
    if iso3 and (not re.fullmatch(r"[A-Z]{3}", iso3) or not party_states(iso3)):
        errors["state"] = [f"No State Party with code {iso3}."]
    if article is not None:
        if not article.isdigit() or int(article) not in ARTICLES:
            errors["article"] = ["Use 3, 4 or 7."]
        else:
            article = int(article)
    if errors:
        return JsonResponse(errors, status=400)
    body = build_calendar(timezone.localdate(), iso3, article)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="ccm-deadlines.ics"'
    return response
