"""Goals keep room for sub-goals: drafts that fit move no other goal; the tree stays sound through every write."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.bulk_tree import insert_leaves
from core.tree_integrity import tree_problems
from goals import tasks
from goals.models import Goal, Phase
from goals.room import MIN_ROOM, make_room_in_cycle, room_for_children
from goals.services import cycle_set_phase
from tests.factories import CycleFactory, GoalFactory
from tests.outbox import record_published

pytestmark = pytest.mark.django_db


def new_goal(people, cycle, title: str) -> Goal:
    return Goal(cycle=cycle, owner=people.rep, tier="rep", title=title, metric="m", target=Decimal(1))


def tree_order(cycle) -> list[tuple[int, int | None, int]]:
    return list(Goal.all_objects.filter(cycle=cycle).order_by("tree_id", "lft").values_list("pk", "parent_id", "level"))


def free_room(goal: Goal) -> int:
    """Children's room left inside ``goal``: the free numbers after its last child, halved."""
    goal.refresh_from_db()
    children = Goal.all_objects.filter(parent=goal).order_by("-rght").values_list("rght", flat=True)
    return (goal.rght - (children.first() or goal.lft) - 1) // 2


def updates(queries) -> list[str]:
    return [query["sql"] for query in queries if query["sql"].upper().startswith("UPDATE")]


def test_making_room_keeps_the_tree_and_gives_every_parent_room(people, cycle, cascade):
    before = tree_order(cycle)

    renumbered = make_room_in_cycle(cycle.pk)

    assert renumbered == 3  # the objective, executive and manager goals; the rep goals inside keep their numbers
    assert tree_problems(Goal) == []
    assert tree_order(cycle) == before  # same order, parents and levels
    for goal in (cascade.objective, cascade.executive, cascade.manager):
        assert free_room(goal) == MIN_ROOM
    assert free_room(cascade.rep) == 0  # rep goals take no sub-goals
    assert cascade.manager.get_descendants().count() == 2
    assert make_room_in_cycle(cycle.pk) == 0  # the room is there: nothing to rewrite


def test_a_draft_that_fits_the_room_moves_no_other_goal(people, cycle, cascade):
    make_room_in_cycle(cycle.pk)
    rows_before = dict(Goal.all_objects.values_list("pk", "rght"))
    leaves = [(new_goal(people, cycle, f"Draft {n}"), cascade.manager) for n in range(3)]

    with CaptureQueriesContext(connection) as queries:
        shifted = insert_leaves(Goal, leaves, room_for=room_for_children)

    assert shifted == 0
    assert updates(queries) == []
    assert dict(Goal.all_objects.filter(pk__in=rows_before).values_list("pk", "rght")) == rows_before
    assert tree_problems(Goal) == []
    titles = list(Goal.objects.get(pk=cascade.manager.pk).get_children().values_list("title", flat=True))
    assert titles == ["Riley new ARR", "Pat new ARR", "Draft 0", "Draft 1", "Draft 2"]
    assert free_room(cascade.manager) == MIN_ROOM - 3


def test_a_parent_out_of_room_gets_as_much_again_with_the_shift(people, cycle, cascade):
    leaves = [(new_goal(people, cycle, "First draft"), cascade.manager)]

    with CaptureQueriesContext(connection) as queries:
        shifted = insert_leaves(Goal, leaves, room_for=room_for_children)

    assert shifted == 1 and len(updates(queries)) == 1
    assert tree_problems(Goal) == []
    assert free_room(cascade.manager) == room_for_children(3) == MIN_ROOM
    # The executive and objective around it grew with it; their own room is unchanged (none).
    assert free_room(cascade.executive) == 0

    with CaptureQueriesContext(connection) as queries:
        insert_leaves(Goal, [(new_goal(people, cycle, "Second draft"), cascade.manager)], room_for=room_for_children)
    assert updates(queries) == []
    assert tree_problems(Goal) == []


def test_drafts_under_parents_with_and_without_room_in_one_tree(people, cycle, cascade):
    second = GoalFactory(cycle=cycle, owner=people.manager, parent=cascade.executive, title="Second team")
    make_room_in_cycle(cycle.pk)
    third = GoalFactory(cycle=cycle, owner=people.manager, parent=cascade.executive, title="Third team")
    leaves = [
        (new_goal(people, cycle, "Under the third team"), third),  # no room: a shift
        (new_goal(people, cycle, "Under the west team"), cascade.manager),  # room
        (new_goal(people, cycle, "Under the second team"), second),  # room
    ]

    assert insert_leaves(Goal, leaves, room_for=room_for_children) == 1
    assert tree_problems(Goal) == []
    for goal, parent in leaves:
        stored = Goal.objects.get(pk=goal.pk)
        assert stored.parent_id == parent.pk and stored.level == parent.level + 1 and stored.is_leaf_node()
        assert list(Goal.objects.get(pk=parent.pk).get_children().values_list("pk", flat=True))[-1] == goal.pk


