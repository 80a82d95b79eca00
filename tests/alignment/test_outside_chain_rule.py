"""outside_chain: the parent's owner is neither the goal's owner nor above them in the management chain."""

import pytest

from goals.models import FlagKind, Severity, Tier, Visibility
from tests.alignment.conftest import kinds_on
from tests.factories import CorporateObjectiveFactory, GoalFactory

pytestmark = pytest.mark.django_db


def test_a_rep_goal_under_another_teams_goal_is_flagged(people, cascade, cycle, scanned):
    east = GoalFactory(cycle=cycle, owner=people.other_manager, parent=cascade.executive, title="East pipeline")
    goal = GoalFactory(cycle=cycle, owner=people.rep, parent=east, title="Riley pipeline")

    flags = scanned(cycle)

    flag = flags[("Riley pipeline", FlagKind.OUTSIDE_CHAIN)]
    assert flag.goal == goal
    assert flag.severity == Severity.WARNING
    assert flag.message == (
        'Linked to a manager goal ("East pipeline") of Eli East, who is not in Riley Rep\'s management chain.'
    )


def test_goals_under_the_owners_own_chain_are_fine(people, cascade, cycle, scanned):
    under_the_cro = GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.executive, title="Skip-level goal")
    under_own_goal = GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.rep, tier=Tier.REP)

    scanned(cycle)

    for goal in (cascade.executive, cascade.manager, cascade.rep, cascade.peer, under_the_cro, under_own_goal):
        assert FlagKind.OUTSIDE_CHAIN not in kinds_on(goal)


def test_executives_may_map_to_any_executives_corporate_objective(people, cycle, scanned):
    cro_objective = CorporateObjectiveFactory(cycle=cycle, owner=people.cro)
    ceo_goal = GoalFactory(cycle=cycle, owner=people.ceo, parent=cro_objective)

    scanned(cycle)

    assert FlagKind.OUTSIDE_CHAIN not in kinds_on(ceo_goal)


def test_a_private_parent_is_neither_named_nor_attributed(people, cascade, cycle, scanned):
    hidden = GoalFactory(
        cycle=cycle,
        owner=people.other_manager,
        parent=cascade.executive,
        title="East secret push",
        visibility=Visibility.PRIVATE,
    )
    GoalFactory(cycle=cycle, owner=people.rep, parent=hidden, title="Riley pipeline")

    flags = scanned(cycle)

    message = flags[("Riley pipeline", FlagKind.OUTSIDE_CHAIN)].message
    assert message == "Linked to a private manager goal of someone who is not in Riley Rep's management chain."
