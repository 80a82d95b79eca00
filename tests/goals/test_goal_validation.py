"""Every rule a goal must satisfy, each with a message a person understands."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.exceptions import StateConflict
from goals.models import Goal, Phase, Tier
from goals.services import goal_create, goal_move, goal_update
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def draft(people, cycle, **overrides):
    fields = {
        "actor": people.rep,
        "cycle": cycle,
        "owner": people.rep,
        "title": "Close 10 deals",
        "metric": "deals won",
        "unit": "deals",
        "target": Decimal(10),
    }
    return goal_create(**{**fields, **overrides})


def test_a_goal_cannot_move_under_its_own_subgoal(people, cascade):
    with pytest.raises(ValidationError) as error:
        goal_move(actor=people.staff, goal=cascade.executive, parent=cascade.rep)
    assert error.value.message_dict["parent"] == ["A goal cannot sit under itself or under one of its own sub-goals."]
    cascade.rep.refresh_from_db()
    assert cascade.rep.get_ancestors().count() == 3


def test_a_goal_cannot_move_under_itself(people, cascade):
    with pytest.raises(ValidationError):
        goal_move(actor=people.staff, goal=cascade.manager, parent=cascade.manager)


def test_a_corporate_objective_has_no_parent(people, cascade):
    with pytest.raises(ValidationError) as error:
        goal_move(actor=people.staff, goal=cascade.objective, parent=cascade.executive)
    assert "has no parent" in error.value.message_dict["parent"][0]


def test_corporate_objectives_belong_to_executives(people, cycle):
    with pytest.raises(ValidationError) as error:
        goal_create(
            actor=people.staff,
            cycle=cycle,
            owner=people.manager,
            tier=Tier.CORPORATE,
            title="Grow",
            metric="ARR",
            target=Decimal(1),
        )
    assert "belong to executives" in error.value.message_dict["owner"][0]


def test_only_executives_create_corporate_objectives(people, cycle):
    with pytest.raises(PermissionDenied):
        goal_create(
            actor=people.manager,
            cycle=cycle,
            owner=people.ceo,
            tier=Tier.CORPORATE,
            title="Grow",
            metric="ARR",
            target=Decimal(1),
        )
    objective = goal_create(
        actor=people.ceo,
        cycle=cycle,
        owner=people.ceo,
        tier=Tier.CORPORATE,
        title="Grow",
        metric="ARR",
        target=Decimal(1),
    )
    assert objective.is_root_node()


def test_the_tier_follows_the_owners_role(people, cycle):
    goal = draft(people, cycle)
    assert goal.tier == Tier.REP
    with pytest.raises(ValidationError) as error:
        draft(people, cycle, tier=Tier.MANAGER)
    assert "must be owned by someone in that role" in error.value.message_dict["tier"][0]


def test_weights_are_not_negative(people, cycle):
    with pytest.raises(ValidationError) as error:
        draft(people, cycle, weight=Decimal("-1"))
    assert "weight" in error.value.message_dict


def test_numbers_must_be_numbers(people, cycle):
    with pytest.raises(ValidationError) as error:
        draft(people, cycle, baseline="lots")
    assert "baseline" in error.value.message_dict


def test_the_due_date_falls_within_the_cycle(people, cycle):
    with pytest.raises(ValidationError) as error:
        draft(people, cycle, due_date=datetime.date(2030, 1, 1))
    assert "must fall within FY2027" in error.value.message_dict["due_date"][0]


def test_a_closed_cycle_is_read_only(people, cascade, cycle):
    cycle.phase = Phase.CLOSED
    cycle.save()
    with pytest.raises(StateConflict, match="closed"):
        draft(people, cycle)
    goal = Goal.objects.select_related("cycle").get(pk=cascade.rep.pk)
    with pytest.raises(StateConflict):
        goal_update(actor=people.staff, goal=goal, title="New title")


def test_people_draft_goals_only_for_themselves_and_people_under_them(people, cycle):
    with pytest.raises(PermissionDenied):
        draft(people, cycle, actor=people.peer_rep)
    assert draft(people, cycle, actor=people.manager).owner == people.rep


def test_a_parent_in_a_closed_cycle_is_refused(people, cycle):
    old = GoalFactory(cycle__name="FY2026", cycle__phase=Phase.CLOSED, owner=people.manager)
    with pytest.raises(ValidationError) as error:
        draft(people, cycle, parent=old)
    assert "closed" in error.value.message_dict["parent"][0]


def test_a_private_goal_cannot_be_chosen_as_parent_by_someone_who_cannot_see_it(people, cycle):
    secret = GoalFactory(cycle=cycle, owner=people.manager, visibility="private")
    with pytest.raises(ValidationError) as error:
        draft(people, cycle, parent=secret)
    assert error.value.message_dict["parent"] == ["There is no goal with that id."]
