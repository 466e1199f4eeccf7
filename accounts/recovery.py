"""Recovery codes for the second factor (issue 17, point 4): shown once, stored hashed, each good once."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from accounts.models import RecoveryCode

COUNT = 10
# No 0/o, 1/l/i: codes are read off paper.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
LENGTH = 10  # 31**10: about 50 bits


def _normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").lower() if ch.isalnum())


def _digest(code: str) -> str:
    return hashlib.sha256(_normalise(code).encode("ascii", "ignore")).hexdigest()


def looks_like_code(text: str) -> bool:
    return len(_normalise(text)) == LENGTH


@transaction.atomic
def new_codes(user) -> list[str]:
    """A new set (the old ones stop working), as the user must write them down: `abcde-fghjk`."""
    RecoveryCode.objects.filter(user=user).delete()
    codes = ["".join(secrets.choice(ALPHABET) for _ in range(LENGTH)) for _ in range(COUNT)]
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=_digest(c)) for c in codes)
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def use(user, code: str) -> bool:
    """True once for each unused code; the update is atomic, so two requests cannot both use it."""
    if not looks_like_code(code):
        return False
    used = RecoveryCode.objects.filter(user=user, code_hash=_digest(code), used_at=None).update(used_at=timezone.now())
    return used == 1


def remaining(user) -> int:
    return RecoveryCode.objects.filter(user=user, used_at=None).count()


def forget(user) -> None:
    RecoveryCode.objects.filter(user=user).delete()
