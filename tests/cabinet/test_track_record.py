"""Track records: each seat's calls and the cabinet's against the committee's decisions and the outcomes."""

import pytest

from cabinet import services
from cabinet.selectors import track_record
from tests.cabinet.conftest import in_days, option

pytestmark = pytest.mark.django_db


def _ask(people, cycle, title):
    return services.question_create(
        actor=people.cro, cycle=cycle, title=title, options=["Yes", "No"], due_date=in_days(7)
    )


def _recommend(person, question, label):
    services.recommendation_record(actor=person, question=question, option=option(question, label), reasoning="r")


def _decide(person, question, label):
    return services.question_decide(actor=person, question=question, option=option(question, label), rationale="d")


def test_seats_and_the_cabinet_build_a_record_from_published_questions(people, cycle, seated):
    agreed = _ask(people, cycle, "Agreed and right")
    _recommend(people.rep, agreed, "Yes")
    _recommend(people.peer_rep, agreed, "Yes")
    agreed = _decide(people.cro, agreed, "Yes")
    services.question_record_outcome(actor=people.cro, question=agreed, option=option(agreed, "Yes"), explanation="e")

    diverged = _ask(people, cycle, "Diverged and right")
    _recommend(people.rep, diverged, "No")
    _recommend(people.peer_rep, diverged, "No")
    diverged = _decide(people.ceo, diverged, "Yes")
    services.question_record_outcome(
        actor=people.rep, question=diverged, option=option(diverged, "No"), explanation="e"
    )

    split = _ask(people, cycle, "Split")
    _recommend(people.rep, split, "Yes")
    _recommend(people.peer_rep, split, "No")
    _decide(people.cro, split, "No")

    sealed = _ask(people, cycle, "Still open")
    _recommend(people.rep, sealed, "Yes")

    record = track_record(cycle)
    cabinet = record.cabinet
    assert (cabinet.decided, cabinet.calls, cabinet.agreed, cabinet.diverged, cabinet.split) == (3, 2, 1, 1, 1)
    assert (cabinet.judged, cabinet.cabinet_right, cabinet.committee_right, cabinet.diverged_and_right) == (2, 2, 1, 1)
    seats = {row.seat.holder: row for row in record.seats}
    rep = seats[people.rep]
    assert (rep.recommended, rep.agreed, rep.diverged, rep.judged, rep.right) == (3, 1, 2, 2, 2)
    peer = seats[people.peer_rep]
    assert (peer.recommended, peer.agreed, peer.diverged, peer.judged, peer.right) == (3, 2, 1, 2, 2)


def test_a_question_nobody_answered_counts_as_unanswered(people, cycle, seated):
    _decide(people.cro, _ask(people, cycle, "Nobody recommended"), "Yes")
    cabinet = track_record(cycle).cabinet
    assert (cabinet.decided, cabinet.unanswered, cabinet.calls) == (1, 1, 0)


def test_a_vacated_term_keeps_its_record(people, cycle, seated):
    question = _ask(people, cycle, "Before stepping down")
    _recommend(people.rep, question, "Yes")
    _decide(people.cro, question, "Yes")
    services.seat_vacate(actor=people.rep, seat=seated.rep, reason="Promoted")
    rows = {row.seat.holder: row for row in track_record(cycle).seats}
    assert rows[people.rep].agreed == 1
