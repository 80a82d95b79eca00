"""Two scans of one cycle at once never open a flag twice (PostgreSQL only)."""

import threading

import pytest
from django.db import close_old_connections, connection, transaction
from django.db.models import Count

from core.locks import advisory_lock
from goals.alignment import scan as scan_module
from goals.alignment import scan_cycle
from goals.alignment.scan import SCAN_LOCK
from goals.models import AlignmentFlag
from tests.factories import GoalFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def flagged_cycle(people, cascade, cycle):
    for n in range(15):
        GoalFactory(cycle=cycle, owner=people.rep, title=f"Orphan {n}")
    return cycle


def scan_at_once(cycle_id: int, count: int) -> tuple[list, list[BaseException]]:
    results, errors = [], []
    barrier = threading.Barrier(count)

    def run() -> None:
        try:
            barrier.wait()
            results.append(scan_cycle(cycle_id))
        except BaseException as error:
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_scans_racing_on_one_cycle_open_each_flag_once(flagged_cycle):
    for _ in range(3):
        AlignmentFlag.objects.all().delete()

        results, errors = scan_at_once(flagged_cycle.pk, 4)

        assert errors == []
        assert sorted(result.opened for result in results) == [0, 0, 0, 16]
        duplicates = AlignmentFlag.objects.values("goal", "kind").annotate(rows=Count("id")).filter(rows__gt=1)
        assert list(duplicates) == []
        assert AlignmentFlag.objects.count() == 16


def test_a_scan_waits_for_the_one_holding_the_cycles_lock(flagged_cycle):
    held, released = threading.Event(), threading.Event()

    def hold_the_lock() -> None:
        try:
            with advisory_lock(SCAN_LOCK, flagged_cycle.pk):
                held.set()
                released.wait(timeout=30)
        finally:
            close_old_connections()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    held.wait(timeout=30)
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '300ms'")
            with pytest.raises(Exception, match="lock timeout"):
                scan_cycle(flagged_cycle.pk)
    finally:
        released.set()
        holder.join(timeout=30)

    assert scan_cycle(flagged_cycle.pk).opened == 16


def test_a_goal_deleted_during_a_scan_makes_it_scan_again(people, cycle, monkeypatch):
    doomed = GoalFactory(cycle=cycle, owner=people.rep, title="Deleted mid-scan")
    kept = GoalFactory(cycle=cycle, owner=people.rep, title="Still here")

    evaluated, deleted = threading.Event(), threading.Event()
    real_evaluate, calls = scan_module.evaluate, []

    def evaluate_then_wait(scope):
        findings = real_evaluate(scope)
        calls.append(len(findings))
        if len(calls) == 1:  # the first attempt found the goal; it is deleted before the flags are written
            evaluated.set()
            deleted.wait(timeout=30)
        return findings

    monkeypatch.setattr(scan_module, "evaluate", evaluate_then_wait)
    results, errors = [], []

    def run() -> None:
        try:
            results.append(scan_cycle(cycle.pk))
        except BaseException as error:
            errors.append(error)
        finally:
            close_old_connections()

    scanner = threading.Thread(target=run)
    scanner.start()
    evaluated.wait(timeout=30)
    doomed.delete()
    deleted.set()
    scanner.join(timeout=60)

    assert errors == []
    assert calls == [2, 1]
    assert results[0].opened == 1
    assert list(AlignmentFlag.objects.values_list("goal_id", flat=True)) == [kept.pk]
