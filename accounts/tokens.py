"""API tokens: made, found by key, listed and revoked. Keys are stored only as SHA-256 digests."""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken, Person

# Scripts that ask for a token on every run would otherwise pile them up: the oldest go first.
MAX_TOKENS_PER_PERSON = 25
# last_used is written at most this often per token, not on every request.
LAST_USED_PRECISION = timedelta(minutes=1)


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, person: Person, name: str = "", now: datetime | None = None) -> tuple[ApiToken, str]:
    """A new token for ``person``, expiring in API_TOKEN_DAYS, and its key (shown once, never stored)."""
    now = now or timezone.now()
    key = secrets.token_hex(20)  # 40 hex characters, as DRF's tokens were
    with transaction.atomic():
        token = ApiToken.objects.create(
            person=person,
            name=name.strip()[:80],
            key_digest=key_digest(key),
            key_prefix=key[:8],
            created=now,
            expires=now + timedelta(days=settings.API_TOKEN_DAYS),
        )
        surplus = ApiToken.objects.filter(person=person).order_by("-created", "-pk")[MAX_TOKENS_PER_PERSON:]
        ApiToken.objects.filter(pk__in=list(surplus.values_list("pk", flat=True))).delete()
    return token, key


def api_token_for_key(key: str) -> ApiToken | None:
    return ApiToken.objects.select_related("person").filter(key_digest=key_digest(key)).first()


def api_token_used(token: ApiToken, *, now: datetime | None = None) -> None:
    now = now or timezone.now()
    if token.last_used is None or now - token.last_used >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now


def api_token_revoke(*, person: Person, token: ApiToken) -> None:
    """Revoke one of the person's own tokens (a token of someone else's is never theirs to revoke)."""
    if token.person_id != person.pk:
        raise ApiToken.DoesNotExist
    token.delete()


def revoke_all_tokens(*, person: Person) -> int:
    deleted, _ = ApiToken.objects.filter(person=person).delete()
    return deleted
