"""A cycle moves forward through its phases; closing it settles every goal and makes it read-only."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from core.exceptions import StateConflict
from goals.models import Goal, Phase, Status
from goals.services import cycle_set_phase, goal_create
from tests.factories import CycleFactory

pytestmark = pytest.mark.django_db


def test_phases_only_move_forward(people):
    cycle = CycleFactory(phase=Phase.PLANNING)
    cycle_set_phase(actor=people.ceo, cycle=cycle, phase=Phase.WORKSHOP)
    cycle_set_phase(actor=people.ceo, cycle=cycle, phase=Phase.ACTIVE)
    with pytest.raises(StateConflict, match="moves forward only"):
        cycle_set_phase(actor=people.staff, cycle=cycle, phase=Phase.PLANNING)


def test_only_admins_close_a_cycle(people, cycle):
    with pytest.raises(PermissionDenied):
        cycle_set_phase(actor=people.ceo, cycle=cycle, phase=Phase.CLOSED)


def test_closing_settles_every_goal(people, cascade, cycle):
    Goal.objects.filter(pk=cascade.rep.pk).update(current=Decimal(250_000))
    draft = goal_create(
        actor=people.peer_rep, cycle=cycle, owner=people.peer_rep, title="Late idea", metric="m", target=Decimal(1)
    )
    cycle_set_phase(actor=people.staff, cycle=cycle, phase=Phase.CLOSED)
    statuses = dict(Goal.objects.values_list("pk", "status"))
    assert statuses[cascade.rep.pk] == Status.ACHIEVED
    assert statuses[cascade.peer.pk] == Status.MISSED
    assert statuses[draft.pk] == Status.DROPPED
    cycle.refresh_from_db()
    assert cycle.is_closed
