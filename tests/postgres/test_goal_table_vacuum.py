"""Bursts of tree inserts ask for a VACUUM of the goal table soon after, once (goals.tasks)."""

import pytest

from goals.models import Goal
from goals.tasks import VACUUM_KEY, request_goal_table_vacuum, vacuum_goal_table

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def vacuums() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = 'goals_goal'")
        return cursor.fetchone()[0]


def test_the_vacuum_task_vacuums_the_goal_table(people, cascade):
    before = vacuums()
    Goal.objects.filter(pk=cascade.rep.pk).update(title="Changed once")

    assert vacuum_goal_table() is True
    assert vacuums() == before + 1


def test_in_process_tasks_leave_vacuuming_to_autovacuum(settings):
    from django.core.cache import cache

    request_goal_table_vacuum()
    assert cache.get(VACUUM_KEY) is None
