"""The scan's query count does not grow with the cascade: every rule is a query over the whole cycle."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Role
from assumptions.models import AssumptionStatus
from goals.alignment import scan_cycle
from goals.models import AlignmentFlag, FlagKind, Goal
from goals.quotas.services import goal_phasing_set
from tests.factories import (
    AssumptionFactory,
    CorporateObjectiveFactory,
    CycleFactory,
    GoalFactory,
    MetricFeedFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def build_company(name: str, teams: int) -> tuple[int, set[str]]:
    """A cycle with ``teams`` teams, each showing every kind of flag; returns its id and the kinds planted."""
    cycle = CycleFactory(name=name)
    last_year = CycleFactory(name=f"{name}-prior", start=datetime.date(2025, 2, 1), end=datetime.date(2026, 1, 31))
    ceo = PersonFactory(role=Role.EXECUTIVE)
    objective = CorporateObjectiveFactory(cycle=cycle, owner=ceo)
    at_risk = AssumptionFactory(cycle=cycle, status=AssumptionStatus.CHALLENGED)
    stale = timezone.now() - datetime.timedelta(days=40)
    for _ in range(teams):
        vp = PersonFactory(role=Role.EXECUTIVE, manager=ceo)
        manager = PersonFactory(role=Role.MANAGER, manager=vp)
        outsider = PersonFactory(role=Role.MANAGER, manager=vp)
        reps = [PersonFactory(manager=manager) for _ in range(3)]
        area = GoalFactory(cycle=cycle, owner=vp, parent=objective, target=Decimal(10_000_000))  # shortfall
        team = GoalFactory(cycle=cycle, owner=manager, parent=area)
        other_team = GoalFactory(cycle=cycle, owner=outsider, parent=area)
        rep_goals = [GoalFactory(cycle=cycle, owner=rep, parent=team) for rep in reps]
        GoalFactory(cycle=cycle, owner=reps[0])  # orphan
        GoalFactory(cycle=cycle, owner=reps[1], parent=GoalFactory(cycle=last_year, owner=manager))  # cross_cycle
        GoalFactory(cycle=cycle, owner=reps[2], parent=objective)  # tier_skip
        GoalFactory(cycle=cycle, owner=manager, parent=rep_goals[0], tier="manager")  # tier_inverted
        GoalFactory(cycle=cycle, owner=reps[0], parent=other_team)  # outside_chain
        Goal.objects.filter(pk=rep_goals[1].pk).update(last_checkin_at=stale)  # stale_progress
        goal_phasing_set(actor=manager, goal=rep_goals[0], method="even")
        Goal.objects.filter(pk=rep_goals[0].pk).update(last_checkin_at=timezone.now())  # behind_pace: still at 0
        at_risk.goals.add(rep_goals[2])  # assumption_at_risk
        MetricFeedFactory(
            goal=rep_goals[2], failing_since=stale, last_error="HubSpot refused the token."
        )  # feed_failing
    return cycle.pk, set(FlagKind.values)


def queries_of_scans(cycle_id: int) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as first:
        scan_cycle(cycle_id)
    with CaptureQueriesContext(connection) as second:
        scan_cycle(cycle_id)
    return len(first), len(second)


def test_a_bigger_cascade_costs_no_more_queries():
    small_cycle, _ = build_company("Small", teams=1)
    big_cycle, _ = build_company("Big", teams=6)

    small, big = queries_of_scans(small_cycle), queries_of_scans(big_cycle)

    assert big == small
    # Rules, reconcile, snapshot, the outbox row of the notice; PostgreSQL adds the scan's advisory lock
    # and its SET LOCAL of the parallel workers.
    assert small[0] <= (18 if connection.vendor == "postgresql" else 16), "a scan that opens flags"


def test_the_planted_company_shows_every_kind_of_flag():
    cycle_id, kinds = build_company("Planted", teams=2)

    scan_cycle(cycle_id)

    found = AlignmentFlag.objects.open().filter(cycle_id=cycle_id).values_list("kind", flat=True)
    assert set(found) == kinds
