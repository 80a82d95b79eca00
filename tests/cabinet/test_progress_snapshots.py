"""Daily progress snapshots of every active objective, kept by a Celery beat task: one row per objective and day."""

import datetime
import time
from decimal import Decimal

import pytest
from django.conf import settings

from cabinet.models import ObjectiveSnapshot
from cabinet.services import take_progress_snapshots
from cabinet.tasks import take_progress_snapshots_task
from tests.clock import TEST_TODAY
from tests.factories import CorporateObjectiveFactory, CycleFactory, GoalFactory

pytestmark = pytest.mark.django_db


def test_the_beat_runs_the_snapshot_task_daily():
    entry = settings.CELERY_BEAT_SCHEDULE["strategy-room-snapshots"]
    assert entry["task"] == "cabinet.tasks.take_progress_snapshots_task"
    assert entry["schedule"].hour == {settings.STRATEGY_SNAPSHOT_HOUR}
    reminders = settings.CELERY_BEAT_SCHEDULE["cabinet-action-item-reminders"]
    assert reminders["task"] == "cabinet.tasks.remind_action_items_task"


def test_the_task_keeps_todays_point_of_every_active_objective(people, cycle, cascade):
    assert take_progress_snapshots_task.delay().get() == 1
    snapshot = ObjectiveSnapshot.objects.get()
    assert (snapshot.objective, snapshot.cycle, snapshot.day) == (cascade.objective, cycle, TEST_TODAY)
    assert snapshot.rolled_up_progress == cascade.objective.rolled_up_progress


def test_running_twice_the_same_day_keeps_one_row_with_the_latest_figure(people, cycle, cascade, clock):
    take_progress_snapshots()
    GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.manager, target=Decimal(10), current=Decimal(10))
    cascade.objective.refresh_from_db()
    clock.shift(datetime.timedelta(minutes=5))  # later the same day, even on a fiscal year's last evening
    take_progress_snapshots()
    snapshot = ObjectiveSnapshot.objects.get()
    assert snapshot.rolled_up_progress == cascade.objective.rolled_up_progress


def test_each_day_adds_its_own_row(people, cycle, cascade, clock):
    take_progress_snapshots()
    clock.shift(datetime.timedelta(days=1))
    take_progress_snapshots()
    assert ObjectiveSnapshot.objects.filter(objective=cascade.objective).count() == 2


def test_closed_and_workshop_cycles_and_goals_below_objectives_are_not_snapshot(people, cycle, cascade):
    for name, phase in (("FY2020", "closed"), ("FY2099", "workshop")):
        other = CycleFactory(name=name, phase=phase)
        CorporateObjectiveFactory(cycle=other, owner=people.ceo)
    take_progress_snapshots()
    assert list(ObjectiveSnapshot.objects.values_list("objective", flat=True)) == [cascade.objective.pk]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_takes_the_snapshots(celery_worker, people, cycle, cascade):
    take_progress_snapshots_task.delay()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not ObjectiveSnapshot.objects.exists():
        time.sleep(0.05)
    assert ObjectiveSnapshot.objects.filter(objective=cascade.objective, day=TEST_TODAY).exists()
