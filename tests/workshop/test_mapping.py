"""Executives map their goals onto corporate objectives at the workshop; the log remembers each mapping."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.exceptions import StateConflict
from goals.models import Goal
from tests.factories import CorporateObjectiveFactory, CycleFactory, GoalFactory
from tests.workshop.conftest import reload
from workshop.models import Decision, DecisionKind
from workshop.selectors import workshop_board
from workshop.services import workshop_map, workshop_unmap

pytestmark = pytest.mark.django_db


def test_an_executive_maps_an_unmapped_goal_under_an_objective(people, workshop):
    workshop_map(actor=people.ceo, goal=workshop.unmapped, objective=workshop.arr)
    assert reload(workshop.unmapped).parent_id == workshop.arr.pk
    decision = Decision.objects.get(cycle=workshop.cycle)
    assert decision.kind == DecisionKind.MAPPING
    assert decision.objective == workshop.arr
    assert "Expansion ARR" in decision.text and "Grow new ARR" in decision.text


def test_mapping_a_goal_under_another_objective_moves_it(people, workshop):
    workshop_map(actor=people.cro, goal=workshop.mapped, objective=workshop.logos)
    assert reload(workshop.mapped).parent_id == workshop.logos.pk
    assert not Goal.objects.filter(parent=workshop.arr).exists()


def test_mapping_updates_the_boards_counts(people, workshop):
    before = workshop_board(workshop.cycle, people.ceo)
    assert [g.title for g in before.unmapped] == ["Expansion ARR", "Strategic logos"]
    unsupported = {c.objective.title for c in before.unsupported}
    assert unsupported == {"Win 100 new logos", "Lift net revenue retention to 110%"}
    assert [c.objective.title for c in before.short] == ["Grow new ARR to $1M"]

    workshop_map(actor=people.ceo, goal=workshop.unmapped, objective=workshop.arr)
    workshop_map(actor=people.ceo, goal=workshop.unmapped_logos, objective=workshop.logos)

    after = workshop_board(workshop.cycle, people.ceo)
    assert after.unmapped == []
    assert [c.objective.title for c in after.unsupported] == ["Lift net revenue retention to 110%"]
    assert after.short == []


def test_people_other_than_executives_and_admins_cannot_map(people, workshop):
    for person in (people.manager, people.rep):
        with pytest.raises(PermissionDenied):
            workshop_map(actor=person, goal=workshop.unmapped, objective=workshop.arr)
    workshop_map(actor=people.staff, goal=workshop.unmapped, objective=workshop.arr)
    assert reload(workshop.unmapped).parent_id == workshop.arr.pk


def test_mapping_is_refused_outside_the_workshop_phase(people, workshop):
    workshop.cycle.phase = "active"
    workshop.cycle.save()
    with pytest.raises(StateConflict, match="read-only"):
        workshop_map(actor=people.ceo, goal=reload(workshop.unmapped), objective=workshop.arr)
    assert reload(workshop.unmapped).parent_id is None


def test_only_executive_goals_are_mapped(people, workshop):
    manager_goal = GoalFactory(cycle=workshop.cycle, owner=people.manager, title="West ARR")
    with pytest.raises(ValidationError) as error:
        workshop_map(actor=people.ceo, goal=manager_goal, objective=workshop.arr)
    assert "goal" in error.value.message_dict


def test_goals_map_only_onto_corporate_objectives_of_their_cycle(people, workshop):
    with pytest.raises(ValidationError) as error:
        workshop_map(actor=people.ceo, goal=workshop.unmapped, objective=workshop.mapped)
    assert "objective" in error.value.message_dict
    elsewhere = CorporateObjectiveFactory(cycle=CycleFactory(name="FY2029", phase="workshop"), owner=people.ceo)
    with pytest.raises(ValidationError) as error:
        workshop_map(actor=people.ceo, goal=workshop.unmapped, objective=elsewhere)
    assert "objective" in error.value.message_dict


def test_mapping_onto_the_objective_it_is_under_says_so(people, workshop):
    with pytest.raises(ValidationError, match="already mapped"):
        workshop_map(actor=people.ceo, goal=workshop.mapped, objective=workshop.arr)


def test_unmapping_puts_the_goal_back_among_the_unmapped(people, workshop):
    workshop_unmap(actor=people.cro, goal=workshop.mapped)
    assert reload(workshop.mapped).parent_id is None
    board = workshop_board(workshop.cycle, people.ceo)
    assert "Sales new ARR" in [g.title for g in board.unmapped]
    assert Decision.objects.filter(kind=DecisionKind.MAPPING, text__startswith="Took").exists()
    with pytest.raises(ValidationError, match="not mapped"):
        workshop_unmap(actor=people.cro, goal=reload(workshop.mapped))


def test_a_private_goal_is_logged_without_its_title(people, workshop):
    Goal.objects.filter(pk=workshop.unmapped.pk).update(visibility="private")
    workshop_map(actor=people.cro, goal=reload(workshop.unmapped), objective=workshop.arr)
    text = Decision.objects.get().text
    assert "Expansion ARR" not in text and "a private goal of Robin Revenue" in text
