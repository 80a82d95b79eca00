"""Challenge threads: replies nest to any depth and read in order; removed comments keep their place."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assumptions.models import Comment
from assumptions.services import challenge_open, comment_edit, comment_post, comment_remove
from core.exceptions import StateConflict
from core.tree_integrity import tree_problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge(people, churn):
    return challenge_open(actor=people.rep, assumption=churn, claim="Churn in the West is already 11%")


def thread(challenge) -> list[tuple[int, str]]:
    comments = Comment.objects.filter(challenge=challenge).order_by("tree_id", "lft")
    return [(comment.level, comment.body) for comment in comments]


def test_replies_nest_to_any_depth_and_read_in_order(people, challenge):
    first = comment_post(actor=people.peer_rep, challenge=challenge, body="Same in my patch")
    second = comment_post(actor=people.manager, challenge=challenge, body="Which accounts?")
    reply = comment_post(actor=people.rep, challenge=challenge, body="Acme and Globex", parent=second)
    deeper = comment_post(actor=people.manager, challenge=challenge, body="Both renewals?", parent=reply)
    deepest = comment_post(actor=people.rep, challenge=challenge, body="Yes, both", parent=deeper)
    comment_post(actor=people.ceo, challenge=challenge, body="Thanks, looking", parent=first)
    for depth in range(6):
        deepest = comment_post(actor=people.peer_rep, challenge=challenge, body=f"level {5 + depth}", parent=deepest)

    assert thread(challenge) == [
        (0, "Same in my patch"),
        (1, "Thanks, looking"),
        (0, "Which accounts?"),
        (1, "Acme and Globex"),
        (2, "Both renewals?"),
        (3, "Yes, both"),
        *[(4 + depth, f"level {5 + depth}") for depth in range(6)],
    ]
    assert tree_problems(Comment) == []


def test_a_reply_stays_in_its_own_thread(people, churn, challenge):
    other = challenge_open(actor=people.other_rep, assumption=churn, claim="Pricing is the issue")
    elsewhere = comment_post(actor=people.rep, challenge=other, body="Agree")
    with pytest.raises(ValidationError) as error:
        comment_post(actor=people.peer_rep, challenge=challenge, body="Reply", parent=elsewhere)
    assert "another thread" in error.value.message_dict["parent"][0]
    assert Comment.objects.filter(challenge=challenge).count() == 0


def test_an_empty_comment_is_refused(people, challenge):
    with pytest.raises(ValidationError) as error:
        comment_post(actor=people.peer_rep, challenge=challenge, body=" \n ")
    assert "body" in error.value.message_dict


def test_authors_edit_and_remove_their_comments_and_replies_stay(people, challenge):
    parent = comment_post(actor=people.peer_rep, challenge=challenge, body="Same in my patch")
    comment_post(actor=people.rep, challenge=challenge, body="Which ones?", parent=parent)

    with pytest.raises(PermissionDenied):
        comment_edit(actor=people.rep, comment=parent, body="Hijacked")
    comment_edit(actor=people.peer_rep, comment=parent, body="Same in my patch: 2 losses")
    with pytest.raises(PermissionDenied):
        comment_remove(actor=people.rep, comment=parent)
    comment_remove(actor=people.peer_rep, comment=parent)

    parent.refresh_from_db()
    assert parent.is_removed and parent.body == "" and parent.edited_at is not None
    assert thread(challenge) == [(0, ""), (1, "Which ones?")]
    with pytest.raises(StateConflict):
        comment_edit(actor=people.peer_rep, comment=parent, body="Back again")
