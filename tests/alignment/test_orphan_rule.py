"""orphan: a goal other than a corporate objective with no parent."""

import pytest

from goals.models import FlagKind, Severity, Status
from tests.alignment.conftest import kinds_on
from tests.factories import CorporateObjectiveFactory, GoalFactory

pytestmark = pytest.mark.django_db


def test_a_goal_without_a_parent_is_an_orphan(people, cycle, scanned):
    goal = GoalFactory(cycle=cycle, owner=people.rep, title="Learn the CPQ tool")

    flags = scanned(cycle)

    flag = flags[("Learn the CPQ tool", FlagKind.ORPHAN)]
    assert flag.goal == goal
    assert flag.severity == Severity.WARNING
    assert flag.message == "A rep goal linked to no parent goal: it counts toward no corporate objective."


def test_a_corporate_objective_is_not_an_orphan(people, cycle, scanned):
    objective = CorporateObjectiveFactory(cycle=cycle, owner=people.ceo)
    linked = GoalFactory(cycle=cycle, owner=people.cro, parent=objective)

    scanned(cycle)

    assert FlagKind.ORPHAN not in kinds_on(objective)
    assert FlagKind.ORPHAN not in kinds_on(linked)


def test_a_dropped_goal_is_not_flagged(people, cycle, scanned):
    dropped = GoalFactory(cycle=cycle, owner=people.rep, status=Status.DROPPED)

    scanned(cycle)

    assert kinds_on(dropped) == set()
