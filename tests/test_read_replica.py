"""With a read replica configured, the goal list and explorer searches read from it; writes and the rest never do.

The tests' "replica" alias mirrors the test database (config/settings.py), so what the primary
committed is there to read, as on a replica that has caught up.
"""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from core.db_router import REPLICA, ReadReplicaRouter, replica_reads
from goals.models import Goal

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture
def replica(settings):
    settings.READ_REPLICA = True


def goal_queries(captured) -> list[str]:
    return [query["sql"] for query in captured.captured_queries if "goals_goal" in query["sql"]]


def test_the_api_goal_list_reads_from_the_replica(replica, people, cascade, cycle):
    client = APIClient()
    client.force_authenticate(people.rep)
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        response = client.get("/api/goals/", {"cycle": cycle.pk})

    assert response.status_code == 200
    assert {goal["title"] for goal in response.json()["results"]} >= {"Riley new ARR", "Pat new ARR"}
    assert goal_queries(on_replica)


def test_writes_go_to_the_primary_even_from_a_list_reading_the_replica(replica, people, cascade, cycle):
    client = APIClient()
    client.force_authenticate(people.rep)
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        response = client.post(
            "/api/goals/",
            {"cycle": cycle.pk, "parent": cascade.manager.pk, "title": "Replica-proof", "metric": "m", "target": "3"},
        )

    assert response.status_code == 201
    assert not on_replica.captured_queries
    assert Goal.objects.using("default").filter(title="Replica-proof").exists()


def test_an_explorer_search_reads_from_the_replica(replica, client, people, cascade, cycle):
    client.force_login(people.rep)
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        response = client.get(f"/cycles/{cycle.pk}/explorer/", {"q": "Riley"})

    assert [goal.title for goal in response.context["results"]] == ["Riley new ARR"]
    assert goal_queries(on_replica)


def test_without_a_replica_nothing_reads_from_it(settings, people, cascade, cycle):
    settings.READ_REPLICA = False
    client = APIClient()
    client.force_authenticate(people.rep)
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        assert client.get("/api/goals/", {"cycle": cycle.pk}).status_code == 200
    assert not on_replica.captured_queries


def test_a_transaction_reads_its_own_writes_from_the_primary(replica, people, cycle):
    from django.db import transaction

    router = ReadReplicaRouter()
    with replica_reads():
        assert router.db_for_read(Goal) == REPLICA
        with transaction.atomic():
            assert router.db_for_read(Goal) is None
    assert router.db_for_read(Goal) is None
    assert router.db_for_write(Goal) == "default"
    assert router.allow_migrate(REPLICA, "goals") is False
