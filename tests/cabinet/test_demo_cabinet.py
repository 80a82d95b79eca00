"""The demo company's committee and Shadow Cabinet: current and past seats, meetings, decisions that agreed and
diverged, outcomes; Alex Rivera, the demo's rep, holds a seat and can follow it all."""

import pytest
from django.utils import timezone

from accounts.models import Person
from cabinet.models import (
    ActionItem,
    CabinetMeeting,
    CommitteeQuestion,
    CommitteeRole,
    HighPerformerMark,
    ObjectiveSnapshot,
    SeatStatus,
    ShadowSeat,
)
from cabinet.selectors import question_reveal, track_record
from demo.builder import build_demo_company
from goals.models import Cycle, Phase
from notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    build_demo_company()
    return Person.objects.get(username="alex.rivera")


def test_the_demo_has_a_committee_and_a_cabinet_this_year_and_last(demo):
    active = Cycle.objects.get(phase=Phase.ACTIVE)
    closed = Cycle.objects.get(phase=Phase.CLOSED)
    assert CommitteeRole.objects.active().count() == 5
    assert CommitteeRole.objects.get(title__startswith="Chief Revenue Officer").objectives.filter(cycle=active).exists()
    today = timezone.localdate()
    alex_seat = ShadowSeat.objects.held_on(today).get(holder=demo)
    assert alex_seat.role.title == "Chief Revenue Officer: new ARR" and alex_seat.cycle == active
    assert demo.is_high_performer and HighPerformerMark.objects.filter(person=demo, marked_by=demo.manager).exists()
    statuses = set(ShadowSeat.objects.filter(cycle=active).values_list("status", flat=True))
    assert statuses == {SeatStatus.ACCEPTED, SeatStatus.VACATED, SeatStatus.OFFERED, SeatStatus.DECLINED}
    assert ShadowSeat.objects.filter(cycle=active, refill_of__isnull=False).exists()
    past = ShadowSeat.objects.filter(cycle=closed, status=SeatStatus.ACCEPTED)
    assert past.count() >= 4
    assert past.filter(holder__in=ShadowSeat.objects.held_on(today).values("holder")).exists()  # some sit again


def test_the_demo_has_decisions_that_agreed_and_diverged_with_outcomes(demo):
    active = Cycle.objects.get(phase=Phase.ACTIVE)
    verdicts = {
        q.title: question_reveal(q, demo).agreed for q in CommitteeQuestion.objects.published().filter(cycle=active)
    }
    assert True in verdicts.values() and False in verdicts.values()
    record = track_record(active)
    assert record.cabinet.judged >= 2 and record.cabinet.diverged_and_right >= 1
    sealed = CommitteeQuestion.objects.awaiting_decision().filter(cycle=active, recommendations__isnull=False).first()
    assert (
        sealed is not None and not question_reveal(sealed, Person.objects.get(username="jordan.blake")).recommendations
    )
    assert track_record(Cycle.objects.get(phase=Phase.CLOSED)).cabinet.decided == 2


def test_the_demo_has_meetings_with_minutes_action_items_and_an_agenda_to_come(demo):
    active = Cycle.objects.get(phase=Phase.ACTIVE)
    held = CabinetMeeting.objects.filter(cycle=active, minutes_at__isnull=False)
    assert held.count() == 2 and all(meeting.action_items.exists() for meeting in held)
    upcoming = CabinetMeeting.objects.get(cycle=active, minutes_at__isnull=True)
    assert upcoming.agenda_published_at and upcoming.agenda_items.exists()
    overdue = ActionItem.objects.open().filter(owner=demo, due_date__lt=timezone.localdate())
    assert overdue.exists()
    assert ObjectiveSnapshot.objects.filter(cycle=active).exists()
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert {Kind.CABINET_AGENDA, Kind.CABINET_DECISION, Kind.CABINET_SEAT_OFFERED} <= kinds


def test_alex_follows_the_strategy_room_answers_a_question_and_sees_the_track_record(client, demo):
    client.force_login(demo)
    assert "Shadow Cabinet" in client.get("/").content.decode()
    room = client.get("/cabinet/strategy-room/").content.decode()
    assert "Grow new ARR" in room and "shadowed by Alex Rivera" in room
    question = CommitteeQuestion.objects.awaiting_decision().exclude(recommendations__seat__holder=demo).first()
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Record the recommendation" in page
    yes = question.options.first()
    response = client.post(
        question.get_absolute_url() + "recommend/", {"recommend-option": yes.pk, "recommend-text": "From the field."}
    )
    assert response.status_code == 302
    record = client.get("/cabinet/questions/").content.decode()
    assert "Track record" in record and "Alex Rivera" in record
