"""Draft, submit, approve or return with a reason: who may move a goal through its workflow."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.exceptions import StateConflict
from goals.models import Goal, Status
from goals.services import goal_approve, goal_create, goal_return, goal_submit, goals_review
from goals.signals import goal_status_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafted(people, cascade, cycle):
    return goal_create(
        actor=people.rep,
        cycle=cycle,
        owner=people.rep,
        parent=cascade.manager,
        title="Expand",
        metric="expansion ARR",
        target=Decimal(80_000),
    )


def fresh(goal):
    return Goal.objects.select_related("owner", "cycle").get(pk=goal.pk)


def test_the_owner_submits_and_their_manager_approves(people, drafted):
    goal_submit(actor=people.rep, goal=drafted)
    goal_approve(actor=people.manager, goal=fresh(drafted))
    assert fresh(drafted).status == Status.APPROVED


def test_anyone_higher_in_the_chain_may_approve(people, drafted):
    goal_submit(actor=people.rep, goal=drafted)
    goal_approve(actor=people.ceo, goal=fresh(drafted))
    assert fresh(drafted).status == Status.APPROVED


@pytest.mark.parametrize("approver", ["rep", "peer_rep", "other_manager"])
def test_people_outside_the_chain_cannot_approve(people, drafted, approver):
    goal_submit(actor=people.rep, goal=drafted)
    with pytest.raises(PermissionDenied):
        goal_approve(actor=getattr(people, approver), goal=fresh(drafted))
    assert fresh(drafted).status == Status.SUBMITTED


def test_only_the_owner_submits(people, drafted):
    with pytest.raises(PermissionDenied):
        goal_submit(actor=people.manager, goal=drafted)


def test_a_draft_cannot_be_approved_before_it_is_submitted(people, drafted):
    with pytest.raises(StateConflict, match="Only submitted goals"):
        goal_approve(actor=people.manager, goal=drafted)


def test_returning_needs_a_reason_and_lets_the_owner_edit_again(people, drafted):
    goal_submit(actor=people.rep, goal=drafted)
    with pytest.raises(ValidationError) as error:
        goal_return(actor=people.manager, goal=fresh(drafted), reason="  ")
    assert "reason" in error.value.message_dict
    goal_return(actor=people.manager, goal=fresh(drafted), reason="Target too low for your patch")
    goal = fresh(drafted)
    assert (goal.status, goal.return_reason) == (Status.RETURNED, "Target too low for your patch")
    assert people.rep.has_perm("goals.change_goal", goal)
    goal_submit(actor=people.rep, goal=goal)
    assert fresh(drafted).status == Status.SUBMITTED
    assert fresh(drafted).return_reason == ""


def test_top_executives_are_approved_by_a_fellow_executive(people, cycle):
    goal = goal_create(
        actor=people.ceo,
        cycle=cycle,
        owner=people.ceo,
        title="Be profitable",
        metric="margin",
        unit="%",
        baseline=Decimal(5),
        target=Decimal(12),
    )
    goal_submit(actor=people.ceo, goal=goal)
    with pytest.raises(PermissionDenied):
        goal_approve(actor=people.ceo, goal=fresh(goal))
    goal_approve(actor=people.cro, goal=fresh(goal))
    assert fresh(goal).status == Status.APPROVED


def test_status_changes_are_announced(people, drafted):
    seen = []

    def receiver(sender, goal, old_status, new_status, actor, reason, **kwargs):
        seen.append((goal.pk, old_status, new_status, actor.username))

    goal_status_changed.connect(receiver)
    try:
        goal_submit(actor=people.rep, goal=drafted)
    finally:
        goal_status_changed.disconnect(receiver)
    assert seen == [(drafted.pk, Status.DRAFT, Status.SUBMITTED, "rep")]


def test_bulk_review_is_all_or_nothing(people, cascade, cycle):
    mine = goal_create(actor=people.rep, cycle=cycle, owner=people.rep, title="A", metric="m", target=Decimal(1))
    peers = goal_create(
        actor=people.peer_rep, cycle=cycle, owner=people.peer_rep, title="B", metric="m", target=Decimal(1)
    )
    goal_submit(actor=people.rep, goal=mine)
    # peers is still a draft, so the batch fails and the first approval is rolled back
    with pytest.raises(StateConflict):
        goals_review(actor=people.manager, goals=[fresh(mine), fresh(peers)], decision="approve")
    assert fresh(mine).status == Status.SUBMITTED
    goal_submit(actor=people.peer_rep, goal=peers)
    goals_review(actor=people.manager, goals=[fresh(mine), fresh(peers)], decision="approve")
    assert {fresh(mine).status, fresh(peers).status} == {Status.APPROVED}
