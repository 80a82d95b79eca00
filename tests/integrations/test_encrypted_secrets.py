"""Secrets are stored encrypted under FIELD_ENCRYPTION_KEYS (or a key derived from SECRET_KEY), and keys rotate."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from core.encryption import decrypt, encrypt, is_unreadable
from integrations.models import CrmConnection

pytestmark = pytest.mark.django_db


def test_a_value_round_trips_and_the_stored_text_hides_it():
    stored = encrypt("pat-na1-secret")

    assert stored.startswith("fernet:") and "pat-na1-secret" not in stored
    assert decrypt(stored) == "pat-na1-secret"


def test_a_new_key_first_keeps_old_values_readable(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [old]
    stored = encrypt("token")

    settings.FIELD_ENCRYPTION_KEYS = [new, old]

    assert decrypt(stored) == "token"
    settings.FIELD_ENCRYPTION_KEYS = [new]
    assert decrypt(encrypt("token")) == "token"


def test_a_value_no_key_reads_loads_as_unreadable_and_saving_keeps_it(settings, people):
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    connection = CrmConnection.objects.create(provider="hubspot", name="H", access_token="t", created_by=people.staff)

    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    stranger = CrmConnection.objects.get()
    assert is_unreadable(stranger.access_token) and stranger.access_token == ""
    stranger.name = "Renamed"
    stranger.save()

    settings.FIELD_ENCRYPTION_KEYS = settings.FIELD_ENCRYPTION_KEYS  # unchanged: still unreadable
    assert CrmConnection.objects.get(pk=connection.pk).name == "Renamed"


def test_the_default_key_comes_from_the_secret_key(settings):
    settings.FIELD_ENCRYPTION_KEYS = []
    stored = encrypt("x")

    settings.SECRET_KEY = "another-secret-key"

    assert is_unreadable(decrypt(stored))


def test_a_malformed_key_stops_with_how_to_make_one(settings):
    settings.FIELD_ENCRYPTION_KEYS = ["not-a-key"]

    with pytest.raises(ImproperlyConfigured, match=r"Fernet\.generate_key"):
        encrypt("x")
