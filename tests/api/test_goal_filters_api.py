"""The goal list's filters and search (API.md): cycle, owner, tier, status, parent, flag and search."""

import pytest

from goals.models import FlagKind, Goal, Status
from tests.factories import AlignmentFlagFactory, AssumptionFactory, CycleFactory, GoalFactory

pytestmark = pytest.mark.django_db


def titles(client, query):
    response = client.get(f"/api/goals/{query}")
    assert response.status_code == 200, response.json()
    return {goal["title"] for goal in response.json()["results"]}


def test_filters_narrow_the_goal_list(api_as, people, cascade, cycle):
    other_cycle = CycleFactory(name="FY2026", start="2025-02-01", end="2026-01-31")
    GoalFactory(cycle=other_cycle, owner=people.rep, title="Last year")
    Goal.objects.filter(pk=cascade.peer.pk).update(status=Status.SUBMITTED)
    AlignmentFlagFactory(goal=cascade.peer, kind=FlagKind.STALE_PROGRESS)
    AlignmentFlagFactory(goal=cascade.rep, kind=FlagKind.STALE_PROGRESS, resolved_at="2026-03-01T00:00:00Z")
    client = api_as(people.rep)
    assert titles(client, f"?cycle={other_cycle.pk}") == {"Last year"}
    assert titles(client, f"?owner={people.rep.pk}&cycle={cycle.pk}") == {"Riley new ARR"}
    assert titles(client, "?tier=corporate") == {"Grow new ARR 30%"}
    assert titles(client, "?status=submitted") == {"Pat new ARR"}
    assert titles(client, f"?parent={cascade.manager.pk}") == {"Riley new ARR", "Pat new ARR"}
    assert titles(client, "?parent=null") == {"Grow new ARR 30%", "Last year"}
    assert titles(client, "?flag=stale_progress") == {"Pat new ARR"}


def test_goals_filter_by_the_assumption_they_rest_on(api_as, people, cascade, cycle):
    assumption = AssumptionFactory(cycle=cycle, owner=people.ceo)
    assumption.goals.add(cascade.manager)
    assert titles(api_as(people.rep), f"?assumption={assumption.pk}") == {"West new ARR"}


def test_search_finds_goals_by_title_metric_and_owner(api_as, people, cascade):
    client = api_as(people.other_rep)
    assert titles(client, "?search=riley") == {"Riley new ARR"}
    assert titles(client, "?search=west") >= {"West new ARR"}
    assert titles(client, "?search=nothing-like-this") == set()


def test_ordering_by_title(api_as, people, cascade):
    response = api_as(people.rep).get("/api/goals/?ordering=title")
    names = [goal["title"] for goal in response.json()["results"]]
    assert names == sorted(names)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?cycle=abc", "cycle"),
        ("?tier=galactic", "tier"),
        ("?status=nope", "status"),
        ("?flag=bad", "flag"),
        ("?parent=999999", "parent"),
        ("?owner=999999", "owner"),
    ],
)
def test_a_bad_filter_value_is_400_naming_the_filter(api_as, people, cascade, query, field):
    response = api_as(people.rep).get(f"/api/goals/{query}")
    assert response.status_code == 400
    assert field in response.json()


def test_page_size_is_honoured_up_to_500(api_as, people, cascade):
    body = api_as(people.rep).get("/api/goals/?page_size=2").json()
    assert body["count"] == 5 and len(body["results"]) == 2
    assert "page=2" in body["next"]
