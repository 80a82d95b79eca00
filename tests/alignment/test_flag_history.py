"""A flag stays one row while its cause persists, is resolved (never deleted) when fixed, and reopens as a new row."""

from decimal import Decimal

import pytest

from goals.alignment import scan_cycle
from goals.models import AlignmentFlag, AlignmentSnapshot, FlagKind, Goal
from goals.services import goal_move
from goals.signals import alignment_flags_opened
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def all_flags(cycle):
    return list(
        AlignmentFlag.objects.filter(cycle=cycle)
        .order_by("pk")
        .values_list("pk", "goal_id", "kind", "severity", "message", "detected_at", "resolved_at")
    )


@pytest.fixture
def orphan(people, cycle):
    return GoalFactory(cycle=cycle, owner=people.rep, title="Learn the CPQ tool")


def test_scanning_twice_changes_nothing(people, cascade, orphan, cycle):
    first = scan_cycle(cycle.pk)
    flags, snapshots = all_flags(cycle), list(AlignmentSnapshot.objects.values())

    second = scan_cycle(cycle.pk)

    assert first.opened == 2  # the orphan, and the executive goal whose only sub-goal covers 40% of it
    assert (second.opened, second.updated, second.resolved, second.open_flags) == (0, 0, 0, 2)
    assert all_flags(cycle) == flags
    assert list(AlignmentSnapshot.objects.values()) == snapshots


def test_a_fixed_cause_resolves_its_flag_and_keeps_the_row(people, cascade, orphan, cycle):
    scan_cycle(cycle.pk)
    flag = AlignmentFlag.objects.get(goal=orphan, kind=FlagKind.ORPHAN)

    goal_move(actor=people.staff, goal=orphan, parent=cascade.manager)
    result = scan_cycle(cycle.pk)

    flag.refresh_from_db()
    assert result.resolved == 1
    assert flag.resolved_at is not None
    assert not flag.is_open


def test_a_cause_that_returns_opens_a_new_flag(people, cascade, orphan, cycle):
    scan_cycle(cycle.pk)
    goal_move(actor=people.staff, goal=orphan, parent=cascade.manager)
    scan_cycle(cycle.pk)

    goal_move(actor=people.staff, goal=Goal.objects.get(pk=orphan.pk), parent=None)
    scan_cycle(cycle.pk)

    history = AlignmentFlag.objects.filter(goal=orphan, kind=FlagKind.ORPHAN).order_by("detected_at", "pk")
    assert [flag.is_open for flag in history] == [False, True]


def test_a_persisting_cause_keeps_its_flag_and_follows_the_numbers(people, cascade, cycle):
    scan_cycle(cycle.pk)
    flag = AlignmentFlag.objects.get(goal=cascade.executive, kind=FlagKind.TARGET_SHORTFALL)
    assert "$400K of the $1M target" in flag.message

    Goal.objects.filter(pk=cascade.manager.pk).update(target=Decimal(900_000))
    result = scan_cycle(cycle.pk)

    updated = AlignmentFlag.objects.get(goal=cascade.executive, kind=FlagKind.TARGET_SHORTFALL)
    assert result.updated == 1
    assert updated.pk == flag.pk and updated.detected_at == flag.detected_at
    assert "$900K of the $1M target" in updated.message
    assert (flag.severity, updated.severity) == ("critical", "warning")


def test_newly_opened_flags_are_announced_once_committed(
    people, cascade, orphan, cycle, django_capture_on_commit_callbacks
):
    announced = []

    def receiver(sender, flag_ids, **kwargs):
        announced.append(sorted(flag_ids))

    alignment_flags_opened.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            scan_cycle(cycle.pk)
            assert announced == []  # not before the commit
        with django_capture_on_commit_callbacks(execute=True):
            scan_cycle(cycle.pk)
    finally:
        alignment_flags_opened.disconnect(receiver)

    assert announced == [sorted(AlignmentFlag.objects.open().filter(cycle=cycle).values_list("pk", flat=True))]
