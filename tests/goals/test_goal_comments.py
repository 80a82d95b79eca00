"""Comments on goals: who may comment and remove, what is refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.exceptions import StateConflict
from goals.models import GoalComment, Visibility
from goals.services import goal_comment_create, goal_comment_delete
from goals.signals import goal_commented
from tests.factories import CycleFactory, GoalFactory

pytestmark = pytest.mark.django_db


def test_anyone_who_sees_a_goal_comments_and_the_comment_is_announced(people, cascade):
    heard = []
    goal_commented.connect(lambda sender, comment, **kwargs: heard.append(comment), weak=False, dispatch_uid="t")
    try:
        comment = goal_comment_create(actor=people.other_rep, goal=cascade.rep, body="  Which accounts?  ")
    finally:
        goal_commented.disconnect(dispatch_uid="t")
    assert comment.body == "Which accounts?"
    assert heard == [comment]


def test_an_empty_comment_is_refused(people, cascade):
    with pytest.raises(ValidationError) as error:
        goal_comment_create(actor=people.rep, goal=cascade.rep, body="   ")
    assert error.value.message_dict == {"body": ["Write something before posting."]}


def test_nobody_comments_on_a_private_goal_they_cannot_see(people, cascade):
    secret = GoalFactory(
        cycle=cascade.rep.cycle, owner=people.rep, parent=cascade.manager, visibility=Visibility.PRIVATE
    )
    with pytest.raises(PermissionDenied):
        goal_comment_create(actor=people.peer_rep, goal=secret, body="Hi")
    assert goal_comment_create(actor=people.manager, goal=secret, body="Hi").pk


def test_a_closed_cycle_takes_no_comments(people):
    closed = CycleFactory(name="FY2020", phase="closed")
    goal = GoalFactory(cycle=closed, owner=people.rep)
    with pytest.raises(StateConflict):
        goal_comment_create(actor=people.rep, goal=goal, body="Too late")


def test_only_the_author_or_an_admin_removes_a_comment(people, cascade):
    comment = goal_comment_create(actor=people.peer_rep, goal=cascade.rep, body="Mine")
    with pytest.raises(PermissionDenied):
        goal_comment_delete(actor=people.rep, comment=comment)
    goal_comment_delete(actor=people.staff, comment=comment)
    assert not GoalComment.objects.exists()
