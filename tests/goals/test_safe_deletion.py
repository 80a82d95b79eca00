"""Deleting is safe: it asks about sub-goals, is soft, can be undone, tells owners, and leaves the trees whole."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.exceptions import StateConflict
from core.tree_integrity import tree_problems
from goals.alignment.scan import scan_cycle
from goals.models import AlignmentFlag, CheckIn, Deletion, Goal, GoalComment, Status
from goals.selectors import goal_list
from goals.services import checkin_create, deletion_restore, goal_comment_create, goal_create, goal_delete
from notifications.models import Notification
from tests.factories import AlignmentFlagFactory, GoalFactory

pytestmark = pytest.mark.django_db


def reload(goal):
    return Goal.all_objects.get(pk=goal.pk)


def live_ids():
    return set(Goal.objects.values_list("pk", flat=True))


def test_moving_sub_goals_up_links_them_to_the_deleted_goals_parent(people, cascade):
    deletion = goal_delete(actor=people.staff, goal=reload(cascade.manager), children="move_up")
    assert reload(cascade.rep).parent_id == reload(cascade.peer).parent_id == cascade.executive.pk
    assert cascade.manager.pk not in live_ids()
    assert (deletion.goal_count, deletion.children, deletion.parent_id) == (1, "move_up", cascade.executive.pk)
    assert sorted(deletion.moved_up) == sorted([cascade.rep.pk, cascade.peer.pk])
    assert reload(cascade.manager).is_root_node()  # detached: the live trees never hold a deleted node
    assert tree_problems(Goal) == []


def test_deleting_the_subtree_takes_check_ins_and_comments_and_resolves_flags(people, cascade):
    checkin_create(actor=people.rep, goal=reload(cascade.rep), value=Decimal(5), confidence="on_track")
    goal_comment_create(actor=people.manager, goal=reload(cascade.rep), body="Nice start.")
    flag = AlignmentFlagFactory(goal=reload(cascade.peer), kind="stale_progress")
    deletion = goal_delete(actor=people.staff, goal=reload(cascade.manager), children="delete")
    assert (deletion.goal_count, deletion.checkin_count, deletion.comment_count) == (3, 1, 1)
    assert live_ids().isdisjoint({cascade.manager.pk, cascade.rep.pk, cascade.peer.pk})
    assert not CheckIn.objects.filter(goal=cascade.rep).exists() and CheckIn.all_objects.count() == 1
    assert not GoalComment.objects.exists() and GoalComment.all_objects.count() == 1
    flag.refresh_from_db()
    assert flag.resolved_at is not None
    assert tree_problems(Goal) == []


def test_a_goal_with_sub_goals_needs_a_choice(people, cascade):
    with pytest.raises(ValidationError) as error:
        goal_delete(actor=people.staff, goal=reload(cascade.manager))
    assert "2 sub-goals" in error.value.message_dict["children"][0]
    with pytest.raises(ValidationError):
        goal_delete(actor=people.staff, goal=reload(cascade.manager), children="orphan")
    assert cascade.manager.pk in live_ids()


def test_deleted_goals_leave_lists_counts_roll_ups_and_scans(people, cascade, cycle):
    checkin_create(actor=people.rep, goal=reload(cascade.rep), value=Decimal(200_000), confidence="on_track")
    scan_cycle(cycle.pk)
    goal_delete(actor=people.staff, goal=reload(cascade.peer))
    manager = reload(cascade.manager)
    assert manager.rolled_up_progress == pytest.approx(1.0)  # Riley's 100%, Pat no longer counted
    assert cascade.peer.pk not in {goal.pk for goal in goal_list(people.staff)}
    assert manager.get_children().count() == 1
    scan_cycle(cycle.pk)
    assert not AlignmentFlag.objects.open().filter(goal=cascade.peer).exists()


def test_the_actor_undoes_it_within_the_window_and_everything_comes_back(people, cascade, clock):
    checkin_create(actor=people.rep, goal=reload(cascade.rep), value=Decimal(5), confidence="on_track")
    deletion = goal_delete(actor=people.staff, goal=reload(cascade.manager), children="move_up")
    clock.shift(timedelta(minutes=29))
    restored = deletion_restore(actor=people.staff, deletion=deletion)
    assert restored.parent_id == cascade.executive.pk
    assert reload(cascade.rep).parent_id == reload(cascade.peer).parent_id == cascade.manager.pk
    assert CheckIn.objects.filter(goal=cascade.rep).count() == 1
    assert tree_problems(Goal) == []
    with pytest.raises(StateConflict):
        deletion_restore(actor=people.staff, deletion=Deletion.objects.get(pk=deletion.pk))


def test_after_the_window_only_admins_restore(people, cascade, cycle, clock):
    draft = goal_create(
        actor=people.rep,
        cycle=cycle,
        owner=people.rep,
        parent=reload(cascade.manager),
        title="Tiny",
        metric="m",
        target=Decimal(1),
    )
    deletion = goal_delete(actor=people.rep, goal=draft)
    clock.shift(timedelta(minutes=31))
    with pytest.raises(PermissionDenied):
        deletion_restore(actor=people.rep, deletion=deletion)
    deletion_restore(actor=people.staff, deletion=deletion)
    assert reload(draft).parent_id == cascade.manager.pk and draft.pk in live_ids()


def test_owners_delete_only_drafts_without_check_ins(people, cascade, cycle):
    returned = reload(cascade.rep)
    Goal.objects.filter(pk=returned.pk).update(status=Status.RETURNED)
    checkin_create(actor=people.rep, goal=reload(returned), value=Decimal(5), confidence="on_track")
    with pytest.raises(PermissionDenied):
        goal_delete(actor=people.rep, goal=reload(returned))
    Goal.objects.filter(pk=returned.pk).update(status=Status.DRAFT)
    with pytest.raises(PermissionDenied, match="drafts without check-ins"):
        goal_delete(actor=people.rep, goal=reload(returned))  # a draft, but checked in on
    fresh = goal_create(actor=people.rep, cycle=cycle, owner=people.rep, title="Fresh", metric="m", target=Decimal(1))
    goal_delete(actor=people.rep, goal=fresh)
    assert fresh.pk not in live_ids()


def test_an_owner_deletes_a_subtree_only_when_every_goal_in_it_is_theirs_to_delete(people, cascade, cycle):
    top = goal_create(
        actor=people.manager, cycle=cycle, owner=people.manager, title="Top", metric="m", target=Decimal(1)
    )
    GoalFactory(cycle=cycle, owner=people.rep, parent=top, title="Riley's approved goal")
    with pytest.raises(PermissionDenied, match="not yours to delete"):
        goal_delete(actor=people.manager, goal=reload(top), children="delete")
    goal_delete(actor=people.manager, goal=reload(top), children="move_up")
    assert Goal.objects.get(title="Riley's approved goal").parent_id is None


def test_owners_affected_are_told(people, cascade, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        goal_delete(actor=people.staff, goal=reload(cascade.manager), children="move_up")
    manager_note = Notification.objects.get(recipient=people.manager, kind="goal_deleted")
    assert manager_note.title == "Sam Admin deleted your goal “West new ARR”"
    rep_note = Notification.objects.get(recipient=people.rep, kind="goal_deleted")
    assert rep_note.title == "Your goal “Riley new ARR” moved up: Sam Admin deleted the goal “West new ARR”"


def test_deleting_and_restoring_in_any_order_keeps_every_tree_whole(people, cascade, cycle):
    extra = [
        GoalFactory(cycle=cycle, owner=people.rep, parent=reload(cascade.rep), title=f"Deal {n}") for n in range(3)
    ]
    first = goal_delete(actor=people.staff, goal=reload(extra[0]))
    second = goal_delete(actor=people.staff, goal=reload(cascade.manager), children="delete")
    third = goal_delete(actor=people.staff, goal=reload(cascade.objective), children="move_up")
    assert tree_problems(Goal) == []
    deletion_restore(actor=people.staff, deletion=third)
    assert tree_problems(Goal) == []
    with pytest.raises(StateConflict, match="restore that first"):
        deletion_restore(actor=people.staff, deletion=Deletion.objects.get(pk=first.pk))
    deletion_restore(actor=people.staff, deletion=second)
    deletion_restore(actor=people.staff, deletion=Deletion.objects.get(pk=first.pk))
    assert reload(extra[0]).parent_id == cascade.rep.pk
    assert reload(cascade.manager).parent_id == cascade.executive.pk
    assert reload(cascade.executive).parent_id == cascade.objective.pk
    assert Goal.objects.count() == Goal.all_objects.count()
    assert tree_problems(Goal) == []


def test_a_deleted_goals_external_key_is_free_and_a_clash_blocks_its_restore(people, cascade, cycle):
    Goal.objects.filter(pk=cascade.peer.pk).update(external_key="PAT")
    deletion = goal_delete(actor=people.staff, goal=reload(cascade.peer))
    GoalFactory(cycle=cycle, owner=people.peer_rep, parent=reload(cascade.manager), external_key="PAT")
    with pytest.raises(StateConflict, match="external key 'PAT'"):
        deletion_restore(actor=people.staff, deletion=deletion)


def test_a_comment_is_removed_softly_and_its_author_undoes_it(people, cascade):
    from goals.services import goal_comment_delete

    comment = goal_comment_create(actor=people.manager, goal=reload(cascade.rep), body="Nice start.")
    deletion = goal_comment_delete(actor=people.manager, comment=comment)
    assert not GoalComment.objects.exists()
    deletion_restore(actor=people.manager, deletion=deletion)
    assert GoalComment.objects.get().body == "Nice start."
