"""High performers: marked by their manager (or an executive or admin) with a reason kept in the history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cabinet import services
from cabinet.models import HighPerformerMark
from cabinet.selectors import high_performer_history

pytestmark = pytest.mark.django_db


def test_a_manager_marks_their_own_rep_and_the_reason_stays_in_the_history(people):
    mark = services.high_performer_mark(actor=people.manager, person=people.rep, reason="Beat the number by 30%.")
    people.rep.refresh_from_db()
    assert people.rep.is_high_performer
    assert (mark.marked_by, mark.reason, mark.is_high_performer) == (people.manager, "Beat the number by 30%.", True)


def test_a_manager_cannot_mark_someone_in_another_team(people):
    with pytest.raises(PermissionDenied):
        services.high_performer_mark(actor=people.manager, person=people.other_rep, reason="Looks good")
    people.other_rep.refresh_from_db()
    assert not people.other_rep.is_high_performer
    assert not HighPerformerMark.objects.exists()


def test_reps_mark_nobody_and_nobody_marks_themselves(people):
    with pytest.raises(PermissionDenied):
        services.high_performer_mark(actor=people.rep, person=people.peer_rep, reason="My friend")
    with pytest.raises(PermissionDenied):
        services.high_performer_mark(actor=people.manager, person=people.manager, reason="Me")


def test_executives_and_staff_mark_anyone_on_the_front_line(people):
    services.high_performer_mark(actor=people.ceo, person=people.other_rep, reason="Top of the East.")
    services.high_performer_mark(actor=people.staff, person=people.manager, reason="Best-run team.")
    people.manager.refresh_from_db()
    assert people.manager.is_high_performer


def test_executives_are_not_marked_they_sit_on_the_committee(people):
    with pytest.raises(ValidationError) as error:
        services.high_performer_mark(actor=people.ceo, person=people.cro, reason="Great CRO")
    assert "front line" in error.value.message_dict["person"][0]


def test_a_mark_needs_a_reason(people):
    with pytest.raises(ValidationError) as error:
        services.high_performer_mark(actor=people.manager, person=people.rep, reason="   ")
    assert "reason" in error.value.message_dict


def test_marking_twice_is_refused(people):
    services.high_performer_mark(actor=people.manager, person=people.rep, reason="First")
    with pytest.raises(ValidationError) as error:
        services.high_performer_mark(actor=people.cro, person=people.rep, reason="Second")
    assert "already marked" in error.value.message_dict["is_high_performer"][0]


def test_unmarking_keeps_the_whole_history(people, clock):
    services.high_performer_mark(actor=people.manager, person=people.rep, reason="Great year.")
    clock.shift(60 * 60 * 24 * 30)
    services.high_performer_mark(
        actor=people.manager, person=people.rep, is_high_performer=False, reason="Moved into a support role."
    )
    people.rep.refresh_from_db()
    assert not people.rep.is_high_performer
    history = high_performer_history(people.rep)
    assert [(mark.is_high_performer, mark.reason) for mark in history] == [
        (False, "Moved into a support role."),
        (True, "Great year."),
    ]


def test_a_seat_holder_stays_marked_until_the_seat_is_vacated(people, seated):
    with pytest.raises(ValidationError) as error:
        services.high_performer_mark(actor=people.manager, person=people.rep, is_high_performer=False, reason="x")
    assert "vacate it" in error.value.message_dict["is_high_performer"][0]
    services.seat_vacate(actor=people.cro, seat=seated.rep, reason="Promoted")
    services.high_performer_mark(actor=people.manager, person=people.rep, is_high_performer=False, reason="Promoted")
