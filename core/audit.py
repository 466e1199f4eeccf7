"""The audit trail of one record: who changed what, when, from which value to which.

Reads django-simple-history rows (every model people edit has `history = HistoricalRecords()`)
and compares each with the one before it (`diff_against`). Lives in core so that any app's page
can show it; who may see it is the caller's answer (`{% audit_trail obj viewer.is_isu %}`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass
class Change:
    field: str
    before: str
    after: str


@dataclass
class AuditEntry:
    when: datetime
    who: str
    action: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def _display(model: type[models.Model], name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    try:
        model_field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - m2m and excluded fields: show the raw value
        return str(value)
    if getattr(model_field, "choices", None):
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if isinstance(model_field, models.BooleanField):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list):  # m2m changes: rows of the through table
        return ", ".join(str(row) for row in value) or "—"
    return str(value)


def _label(model: type[models.Model], name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001
        return name.replace("_", " ")


def audit_trail(obj: models.Model, limit: int = 50) -> list[AuditEntry]:
    """Newest first, at most `limit` entries; an empty list for a model without history."""
    history = getattr(obj, "history", None)
    if history is None:
        return []
    model = type(obj)
    rows = list(history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for index, row in enumerate(rows[:limit]):
        previous = rows[index + 1] if index + 1 < len(rows) else None
        changes = []
        if previous is not None and row.history_type == "~":
            delta = row.diff_against(previous)
            changes = [
                Change(_label(model, c.field), _display(model, c.field, c.old), _display(model, c.field, c.new))
                for c in sorted(delta.changes, key=lambda c: c.field)
            ]
        who = row.history_user.get_username() if row.history_user else str(_("system"))
        entries.append(
            AuditEntry(
                when=row.history_date,
                who=who,
                action=str(ACTIONS.get(row.history_type, row.history_type)),
                reason=row.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
