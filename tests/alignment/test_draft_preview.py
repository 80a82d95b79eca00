"""flags_for_draft: the flags a goal being drafted or edited would raise, in a handful of queries."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from assumptions.models import AssumptionStatus
from goals.alignment import flags_for_draft, scan_cycle
from goals.models import AlignmentFlag, FlagKind, Goal, Status, Tier, Visibility
from goals.quotas.services import goal_phasing_set
from tests.factories import AssumptionFactory, CorporateObjectiveFactory, CycleFactory, GoalFactory, MetricFeedFactory

pytestmark = pytest.mark.django_db


def draft(cycle, owner, parent=None, **fields) -> Goal:
    fields.setdefault("tier", Tier.REP)
    return Goal(cycle=cycle, owner=owner, parent=parent, title="Draft", metric="new ARR", target=Decimal(1), **fields)


def test_an_unlinked_draft_would_be_an_orphan(people, cycle):
    findings = flags_for_draft(draft(cycle, people.rep))

    assert [(f.goal_id, f.kind) for f in findings] == [(None, FlagKind.ORPHAN)]


def test_a_well_linked_draft_raises_nothing(people, cascade, cycle, django_assert_max_num_queries):
    goal = draft(cycle, people.rep, parent=cascade.manager)

    with django_assert_max_num_queries(5):
        assert flags_for_draft(goal) == []


def test_a_draft_under_the_wrong_parent_previews_every_problem(people, cycle, django_assert_max_num_queries):
    last_year = CycleFactory(name="FY2026", start=datetime.date(2025, 2, 1), end=datetime.date(2026, 1, 31))
    old_rep_goal = GoalFactory(cycle=last_year, owner=people.other_rep, title="Old rep goal")
    goal = draft(cycle, people.manager, parent=old_rep_goal, tier=Tier.MANAGER)
    risky = AssumptionFactory(cycle=cycle, status=AssumptionStatus.REVISED, statement="Deal size grows 10%")

    with django_assert_max_num_queries(5):
        findings = flags_for_draft(goal, assumptions=[risky.pk])

    assert [f.kind for f in findings] == [
        FlagKind.CROSS_CYCLE,
        FlagKind.TIER_INVERTED,
        FlagKind.OUTSIDE_CHAIN,
        FlagKind.ASSUMPTION_AT_RISK,
    ]
    assert findings[-1].message == 'Rests on the assumption "Deal size grows 10%", which is revised.'


def test_a_draft_under_a_corporate_objective_skips_tiers(people, cycle):
    objective = CorporateObjectiveFactory(cycle=cycle, owner=people.ceo, title="Win 40 logos")

    findings = flags_for_draft(draft(cycle, people.rep, parent=objective))

    assert [f.kind for f in findings] == [FlagKind.TIER_SKIP]


def test_an_edit_that_raises_the_target_previews_the_shortfall(people, cascade):
    goal = Goal.objects.get(pk=cascade.manager.pk)
    goal.target = Decimal(500_000)

    findings = flags_for_draft(goal)

    assert [(f.goal_id, f.kind) for f in findings] == [(goal.pk, FlagKind.TARGET_SHORTFALL)]
    assert findings[0].message.startswith("Sub-goals add up to $400K of the $500K target")


def test_a_dropped_goal_previews_nothing(people, cycle):
    assert flags_for_draft(draft(cycle, people.rep, status=Status.DROPPED)) == []


def test_the_preview_reads_exactly_like_the_scan(people, cascade, cycle):
    """Every rule, both ways: what flags_for_draft says of a saved goal is what the scan opens on it."""
    last_year = CycleFactory(name="FY2026", start=datetime.date(2025, 2, 1), end=datetime.date(2026, 1, 31))
    old_goal = GoalFactory(cycle=last_year, owner=people.manager, title="Old team goal")
    hidden = GoalFactory(
        cycle=cycle, owner=people.other_manager, parent=cascade.executive, visibility=Visibility.PRIVATE
    )
    goals = [
        *vars(cascade).values(),
        GoalFactory(cycle=cycle, owner=people.rep, title="Orphan"),
        GoalFactory(cycle=cycle, owner=people.rep, parent=old_goal),
        GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.objective),
        GoalFactory(cycle=cycle, owner=people.manager, parent=cascade.peer),
        GoalFactory(cycle=cycle, owner=people.rep, parent=hidden),
        GoalFactory(cycle=cycle, owner=people.other_rep, parent=cascade.manager),
    ]
    Goal.objects.filter(pk=goals[-1].pk).update(last_checkin_at=timezone.now() - datetime.timedelta(days=40))
    goal_phasing_set(actor=people.manager, goal=cascade.rep, method="even")
    Goal.objects.filter(pk=cascade.rep.pk).update(last_checkin_at=timezone.now())  # behind_pace: checked in at 0
    AssumptionFactory(cycle=cycle, status=AssumptionStatus.CHALLENGED).goals.set([cascade.rep, goals[-2]])
    MetricFeedFactory(goal=cascade.peer, failing_since=timezone.now() - datetime.timedelta(days=2), last_error="Down.")

    scan_cycle(cycle.pk)

    seen_kinds = set()
    for goal in goals:
        goal = Goal.objects.get(pk=goal.pk)
        scanned = {(flag.kind, flag.severity, flag.message) for flag in AlignmentFlag.objects.open().filter(goal=goal)}
        previewed = {(f.kind, f.severity, f.message) for f in flags_for_draft(goal)}
        assert previewed == scanned, goal.title
        seen_kinds |= {kind for kind, _, _ in scanned}
    assert seen_kinds == set(FlagKind.values)
