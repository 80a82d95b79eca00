import pytest
from django.db import connection


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency needs PostgreSQL: SQLite serialises writers itself (runs in the PostgreSQL CI run)")
