"""Allocating a target among sub-goals and carrying goals over into the next cycle, over the API."""

import datetime
from decimal import Decimal

import pytest

from goals.models import Goal
from tests.factories import CycleFactory

pytestmark = pytest.mark.django_db


def test_the_manager_splits_the_team_target_evenly(api_as, people, cascade):
    response = api_as(people.manager).post(f"/api/goals/{cascade.manager.pk}/allocate/", {"method": "even"})
    assert response.status_code == 200
    assert {goal["title"]: goal["target"] for goal in response.json()} == {
        "Riley new ARR": "200000.00",
        "Pat new ARR": "200000.00",
    }


def test_the_split_follows_the_weights(api_as, people, cascade):
    Goal.objects.filter(pk=cascade.rep.pk).update(weight=3)
    api_as(people.manager).post(f"/api/goals/{cascade.manager.pk}/allocate/", {"method": "weights"})
    cascade.rep.refresh_from_db()
    assert cascade.rep.target == Decimal(300_000)


@pytest.mark.parametrize("body", [{}, {"method": "by_vibes"}])
def test_an_unknown_method_is_400_on_method(api_as, people, cascade, body):
    response = api_as(people.manager).post(f"/api/goals/{cascade.manager.pk}/allocate/", body)
    assert response.status_code == 400
    assert "method" in response.json()


def test_prior_cycle_without_a_prior_cycle_is_400_with_the_reason(api_as, people, cascade):
    response = api_as(people.manager).post(f"/api/goals/{cascade.manager.pk}/allocate/", {"method": "prior_cycle"})
    assert response.status_code == 400
    assert response.json()["method"] == ["There is no cycle before FY2027 to take attainment from."]


@pytest.fixture
def next_cycle(db):
    return CycleFactory(
        name="FY2028", start=datetime.date(2027, 2, 1), end=datetime.date(2028, 1, 31), phase="planning"
    )


def test_the_owner_carries_an_unfinished_goal_over(api_as, people, cascade, next_cycle):
    response = api_as(people.rep).post(f"/api/goals/{cascade.rep.pk}/carry-over/", {"cycle": next_cycle.pk})
    assert response.status_code == 201
    body = response.json()
    assert (body["cycle"], body["status"], body["carried_over_from"]) == (next_cycle.pk, "draft", cascade.rep.pk)


def test_carrying_over_with_the_subtree_copies_the_sub_goals(api_as, people, cascade, next_cycle):
    body = {"cycle": next_cycle.pk, "include_subtree": True}
    response = api_as(people.manager).post(f"/api/goals/{cascade.manager.pk}/carry-over/", body)
    assert response.status_code == 201
    copy = Goal.objects.get(pk=response.json()["id"])
    assert {child.title for child in copy.get_children()} == {"Riley new ARR", "Pat new ARR"}


def test_carrying_over_twice_is_a_conflict(api_as, people, cascade, next_cycle):
    client = api_as(people.rep)
    client.post(f"/api/goals/{cascade.rep.pk}/carry-over/", {"cycle": next_cycle.pk})
    response = client.post(f"/api/goals/{cascade.rep.pk}/carry-over/", {"cycle": next_cycle.pk})
    assert response.status_code == 409


def test_carrying_over_into_the_same_cycle_is_400_on_cycle(api_as, people, cascade, cycle):
    response = api_as(people.rep).post(f"/api/goals/{cascade.rep.pk}/carry-over/", {"cycle": cycle.pk})
    assert response.status_code == 400
    assert "cycle" in response.json()


def test_a_peer_cannot_carry_over_someone_elses_goal(api_as, people, cascade, next_cycle):
    response = api_as(people.peer_rep).post(f"/api/goals/{cascade.rep.pk}/carry-over/", {"cycle": next_cycle.pk})
    assert response.status_code == 403
