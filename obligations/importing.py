"""Loaders for the meetings calendar (reference data) and the extension history (demo data)."""

from __future__ import annotations

import csv
from datetime import date
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction

from obligations.models import ExtensionRequest, ExtensionStatus, Meeting, MeetingKind, Obligation
from states.models import State

MEETING_FIELDS = ("name", "kind", "start_date", "end_date", "city", "country", "president", "source")
# The decisions file names the Second Review Conference as a whole; its first part decided them.
MEETING_ALIASES = {"2RC": "2RC-1"}


class CSVError(Exception):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def _date(raw: str, line: int, column: str, errors: list[str]) -> date | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors.append(f"line {line}, column {column}: {raw!r} is not a date YYYY-MM-DD")
        return None


@transaction.atomic
def import_meetings(stream: IO[str]) -> tuple[int, int]:
    """Create or update meetings by code; all or nothing. Returns (created, updated)."""
    reader = csv.DictReader(stream)
    errors: list[str] = []
    rows = []
    for row in reader:
        line = reader.line_num
        code = (row.get("code") or "").strip()
        if not code:
            errors.append(f"line {line}, column code: is empty")
            continue
        values = {
            "name": (row.get("name") or "").strip(),
            "kind": MeetingKind.RC if "RC" in code else MeetingKind.MSP,
            "start_date": _date(row.get("start_date"), line, "start_date", errors),
            "end_date": _date(row.get("end_date"), line, "end_date", errors),
            "city": (row.get("city") or "").strip(),
            "country": (row.get("country") or "").strip(),
            "president": (row.get("president") or "").strip(),
            "source": (row.get("source") or "").strip(),
        }
        rows.append((line, code, values))
    created = updated = 0
    for line, code, values in rows:
        meeting = Meeting.objects.filter(code=code).first() or Meeting(code=code)
        if meeting.pk and all(getattr(meeting, f) == values[f] for f in MEETING_FIELDS):
            continue
        for f, v in values.items():
            setattr(meeting, f, v)
        try:
            meeting.full_clean(validate_unique=False)
        except ValidationError as exc:
            errors.extend(f"line {line}, column {k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            continue
        created, updated = (created + 1, updated) if meeting.pk is None else (created, updated + 1)
        meeting.save()
    if errors:
        raise CSVError(errors)
    return created, updated


def load_extension_history(stream: IO[str]) -> list[str]:
    """Demo history from the real decisions 9MSP–13MSP. Rows the sources leave incomplete in a
    way the treaty rules reject are skipped and reported, never forced in."""
    report: list[str] = []
    meetings = {m.code: m for m in Meeting.objects.all()}
    rows = sorted(
        csv.DictReader(stream),
        key=lambda r: (meetings[MEETING_ALIASES.get(r["meeting_code"], r["meeting_code"])].start_date, r["iso3"]),
    )
    for row in rows:
        meeting = meetings[MEETING_ALIASES.get(row["meeting_code"], row["meeting_code"])]
        state = State.objects.get(iso3=row["iso3"])
        obligation, _ = Obligation.objects.get_or_create(
            state=state, article=int(row["article"]), hostilities_ended_on=None
        )
        granted = date.fromisoformat(row["granted_deadline"]) if row["granted_deadline"] else None
        requested = date.fromisoformat(row["requested_deadline"]) if row["requested_deadline"] else None
        if ExtensionRequest.objects.filter(obligation=obligation, meeting=meeting).exists():
            continue
        request = ExtensionRequest(
            obligation=obligation,
            meeting=meeting,
            requested_deadline=requested,
            status=ExtensionStatus.GRANTED if granted else ExtensionStatus.SUBMITTED,
            granted_deadline=granted,
            # Sources rarely give the decision day; the meeting's closing day is when it decided.
            decided_on=(date.fromisoformat(row["decision_date"]) if row["decision_date"] else meeting.end_date)
            if granted
            else None,
            source=row["source"],
            notes=(row.get("granted_deadline_basis") or "").strip(),
        )
        try:
            with transaction.atomic():
                request.full_clean()
                request.save()
        except ValidationError as exc:
            reasons = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            label = f"{row['meeting_code']} {row['iso3']} Article {row['article']}"
            report.append(f"not loaded (sources incomplete) {label}: {reasons}")
    return report
