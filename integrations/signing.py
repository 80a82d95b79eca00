"""Signed webhooks: how a sender proves a pushed value comes from them, and not twice.

The sender signs ``"<timestamp>.<raw body>"`` with the feed's secret (HMAC-SHA256, hex)
and sends::

    X-Cascade-Timestamp: 1795420800                 (Unix time, whole seconds)
    X-Cascade-Signature: sha256=5f2b...             (the hex digest, prefixed)

Cascade recomputes the signature over the exact bytes it received and compares in
constant time. The timestamp is part of what is signed, and a request is accepted only
within ``FEED_WEBHOOK_TOLERANCE`` seconds of it, so a captured request cannot be replayed
later; within the window a replay carries the same ``delivery_id``, which records nothing
new (the reading is unique per feed and delivery).
"""

import hashlib
import hmac
import secrets
from datetime import datetime

from django.conf import settings

SIGNATURE_HEADER = "X-Cascade-Signature"
TIMESTAMP_HEADER = "X-Cascade-Timestamp"
DELIVERY_HEADER = "X-Cascade-Delivery"
SCHEME = "sha256="


class WebhookRefused(Exception):
    """A push Cascade will not take, with the HTTP status and the sentence that says why."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def new_secret() -> str:
    return "cwh_" + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: int | str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()
    return SCHEME + digest


def verify(*, secret: str, timestamp: str | None, signed: str | None, body: bytes, now: datetime) -> None:
    """Raise ``WebhookRefused`` unless ``signed`` is the secret's signature of this body at a recent ``timestamp``."""
    if not secret:
        raise WebhookRefused(
            401, "This feed has no signing secret Cascade can read; rotate its secret and sign with the new one."
        )
    if not signed or not timestamp:
        raise WebhookRefused(
            401,
            f"Sign the request: send {TIMESTAMP_HEADER} (Unix time in seconds) and {SIGNATURE_HEADER} "
            f"({SCHEME}<HMAC-SHA256 of '<timestamp>.<body>' with the feed's secret, in hex>).",
        )
    try:
        sent_at = int(timestamp.strip())
    except ValueError:
        raise WebhookRefused(
            400, f"{TIMESTAMP_HEADER} must be Unix time in whole seconds, not {timestamp[:40]!r}."
        ) from None
    tolerance = settings.FEED_WEBHOOK_TOLERANCE
    skew = abs(int(now.timestamp()) - sent_at)
    if skew > tolerance:
        raise WebhookRefused(
            401,
            f"The timestamp is {skew} seconds away from Cascade's clock; a push is accepted for {tolerance} seconds "
            "around the moment it was signed (replay protection). Sign it again with the current time.",
        )
    expected = signature(secret, sent_at, body).encode()
    if not hmac.compare_digest(expected, signed.strip().encode("utf-8", "replace")):
        raise WebhookRefused(
            401,
            f"The signature does not match: sign '<timestamp>.<raw body>' with the feed's secret "
            f"(HMAC-SHA256, hex digest, prefixed with {SCHEME}) and send the same timestamp in {TIMESTAMP_HEADER}.",
        )
