"""Secrets at rest: CRM credentials, webhook signing secrets and chat webhook URLs are stored encrypted.

Values are encrypted with Fernet (AES-128-CBC with an HMAC-SHA256, from ``cryptography``)
under the keys in ``settings.FIELD_ENCRYPTION_KEYS``: the first encrypts, every one of
them decrypts, so a key is rotated by putting the new one first and keeping the old one
until the rows are re-saved. With no key configured, one is derived from ``SECRET_KEY``
(HKDF-SHA256), so the embedded default needs no setup; changing ``SECRET_KEY`` then makes
the stored secrets unreadable, which is why production should set its own key.

A value that no key can read (the key changed) loads as an ``UnreadableSecret``: an empty
string that says so, so a page that lists connections still renders and the feed that needs
the secret fails with a message asking for it again, instead of a 500.
"""

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "fernet:"  # marks an encrypted value, so a plain one (written before encryption) is still read


class UnreadableSecret(str):
    """A stored secret no configured key can decrypt: empty, and marked so; saving the row keeps what was stored."""

    stored: str = ""

    @classmethod
    def of(cls, stored: str) -> "UnreadableSecret":
        secret = cls("")
        secret.stored = stored
        return secret


def derived_key(secret_key: str) -> bytes:
    """A Fernet key derived from Django's SECRET_KEY (the default when FIELD_ENCRYPTION_KEYS is unset)."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"cascade field encryption")
    return base64.urlsafe_b64encode(hkdf.derive(secret_key.encode()))


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...], secret_key: str) -> MultiFernet:
    try:
        fernets = [Fernet(key.encode()) for key in keys] or [Fernet(derived_key(secret_key))]
    except ValueError:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS holds a value that is not a Fernet key (32 url-safe base64-encoded bytes); "
            'make one with: python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
        ) from None
    return MultiFernet(fernets)


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS), settings.SECRET_KEY)


def encrypt(value: str) -> str:
    return PREFIX + fernet().encrypt(value.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored
    try:
        return fernet().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        return UnreadableSecret.of(stored)


class EncryptedTextField(models.TextField):
    """Text stored encrypted (see the module's docstring); read and written as plain text in Python."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else decrypt(value)

    def get_prep_value(self, value):
        if isinstance(value, UnreadableSecret):
            return value.stored  # another key may read it again: never overwrite it with nothing
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)


def is_unreadable(value) -> bool:
    return isinstance(value, UnreadableSecret)
