"""Check-ins keep the history of a goal's current value."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from goals.models import CheckIn, Goal
from goals.services import checkin_create, goal_update

pytestmark = pytest.mark.django_db


def test_a_check_in_sets_the_current_value_and_confidence(people, cascade):
    checkin = checkin_create(
        actor=people.rep,
        goal=cascade.rep,
        value=Decimal(42_000),
        confidence="at_risk",
        note="Two deals slipped to next quarter",
    )
    goal = Goal.objects.get(pk=cascade.rep.pk)
    assert (goal.current, goal.confidence, goal.last_checkin_at) == (Decimal(42_000), "at_risk", checkin.created)


def test_the_history_is_kept_newest_first(people, cascade):
    for value in (10_000, 20_000, 30_000):
        checkin_create(actor=people.rep, goal=cascade.rep, value=Decimal(value), confidence="on_track")
    assert [c.value for c in Goal.objects.get(pk=cascade.rep.pk).checkins.all()] == [30_000, 20_000, 10_000]


def test_managers_above_may_check_in_but_peers_may_not(people, cascade):
    checkin_create(actor=people.manager, goal=cascade.rep, value=Decimal(1), confidence="on_track")
    with pytest.raises(PermissionDenied):
        checkin_create(actor=people.peer_rep, goal=cascade.rep, value=Decimal(2), confidence="on_track")
    assert CheckIn.objects.count() == 1


def test_a_bad_confidence_is_a_field_error(people, cascade):
    with pytest.raises(ValidationError) as error:
        checkin_create(actor=people.rep, goal=cascade.rep, value=Decimal(1), confidence="meh")
    assert "confidence" in error.value.message_dict
    assert CheckIn.objects.count() == 0


def test_editing_current_on_a_goal_records_a_check_in(people, cascade, cycle):
    goal = Goal.objects.select_related("cycle", "owner").get(pk=cascade.rep.pk)
    goal_update(actor=people.staff, goal=goal, current=Decimal(5_000))
    assert Goal.objects.get(pk=goal.pk).current == Decimal(5_000)
    assert CheckIn.objects.get().note == "Current value edited on the goal."
