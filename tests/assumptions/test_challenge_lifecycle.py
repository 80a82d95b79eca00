"""A rep challenges an assumption, others endorse, the owner answers, the goals follow."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assumptions.models import AssumptionStatus, ChallengeStatus, ChangeRequestStatus
from assumptions.services import (
    ProposedChange,
    assumption_create,
    challenge_endorse,
    challenge_open,
    challenge_resolve,
    change_request_apply,
    change_request_decline,
)
from core.exceptions import StateConflict

pytestmark = pytest.mark.django_db


def test_opening_a_challenge_moves_the_assumption_to_challenged(people, churn, cascade, lower_target):
    challenge = challenge_open(
        actor=people.rep,
        assumption=churn,
        claim="Churn in the West is already 11%",
        evidence="Three of my accounts left for a cheaper rival this quarter.",
        course_correction="Lower the West's expansion targets.",
        proposed_changes=[ProposedChange(goal=cascade.rep, proposed_target=lower_target)],
    )

    churn.refresh_from_db()
    assert churn.status == AssumptionStatus.CHALLENGED
    assert challenge.status == ChallengeStatus.OPEN
    assert [(r.goal, r.status) for r in challenge.change_requests.all()] == [(cascade.rep, "proposed")]
    latest = churn.revisions.first()
    assert latest.changes == {"status": ["active", "challenged"]}
    assert latest.author == people.rep and latest.challenge == challenge


@pytest.mark.parametrize("claim", ["", "   ", None])
def test_a_challenge_needs_a_claim(people, churn, claim):
    with pytest.raises(ValidationError) as error:
        challenge_open(actor=people.rep, assumption=churn, claim=claim)
    assert "claim" in error.value.message_dict
    churn.refresh_from_db()
    assert churn.status == AssumptionStatus.ACTIVE
    assert churn.challenges.count() == 0


def test_a_retired_assumption_cannot_be_challenged(people, churn):
    churn.status = AssumptionStatus.RETIRED
    churn.save()
    with pytest.raises(StateConflict):
        challenge_open(actor=people.rep, assumption=churn, claim="It is wrong")


def test_a_course_correction_names_goals_the_challenger_can_see(people, churn, cascade):
    cascade.peer.visibility = "private"
    cascade.peer.save()
    with pytest.raises(ValidationError) as error:
        challenge_open(
            actor=people.other_rep,
            assumption=churn,
            claim="Too optimistic",
            proposed_changes=[ProposedChange(goal=cascade.peer, proposed_target=Decimal(1))],
        )
    assert "proposed_changes" in error.value.message_dict


def test_a_proposed_change_says_what_to_change(people, churn, cascade):
    with pytest.raises(ValidationError) as error:
        challenge_open(
            actor=people.rep,
            assumption=churn,
            claim="Too optimistic",
            proposed_changes=[ProposedChange(goal=cascade.rep)],
        )
    assert "proposed_changes" in error.value.message_dict


def test_each_person_endorses_once_and_not_their_own(people, churn):
    challenge = challenge_open(actor=people.rep, assumption=churn, claim="Too optimistic")
    challenge_endorse(actor=people.peer_rep, challenge=challenge)
    challenge_endorse(actor=people.other_rep, challenge=challenge)

    with pytest.raises(ValidationError) as error:
        challenge_endorse(actor=people.peer_rep, challenge=challenge)
    assert "already endorsed" in error.value.message_dict["challenge"][0]
    with pytest.raises(PermissionDenied):
        challenge_endorse(actor=people.rep, challenge=challenge)
    assert challenge.endorsements.count() == 2


def test_only_the_owner_resolves_and_always_with_a_response(people, churn):
    challenge = challenge_open(actor=people.rep, assumption=churn, claim="Too optimistic")
    with pytest.raises(PermissionDenied):
        challenge_resolve(actor=people.cro, challenge=challenge, status="declined", response="No.")
    with pytest.raises(ValidationError) as error:
        challenge_resolve(actor=people.ceo, challenge=challenge, status="declined", response="  ")
    assert "response" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        challenge_resolve(actor=people.ceo, challenge=challenge, status="maybe", response="Hm")
    assert "status" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        challenge_resolve(actor=people.ceo, challenge=challenge, status="accepted", response="Yes", outcome="upheld")
    assert "outcome" in error.value.message_dict
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.OPEN


def test_accepting_revises_the_assumption_and_asks_the_goal_owner_to_correct_course(
    people, churn, cascade, lower_target
):
    challenge = challenge_open(
        actor=people.rep,
        assumption=churn,
        claim="Churn in the West is already 11%",
        proposed_changes=[ProposedChange(goal=cascade.rep, proposed_target=lower_target, note="Fewer renewals")],
    )
    challenge_resolve(
        actor=people.ceo,
        challenge=challenge,
        status="accepted",
        response="The data agrees; we plan for 11%.",
        outcome="revised",
        statement="Mid-market churn stays under 12%",
    )

    churn.refresh_from_db()
    challenge.refresh_from_db()
    assert churn.status == AssumptionStatus.REVISED
    assert churn.statement == "Mid-market churn stays under 12%"
    assert challenge.status == ChallengeStatus.ACCEPTED and challenge.outcome == AssumptionStatus.REVISED
    assert challenge.resolved_by == people.ceo and challenge.resolved_at is not None
    revision = churn.revisions.first()
    assert revision.challenge == challenge
    assert revision.changes == {
        "statement": ["Mid-market churn stays under 8%", "Mid-market churn stays under 12%"],
        "status": ["challenged", "revised"],
    }

    request = challenge.change_requests.get()
    assert request.status == ChangeRequestStatus.PENDING
    with pytest.raises(PermissionDenied):
        change_request_apply(actor=people.peer_rep, change_request=request)
    change_request_apply(actor=people.manager, change_request=request)

    cascade.rep.refresh_from_db()
    request.refresh_from_db()
    assert cascade.rep.target == lower_target
    assert request.status == ChangeRequestStatus.APPLIED
    assert request.previous_target == Decimal(200_000) and request.decided_by == people.manager
    with pytest.raises(StateConflict):
        change_request_apply(actor=people.rep, change_request=request)


def test_a_change_request_is_declined_with_a_reason(people, churn, cascade, lower_target):
    challenge = challenge_open(
        actor=people.peer_rep,
        assumption=churn,
        claim="Too optimistic",
        proposed_changes=[ProposedChange(goal=cascade.rep, proposed_target=lower_target)],
    )
    challenge_resolve(actor=people.ceo, challenge=challenge, status="accepted", response="Agreed", outcome="retired")
    request = challenge.change_requests.get()

    with pytest.raises(ValidationError) as error:
        change_request_decline(actor=people.rep, change_request=request, note="")
    assert "note" in error.value.message_dict
    change_request_decline(actor=people.rep, change_request=request, note="My pipeline covers it.")

    request.refresh_from_db()
    cascade.rep.refresh_from_db()
    assert request.status == ChangeRequestStatus.DECLINED
    assert cascade.rep.target == Decimal(200_000)
    churn.refresh_from_db()
    assert churn.status == AssumptionStatus.RETIRED


def test_declining_upholds_the_assumption_once_no_challenge_is_open(people, churn, cascade, lower_target):
    first = challenge_open(
        actor=people.rep,
        assumption=churn,
        claim="Too optimistic",
        proposed_changes=[ProposedChange(goal=cascade.rep, proposed_target=lower_target)],
    )
    second = challenge_open(actor=people.other_rep, assumption=churn, claim="The East sees the same")

    challenge_resolve(actor=people.ceo, challenge=first, status="declined", response="One region, one quarter.")
    churn.refresh_from_db()
    assert churn.status == AssumptionStatus.CHALLENGED  # the second is still open
    assert first.change_requests.get().status == ChangeRequestStatus.WITHDRAWN

    challenge_resolve(actor=people.ceo, challenge=second, status="declined", response="Still within range.")
    churn.refresh_from_db()
    assert churn.status == AssumptionStatus.UPHELD
    with pytest.raises(StateConflict):
        challenge_resolve(actor=people.ceo, challenge=second, status="accepted", response="Changed my mind")


def test_a_closed_cycle_takes_no_new_challenges(people, churn, cycle):
    cycle.phase = "closed"
    cycle.save()
    churn.refresh_from_db()
    with pytest.raises(StateConflict):
        challenge_open(actor=people.rep, assumption=churn, claim="Too optimistic")


def test_goals_resting_on_a_challenged_assumption_are_flagged_and_cleared_when_upheld(
    people, cycle, cascade, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from goals.models import AlignmentFlag

    cache.clear()

    def open_flags():
        return set(AlignmentFlag.objects.open().filter(kind="assumption_at_risk").values_list("goal_id", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        pricing = assumption_create(
            actor=people.cro, cycle=cycle, statement="List prices hold", goals=[cascade.manager, cascade.rep]
        )
    with django_capture_on_commit_callbacks(execute=True):
        challenge = challenge_open(actor=people.rep, assumption=pricing, claim="Rivals cut prices 20%")
    assert open_flags() == {cascade.manager.pk, cascade.rep.pk}

    with django_capture_on_commit_callbacks(execute=True):
        challenge_resolve(actor=people.cro, challenge=challenge, status="declined", response="Our deals hold price.")
    assert open_flags() == set()


def test_once_the_cycle_closes_threads_votes_and_course_corrections_are_read_only(
    people, churn, cascade, cycle, lower_target
):
    from assumptions.services import comment_edit, comment_post, comment_remove

    challenge = challenge_open(
        actor=people.rep,
        assumption=churn,
        claim="Too optimistic",
        proposed_changes=[ProposedChange(goal=cascade.rep, note="Lower it")],
    )
    comment = comment_post(actor=people.peer_rep, challenge=challenge, body="Agree")
    challenge_resolve(actor=people.ceo, challenge=challenge, status="accepted", response="Yes", outcome="revised")
    request = challenge.change_requests.get()
    cycle.phase = "closed"
    cycle.save()
    challenge.refresh_from_db()
    comment.refresh_from_db()

    for attempt in (
        lambda: challenge_endorse(actor=people.other_rep, challenge=challenge),
        lambda: comment_post(actor=people.other_rep, challenge=challenge, body="Late"),
        lambda: comment_edit(actor=people.peer_rep, comment=comment, body="Edited"),
        lambda: comment_remove(actor=people.peer_rep, comment=comment),
        lambda: change_request_apply(actor=people.rep, change_request=request),
        lambda: change_request_decline(actor=people.rep, change_request=request, note="No"),
    ):
        with pytest.raises(StateConflict):
            attempt()
    request.refresh_from_db()
    assert request.status == ChangeRequestStatus.PENDING


def test_an_admin_cannot_answer_for_the_owner(people, churn):
    challenge = challenge_open(actor=people.rep, assumption=churn, claim="Too optimistic")
    assert people.staff.is_superuser
    with pytest.raises(PermissionDenied):
        challenge_resolve(actor=people.staff, challenge=challenge, status="declined", response="Overruled")
