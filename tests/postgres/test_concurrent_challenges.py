"""Many people discussing and endorsing one challenge at once (PostgreSQL only)."""

import contextlib

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Person
from assumptions.models import Comment, Endorsement
from assumptions.services import assumption_create, challenge_endorse, challenge_open, comment_post
from core.tree_integrity import tree_problems
from tests.factories import PersonFactory
from tests.postgres.test_concurrent_tree_writes import run_in_threads

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def challenge(people, cycle):
    assumption = assumption_create(actor=people.ceo, cycle=cycle, statement="Churn stays under 8%")
    return challenge_open(actor=people.rep, assumption=assumption, claim="Churn is 11% in the West")


def test_concurrent_replies_and_new_comments_leave_sound_threads(people, challenge):
    opening = comment_post(actor=people.peer_rep, challenge=challenge, body="Same here")

    def work(index: int) -> None:
        author = Person.objects.get(pk=people.manager.pk)
        for n in range(5):
            if index % 2:
                comment_post(actor=author, challenge=challenge, body=f"new {index}-{n}")
            else:
                parent = Comment.objects.get(pk=opening.pk)
                comment_post(actor=author, challenge=challenge, body=f"reply {index}-{n}", parent=parent)

    assert run_in_threads(8, work) == []
    assert Comment.objects.filter(challenge=challenge).count() == 1 + 40
    assert Comment.objects.get(pk=opening.pk).get_children().count() == 20
    assert tree_problems(Comment) == []


def test_concurrent_double_endorsements_count_once(people, challenge):
    voter = PersonFactory()

    def work(index: int) -> None:
        with contextlib.suppress(ValidationError):
            challenge_endorse(actor=Person.objects.get(pk=voter.pk), challenge=challenge)

    assert run_in_threads(6, work) == []
    assert Endorsement.objects.filter(challenge=challenge).count() == 1
