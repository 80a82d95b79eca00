"""Challenges, their threads and course corrections reach the people they concern, never the actor."""

from decimal import Decimal

import pytest

from assumptions import services
from assumptions.services import ProposedChange, assumption_create
from goals.models import Goal, Visibility
from notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def churn(people, cycle, cascade):
    return assumption_create(
        actor=people.ceo,
        cycle=cycle,
        statement="Mid-market churn stays under 8%",
        rationale="Churn was 7.1% last year.",
        goals=[cascade.objective, cascade.manager, cascade.rep],
    )


@pytest.fixture
def deliver_after_commit(django_capture_on_commit_callbacks):
    """Run what the services schedule after their commit (the tasks run in-process)."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def inbox_of(person, kind=None):
    notifications = Notification.objects.filter(recipient=person)
    if kind:
        notifications = notifications.filter(kind=kind)
    return list(notifications.order_by("id"))


def open_challenge(run, people, churn, **extra):
    return run(
        services.challenge_open,
        actor=people.rep,
        assumption=churn,
        claim="Churn hit 11% in Q3",
        evidence="Q3 cohort report",
        **extra,
    )


def test_a_challenge_reaches_the_assumptions_owner(people, churn, deliver_after_commit, mailoutbox):
    challenge = open_challenge(deliver_after_commit, people, churn)

    [notification] = inbox_of(people.ceo, Kind.CHALLENGE_OPENED)
    assert notification.title == "Riley Rep challenged your assumption “Mid-market churn stays under 8%”"
    assert notification.body == "Churn hit 11% in Q3"
    assert notification.actor == people.rep
    assert inbox_of(people.rep, Kind.CHALLENGE_OPENED) == []
    assert any(m.to == [people.ceo.email] for m in mailoutbox)
    assert notification.url == f"/assumptions/challenges/{challenge.pk}/"


def test_the_challenges_author_hears_how_it_was_resolved(people, churn, deliver_after_commit):
    challenge = open_challenge(deliver_after_commit, people, churn)

    deliver_after_commit(
        services.challenge_resolve,
        actor=people.ceo,
        challenge=challenge,
        status="declined",
        response="Q3 had one-off losses; Q4 is back at 7%.",
    )

    [notification] = inbox_of(people.rep, Kind.CHALLENGE_RESOLVED)
    assert notification.title == "Casey Chief declined your challenge “Churn hit 11% in Q3”"
    assert notification.body == "Q3 had one-off losses; Q4 is back at 7%."
    assert inbox_of(people.ceo, Kind.CHALLENGE_RESOLVED) == []


def test_a_reply_reaches_the_challenges_author_and_a_nested_one_the_comments_author(
    people, churn, deliver_after_commit
):
    challenge = open_challenge(deliver_after_commit, people, churn)

    first = deliver_after_commit(
        services.comment_post, actor=people.peer_rep, challenge=challenge, body="Same in West."
    )
    deliver_after_commit(
        services.comment_post, actor=people.manager, challenge=challenge, body="Which accounts?", parent=first
    )

    rep_replies = inbox_of(people.rep, Kind.REPLY)
    assert [n.title for n in rep_replies] == [
        "Pat Peer replied to your challenge “Churn hit 11% in Q3”",
        "Morgan West replied to your challenge “Churn hit 11% in Q3”",
    ]
    [nested] = inbox_of(people.peer_rep, Kind.REPLY)
    assert nested.title == "Morgan West replied to your comment on “Churn hit 11% in Q3”"
    assert nested.body == "Which accounts?"
    assert nested.url == f"/assumptions/challenges/{challenge.pk}/#comment-{nested.dedupe_key.split(':')[1]}"
    assert inbox_of(people.manager, Kind.REPLY) == []


def test_replying_in_ones_own_thread_notifies_nobody_of_it(people, churn, deliver_after_commit):
    challenge = open_challenge(deliver_after_commit, people, churn)
    first = deliver_after_commit(services.comment_post, actor=people.peer_rep, challenge=challenge, body="Seen it too.")

    deliver_after_commit(services.comment_post, actor=people.rep, challenge=challenge, body="Thanks!", parent=first)

    assert [n.actor for n in inbox_of(people.peer_rep, Kind.REPLY)] == [people.rep]
    assert [n.actor for n in inbox_of(people.rep, Kind.REPLY)] == [people.peer_rep]


def test_an_accepted_course_correction_asks_the_goals_owner_and_their_decision_reaches_the_proposer(
    people, cascade, churn, deliver_after_commit
):
    challenge = open_challenge(
        deliver_after_commit,
        people,
        churn,
        course_correction="Lower the West target",
        proposed_changes=[ProposedChange(goal=cascade.manager, proposed_target=Decimal(300_000), note="Q3 churn")],
    )
    deliver_after_commit(
        services.challenge_resolve,
        actor=people.ceo,
        challenge=challenge,
        status="accepted",
        response="Fair: revising to 10%.",
        statement="Mid-market churn stays under 10%",
    )

    [asked] = inbox_of(people.manager, Kind.CHANGE_REQUESTED)
    assert asked.title == "An accepted challenge asks you to change your goal “West new ARR”"
    assert asked.body == "Proposed target: $300,000 (now $400,000). Q3 churn"
    assert asked.url == challenge.change_requests.get().get_absolute_url()  # where they apply or decline it

    change_request = challenge.change_requests.get()
    deliver_after_commit(services.change_request_apply, actor=people.manager, change_request=change_request)

    [decided] = inbox_of(people.rep, Kind.CHANGE_REQUEST_DECIDED)
    assert decided.title == "Morgan West applied your course correction to “West new ARR”"
    assert inbox_of(people.manager, Kind.CHANGE_REQUEST_DECIDED) == []


def test_a_private_goal_is_never_named_to_someone_outside_its_chain(people, cascade, churn, deliver_after_commit):
    challenge = open_challenge(
        deliver_after_commit,
        people,
        churn,
        proposed_changes=[ProposedChange(goal=cascade.peer, note="Lower it")],
    )
    deliver_after_commit(
        services.challenge_resolve, actor=people.ceo, challenge=challenge, status="accepted", response="Agreed."
    )
    Goal.objects.filter(pk=cascade.peer.pk).update(visibility=Visibility.PRIVATE)
    change_request = challenge.change_requests.get()

    deliver_after_commit(
        services.change_request_decline, actor=people.peer_rep, change_request=change_request, note="Keeping it."
    )

    [decided] = inbox_of(people.rep, Kind.CHANGE_REQUEST_DECIDED)
    assert "Pat new ARR" not in decided.title and "Pat new ARR" not in decided.body
    assert decided.title == "Your course correction to a goal you cannot see was declined"
    assert decided.url != cascade.peer.get_absolute_url()
