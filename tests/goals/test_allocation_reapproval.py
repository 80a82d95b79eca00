"""Splitting a target never rewrites someone else's agreed target silently: it goes back to them, and it is recorded."""

from decimal import Decimal

import pytest

from goals.history import goal_history
from goals.models import Goal, Status
from goals.services import goal_allocate_target
from notifications.models import Notification
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db
D = Decimal


def reload(goal):
    return Goal.objects.get(pk=goal.pk)


def test_an_approved_target_changed_by_a_split_goes_back_to_its_owner(
    people, cascade, django_capture_on_commit_callbacks
):
    Goal.objects.filter(pk__in=[cascade.rep.pk, cascade.peer.pk]).update(status=Status.APPROVED)
    Goal.objects.filter(pk=cascade.rep.pk).update(target=D(150_000))
    with django_capture_on_commit_callbacks(execute=True):
        goal_allocate_target(actor=people.manager, goal=reload(cascade.manager), method="even")
    riley, pat = reload(cascade.rep), reload(cascade.peer)
    assert (riley.target, riley.status) == (D(200_000), Status.RETURNED)
    assert riley.return_reason == (
        "Morgan West split the target of the goal above yours: it changed from $150,000 to $200,000. "
        "Check it and submit it again."
    )
    assert (pat.target, pat.status) == (D(200_000), Status.APPROVED)  # unchanged target: nothing to confirm
    assert Notification.objects.filter(recipient=people.rep, kind="goal_returned").exists()
    assert not Notification.objects.filter(recipient=people.peer_rep).exists()


def test_a_split_records_every_target_it_changes_with_its_reason(people, cascade):
    goal_allocate_target(actor=people.manager, goal=reload(cascade.manager), method="weights")
    Goal.objects.filter(pk=cascade.rep.pk).update(weight=D(3))
    goal_allocate_target(actor=people.manager, goal=reload(cascade.manager), method="weights")
    entry = goal_history(reload(cascade.rep), people.rep)[0]
    assert (entry.actor_name, entry.reason) == (
        "Morgan West",
        "The parent's target was split among its sub-goals by weight.",
    )
    changes = {change.field: (change.old, change.new) for change in entry.changes}
    assert changes["target"] == ("200,000", "300,000")
    assert changes["status"] == ("Approved", "Returned")


def test_drafts_and_the_actors_own_goals_just_change(people, cascade):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=Status.DRAFT, target=D(1))
    own = GoalFactory(cycle=cascade.manager.cycle, owner=people.manager, parent=cascade.manager, status=Status.APPROVED)
    goal_allocate_target(actor=people.manager, goal=reload(cascade.manager), method="even")
    assert reload(own).status == Status.APPROVED
    assert reload(cascade.rep).status == Status.DRAFT
