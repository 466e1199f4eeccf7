"""The reference-data importer behind `manage.py import_states` (contract format).

All or nothing: every line is checked first; one bad line (named by line and column) and
nothing is written. Re-importing the same file changes nothing, so no history row either.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction

from states.models import Instrument, State, TreatyStatus
from states.regions import REGION_BY_ISO3

REQUIRED_COLUMNS = ["iso3", "name", "status", "signature_date", "deposit_date", "instrument"]
OPTIONAL_COLUMNS = ["withdrawal_date", "region"]
DATE_COLUMNS = ("signature_date", "deposit_date", "withdrawal_date")
MODEL_FIELDS = ("name", "region", "status", "signature_date", "deposit_date", "instrument", "withdrawal_date")


class ImportError_(Exception):
    """Every problem found in a file, one message per line and column."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


def _parse_row(line: int, row: dict[str, str], errors: list[str]) -> dict | None:
    values: dict = {}
    bad = False

    def error(column: str, message: str) -> None:
        nonlocal bad
        bad = True
        errors.append(f"line {line}, column {column}: {message}")

    iso3 = (row.get("iso3") or "").strip().upper()
    if len(iso3) != 3 or not iso3.isalpha() or not iso3.isascii():
        error("iso3", f"{iso3!r} is not an ISO 3166-1 alpha-3 code")
    values["iso3"] = iso3
    values["name"] = (row.get("name") or "").strip()
    if not values["name"]:
        error("name", "is empty")
    status = (row.get("status") or "").strip()
    if status not in TreatyStatus.values:
        error("status", f"{status!r} is not one of {', '.join(TreatyStatus.values)}")
    values["status"] = status
    instrument = (row.get("instrument") or "").strip()
    if instrument and instrument not in Instrument.values:
        error("instrument", f"{instrument!r} is not one of {', '.join(Instrument.values)}")
    values["instrument"] = instrument
    for column in DATE_COLUMNS:
        raw = (row.get(column) or "").strip()
        try:
            values[column] = date.fromisoformat(raw) if raw else None
        except ValueError:
            error(column, f"{raw!r} is not a date YYYY-MM-DD")
    region = (row.get("region") or "").strip().lower() or REGION_BY_ISO3.get(iso3, "")
    if not region or region not in set(REGION_BY_ISO3.values()):
        error("region", f"no UN M49 region known for {iso3!r}; add a region column")
    values["region"] = region
    return None if bad else values


@transaction.atomic
def import_states(stream: IO[str]) -> ImportResult:
    reader = csv.DictReader(stream)
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportError_([f"line 1: missing column(s) {', '.join(missing)}"])
    unknown = [c for c in reader.fieldnames if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        raise ImportError_([f"line 1: unknown column(s) {', '.join(unknown)}"])

    errors: list[str] = []
    parsed: list[tuple[int, dict]] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if None in row:
            errors.append(f"line {line}: more cells than columns")
            continue
        values = _parse_row(line, row, errors)
        if values is None:
            continue
        if values["iso3"] in seen:
            errors.append(f"line {line}, column iso3: {values['iso3']} already on line {seen[values['iso3']]}")
            continue
        seen[values["iso3"]] = line
        parsed.append((line, values))

    existing = {s.iso3: s for s in State.objects.filter(iso3__in=seen)}
    result = ImportResult()
    to_save: list[State] = []
    for line, values in parsed:
        state = existing.get(values["iso3"]) or State(iso3=values["iso3"])
        changed = [f for f in MODEL_FIELDS if getattr(state, f) != values[f]]
        if state.pk and not changed:
            result.unchanged += 1
            continue
        for f in MODEL_FIELDS:
            setattr(state, f, values[f])
        try:
            state.full_clean(validate_unique=False)
        except ValidationError as exc:
            for column, messages in exc.message_dict.items():
                errors.extend(f"line {line}, column {column}: {m}" for m in messages)
            continue
        (result.updated if state.pk else result.created).append(state.iso3)
        to_save.append(state)
    if errors:
        raise ImportError_(errors)
    for state in to_save:
        state.save()
    return result
