"""cross_cycle: the parent belongs to another cycle."""

import datetime

import pytest

from goals.models import FlagKind, Severity, Visibility
from tests.alignment.conftest import kinds_on
from tests.factories import CorporateObjectiveFactory, CycleFactory, GoalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_year(db):
    return CycleFactory(name="FY2026", start=datetime.date(2025, 2, 1), end=datetime.date(2026, 1, 31), phase="closed")


def test_a_goal_under_last_years_goal_is_flagged(people, cycle, last_year, scanned):
    old_objective = CorporateObjectiveFactory(cycle=last_year, owner=people.ceo)
    old_team_goal = GoalFactory(cycle=last_year, owner=people.manager, parent=old_objective, title="West ARR FY26")
    goal = GoalFactory(cycle=cycle, owner=people.rep, parent=old_team_goal, title="Close Globex")

    flags = scanned(cycle)

    flag = flags[("Close Globex", FlagKind.CROSS_CYCLE)]
    assert flag.goal == goal
    assert flag.severity == Severity.CRITICAL
    assert flag.message == (
        'Linked to a manager goal ("West ARR FY26") of FY2026, not of FY2027: '
        "its progress counts toward another year's plan."
    )


def test_a_goal_under_a_goal_of_its_own_cycle_is_fine(cascade, scanned, cycle):
    scanned(cycle)

    assert FlagKind.CROSS_CYCLE not in kinds_on(cascade.rep)


def test_a_private_parent_of_another_cycle_is_not_named(people, cycle, last_year, scanned):
    old_objective = CorporateObjectiveFactory(cycle=last_year, owner=people.ceo)
    secret = GoalFactory(
        cycle=last_year, owner=people.manager, parent=old_objective, title="Secret plan", visibility=Visibility.PRIVATE
    )
    GoalFactory(cycle=cycle, owner=people.rep, parent=secret, title="Close Globex")

    flags = scanned(cycle)

    message = flags[("Close Globex", FlagKind.CROSS_CYCLE)].message
    assert "Secret plan" not in message
    assert message.startswith("Linked to a private manager goal of FY2026")
