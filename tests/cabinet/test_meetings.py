"""Cabinet meetings: an agenda drawn from the strategy room, minutes, and action items with owners and due dates."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cabinet import services
from cabinet.models import AgendaKind
from cabinet.selectors import meeting_agenda
from cabinet.strategy_room import elapsed_share
from core.exceptions import StateConflict
from tests.clock import TEST_NOW, TEST_TODAY
from tests.factories import AssumptionFactory, ChallengeFactory, CorporateObjectiveFactory

pytestmark = pytest.mark.django_db


def _meeting(actor, cycle, hours=48):
    return services.meeting_schedule(
        actor=actor, cycle=cycle, title="Monthly review", scheduled_for=TEST_NOW + datetime.timedelta(hours=hours)
    )


@pytest.fixture
def meeting(people, cycle, seated):
    return _meeting(people.rep, cycle)


def test_seat_holders_and_the_committee_schedule_meetings_others_do_not(people, cycle, seated, committee):
    assert _meeting(people.rep, cycle).organiser == people.rep
    assert _meeting(people.cro, cycle).organiser == people.cro
    for person in (people.manager, people.other_rep):
        with pytest.raises(PermissionDenied):
            _meeting(person, cycle)


def test_a_meeting_is_scheduled_for_a_time_to_come(people, cycle, seated):
    with pytest.raises(ValidationError) as error:
        _meeting(people.rep, cycle, hours=-1)
    assert "scheduled_for" in error.value.message_dict


def test_the_agenda_is_drawn_from_the_strategy_room(people, cycle, cascade, meeting, question):
    if elapsed_share(cycle, TEST_TODAY) < 0.2:
        pytest.skip("early in a cycle an objective without progress is not off pace yet")
    challenged = AssumptionFactory(cycle=cycle, owner=people.cro, statement="Churn stays under 8%", status="challenged")
    ChallengeFactory(assumption=challenged)
    AssumptionFactory(cycle=cycle, owner=people.cro, statement="Events convert", status="upheld")
    private = CorporateObjectiveFactory(cycle=cycle, owner=people.ceo, visibility="private", title="Buy a rival")
    count = services.meeting_draw_agenda(actor=people.rep, meeting=meeting)
    agenda = meeting_agenda(meeting)
    assert count == len(agenda)
    kinds = {item.kind: item for item in agenda}
    assert kinds[AgendaKind.OFF_PACE].objective == cascade.objective  # no progress yet, with time gone by
    assert kinds[AgendaKind.ASSUMPTION].assumption == challenged
    assert "1 open challenge" in kinds[AgendaKind.ASSUMPTION].detail
    assert kinds[AgendaKind.DECISION_DUE].question == question
    assert all(private.title not in item.title for item in agenda)
    assert "Events convert" not in " ".join(item.title for item in agenda)


def test_drawing_again_replaces_drawn_points_and_keeps_typed_ones(people, meeting, question):
    services.agenda_item_add(actor=people.rep, meeting=meeting, title="How we report back to the regions")
    services.meeting_draw_agenda(actor=people.rep, meeting=meeting)
    services.meeting_draw_agenda(actor=people.rep, meeting=meeting)
    titles = [item.title for item in meeting_agenda(meeting)]
    assert titles.count("How we report back to the regions") == 1
    assert sum(question.title in title for title in titles) == 1
    assert titles[-1] == "How we report back to the regions"


def test_the_agenda_is_published_once_and_not_empty(people, meeting):
    with pytest.raises(ValidationError) as error:
        services.meeting_publish_agenda(actor=people.rep, meeting=meeting)
    assert "agenda" in error.value.message_dict
    services.agenda_item_add(actor=people.rep, meeting=meeting, title="Pipeline coverage")
    meeting = services.meeting_publish_agenda(actor=people.rep, meeting=meeting)
    assert meeting.agenda_published_at == TEST_NOW
    with pytest.raises(StateConflict):
        services.meeting_publish_agenda(actor=people.rep, meeting=meeting)
    with pytest.raises(StateConflict):
        services.meeting_draw_agenda(actor=people.rep, meeting=meeting)


def test_minutes_come_after_the_meeting_has_begun(people, cycle, seated, clock):
    meeting = _meeting(people.rep, cycle, hours=0.1)
    with pytest.raises(StateConflict):
        services.meeting_record_minutes(actor=people.rep, meeting=meeting, minutes="We met.")
    clock.shift(datetime.timedelta(minutes=10))  # the meeting has begun; the cycle (and the seats) still run
    with pytest.raises(ValidationError):
        services.meeting_record_minutes(actor=people.rep, meeting=meeting, minutes="  ")
    meeting = services.meeting_record_minutes(actor=people.peer_rep, meeting=meeting, minutes="We agreed three things.")
    assert (meeting.minutes, meeting.minutes_by, meeting.status) == ("We agreed three things.", people.peer_rep, "held")


def test_action_items_have_an_owner_and_a_due_date_on_or_after_the_meeting(people, meeting):
    day = meeting.scheduled_for.date()
    with pytest.raises(ValidationError) as error:
        services.action_item_add(actor=people.rep, meeting=meeting, title="", owner=people.peer_rep, due_date=None)
    assert {"title", "due_date"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        services.action_item_add(
            actor=people.rep,
            meeting=meeting,
            title="Early",
            owner=people.peer_rep,
            due_date=day - datetime.timedelta(days=1),
        )
    assert "on or after the meeting" in error.value.message_dict["due_date"][0]
    item = services.action_item_add(
        actor=people.rep, meeting=meeting, title="Compare event pipeline", owner=people.peer_rep, due_date=day
    )
    assert (item.owner, item.created_by, item.is_done) == (people.peer_rep, people.rep, False)


def test_the_owner_ticks_an_action_item_off_others_outside_the_meeting_cannot(people, meeting):
    item = services.action_item_add(
        actor=people.rep,
        meeting=meeting,
        title="Compare event pipeline",
        owner=people.cro,
        due_date=meeting.scheduled_for.date() + datetime.timedelta(days=7),
    )
    with pytest.raises(PermissionDenied):
        services.action_item_set_done(actor=people.other_rep, item=item)
    item = services.action_item_set_done(actor=people.cro, item=item)
    assert item.is_done and item.done_by == people.cro
    with pytest.raises(StateConflict):
        services.action_item_set_done(actor=people.cro, item=item)
    item = services.action_item_set_done(actor=people.rep, item=item, done=False)
    assert not item.is_done


def test_people_outside_the_cabinet_and_committee_do_not_run_meetings(people, meeting):
    with pytest.raises(PermissionDenied):
        services.agenda_item_add(actor=people.manager, meeting=meeting, title="My point")


def test_an_objective_on_pace_is_not_on_the_agenda(people, cycle, cascade, meeting):
    from goals.services import goal_update

    goal_update(actor=people.staff, goal=cascade.rep, current=Decimal(200_000))
    goal_update(actor=people.staff, goal=cascade.peer, current=Decimal(200_000))
    services.meeting_draw_agenda(actor=people.rep, meeting=meeting)
    assert not [item for item in meeting_agenda(meeting) if item.kind == AgendaKind.OFF_PACE]
