"""seed_demo's company shows each of its deliberate misalignments as a flag right after seeding."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import Person
from assumptions.models import AT_RISK_STATUSES
from demo.builder import build_demo_company
from goals.models import AlignmentFlag, Cycle, FlagKind, Goal, Phase, Tier
from goals.services import goal_move

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # as seed_demo, which commits
        return build_demo_company()


@pytest.fixture
def active():
    return Cycle.objects.get(phase=Phase.ACTIVE)


def flagged(cycle, kind) -> set[str]:
    return set(AlignmentFlag.objects.open().filter(cycle=cycle, kind=kind).values_list("goal__title", flat=True))


def test_every_deliberate_misalignment_has_its_flag(demo, active):
    assert demo.open_flags == AlignmentFlag.objects.open().count() > 0
    assert flagged(active, FlagKind.ORPHAN) == {"Hold the average discount under 15%", "Learn the new CPQ tool"}
    assert flagged(active, FlagKind.CROSS_CYCLE) == {"Close the Globex renewal slipped from last year"}
    assert flagged(active, FlagKind.TIER_SKIP) == {"Land a Fortune 500 logo in my territory"}
    assert flagged(active, FlagKind.TIER_INVERTED) == {"Coach the team on MEDDICC discovery"}

    moved = Goal.objects.get(
        cycle=active,
        tier=Tier.REP,
        parent__owner__username="jordan.blake",
        metric="qualified pipeline",
        owner__manager__in=Person.objects.exclude(username="jordan.blake"),
    )
    # The coaching goal sits under one of the manager's own reps: below, not above, in the chain.
    assert flagged(active, FlagKind.OUTSIDE_CHAIN) == {moved.title, "Coach the team on MEDDICC discovery"}


def test_the_team_that_promised_more_than_its_reps_signed_up_for_falls_short(demo, active):
    shortfalls = flagged(active, FlagKind.TARGET_SHORTFALL)

    assert any(title.startswith("ANZ new ARR") for title in shortfalls)  # the deliberate one
    assert any(title.startswith("DACH pipeline") for title in shortfalls)  # lost the goal linked elsewhere
    assert len(shortfalls) == 2


def test_reps_who_stopped_checking_in_are_stale(demo, active):
    stale = AlignmentFlag.objects.open().filter(cycle=active, kind=FlagKind.STALE_PROGRESS).select_related("goal")
    cutoff = timezone.now() - datetime.timedelta(days=active.checkin_interval_days)

    assert stale.exists()
    assert all(flag.goal.tier == Tier.REP and flag.goal.last_checkin_at < cutoff for flag in stale)


def test_goals_resting_on_assumptions_at_risk_are_flagged(demo, active):
    resting = set(
        Goal.objects.filter(cycle=active, assumptions__status__in=AT_RISK_STATUSES).values_list("title", flat=True)
    )

    assert len(resting) == 7  # the five of the demo's at-risk assumptions, and two of the one revised by a challenge
    assert flagged(active, FlagKind.ASSUMPTION_AT_RISK) == resting


def test_the_workshop_shows_the_executive_goals_still_unmapped(demo):
    workshop = Cycle.objects.get(phase=Phase.WORKSHOP)

    assert len(flagged(workshop, FlagKind.ORPHAN)) == 3


def test_a_fix_resolves_its_flag(demo, active, django_capture_on_commit_callbacks):
    orphan = Goal.objects.get(cycle=active, title="Learn the new CPQ tool")
    team_goal = Goal.objects.get(cycle=active, tier=Tier.MANAGER, owner=orphan.owner.manager, metric="new ARR")

    with django_capture_on_commit_callbacks(execute=True):
        goal_move(actor=Person.objects.get(username="admin"), goal=orphan, parent=team_goal)

    assert "Learn the new CPQ tool" not in flagged(active, FlagKind.ORPHAN)
    assert AlignmentFlag.objects.get(goal=orphan, kind=FlagKind.ORPHAN).resolved_at is not None
