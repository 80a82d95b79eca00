"""The goal list keeps its documented shape while counting the visible set once per change, not on every page."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goals.models import Visibility
from goals.services import goal_create
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_goals(people, cascade, cycle):
    for number in range(7):
        GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.manager, title=f"Goal {number}")
    GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.manager, visibility=Visibility.PRIVATE)
    return cycle


def list_page(client, cycle, page: int):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/goals/", {"cycle": cycle.pk, "page": page, "page_size": 5})
    assert response.status_code == 200
    return response.json(), [query["sql"] for query in queries]


def counts(sqls: list[str]) -> int:
    return sum(1 for sql in sqls if sql.upper().startswith("SELECT COUNT(*)"))


def test_the_second_page_does_not_count_the_list_again(api_as, people, many_goals):
    client = api_as(people.peer_rep)
    first, first_sqls = list_page(client, many_goals, 1)
    second, second_sqls = list_page(client, many_goals, 2)

    assert set(first) == {"count", "next", "previous", "results"}
    assert first["count"] == second["count"] == 12  # 5 of the cascade + 7 company goals; the private one hidden
    assert counts(first_sqls) == 1
    assert counts(second_sqls) == 0
    assert len(first["results"]) + len(second["results"]) + len(list_page(client, many_goals, 3)[0]["results"]) == 12


def test_a_new_goal_counts_on_the_next_page(api_as, people, cascade, many_goals):
    client = api_as(people.peer_rep)
    before, _ = list_page(client, many_goals, 1)
    goal_create(
        actor=people.rep,
        cycle=many_goals,
        owner=people.rep,
        parent=cascade.manager,
        title="One more",
        metric="m",
        target=Decimal(1),
    )

    after, sqls = list_page(client, many_goals, 2)

    assert after["count"] == before["count"] + 1
    assert counts(sqls) == 1


def test_people_who_see_different_goals_get_their_own_count(api_as, people, many_goals):
    assert list_page(api_as(people.peer_rep), many_goals, 1)[0]["count"] == 12
    assert list_page(api_as(people.rep), many_goals, 1)[0]["count"] == 13  # their own private goal too
    assert list_page(api_as(people.manager), many_goals, 1)[0]["count"] == 13
    assert list_page(api_as(people.other_rep), many_goals, 1)[0]["count"] == 12


def test_filters_get_counts_of_their_own(api_as, people, many_goals):
    client = api_as(people.peer_rep)
    everything, _ = list_page(client, many_goals, 1)
    response = client.get("/api/goals/", {"cycle": many_goals.pk, "tier": "manager"})

    assert everything["count"] == 12
    assert response.json()["count"] == 1
