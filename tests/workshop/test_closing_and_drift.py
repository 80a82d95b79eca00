"""Closing the workshop freezes the agreed cascade as the baseline; drift later shows what changed against it."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.exceptions import StateConflict
from goals.models import Goal, Phase, Status
from goals.services import goal_delete, goal_move
from tests.factories import GoalFactory
from tests.workshop.conftest import GAPS_AGREED, reload
from workshop.models import Baseline, BaselineGoal, Decision, DecisionKind
from workshop.selectors import DriftKind, baseline_drift
from workshop.services import baseline_freeze, workshop_close

pytestmark = pytest.mark.django_db


def test_closing_freezes_every_goal_and_starts_the_cycle(people, workshop):
    GoalFactory(cycle=workshop.cycle, owner=people.manager, parent=workshop.mapped, title="West ARR", target=300_000)
    baseline = workshop_close(actor=people.cro, cycle=workshop.cycle, reason=GAPS_AGREED)

    assert reload(workshop.cycle).phase == Phase.ACTIVE
    assert baseline.frozen_by == people.cro
    assert baseline.goal_count == Goal.objects.filter(cycle=workshop.cycle).count() == 7
    row = BaselineGoal.objects.get(baseline=baseline, goal_pk=workshop.mapped.pk)
    assert (row.title, row.owner_name, row.parent_pk, row.tier, row.target, row.unit) == (
        "Sales new ARR",
        "Robin Revenue",
        workshop.arr.pk,
        "executive",
        Decimal(600_000),
        "USD",
    )
    closing = Decision.objects.get(kind=DecisionKind.CLOSING)
    assert "7 goals" in closing.text and "Left unmapped: Expansion ARR (Robin Revenue); Strategic logos" in closing.text
    assert closing.text.endswith(f"Reason: {GAPS_AGREED}")


def test_closing_twice_is_refused(people, workshop):
    workshop_close(actor=people.ceo, cycle=workshop.cycle, reason=GAPS_AGREED)
    with pytest.raises(StateConflict, match="already closed"):
        workshop_close(actor=people.ceo, cycle=workshop.cycle, reason=GAPS_AGREED)
    assert Baseline.objects.count() == 1


def test_only_executives_and_admins_close_and_only_from_the_workshop(people, workshop):
    with pytest.raises(PermissionDenied):
        workshop_close(actor=people.manager, cycle=workshop.cycle, reason=GAPS_AGREED)
    workshop.cycle.phase = Phase.PLANNING
    workshop.cycle.save()
    with pytest.raises(StateConflict, match="not in its alignment workshop"):
        workshop_close(actor=people.ceo, cycle=workshop.cycle, reason=GAPS_AGREED)
    assert not Baseline.objects.exists()
    assert reload(workshop.cycle).phase == Phase.PLANNING


def test_freezing_costs_the_same_queries_for_a_larger_cascade(people, workshop, settings):
    def queries_to_freeze() -> int:
        Baseline.objects.all().delete()
        with CaptureQueriesContext(connection) as captured:
            baseline_freeze(workshop.cycle, people.ceo)
        return len(captured)

    small = queries_to_freeze()
    for n in range(40):
        GoalFactory(cycle=workshop.cycle, owner=people.manager, parent=workshop.mapped, title=f"Team {n}")
    assert queries_to_freeze() == small
    assert BaselineGoal.objects.count() == 46


def test_freezing_writes_in_batches(people, workshop, monkeypatch):
    monkeypatch.setattr("workshop.services.FREEZE_BATCH", 4)
    baseline = baseline_freeze(workshop.cycle, people.ceo)
    assert baseline.goal_count == 6
    assert list(baseline.goals.values_list("position", flat=True)) == [0, 1, 2, 3, 4, 5]


@pytest.fixture
def drifted(people, workshop):
    """A closed workshop, then one change of each kind."""
    west = GoalFactory(cycle=workshop.cycle, owner=people.manager, parent=workshop.mapped, title="West ARR")
    east = GoalFactory(cycle=workshop.cycle, owner=people.other_manager, parent=workshop.mapped, title="East ARR")
    baseline = workshop_close(actor=people.ceo, cycle=workshop.cycle, reason=GAPS_AGREED)
    Goal.objects.filter(pk=workshop.mapped.pk).update(target=Decimal(650_000))
    goal_move(actor=people.staff, goal=reload(workshop.unmapped), parent=reload(workshop.arr))
    added = GoalFactory(cycle=workshop.cycle, owner=people.rep, parent=west, title="Riley ARR")
    Goal.objects.filter(pk=east.pk).update(status=Status.DROPPED)
    goal_delete(actor=people.staff, goal=reload(west), children="delete")  # and, with it, the goal added under it
    return baseline, added


def test_drift_shows_each_kind_of_change(people, workshop, drifted):
    baseline, _ = drifted
    drift = baseline_drift(baseline, people.rep)
    assert drift.counts == {
        DriftKind.TARGET: 1,
        DriftKind.PARENT: 1,
        DriftKind.DROPPED: 1,
        DriftKind.REMOVED: 1,
        DriftKind.ADDED: 0,  # Riley ARR went with West ARR
    }
    [changed] = drift.rows[DriftKind.TARGET]
    assert (changed.title, changed.baseline_target, changed.current_target) == (
        "Sales new ARR",
        Decimal(600_000),
        Decimal(650_000),
    )
    assert changed.target_change == Decimal(50_000)
    [moved] = drift.rows[DriftKind.PARENT]
    assert (moved.title, moved.baseline_parent, moved.current_parent) == ("Expansion ARR", "", "Grow new ARR to $1M")
    assert [row.title for row in drift.rows[DriftKind.DROPPED]] == ["East ARR"]
    [removed] = drift.rows[DriftKind.REMOVED]
    assert (removed.title, removed.goal_exists, removed.baseline_parent) == ("West ARR", False, "Sales new ARR")


def test_goals_added_since_the_baseline_show(people, workshop, drifted):
    baseline, _ = drifted
    GoalFactory(cycle=workshop.cycle, owner=people.manager, parent=reload(workshop.mapped), title="North ARR")
    drift = baseline_drift(baseline, people.ceo)
    [added] = drift.rows[DriftKind.ADDED]
    assert (added.title, added.current_parent, added.baseline_target) == ("North ARR", "Sales new ARR", None)


def test_drift_keeps_private_goals_to_those_who_may_see_them(people, workshop, drifted):
    baseline, _ = drifted
    Goal.objects.filter(pk=workshop.mapped.pk).update(visibility="private")
    assert baseline_drift(baseline, people.rep).counts[DriftKind.TARGET] == 0
    assert baseline_drift(baseline, people.cro).counts[DriftKind.TARGET] == 1


def test_staff_see_every_kind_of_drift(people, workshop, drifted):
    baseline, _ = drifted
    assert baseline_drift(baseline, people.staff).counts == baseline_drift(baseline, people.ceo).counts


def test_drift_costs_the_same_queries_however_much_changed(people, workshop, drifted, django_assert_max_num_queries):
    baseline, _ = drifted
    with django_assert_max_num_queries(12):
        small = baseline_drift(baseline, people.ceo)
    for n in range(30):
        GoalFactory(cycle=workshop.cycle, owner=people.manager, parent=reload(workshop.mapped), title=f"New {n}")
    Goal.objects.filter(cycle=workshop.cycle).update(target=Decimal(1))
    with django_assert_max_num_queries(12):
        large = baseline_drift(baseline, people.ceo)
    assert large.total > small.total
