"""A person's role change leaves their goals in the tier they were agreed in; the next cycle's copies re-tier."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from accounts.services import person_update
from goals.models import Goal, Status, Tier
from goals.services import goal_carry_over, goal_create, goal_retarget, goal_update
from tests.factories import CycleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def promoted(people, cascade):
    """Riley, a rep with a rep goal in the active cycle, becomes a manager mid-cycle."""
    person_update(person=people.rep, role=Role.MANAGER)
    return people.rep


def fresh(goal: Goal) -> Goal:
    return Goal.objects.select_related("owner").get(pk=goal.pk)


def test_the_goals_keep_their_recorded_tier(promoted, cascade):
    assert fresh(cascade.rep).tier == Tier.REP


def test_an_agreed_goal_can_still_be_changed_after_its_owner_is_promoted(promoted, cascade):
    goal = goal_retarget(goal=fresh(cascade.rep), target=Decimal(250_000), reason="Course correction")

    assert fresh(goal).target == Decimal(250_000)
    assert fresh(goal).tier == Tier.REP


def test_the_owner_still_edits_a_draft_set_before_the_change(people, cascade, promoted):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=Status.DRAFT)

    goal_update(actor=promoted, goal=fresh(cascade.rep), title="Riley new ARR (handing over)")

    assert fresh(cascade.rep).title == "Riley new ARR (handing over)"


def test_a_new_goal_takes_the_tier_of_the_role_now(people, cascade, promoted):
    goal = goal_create(
        actor=promoted,
        cycle=cascade.rep.cycle,
        owner=promoted,
        parent=cascade.manager,
        title="Team ARR",
        target=Decimal(100_000),
        metric="new ARR",
    )

    assert goal.tier == Tier.MANAGER


def test_a_new_goal_in_the_old_tier_is_refused(people, cascade, promoted):
    with pytest.raises(ValidationError, match="must be owned by someone in that role"):
        goal_create(
            actor=promoted,
            cycle=cascade.rep.cycle,
            owner=promoted,
            parent=cascade.manager,
            title="More ARR",
            target=Decimal(100_000),
            metric="new ARR",
            tier=Tier.REP,
        )


def test_handing_a_goal_to_someone_in_another_role_is_still_refused(people, cascade):
    goal = fresh(cascade.rep)
    goal.owner = people.manager

    with pytest.raises(ValidationError, match="must be owned by someone in that role"):
        goal.full_clean()


def test_carried_over_into_the_next_cycle_the_goal_takes_the_new_tier(people, cascade, cycle, promoted):
    start = cycle.end + datetime.timedelta(days=1)
    next_cycle = CycleFactory(
        name="FY2028",
        start=start,
        end=start.replace(year=start.year + 1) - datetime.timedelta(days=1),
        phase="planning",
    )

    copy = goal_carry_over(actor=promoted, goal=fresh(cascade.rep), cycle=next_cycle)

    assert copy.tier == Tier.MANAGER
    assert fresh(cascade.rep).tier == Tier.REP
    copy.full_clean()
