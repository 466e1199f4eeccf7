"""Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), with no dependency but hmac.

Pure functions, tested against the RFC's own test vectors. Authenticator apps use the defaults:
SHA-1, 6 digits, 30-second steps; a code is accepted one step early or late (clock drift) and
never twice (the caller keeps the last step used).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
from urllib.parse import quote, urlencode

STEP = 30
DIGITS = 6
DRIFT_STEPS = 1


def new_secret() -> str:
    """160 random bits (RFC 4226 recommends at least 128), base32 without padding as apps expect."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii").rstrip("=")


def decode_secret(secret: str) -> bytes:
    secret = secret.replace(" ", "").upper()
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def hotp(key: bytes, counter: int, digits: int = DIGITS, algorithm: str = "sha1") -> str:
    digest = hmac.new(key, struct.pack(">Q", counter), getattr(hashlib, algorithm)).digest()
    offset = digest[-1] & 0x0F
    code = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(code % 10**digits).zfill(digits)


def time_step(unix_time: float, step: int = STEP) -> int:
    return int(unix_time // step)


def totp(key: bytes, unix_time: float, digits: int = DIGITS, step: int = STEP, algorithm: str = "sha1") -> str:
    return hotp(key, time_step(unix_time, step), digits, algorithm)


def verify(secret: str, code: str, unix_time: float, last_step: int | None = None) -> int | None:
    """The time step `code` belongs to, or None when it is wrong, too old or already used."""
    code = (code or "").replace(" ", "")
    if not (code.isascii() and code.isdigit() and len(code) == DIGITS):
        return None
    key = decode_secret(secret)
    now = time_step(unix_time)
    for candidate in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
        if last_step is not None and candidate <= last_step:
            continue  # a code is good once: a replayed or older code is refused
        if hmac.compare_digest(hotp(key, candidate), code):
            return candidate
    return None


def provisioning_uri(secret: str, account: str, issuer: str) -> str:
    """The otpauth:// URI authenticator apps read from a QR code (Key Uri Format)."""
    label = quote(f"{issuer}:{account}")
    query = urlencode({"secret": secret, "issuer": issuer, "algorithm": "SHA1", "digits": DIGITS, "period": STEP})
    return f"otpauth://totp/{label}?{query}"
