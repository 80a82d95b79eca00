"""The cascade's events reach the goal's owner: approved, returned, flagged, commented; never the actor."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from goals import services
from goals.alignment import scan_cycle
from goals.models import Goal, Status
from notifications.models import Kind, Notification
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def inbox_of(person):
    return list(Notification.objects.filter(recipient=person).order_by("id"))


def test_approving_a_goal_tells_its_owner(people, cascade, django_capture_on_commit_callbacks, mailoutbox):
    goal = cascade.rep
    goal.status = Status.SUBMITTED
    goal.save(update_fields=["status"])

    with django_capture_on_commit_callbacks(execute=True):
        services.goal_approve(actor=people.manager, goal=goal)

    [notification] = inbox_of(people.rep)
    assert notification.kind == Kind.GOAL_APPROVED
    assert notification.actor == people.manager
    assert notification.title == "Morgan West approved your goal “Riley new ARR”"
    assert notification.url == goal.get_absolute_url()
    assert inbox_of(people.manager) == []
    [email] = mailoutbox
    assert email.to == [people.rep.email]
    assert email.subject == "[Cascade] Morgan West approved your goal “Riley new ARR”"
    assert f"/goals/{goal.pk}/" in email.body


def test_returning_a_goal_tells_its_owner_why(people, cascade, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.goal_return(actor=people.manager, goal=cascade.rep, reason="Split the target by quarter.")

    [notification] = inbox_of(people.rep)
    assert notification.kind == Kind.GOAL_RETURNED
    assert notification.body == "Split the target by quarter."
    assert "returned your goal" in notification.title


def test_submitting_a_goal_notifies_nobody(people, cascade, django_capture_on_commit_callbacks):
    goal = cascade.rep
    goal.status = Status.DRAFT
    goal.save(update_fields=["status"])

    with django_capture_on_commit_callbacks(execute=True):
        services.goal_submit(actor=people.rep, goal=goal)

    assert not Notification.objects.exists()


def test_a_rolled_back_change_notifies_nobody(people, cascade, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.goal_return(actor=people.manager, goal=cascade.rep, reason="Too low.")
        raise RuntimeError("the request failed after the return")

    assert callbacks == []
    assert not Notification.objects.exists()


def test_new_flags_reach_the_goal_owner_with_what_the_scan_found(
    people, cascade, cycle, django_capture_on_commit_callbacks, mailoutbox
):
    orphans = [GoalFactory(cycle=cycle, owner=people.rep, title=f"Side project {n}") for n in range(3)]

    with django_capture_on_commit_callbacks(execute=True):
        scan_cycle(cycle.pk)

    flagged = Notification.objects.filter(recipient=people.rep, kind=Kind.GOAL_FLAGGED)
    assert sorted(n.title for n in flagged) == [f"Orphan on your goal “Side project {n}”" for n in range(3)]
    assert {n.url for n in flagged} == {f"{goal.get_absolute_url()}#flags" for goal in orphans}
    assert all(n.body for n in flagged)
    # One message for the rep, listing all three flags; the CRO gets the target shortfall.
    rep_mail = [m for m in mailoutbox if m.to == [people.rep.email]]
    assert len(rep_mail) == 1 and rep_mail[0].subject == "[Cascade] 3 new notifications"
    assert Notification.objects.filter(recipient=people.cro, kind=Kind.GOAL_FLAGGED).count() == 1


def test_stale_progress_flags_are_left_to_check_in_reminders(
    people, cascade, cycle, django_capture_on_commit_callbacks
):
    Goal.objects.filter(pk=cascade.rep.pk).update(created=timezone.now() - datetime.timedelta(days=60))

    with django_capture_on_commit_callbacks(execute=True):
        result = scan_cycle(cycle.pk)

    assert result.opened >= 2  # the stale rep goal and the CRO's shortfall
    assert not Notification.objects.filter(recipient=people.rep).exists()


def test_a_second_scan_tells_nobody_again(people, cascade, cycle, django_capture_on_commit_callbacks):
    GoalFactory(cycle=cycle, owner=people.rep, title="Side project")
    with django_capture_on_commit_callbacks(execute=True):
        scan_cycle(cycle.pk)
    count = Notification.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        scan_cycle(cycle.pk)

    assert Notification.objects.count() == count


def test_a_comment_reaches_the_goal_owner_but_not_the_commenter(people, cascade, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.goal_comment_create(actor=people.peer_rep, goal=cascade.rep, body="Want to pair on the Acme deal?")
        services.goal_comment_create(actor=people.rep, goal=cascade.rep, body="Notes to self.")

    [notification] = inbox_of(people.rep)
    assert notification.kind == Kind.GOAL_COMMENTED
    assert notification.title == "Pat Peer commented on your goal “Riley new ARR”"
    assert notification.body == "Want to pair on the Acme deal?"
    assert inbox_of(people.peer_rep) == []


def test_a_bulk_review_sends_each_owner_one_email(
    people, cascade, cycle, django_capture_on_commit_callbacks, mailoutbox
):
    more = [GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.manager, status=Status.SUBMITTED) for _ in "ab"]
    Goal.objects.filter(pk__in=[cascade.rep.pk, cascade.peer.pk]).update(status=Status.SUBMITTED)
    goals = list(Goal.objects.filter(pk__in=[cascade.rep.pk, cascade.peer.pk, *(g.pk for g in more)]))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.goals_review(actor=people.manager, goals=goals, decision="approve")

    assert len(callbacks) == 1  # one task for the whole review
    assert Notification.objects.filter(recipient=people.rep, kind=Kind.GOAL_APPROVED).count() == 3
    assert sorted(m.to[0] for m in mailoutbox) == sorted([people.rep.email, people.peer_rep.email])
    assert next(m for m in mailoutbox if m.to == [people.rep.email]).subject == "[Cascade] 3 new notifications"
