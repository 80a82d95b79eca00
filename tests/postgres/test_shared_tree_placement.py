"""People drafting at once into one tree share its shifts, and the tree stays sound (goals/placement.py)."""

import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from accounts.models import Person
from core.locks import mptt_tree_lock
from core.tree_integrity import tree_problems
from goals import placement
from goals.models import Goal, PendingGoal
from goals.services import goal_create
from tests.factories import GoalFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def team_goals(people, cascade, cycle):
    """Six manager goals side by side under the executive goal, so drafts land all over the tree."""
    return [cascade.manager] + [
        GoalFactory(cycle=cycle, owner=people.manager, parent=cascade.executive, title=f"West goal {n}")
        for n in range(5)
    ]


@pytest.fixture
def batches(monkeypatch):
    """The size of every shared placement, in the order they ran."""
    sizes: list[int] = []
    insert = placement._insert

    def counting(batch):
        sizes.append(len(batch))
        return insert(batch)

    monkeypatch.setattr(placement, "_insert", counting)
    return sizes


def draft_in_threads(people, cycle, parents: list[Goal], titles: list[str]) -> tuple[list, list]:
    created, errors = [], []

    def work(parent_id: int, title: str) -> None:
        try:
            goal = goal_create(
                actor=Person.objects.get(pk=people.rep.pk),
                cycle=cycle,
                owner=Person.objects.get(pk=people.rep.pk),
                parent=Goal.objects.get(pk=parent_id),
                title=title,
                metric="meetings",
                unit="meetings",
                target=Decimal(10),
            )
            created.append(goal)
        except BaseException as error:
            errors.append(error)
        finally:
            close_old_connections()

    threads = [
        threading.Thread(target=work, args=(parent.pk, title)) for parent, title in zip(parents, titles, strict=True)
    ]
    for thread in threads:
        thread.start()
    return threads, created, errors


def hold_tree_lock(tree_goal: Goal, release: threading.Event, held: threading.Event) -> threading.Thread:
    """Another session holding the tree's lock, as a long insert would, until ``release`` is set."""

    def hold() -> None:
        try:
            with mptt_tree_lock(Goal, [tree_goal.pk]):
                held.set()
                release.wait(60)
        finally:
            close_old_connections()

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(30)
    return thread


def wait_for_queue(length: int) -> None:
    deadline = time.monotonic() + 60
    while PendingGoal.objects.filter(goal__isnull=True).count() < length:
        assert time.monotonic() < deadline, "the drafts never queued"
        time.sleep(0.05)


def test_drafts_queued_behind_a_busy_tree_are_placed_with_one_shift(people, cycle, team_goals, batches):
    release, held = threading.Event(), threading.Event()
    holder = hold_tree_lock(team_goals[0], release, held)
    parents = [team_goals[n % len(team_goals)] for n in range(12)]
    threads, created, errors = draft_in_threads(people, cycle, parents, [f"Draft {n}" for n in range(12)])
    wait_for_queue(12)
    release.set()
    for thread in [holder, *threads]:
        thread.join(timeout=120)

    assert errors == []
    assert batches == [12]
    assert tree_problems(Goal) == []
    assert sorted(goal.title for goal in created) == sorted(f"Draft {n}" for n in range(12))
    for goal in created:
        assert goal.parent_id in {parent.pk for parent in team_goals}
        assert Goal.objects.get(pk=goal.pk).get_ancestors().filter(pk=goal.parent_id).exists()
    assert not PendingGoal.objects.exists()


def test_many_writers_drafting_at_once_leave_a_sound_tree(people, cycle, team_goals, batches):
    parents = [team_goals[n % len(team_goals)] for n in range(40)]
    threads, created, errors = draft_in_threads(people, cycle, parents, [f"Goal {n}" for n in range(40)])
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert len(created) == sum(batches) == 40
    assert tree_problems(Goal) == []
    assert not PendingGoal.objects.exists()
    for parent in team_goals:
        parent.refresh_from_db()
        assert parent.get_descendants().count() == Goal.objects.filter(parent=parent).count()


def test_a_draft_whose_parent_is_deleted_while_it_waits_fails_alone(people, cycle, cascade, team_goals, batches):
    doomed = GoalFactory(cycle=cycle, owner=people.manager, parent=cascade.executive, title="Doomed")
    release, held = threading.Event(), threading.Event()
    holder = hold_tree_lock(team_goals[0], release, held)
    parents = [team_goals[1], doomed, team_goals[2]]
    threads, created, errors = draft_in_threads(people, cycle, parents, ["Kept 1", "Orphaned", "Kept 2"])
    wait_for_queue(3)
    # django-mptt's own delete closes the gap; it skips the tree lock the other session holds (a test shortcut)
    Goal.objects.get(pk=doomed.pk).delete()
    release.set()
    for thread in [holder, *threads]:
        thread.join(timeout=120)

    assert sorted(goal.title for goal in created) == ["Kept 1", "Kept 2"]
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert "deleted" in str(errors[0])
    assert tree_problems(Goal) == []


def test_inside_a_transaction_a_draft_is_placed_alone(people, cycle, cascade, batches):
    from django.db import transaction

    with transaction.atomic():
        goal_create(
            actor=people.rep,
            cycle=cycle,
            owner=people.rep,
            parent=cascade.manager,
            title="Placed alone",
            metric="m",
            target=Decimal(1),
        )

    assert batches == []
    assert Goal.objects.filter(title="Placed alone", parent=cascade.manager).exists()
    assert tree_problems(Goal) == []
    assert connection.vendor == "postgresql"


def test_a_draft_whose_parent_moved_to_another_tree_while_it_waited_lands_there(people, cycle, team_goals, batches):
    other_root = GoalFactory(cycle=cycle, owner=people.ceo, tier="corporate", parent=None, title="Other objective")
    moving = team_goals[3]
    release, held = threading.Event(), threading.Event()
    holder = hold_tree_lock(team_goals[0], release, held)
    threads, _, errors = draft_in_threads(people, cycle, [moving, team_goals[1]], ["Follows", "Stays"])
    wait_for_queue(2)
    # django-mptt's own move, without the tree lock the other session holds (a test shortcut)
    Goal.objects.get(pk=moving.pk).move_to(Goal.objects.get(pk=other_root.pk), "last-child")
    release.set()
    for thread in [holder, *threads]:
        thread.join(timeout=120)

    assert errors == []
    follows = Goal.objects.get(title="Follows")
    assert follows.parent_id == moving.pk
    assert follows.tree_id == Goal.objects.get(pk=other_root.pk).tree_id
    assert Goal.objects.get(title="Stays").tree_id == team_goals[1].tree_id
    assert tree_problems(Goal) == []
