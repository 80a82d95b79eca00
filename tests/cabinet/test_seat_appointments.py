"""Appointing the Shadow Cabinet: offer, accept or decline, withdraw, vacate, re-fill; terms never overlap."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cabinet import services
from cabinet.models import SeatStatus, ShadowSeat
from cabinet.selectors import seat_history, shadow_cabinet
from core.exceptions import StateConflict
from tests.clock import TEST_TODAY

pytestmark = pytest.mark.django_db


def test_an_offer_runs_from_today_to_the_end_of_the_cycle_and_waits_for_an_answer(
    people, cycle, committee, high_performers
):
    seat = services.seat_offer(
        actor=people.cro, cycle=cycle, role=committee.cro, holder=people.rep, note="Field sense."
    )
    assert (seat.status, seat.term_start, seat.term_end) == (
        SeatStatus.OFFERED,
        max(TEST_TODAY, cycle.start),
        cycle.end,
    )
    assert (seat.offered_by, seat.offer_note) == (people.cro, "Field sense.")


def test_a_seat_is_only_for_someone_marked_high_performer(people, cycle, committee):
    with pytest.raises(ValidationError) as error:
        services.seat_offer(actor=people.cro, cycle=cycle, role=committee.cro, holder=people.rep)
    assert "not marked a high performer" in error.value.message_dict["holder"][0]
    assert not ShadowSeat.objects.exists()


def test_reps_and_managers_do_not_appoint(people, cycle, committee, high_performers):
    for person in (people.manager, people.peer_rep):
        with pytest.raises(PermissionDenied):
            services.seat_offer(actor=person, cycle=cycle, role=committee.cro, holder=people.rep)


def test_terms_of_one_seat_cannot_overlap(people, cycle, committee, high_performers):
    services.seat_offer(actor=people.cro, cycle=cycle, role=committee.cro, holder=people.rep)
    with pytest.raises(ValidationError) as error:
        services.seat_offer(actor=people.cro, cycle=cycle, role=committee.cro, holder=people.peer_rep)
    assert "terms of one seat cannot overlap" in error.value.message_dict["term_start"][0]
    assert ShadowSeat.objects.count() == 1


def test_terms_of_one_seat_may_follow_each_other(people, cycle, committee, high_performers):
    middle = cycle.start + (cycle.end - cycle.start) / 2
    first = services.seat_offer(
        actor=people.cro,
        cycle=cycle,
        role=committee.cro,
        holder=people.rep,
        term_start=cycle.start,
        term_end=middle,
        now=datetime.datetime.combine(cycle.start, datetime.time(9), tzinfo=datetime.UTC),
    )
    second = services.seat_offer(
        actor=people.cro,
        cycle=cycle,
        role=committee.cro,
        holder=people.peer_rep,
        term_start=middle + datetime.timedelta(days=1),
        term_end=cycle.end,
        now=datetime.datetime.combine(cycle.start, datetime.time(9), tzinfo=datetime.UTC),
    )
    assert first.term_end < second.term_start


def test_a_person_holds_one_seat_at_a_time(people, cycle, committee, high_performers):
    services.seat_offer(actor=people.cro, cycle=cycle, role=committee.cro, holder=people.rep)
    with pytest.raises(ValidationError) as error:
        services.seat_offer(actor=people.cro, cycle=cycle, role=committee.ceo, holder=people.rep)
    assert "a person holds one seat at a time" in error.value.message_dict["holder"][0]


def test_a_term_stays_within_its_cycle_and_does_not_end_in_the_past(people, cycle, committee, high_performers):
    with pytest.raises(ValidationError) as error:
        services.seat_offer(
            actor=people.cro,
            cycle=cycle,
            role=committee.cro,
            holder=people.rep,
            term_start=cycle.start,
            term_end=cycle.end + datetime.timedelta(days=1),
        )
    assert "by the end of" in error.value.message_dict["term_end"][0]
    with pytest.raises(ValidationError) as error:
        services.seat_offer(
            actor=people.cro,
            cycle=cycle,
            role=committee.cro,
            holder=people.rep,
            term_start=cycle.start - datetime.timedelta(days=1),
        )
    assert "term_start" in error.value.message_dict
    if cycle.start < TEST_TODAY:
        with pytest.raises(ValidationError) as error:
            services.seat_offer(
                actor=people.cro,
                cycle=cycle,
                role=committee.cro,
                holder=people.rep,
                term_start=cycle.start,
                term_end=TEST_TODAY - datetime.timedelta(days=1),
            )
        assert "ended before today" in error.value.message_dict["term_end"][0]


def test_only_the_person_offered_accepts_and_then_they_sit(people, cycle, committee, high_performers):
    seat = services.seat_offer(actor=people.cro, cycle=cycle, role=committee.cro, holder=people.rep)
    with pytest.raises(PermissionDenied):
        services.seat_accept(actor=people.cro, seat=seat)
    seat = services.seat_accept(actor=people.rep, seat=seat, note="Honoured.")
    assert (seat.status, seat.response_note) == (SeatStatus.ACCEPTED, "Honoured.")
    row = next(row for row in shadow_cabinet(cycle) if row.role == committee.cro)
    assert row.holder_today == seat
    with pytest.raises(StateConflict):
        services.seat_accept(actor=people.rep, seat=seat)


def test_a_declined_seat_can_be_offered_to_someone_else(people, cycle, committee, high_performers):
    seat = services.seat_offer(actor=people.cro, cycle=cycle, role=committee.cro, holder=people.rep)
    services.seat_decline(actor=people.rep, seat=seat, note="Busy re-planning my territory.")
    other = services.seat_offer(actor=people.cro, cycle=cycle, role=committee.cro, holder=people.peer_rep)
    assert [term.status for term in seat_history(other)] == [SeatStatus.DECLINED, SeatStatus.OFFERED]


def test_an_unanswered_offer_can_be_withdrawn(people, cycle, committee, high_performers):
    seat = services.seat_offer(actor=people.cro, cycle=cycle, role=committee.cro, holder=people.rep)
    with pytest.raises(PermissionDenied):
        services.seat_withdraw(actor=people.manager, seat=seat)
    seat = services.seat_withdraw(actor=people.ceo, seat=seat, reason="Wrong role.")
    assert (seat.status, seat.ended_by, seat.end_reason) == (SeatStatus.WITHDRAWN, people.ceo, "Wrong role.")
    with pytest.raises(StateConflict):
        services.seat_accept(actor=people.rep, seat=seat)


def test_the_holder_steps_down_and_the_seat_is_refilled_for_the_rest_of_the_term(people, cycle, seated):
    vacated = services.seat_vacate(actor=people.rep, seat=seated.rep, reason="Promoted to manager.")
    assert (vacated.status, vacated.ended_on, vacated.ended_by) == (SeatStatus.VACATED, TEST_TODAY, people.rep)
    refill = services.seat_refill(actor=people.cro, seat=vacated, holder=people.other_rep)
    assert (refill.refill_of, refill.term_start, refill.term_end) == (vacated, TEST_TODAY, vacated.term_end)
    refill = services.seat_accept(actor=people.other_rep, seat=refill)
    history = seat_history(refill)
    assert [(term.holder, term.status) for term in history] == [
        (people.rep, SeatStatus.VACATED),
        (people.other_rep, SeatStatus.ACCEPTED),
    ]


def test_a_vacancy_needs_a_reason_and_only_the_holder_or_an_appointer_ends_a_term(people, seated):
    with pytest.raises(PermissionDenied):
        services.seat_vacate(actor=people.peer_rep, seat=seated.rep, reason="I want it")
    with pytest.raises(ValidationError) as error:
        services.seat_vacate(actor=people.cro, seat=seated.rep, reason="")
    assert "reason" in error.value.message_dict
    with pytest.raises(StateConflict):
        services.seat_refill(actor=people.cro, seat=seated.rep, holder=people.other_rep)


def test_a_closed_cycle_keeps_its_cabinet_as_it_was(people, cycle, seated):
    cycle.phase = "closed"
    cycle.save()
    seat = ShadowSeat.objects.get(pk=seated.rep.pk)
    with pytest.raises(StateConflict):
        services.seat_vacate(actor=people.cro, seat=seat, reason="Too late")
    with pytest.raises(StateConflict):
        services.seat_offer(actor=people.cro, cycle=cycle, role=seat.role, holder=people.other_rep)
