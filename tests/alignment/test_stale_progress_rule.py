"""stale_progress: no check-in for longer than the cycle's check-in interval, while the cycle is active."""

import datetime

import pytest
from django.utils import timezone

from goals.alignment.wording import format_day
from goals.models import Cycle, FlagKind, Goal, Phase, Rollup, Severity, Status
from tests.alignment.conftest import kinds_on
from tests.factories import CorporateObjectiveFactory, GoalFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def test_a_goal_without_a_check_in_for_longer_than_the_interval_is_stale(cascade, cycle, scanned):
    last = timezone.now() - 20 * DAY
    Goal.objects.filter(pk=cascade.rep.pk).update(last_checkin_at=last)

    flags = scanned(cycle)

    flag = flags[("Riley new ARR", FlagKind.STALE_PROGRESS)]
    assert flag.severity == Severity.WARNING
    assert flag.message == f"No check-in since {format_day(last)}; this cycle expects one every 14 days."


def test_a_goal_never_checked_in_is_stale_from_its_creation(cascade, cycle, scanned):
    created = cascade.rep.created

    flags = scanned(cycle, now=timezone.now() + 15 * DAY)

    assert flags[("Riley new ARR", FlagKind.STALE_PROGRESS)].message == (
        f"No check-in since the goal was created on {format_day(created)}; this cycle expects one every 14 days."
    )


def test_twice_the_interval_is_critical(cascade, cycle, scanned):
    Goal.objects.filter(pk=cascade.rep.pk).update(last_checkin_at=timezone.now() - 29 * DAY)

    flags = scanned(cycle)

    assert flags[("Riley new ARR", FlagKind.STALE_PROGRESS)].severity == Severity.CRITICAL


def test_a_recent_check_in_is_fresh(cascade, cycle, scanned):
    Goal.objects.filter(pk=cascade.rep.pk).update(last_checkin_at=timezone.now() - 13 * DAY)

    scanned(cycle)

    assert FlagKind.STALE_PROGRESS not in kinds_on(cascade.rep)


def test_the_cycles_own_interval_counts(cascade, cycle, scanned):
    Cycle.objects.filter(pk=cycle.pk).update(checkin_interval_days=30)
    Goal.objects.filter(pk=cascade.rep.pk).update(last_checkin_at=timezone.now() - 20 * DAY)
    cycle.refresh_from_db()

    scanned(cycle)

    assert FlagKind.STALE_PROGRESS not in kinds_on(cascade.rep)


def test_nothing_is_stale_outside_the_active_phase(cascade, cycle, scanned):
    Cycle.objects.filter(pk=cycle.pk).update(phase=Phase.WORKSHOP)

    flags = scanned(cycle, now=timezone.now() + 60 * DAY)

    assert not [kind for _, kind in flags if kind == FlagKind.STALE_PROGRESS]


def test_final_goals_and_rolled_up_objectives_have_nothing_to_check_in(people, cascade, cycle, scanned):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=Status.ACHIEVED)
    manual_objective = CorporateObjectiveFactory(cycle=cycle, owner=people.ceo, rollup=Rollup.MANUAL)
    GoalFactory(cycle=cycle, owner=people.cro, parent=manual_objective)

    scanned(cycle, now=timezone.now() + 15 * DAY)

    assert FlagKind.STALE_PROGRESS not in kinds_on(cascade.rep)
    assert FlagKind.STALE_PROGRESS not in kinds_on(cascade.objective)  # rolls up its sub-goals
    assert FlagKind.STALE_PROGRESS in kinds_on(manual_objective)  # its owner reports its value
    assert FlagKind.STALE_PROGRESS in kinds_on(cascade.peer)
