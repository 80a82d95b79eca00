"""Endorsing a challenge (one vote each) and the owner's answer to it."""

import pytest

from assumptions import services
from assumptions.models import Challenge, ChangeRequest, Endorsement
from tests.assumptions_web.conftest import html, signed_in

pytestmark = pytest.mark.django_db


def test_a_colleague_endorses_a_challenge_once(client, people, challenge):
    signed_in(client, people.peer_rep)
    response = client.post(f"/assumptions/challenges/{challenge.pk}/endorse/")
    assert response.status_code == 302
    assert Endorsement.objects.filter(challenge=challenge, person=people.peer_rep).count() == 1
    page = html(client.get(f"/assumptions/challenges/{challenge.pk}/"))
    assert "you endorsed this" in page and "<strong>1</strong> endorsement" in page
    assert f'action="/assumptions/challenges/{challenge.pk}/endorse/"' not in page


def test_endorsing_twice_says_so_and_keeps_one_vote(client, people, challenge):
    signed_in(client, people.peer_rep)
    client.post(f"/assumptions/challenges/{challenge.pk}/endorse/")
    response = client.post(f"/assumptions/challenges/{challenge.pk}/endorse/", follow=True)
    assert "You already endorsed this challenge." in html(response)
    assert Endorsement.objects.filter(challenge=challenge).count() == 1


def test_endorsing_with_htmx_answers_with_the_updated_button(client, people, challenge):
    signed_in(client, people.peer_rep)
    response = client.post(f"/assumptions/challenges/{challenge.pk}/endorse/", HTTP_HX_REQUEST="true")
    page = html(response)
    assert "<html" not in page and f'id="endorse-{challenge.pk}"' in page
    assert "<strong>1</strong> endorsement" in page and "you endorsed this" in page
    again = html(client.post(f"/assumptions/challenges/{challenge.pk}/endorse/", HTTP_HX_REQUEST="true"))
    assert "You already endorsed this challenge." in again and "<strong>1</strong> endorsement" in again


def test_the_author_cannot_endorse_their_own_challenge(client, people, challenge):
    signed_in(client, people.rep)
    assert "Endorse the challenge" not in html(client.get(f"/assumptions/challenges/{challenge.pk}/"))
    response = client.post(f"/assumptions/challenges/{challenge.pk}/endorse/")
    assert response.status_code == 403
    assert not Endorsement.objects.exists()


def test_an_answered_challenge_takes_no_more_endorsements(client, people, challenge):
    services.challenge_resolve(actor=people.cro, challenge=challenge, status="declined", response="Not convinced")
    response = signed_in(client, people.peer_rep).post(f"/assumptions/challenges/{challenge.pk}/endorse/", follow=True)
    assert "endorsements are closed" in html(response)
    assert not Endorsement.objects.exists()


def _resolve(client, challenge, **data):
    return client.post(f"/assumptions/challenges/{challenge.pk}/resolve/", data)


def test_the_owner_accepts_with_a_revised_statement_and_course_corrections_go_out(client, people, cascade, challenge):
    signed_in(client, people.cro)
    page = html(client.get(f"/assumptions/challenges/{challenge.pk}/"))
    assert "Answer this challenge" in page
    response = _resolve(
        client,
        challenge,
        decision="accepted",
        response="Fair: deal desk confirms the discounting.",
        outcome="revised",
        statement="Enterprise deal size grows 5%",
        rationale="The platform tier bundles analytics.",
        evidence="Pilot deals closed 14% above list.",
        confidence="medium",
    )
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.status == "accepted" and challenge.resolved_by == people.cro
    assumption = challenge.assumption
    assumption.refresh_from_db()
    assert (assumption.status, assumption.statement, assumption.confidence) == (
        "revised",
        "Enterprise deal size grows 5%",
        "medium",
    )
    assert ChangeRequest.objects.get().status == "pending"
    page = html(client.get(f"/assumptions/challenges/{challenge.pk}/"))
    assert "Accepted by Robin Revenue" in page and "Fair: deal desk confirms the discounting." in page
    assert "Answer this challenge" not in page
    history = html(client.get(f"/assumptions/{assumption.pk}/")).split('id="history"')[1]
    assert "<ins>Enterprise deal size grows 5%</ins>" in history and "Accepted: Buyers trade" in history


def test_the_owner_declines_and_the_assumption_is_upheld(client, people, challenge):
    _resolve(signed_in(client, people.cro), challenge, decision="declined", response="Q3 numbers say otherwise")
    challenge.refresh_from_db()
    assert challenge.status == "declined"
    assert challenge.assumption.status == "upheld"
    assert ChangeRequest.objects.get().status == "withdrawn"


def test_an_answer_without_a_response_is_refused_keeping_what_was_typed(client, people, challenge):
    response = _resolve(
        signed_in(client, people.cro),
        challenge,
        decision="accepted",
        response="  ",
        outcome="revised",
        statement="My new wording",
        confidence="low",
    )
    page = html(response)
    assert response.status_code == 200
    assert 'id="id_response_error"' in page and "Explain your answer" in page
    assert 'value="My new wording"' in page
    assert Challenge.objects.get(pk=challenge.pk).status == "open"


def test_an_answer_needs_a_decision(client, people, challenge):
    page = html(_resolve(signed_in(client, people.cro), challenge, response="Something"))
    assert 'id="id_decision_error"' in page
    assert Challenge.objects.get(pk=challenge.pk).status == "open"


@pytest.mark.parametrize("login", ["rep", "ceo", "manager", "staff"])
def test_only_the_assumptions_owner_answers_its_challenges(client, people, challenge, login):
    signed_in(client, getattr(people, login))
    assert "Answer this challenge" not in html(client.get(f"/assumptions/challenges/{challenge.pk}/"))
    response = _resolve(client, challenge, decision="declined", response="Not yours to answer")
    assert response.status_code == 403
    assert "Only the assumption" in html(response)
    assert Challenge.objects.get(pk=challenge.pk).status == "open"


def test_answering_an_already_answered_challenge_says_so_and_keeps_the_text(client, people, challenge):
    services.challenge_resolve(actor=people.cro, challenge=challenge, status="declined", response="First answer")
    response = _resolve(signed_in(client, people.cro), challenge, decision="accepted", response="Second thoughts")
    page = html(response)
    assert response.status_code == 200
    assert "This challenge was already answered." in page and "Second thoughts" in page
    assert Challenge.objects.get(pk=challenge.pk).response == "First answer"
