"""Competing course corrections: applying one target change supersedes the others on the same goal."""

from decimal import Decimal

import pytest

from assumptions.models import ChallengeStatus, ChangeRequestStatus
from assumptions.services import change_request_apply, change_request_decline
from notifications.models import Kind, Notification
from tests.factories import AssumptionFactory, ChallengeFactory, ChangeRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def competing(people, cycle, cascade):
    """Two accepted challenges each ask for a different target on Riley's goal ($200,000 today)."""
    assumption = AssumptionFactory(cycle=cycle, owner=people.cro)
    first = ChallengeFactory(
        assumption=assumption, author=people.peer_rep, status=ChallengeStatus.ACCEPTED, claim="Churn is up"
    )
    second = ChallengeFactory(
        assumption=assumption, author=people.other_rep, status=ChallengeStatus.ACCEPTED, claim="Deals are slipping"
    )
    open_challenge = ChallengeFactory(assumption=assumption, author=people.manager, claim="Pricing changed")

    def change(challenge, target, status=ChangeRequestStatus.PENDING):
        return ChangeRequestFactory(
            challenge=challenge, goal=cascade.rep, proposed_target=Decimal(target), status=status
        )

    return (
        change(first, 150_000),
        change(second, 170_000),
        change(open_challenge, 160_000, status=ChangeRequestStatus.PROPOSED),
    )


def test_applying_one_supersedes_the_other_target_changes_on_the_goal(people, cascade, competing):
    applied, other, proposed = competing

    change_request_apply(actor=people.rep, change_request=applied)

    for request in (other, proposed):
        request.refresh_from_db()
        assert request.status == ChangeRequestStatus.SUPERSEDED
        assert request.decided_by == people.rep and request.previous_target == Decimal(200_000)
    assert other.decision_note == (
        "Superseded: Riley Rep applied another course correction first, from the challenge “Churn is up”, "
        "which moved the target from $200,000 to $150,000. This one proposed $170,000 against the old target; "
        "propose it again if it still applies."
    )


def test_their_authors_hear_that_their_course_correction_was_superseded(
    people, cascade, competing, django_capture_on_commit_callbacks
):
    applied, _other, _proposed = competing

    with django_capture_on_commit_callbacks(execute=True):
        change_request_apply(actor=people.rep, change_request=applied)

    [told] = Notification.objects.filter(recipient=people.other_rep, kind=Kind.CHANGE_REQUEST_DECIDED)
    assert told.title == "Your course correction to “Riley new ARR” was superseded by another one"
    assert "moved the target from $200,000 to $150,000" in told.body
    assert Notification.objects.filter(recipient=people.manager, kind=Kind.CHANGE_REQUEST_DECIDED).count() == 1
    [applied_told] = Notification.objects.filter(recipient=people.peer_rep, kind=Kind.CHANGE_REQUEST_DECIDED)
    assert "applied your course correction" in applied_told.title


def test_a_superseded_change_can_no_longer_be_applied(people, cascade, competing):
    from core.exceptions import StateConflict

    applied, other, _proposed = competing
    change_request_apply(actor=people.rep, change_request=applied)

    with pytest.raises(StateConflict, match="superseded"):
        change_request_apply(actor=people.rep, change_request=other)
    cascade.rep.refresh_from_db()
    assert cascade.rep.target == Decimal(150_000)


def test_declining_one_leaves_the_others_open(people, cascade, competing):
    declined, other, proposed = competing

    change_request_decline(actor=people.rep, change_request=declined, note="We keep our number")

    other.refresh_from_db()
    proposed.refresh_from_db()
    assert (other.status, proposed.status) == (ChangeRequestStatus.PENDING, ChangeRequestStatus.PROPOSED)


def test_a_change_without_a_new_target_supersedes_nothing(people, cascade, competing):
    applied, other, _proposed = competing
    applied.proposed_target = None
    applied.note = "Focus on renewals"
    applied.save()

    change_request_apply(actor=people.rep, change_request=applied)

    other.refresh_from_db()
    assert other.status == ChangeRequestStatus.PENDING


def test_the_superseded_change_reads_against_the_target_it_was_proposed_for(client, people, cascade, competing):
    applied, other, _proposed = competing
    change_request_apply(actor=people.rep, change_request=applied)

    client.force_login(people.other_rep)
    page = client.get(other.get_absolute_url()).content.decode()

    assert "target $200,000 &rarr; $170,000" in page
    assert "Superseded by Riley Rep" in page