def test_django_mptt_own_writes_keep_a_tree_with_room_sound(people, cycle, cascade):
    """Inserts, moves and deletes by django-mptt work on the room's numbering (widths include the room)."""
    second = GoalFactory(cycle=cycle, owner=people.manager, parent=cascade.executive, title="Second team")
    make_room_in_cycle(cycle.pk)

    mptt_child = GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.manager, title="Placed by django-mptt")
    assert tree_problems(Goal) == []
    assert Goal.objects.get(pk=cascade.manager.pk).get_children().last() == mptt_child

    Goal.objects.get(pk=cascade.manager.pk).move_to(Goal.objects.get(pk=second.pk), "last-child")
    assert tree_problems(Goal) == []
    assert set(Goal.objects.get(pk=second.pk).get_descendants().values_list("pk", flat=True)) == {
        cascade.manager.pk,
        cascade.rep.pk,
        cascade.peer.pk,
        mptt_child.pk,
    }

    Goal.objects.get(pk=mptt_child.pk).delete()
    assert tree_problems(Goal) == []
    Goal.objects.get(pk=cascade.executive.pk).move_to(None)  # a tree of its own, room and all
    assert tree_problems(Goal) == []
    assert Goal.objects.get(pk=cascade.executive.pk).get_descendants().count() == 4


def test_the_integrity_check_still_finds_overlaps_and_wrong_parents(people, cycle, cascade):
    make_room_in_cycle(cycle.pk)
    assert tree_problems(Goal) == []
    rep = Goal.objects.get(pk=cascade.rep.pk)
    manager = Goal.objects.get(pk=cascade.manager.pk)
    # The rep goal reaches out of its manager goal into the executive's room.
    Goal.all_objects.filter(pk=rep.pk).update(rght=manager.rght + 1)
    assert any("overlaps" in problem or "not inside" in problem for problem in tree_problems(Goal))

    Goal.all_objects.filter(pk=rep.pk).update(rght=rep.rght)
    # A goal numbered inside the manager goal while its parent says the executive goal.
    Goal.all_objects.filter(pk=rep.pk).update(parent=cascade.executive, level=manager.level)
    assert any("sits directly inside" in problem for problem in tree_problems(Goal))


def test_drafting_opens_with_a_request_for_room(people, monkeypatch, django_capture_on_commit_callbacks):
    published = record_published(monkeypatch)
    cycle = CycleFactory(phase=Phase.WORKSHOP)
    conf = tasks.make_room_in_cycle_task.app.conf
    eager, conf.task_always_eager = conf.task_always_eager, False
    try:
        with django_capture_on_commit_callbacks(execute=True):
            cycle_set_phase(actor=people.ceo, cycle=cycle, phase=Phase.ACTIVE)
    finally:
        conf.task_always_eager = eager

    assert ("goals.tasks.make_room_in_cycle_task", (cycle.pk,), None) in published


def test_in_process_nothing_is_asked_of_a_worker(people, monkeypatch, django_capture_on_commit_callbacks):
    published = record_published(monkeypatch)
    workshop = CycleFactory(phase=Phase.WORKSHOP)
    objective = GoalFactory(cycle=workshop, owner=people.ceo, tier="corporate", parent=None, title="An objective")
    with django_capture_on_commit_callbacks(execute=True):
        cycle_set_phase(actor=people.ceo, cycle=workshop, phase=Phase.ACTIVE)
    # django-mptt's own insert, used in-process, would open space anyway: the trees keep their numbers.
    assert published == []
    assert free_room(objective) == 0


def test_the_nightly_task_makes_room_in_every_cycle_in_play(people, cycle, cascade, settings):
    assert settings.CELERY_BEAT_SCHEDULE["make-room-nightly"]["task"] == "goals.tasks.make_room_in_open_cycles"
    assert tasks.make_room_in_open_cycles() == [cycle.pk]
    assert free_room(cascade.manager) == MIN_ROOM
