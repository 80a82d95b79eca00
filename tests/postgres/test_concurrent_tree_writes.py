"""Many people writing into one cascade at once leave a sound tree (PostgreSQL only)."""

import threading
from decimal import Decimal

import pytest
from django.db import close_old_connections

from accounts.models import Person
from accounts.services import person_create
from core.tree_integrity import tree_problems
from goals.models import Goal
from goals.services import checkin_create, goal_create, goal_move

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_in_threads(count: int, work) -> list[BaseException]:
    errors: list[BaseException] = []
    barrier = threading.Barrier(count)

    def runner(index: int) -> None:
        try:
            barrier.wait()
            work(index)
        except BaseException as error:
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


def test_concurrent_inserts_into_one_tree(people, cascade, cycle):
    def work(index: int) -> None:
        parent = Goal.objects.get(pk=cascade.manager.pk)
        for n in range(10):
            goal_create(
                actor=people.staff,
                cycle=cycle,
                owner=Person.objects.get(pk=people.rep.pk),
                parent=parent,
                title=f"T{index}-{n}",
                metric="m",
                target=Decimal(10),
            )

    assert run_in_threads(8, work) == []
    assert Goal.objects.get(pk=cascade.manager.pk).get_children().count() == 2 + 80
    assert tree_problems(Goal) == []


def test_concurrent_new_roots_get_distinct_trees(people, cycle):
    def work(index: int) -> None:
        for n in range(5):
            goal_create(
                actor=people.staff,
                cycle=cycle,
                owner=Person.objects.get(pk=people.rep.pk),
                title=f"R{index}-{n}",
                metric="m",
                target=Decimal(1),
            )

    assert run_in_threads(8, work) == []
    roots = Goal.objects.filter(parent__isnull=True)
    assert roots.count() == roots.values("tree_id").distinct().count() == 40
    assert tree_problems(Goal) == []


def test_concurrent_moves_and_check_ins(people, cascade, cycle):
    targets = [
        Goal.objects.create(
            cycle=cycle,
            owner=people.cro,
            parent=cascade.objective,
            tier="executive",
            title=f"E{i}",
            metric="m",
            target=Decimal(1),
        )
        for i in range(4)
    ]
    leaves = [
        goal_create(
            actor=people.staff,
            cycle=cycle,
            owner=Person.objects.get(pk=people.rep.pk),
            parent=Goal.objects.get(pk=cascade.manager.pk),
            title=f"L{i}",
            metric="m",
            target=Decimal(100),
        )
        for i in range(16)
    ]

    def work(index: int) -> None:
        for n, leaf in enumerate(leaves[index::4]):
            goal = Goal.objects.select_related("cycle", "owner").get(pk=leaf.pk)
            if n % 2:
                goal_move(actor=Person.objects.get(pk=people.staff.pk), goal=goal, parent=targets[index])
            else:
                checkin_create(
                    actor=Person.objects.get(pk=people.staff.pk), goal=goal, value=Decimal(50), confidence="on_track"
                )

    assert run_in_threads(4, work) == []
    assert tree_problems(Goal) == []


def test_concurrent_hires_under_one_manager(people):
    def work(index: int) -> None:
        for n in range(5):
            person_create(username=f"hire{index}-{n}", manager=Person.objects.get(pk=people.manager.pk))

    assert run_in_threads(6, work) == []
    assert tree_problems(Person) == []
