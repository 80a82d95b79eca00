import pytest
from django.db import connection


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (locking, indexes): runs in the PostgreSQL CI run")
