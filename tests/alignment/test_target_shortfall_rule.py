"""target_shortfall: the sub-goals that count toward a goal add up, in its unit, to less than its target."""

from decimal import Decimal

import pytest

from goals.models import FlagKind, Severity, Status, Unit, Visibility
from tests.alignment.conftest import kinds_on
from tests.factories import CorporateObjectiveFactory, GoalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_goal(people, cycle):
    objective = CorporateObjectiveFactory(cycle=cycle, owner=people.ceo)
    executive = GoalFactory(cycle=cycle, owner=people.cro, parent=objective, target=Decimal(1_000_000))
    return GoalFactory(
        cycle=cycle, owner=people.manager, parent=executive, title="West new ARR", target=Decimal(1_500_000)
    )


def rep_goal(people, team_goal, target, **fields):
    return GoalFactory(cycle=team_goal.cycle, owner=people.rep, parent=team_goal, target=Decimal(target), **fields)


def test_sub_goals_that_fall_short_raise_a_flag_with_the_numbers(people, team_goal, cycle, scanned):
    rep_goal(people, team_goal, 600_000)
    rep_goal(people, team_goal, 600_000)

    flags = scanned(cycle)

    flag = flags[("West new ARR", FlagKind.TARGET_SHORTFALL)]
    assert flag.goal == team_goal
    assert flag.severity == Severity.WARNING
    assert flag.message == (
        "Sub-goals add up to $1.2M of the $1.5M target, $300K short (2 sub-goals in USD count toward it)."
    )


def test_sub_goals_that_add_up_or_exceed_raise_nothing(people, team_goal, cycle, scanned):
    rep_goal(people, team_goal, 900_000)
    rep_goal(people, team_goal, 600_000)

    scanned(cycle)
    assert FlagKind.TARGET_SHORTFALL not in kinds_on(team_goal)

    rep_goal(people, team_goal, 100_000)
    scanned(cycle)
    assert FlagKind.TARGET_SHORTFALL not in kinds_on(team_goal)


def test_a_goal_without_sub_goals_in_its_unit_is_not_checked(people, team_goal, cycle, scanned):
    rep_goal(people, team_goal, 3, unit=Unit.ACCOUNTS)

    scanned(cycle)

    assert FlagKind.TARGET_SHORTFALL not in kinds_on(team_goal)


def test_a_large_gap_is_critical(people, team_goal, cycle, scanned):
    rep_goal(people, team_goal, 1_000_000)

    flags = scanned(cycle)

    assert flags[("West new ARR", FlagKind.TARGET_SHORTFALL)].severity == Severity.CRITICAL


def test_only_sub_goals_that_count_toward_the_roll_up_are_summed(people, team_goal, cycle, scanned):
    rep_goal(people, team_goal, 1_000_000)
    rep_goal(people, team_goal, 400_000, unit=Unit.EUR)
    rep_goal(people, team_goal, 400_000, weight=Decimal(0))
    rep_goal(people, team_goal, 400_000, status=Status.DROPPED)

    flags = scanned(cycle)

    assert flags[("West new ARR", FlagKind.TARGET_SHORTFALL)].message == (
        "Sub-goals add up to $1M of the $1.5M target, $500K short (1 sub-goal in USD counts toward it)."
    )


def test_private_sub_goals_never_shape_the_message(people, team_goal, cycle, scanned):
    rep_goal(people, team_goal, 1_200_000)
    before = scanned(cycle)[("West new ARR", FlagKind.TARGET_SHORTFALL)].message

    rep_goal(people, team_goal, 700_000, title="Secret deal", visibility=Visibility.PRIVATE)
    after = scanned(cycle)[("West new ARR", FlagKind.TARGET_SHORTFALL)]

    assert after.message == before
    assert "Secret deal" not in after.message and "700" not in after.message


def test_percentages_do_not_add_up(people, team_goal, cycle, scanned):
    win_rate = GoalFactory(
        cycle=cycle, owner=people.manager, parent=team_goal.parent, unit=Unit.PERCENT, target=Decimal(30)
    )
    GoalFactory(cycle=cycle, owner=people.rep, parent=win_rate, unit=Unit.PERCENT, target=Decimal(25))

    scanned(cycle)

    assert FlagKind.TARGET_SHORTFALL not in kinds_on(win_rate)


def test_a_goal_that_brings_a_number_down_falls_short_when_its_sub_goals_cut_less(people, team_goal, cycle, scanned):
    backlog = GoalFactory(
        cycle=cycle,
        owner=people.manager,
        parent=team_goal.parent,
        title="Cut the open-ticket backlog",
        unit=Unit.COUNT,
        baseline=Decimal(1000),
        target=Decimal(800),
    )
    for baseline, target in ((600, 500), (400, 350)):
        GoalFactory(
            cycle=cycle,
            owner=people.rep,
            parent=backlog,
            unit=Unit.COUNT,
            baseline=Decimal(baseline),
            target=Decimal(target),
        )

    flags = scanned(cycle)

    flag = flags[("Cut the open-ticket backlog", FlagKind.TARGET_SHORTFALL)]
    assert flag.message == (
        "Sub-goals bring the number down to 850 together, not to the 800 this goal aims for: "
        "50 of the cut is not planned (2 sub-goals in the same unit count toward it)."
    )
    assert flag.severity == Severity.WARNING
