"""tier_skip and tier_inverted: a parent should sit one tier above (or, for directors, on the same tier)."""

import pytest

from accounts.models import Role
from goals.models import FlagKind, Severity, Tier
from tests.alignment.conftest import kinds_on
from tests.factories import CorporateObjectiveFactory, GoalFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_rep_goal_straight_under_a_corporate_objective_skips_two_tiers(people, cycle, scanned):
    objective = CorporateObjectiveFactory(cycle=cycle, owner=people.ceo, title="Win 40 new logos")
    goal = GoalFactory(cycle=cycle, owner=people.rep, parent=objective, title="Land a Fortune 500 logo")

    flags = scanned(cycle)

    flag = flags[("Land a Fortune 500 logo", FlagKind.TIER_SKIP)]
    assert flag.goal == goal
    assert flag.severity == Severity.WARNING
    assert flag.message == (
        'A rep goal directly under a corporate objective ("Win 40 new logos"): '
        "it skips the executive and manager tiers."
    )
    assert FlagKind.TIER_INVERTED not in kinds_on(goal)


def test_a_manager_goal_under_an_executive_goal_is_in_line(cascade, cycle, scanned):
    scanned(cycle)

    for goal in (cascade.executive, cascade.manager, cascade.rep):
        assert not kinds_on(goal) & {FlagKind.TIER_SKIP, FlagKind.TIER_INVERTED}


def test_a_directors_manager_goal_may_hold_manager_goals(people, cascade, cycle, scanned):
    director = PersonFactory(username="director", role=Role.MANAGER, manager=people.cro)
    director_goal = GoalFactory(cycle=cycle, owner=director, parent=cascade.executive, tier=Tier.MANAGER)
    team_goal = GoalFactory(cycle=cycle, owner=people.manager, parent=director_goal, tier=Tier.MANAGER)

    scanned(cycle)

    assert not kinds_on(team_goal) & {FlagKind.TIER_SKIP, FlagKind.TIER_INVERTED}


def test_a_manager_goal_under_a_rep_goal_is_inverted(people, cascade, cycle, scanned):
    coaching = GoalFactory(cycle=cycle, owner=people.manager, parent=cascade.rep, title="Coach the team")

    flags = scanned(cycle)

    flag = flags[("Coach the team", FlagKind.TIER_INVERTED)]
    assert flag.goal == coaching
    assert flag.severity == Severity.CRITICAL
    assert flag.message == (
        'A manager goal under a rep goal ("Riley new ARR"), a lower tier: '
        "a parent goal should sit a tier above its sub-goals."
    )
    assert FlagKind.TIER_SKIP not in kinds_on(coaching)
