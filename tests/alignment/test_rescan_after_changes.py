"""Goals that change are rescanned shortly after the commit: once per transaction, debounced across transactions."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import transaction

from assumptions.models import AssumptionStatus
from goals import tasks
from goals.alignment.triggers import rescan_key
from goals.models import AlignmentFlag, FlagKind, Goal
from goals.services import goal_create, goal_move
from tests.factories import AssumptionFactory
from tests.outbox import record_published

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_pending_rescans():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def scans(monkeypatch):
    """Counts the scans that run (tasks run in-process, as in the embedded default)."""
    ran = []
    real_scan = tasks.scan_cycle

    def counting_scan(cycle_id, **kwargs):
        ran.append(cycle_id)
        return real_scan(cycle_id, **kwargs)

    monkeypatch.setattr(tasks, "scan_cycle", counting_scan)
    return ran


@pytest.fixture
def broker(monkeypatch):
    """Tasks go to a broker, as with Redis: records what the outbox publishes instead of sending it."""
    published = record_published(monkeypatch)
    conf = tasks.scan_cycle_task.app.conf
    eager, conf.task_always_eager = conf.task_always_eager, False
    yield published
    conf.task_always_eager = eager


def create_goals(people, cascade, cycle, count: int) -> None:
    for n in range(count):
        goal_create(
            actor=people.manager,
            cycle=cycle,
            owner=people.rep,
            parent=cascade.manager,
            title=f"Imported goal {n}",
            metric="new ARR",
            target=Decimal(1000),
        )


def test_a_bulk_change_in_one_transaction_runs_one_scan_after_the_commit(
    people, cascade, cycle, scans, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        create_goals(people, cascade, cycle, 30)
        assert scans == []  # never inside the half-finished write

    assert scans == [cycle.pk]


def test_a_fix_made_in_the_ui_resolves_its_flag_right_after(people, cascade, cycle, django_capture_on_commit_callbacks):
    orphan = Goal.objects.create(
        cycle=cycle, owner=people.rep, tier="rep", title="Learn the CPQ tool", metric="modules", target=Decimal(8)
    )
    tasks.scan_cycle_task.delay(cycle.pk)
    assert AlignmentFlag.objects.open().filter(goal=orphan, kind=FlagKind.ORPHAN).exists()

    with django_capture_on_commit_callbacks(execute=True):
        goal_move(actor=people.staff, goal=orphan, parent=cascade.manager)

    assert not AlignmentFlag.objects.open().filter(goal=orphan).exists()
    assert AlignmentFlag.objects.filter(goal=orphan, kind=FlagKind.ORPHAN).get().resolved_at is not None


def test_a_rolled_back_change_schedules_nothing(people, cascade, cycle, scans, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        create_goals(people, cascade, cycle, 2)
        raise RuntimeError("the import failed half-way")
    assert scans == []

    with django_capture_on_commit_callbacks(execute=True):
        create_goals(people, cascade, cycle, 1)  # the next transaction still gets its rescan

    assert scans == [cycle.pk]


def test_many_changes_with_a_broker_enqueue_one_delayed_scan(
    people, cascade, cycle, broker, settings, django_capture_on_commit_callbacks
):
    settings.ALIGNMENT_RESCAN_DELAY = 45
    for _ in range(5):  # five separate transactions, as five people editing at once
        with django_capture_on_commit_callbacks(execute=True):
            create_goals(people, cascade, cycle, 20)

    assert broker == [("goals.tasks.scan_cycle_task", (cycle.pk,), 45)]


def test_a_change_after_the_scan_started_schedules_another(
    people, cascade, cycle, broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        create_goals(people, cascade, cycle, 1)
    tasks.scan_cycle_task.run(cycle.pk)  # the worker picks it up and clears the mark
    assert cache.get(rescan_key(cycle.pk)) is None

    with django_capture_on_commit_callbacks(execute=True):
        create_goals(people, cascade, cycle, 1)

    assert len(broker) == 2


def test_an_assumption_that_turns_challenged_rescans_its_goals_cycle(
    people, cascade, cycle, scans, django_capture_on_commit_callbacks
):
    assumption = AssumptionFactory(cycle=cycle, owner=people.cro)
    with django_capture_on_commit_callbacks(execute=True):
        assumption.goals.set([cascade.rep])
    assert scans == [cycle.pk]

    with django_capture_on_commit_callbacks(execute=True):
        assumption.status = AssumptionStatus.CHALLENGED
        assumption.save()

    assert scans == [cycle.pk, cycle.pk]
    assert AlignmentFlag.objects.open().filter(goal=cascade.rep, kind=FlagKind.ASSUMPTION_AT_RISK).exists()


def test_a_rep_moved_to_another_manager_is_rescanned_and_flagged_outside_the_chain(
    people, cascade, cycle, scans, django_capture_on_commit_callbacks
):
    from accounts.services import person_update

    with django_capture_on_commit_callbacks(execute=True):
        person_update(person=people.rep, manager=people.other_manager)

    assert scans == [cycle.pk]
    assert AlignmentFlag.objects.open().filter(goal=cascade.rep, kind=FlagKind.OUTSIDE_CHAIN).exists()


def test_other_changes_to_a_person_do_not_rescan(people, cascade, cycle, scans, django_capture_on_commit_callbacks):
    from accounts.services import person_update

    with django_capture_on_commit_callbacks(execute=True):
        person_update(person=people.rep, region="North", manager=people.manager)

    assert scans == []
