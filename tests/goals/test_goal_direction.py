"""A goal's direction: increase, decrease or stay within; progress, closing and the alignment scan follow it."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from goals.alignment.rules import target_shortfall_applies
from goals.models import Direction, Goal, Unit
from goals.progress import progress_ratio
from goals.services import checkin_create, goal_create
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("baseline", "target", "current", "direction", "expected"),
    [
        (0, 100, 25, "increase", 0.25),
        (0, 100, 130, "increase", 1.0),
        (10, 7, 8.5, "decrease", 0.5),  # churn from 10% halfway down to 7%
        (10, 7, 8.1, "decrease", pytest.approx(19 / 30)),
        (10, 7, 11, "decrease", 0.0),
        (7, 7, 6.5, "decrease", 1.0),  # keep it at or under 7%
        (7, 7, 7.5, "decrease", 0.0),
        (90, 95, 92, "stay_within", 1.0),
        (95, 90, 92, "stay_within", 1.0),  # the band reads either way round
        (90, 95, 89.9, "stay_within", 0.0),
    ],
)
def test_progress_follows_the_direction(baseline, target, current, direction, expected):
    assert progress_ratio(Decimal(str(baseline)), Decimal(str(target)), Decimal(str(current)), direction) == expected


def test_a_new_goal_increases_unless_its_target_is_below_its_baseline(people, cycle, cascade):
    arr = goal_create(actor=people.rep, cycle=cycle, owner=people.rep, title="ARR", metric="ARR", target=Decimal(9))
    churn = goal_create(
        actor=people.rep,
        cycle=cycle,
        owner=people.rep,
        title="Churn",
        metric="churn",
        unit=Unit.PERCENT,
        baseline=Decimal(10),
        target=Decimal(7),
    )
    assert (arr.direction, churn.direction) == (Direction.INCREASE, Direction.DECREASE)


def test_a_direction_against_the_numbers_is_refused_beside_the_direction(people, cycle, cascade):
    with pytest.raises(ValidationError) as error:
        goal_create(
            actor=people.rep,
            cycle=cycle,
            owner=people.rep,
            title="Churn",
            metric="churn",
            unit=Unit.PERCENT,
            baseline=Decimal(10),
            target=Decimal(12),
            direction=Direction.DECREASE,
        )
    assert "choose “Increase”" in error.value.message_dict["direction"][0]


def test_a_churn_goal_checked_in_lower_rolls_up_as_progress(people, cascade):
    churn = GoalFactory(
        cycle=cascade.manager.cycle,
        owner=people.rep,
        parent=cascade.manager,
        unit=Unit.PERCENT,
        baseline=Decimal(10),
        target=Decimal(7),
        current=Decimal(10),
        weight=Decimal(0),
    )
    assert churn.direction == Direction.DECREASE
    checkin_create(actor=people.rep, goal=churn, value=Decimal("8.5"), confidence="on_track")
    churn.refresh_from_db()
    assert churn.progress == 0.5
    assert churn.rolled_up_progress == 0.5


def test_a_band_goal_is_done_inside_the_band_and_not_outside(people, cascade):
    retention = GoalFactory(
        cycle=cascade.manager.cycle,
        owner=people.rep,
        parent=cascade.manager,
        unit=Unit.PERCENT,
        baseline=Decimal(90),
        target=Decimal(95),
        current=Decimal(92),
        direction=Direction.STAY_WITHIN,
    )
    assert retention.progress == 1.0
    checkin_create(actor=people.rep, goal=retention, value=Decimal(88), confidence="at_risk")
    assert Goal.objects.get(pk=retention.pk).rolled_up_progress == 0.0


def test_sub_goals_fall_short_by_the_parents_direction():
    assert target_shortfall_applies("count", Decimal(1000), Decimal(800), Decimal(900), Direction.DECREASE)
    assert not target_shortfall_applies("count", Decimal(1000), Decimal(800), Decimal(700), Direction.DECREASE)
    assert target_shortfall_applies("USD", Decimal(0), Decimal(100), Decimal(90), Direction.INCREASE)
    # a band is held, not summed
    assert not target_shortfall_applies("count", Decimal(10), Decimal(20), Decimal(1), Direction.STAY_WITHIN)
