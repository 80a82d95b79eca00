"""The cascade as a tree over the API: nested subtrees, alignment paths and moving goals."""

import pytest

from core.tree_integrity import tree_problems
from goals.models import Goal, Status
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def titles(node):
    return [node["title"], [titles(child) for child in node["children"]]]


def test_a_subtree_nests_every_level_by_default(api_as, people, cascade):
    body = api_as(people.rep).get(f"/api/goals/{cascade.objective.pk}/subtree/").json()
    assert titles(body) == [
        "Grow new ARR 30%",
        [["New ARR from sales", [["West new ARR", [["Riley new ARR", []], ["Pat new ARR", []]]]]]],
    ]
    assert body["children"][0]["children"][0]["children"][0]["owner"] == people.rep.pk


def test_depth_limits_the_levels(api_as, people, cascade):
    body = api_as(people.rep).get(f"/api/goals/{cascade.objective.pk}/subtree/?depth=1").json()
    assert titles(body) == ["Grow new ARR 30%", [["New ARR from sales", []]]]
    body = api_as(people.rep).get(f"/api/goals/{cascade.objective.pk}/subtree/?depth=0").json()
    assert body["children"] == []


@pytest.mark.parametrize("depth", ["-1", "two", "1.5", "1000"])
def test_a_bad_depth_is_400_on_depth(api_as, people, cascade, depth):
    response = api_as(people.rep).get(f"/api/goals/{cascade.objective.pk}/subtree/?depth={depth}")
    assert response.status_code == 400
    assert "depth" in response.json()


def test_a_subtree_too_large_to_send_asks_for_fewer_levels(api_as, people, cascade, monkeypatch):
    monkeypatch.setattr("goals.api.views.goals.SUBTREE_MAX_GOALS", 3)
    response = api_as(people.rep).get(f"/api/goals/{cascade.objective.pk}/subtree/")
    assert response.status_code == 400
    assert "?depth=" in response.json()["depth"][0]
    assert api_as(people.rep).get(f"/api/goals/{cascade.objective.pk}/subtree/?depth=2").status_code == 200


def test_the_path_runs_from_the_corporate_objective_down(api_as, people, cascade):
    body = api_as(people.other_rep).get(f"/api/goals/{cascade.rep.pk}/path/").json()
    assert [step["title"] for step in body] == [
        "Grow new ARR 30%",
        "New ARR from sales",
        "West new ARR",
        "Riley new ARR",
    ]
    assert [step["tier"] for step in body] == ["corporate", "executive", "manager", "rep"]
    assert not any(step["is_hidden"] for step in body)


def test_the_owner_moves_a_draft_under_another_goal(api_as, people, cascade):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=Status.DRAFT)
    other = GoalFactory(cycle=cascade.rep.cycle, owner=people.manager, parent=cascade.executive, title="West renewals")
    response = api_as(people.rep).post(f"/api/goals/{cascade.rep.pk}/move/", {"parent": other.pk})
    assert response.status_code == 200
    assert response.json()["parent"] == other.pk
    assert tree_problems(Goal) == []


def test_a_goal_can_be_unlinked(api_as, people, cascade):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=Status.DRAFT)
    response = api_as(people.rep).post(f"/api/goals/{cascade.rep.pk}/move/", {"parent": None})
    assert response.json()["parent"] is None
    assert tree_problems(Goal) == []


def test_moving_under_its_own_sub_goal_is_refused(api_as, people, cascade):
    response = api_as(people.staff).post(f"/api/goals/{cascade.manager.pk}/move/", {"parent": cascade.rep.pk})
    assert response.status_code == 400
    assert response.json()["parent"] == ["A goal cannot sit under itself or under one of its own sub-goals."]


def test_moving_without_a_parent_field_is_400(api_as, people, cascade):
    response = api_as(people.staff).post(f"/api/goals/{cascade.rep.pk}/move/", {})
    assert response.status_code == 400
    assert response.json()["parent"] == ["This field is required."]


def test_an_executive_links_an_executive_goal_during_the_workshop(api_as, people, cascade, cycle):
    cycle.phase = "workshop"
    cycle.save()
    other = GoalFactory(cycle=cycle, owner=people.cro, title="Expansion ARR")
    response = api_as(people.ceo).post(f"/api/goals/{other.pk}/move/", {"parent": cascade.objective.pk})
    assert response.status_code == 200
    assert response.json()["parent"] == cascade.objective.pk
