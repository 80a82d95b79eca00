"""Fixtures for the REST API tests: clients signed in as any person of the small company."""

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def anonymous():
    return APIClient()


@pytest.fixture
def api_as():
    """``api_as(person)`` returns a client signed in as ``person`` (one client per person)."""
    clients = {}

    def client_for(person) -> APIClient:
        if person.pk not in clients:
            client = APIClient()
            client.force_authenticate(person)
            clients[person.pk] = client
        return clients[person.pk]

    return client_for
