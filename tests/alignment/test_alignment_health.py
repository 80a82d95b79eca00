"""Alignment health: open flags by kind, region and tier, the trend, the worst subtrees, and people's own flags."""

import datetime

import pytest
from django.utils import timezone

from goals.alignment import scan_cycle
from goals.alignment.health import alignment_health, open_flags_of_goal, open_flags_of_owner
from goals.models import AlignmentSnapshot, FlagKind, Visibility
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def flagged(people, cascade, cycle):
    """West: the shortfall on the CRO's goal and two orphans; East: an orphan and a goal in someone else's team.

    The west manager's private orphan is seen only by the manager, the chain above and staff.
    """
    GoalFactory(cycle=cycle, owner=people.rep, title="Rep orphan")
    GoalFactory(cycle=cycle, owner=people.manager, title="Private orphan", visibility=Visibility.PRIVATE)
    GoalFactory(cycle=cycle, owner=people.other_rep, title="East orphan")
    GoalFactory(cycle=cycle, owner=people.other_rep, parent=cascade.manager, title="East rep in West team")
    scan_cycle(cycle.pk)
    return cascade


def counts(rows) -> dict[str, int]:
    return {row.key: row.open_flags for row in rows if row.open_flags}


def test_staff_see_every_open_flag_by_kind_region_and_tier(people, flagged, cycle, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        health = alignment_health(cycle, people.staff)

    assert health.open_flags == 5
    assert counts(health.by_kind) == {FlagKind.ORPHAN: 3, FlagKind.OUTSIDE_CHAIN: 1, FlagKind.TARGET_SHORTFALL: 1}
    assert counts(health.by_region) == {"West": 2, "East": 2, "HQ": 1}
    assert [row.key for row in health.by_region][:2] == ["East", "West"]  # most flags first, then by name
    assert counts(health.by_tier) == {"executive": 1, "manager": 1, "rep": 3}
    assert counts(health.by_severity) == {"critical": 1, "warning": 4}


def test_a_private_goals_flags_count_only_for_those_who_may_see_it(people, flagged, cycle):
    assert alignment_health(cycle, people.peer_rep).open_flags == 4
    assert alignment_health(cycle, people.other_manager).open_flags == 4
    assert alignment_health(cycle, people.manager).open_flags == 5
    assert alignment_health(cycle, people.cro).open_flags == 5


def test_the_worst_subtrees_are_the_executive_and_manager_goals_with_most_flags_under_them(people, flagged, cycle):
    worst = alignment_health(cycle, people.staff).worst_subtrees

    assert [(s.title, s.tier, s.owner_name, s.open_flags) for s in worst] == [
        ("New ARR from sales", "executive", "Robin Revenue", 2),  # its own shortfall and the east rep below
        ("Private orphan", "manager", "Morgan West", 1),
        ("West new ARR", "manager", "Morgan West", 1),
    ]
    seen_by_a_rep = alignment_health(cycle, people.peer_rep).worst_subtrees
    assert "Private orphan" not in [s.title for s in seen_by_a_rep]


def test_the_trend_keeps_one_point_a_day_counting_company_goals_only(people, flagged, cycle):
    yesterday = timezone.now() - datetime.timedelta(days=1)
    scan_cycle(cycle.pk, now=yesterday)
    scan_cycle(cycle.pk)
    scan_cycle(cycle.pk)

    trend = alignment_health(cycle, people.peer_rep).trend

    assert [point.day for point in trend] == [timezone.localdate(yesterday), timezone.localdate()]
    assert trend[-1].open_flags == 4  # the private orphan's flag is left out for everyone
    assert trend[-1].open_by_kind == {"orphan": 2, "outside_chain": 1, "target_shortfall": 1}
    assert trend[-1].goals == 8
    assert AlignmentSnapshot.objects.filter(cycle=cycle).count() == 2


def test_owners_see_the_flags_on_their_own_goals(people, flagged, cycle):
    mine = list(open_flags_of_owner(people.other_rep, cycle))

    assert [(flag.goal.title, flag.kind) for flag in mine] == [
        ("East orphan", FlagKind.ORPHAN),
        ("East rep in West team", FlagKind.OUTSIDE_CHAIN),
    ]
    assert list(open_flags_of_owner(people.peer_rep)) == []
    assert [flag.kind for flag in open_flags_of_goal(flagged.executive)] == [FlagKind.TARGET_SHORTFALL]


def test_a_cycle_without_flags_is_healthy(people, cycle):
    health = alignment_health(cycle, people.rep)

    assert health.open_flags == 0
    assert health.worst_subtrees == []
    assert health.trend == []
