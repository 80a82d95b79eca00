"""Title searches use the trigram index on PostgreSQL (a 100,000-goal company searches in milliseconds)."""

import pytest
from django.db import connection

from goals.models import Goal

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_a_title_contains_search_can_use_the_trigram_index():
    query, params = Goal.objects.filter(title__icontains="boston").values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {query}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "goals_goal_title_upper_trgm" in plan, plan
