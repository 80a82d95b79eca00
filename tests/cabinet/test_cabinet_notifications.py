"""The cabinet's notifications, in the inbox and by email, muted like the others:
a seat offered, an agenda published, a decision on a question the cabinet answered, an action item due."""

import datetime

import pytest

from cabinet import services
from cabinet.reminders import remind_action_items
from cabinet.tasks import remind_action_items_task
from notifications.models import Kind, MutedKind, Notification
from tests.cabinet.conftest import option
from tests.clock import TEST_NOW, TEST_TODAY

pytestmark = pytest.mark.django_db


def inbox_of(person, kind=None):
    notifications = Notification.objects.filter(recipient=person)
    return list((notifications.filter(kind=kind) if kind else notifications).order_by("id"))


@pytest.fixture
def seated(people, cycle, committee, high_performers, django_capture_on_commit_callbacks):
    """As in conftest, but delivered: events left in the test's never-committed transaction would swallow later ones."""
    with django_capture_on_commit_callbacks(execute=True):
        for person, role in ((people.rep, committee.cro), (people.peer_rep, committee.ceo)):
            seat = services.seat_offer(actor=people.cro, cycle=cycle, role=role, holder=person)
            services.seat_accept(actor=person, seat=seat)


def test_a_seat_offered_reaches_the_person_in_the_inbox_and_by_email(
    people, cycle, committee, high_performers, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        seat = services.seat_offer(actor=people.cro, cycle=cycle, role=committee.cro, holder=people.rep, note="Bold.")
    [notification] = inbox_of(people.rep)
    assert notification.kind == Kind.CABINET_SEAT_OFFERED
    assert notification.title == "Robin Revenue offers you the Shadow Cabinet seat of Chief Revenue Officer: new ARR"
    assert notification.url == f"/cabinet/seats/{seat.pk}/" and "Bold." in notification.body
    assert [email.to for email in mailoutbox] == [[people.rep.email]]


def test_a_muted_kind_is_not_delivered(people, cycle, committee, high_performers, django_capture_on_commit_callbacks):
    MutedKind.objects.create(person=people.rep, kind=Kind.CABINET_SEAT_OFFERED)
    with django_capture_on_commit_callbacks(execute=True):
        services.seat_offer(actor=people.cro, cycle=cycle, role=committee.cro, holder=people.rep)
    assert inbox_of(people.rep) == []


def test_a_published_agenda_reaches_the_cabinet_and_the_committee_but_not_the_publisher(
    people, cycle, seated, django_capture_on_commit_callbacks
):
    meeting = services.meeting_schedule(
        actor=people.rep, cycle=cycle, title="Monthly review", scheduled_for=TEST_NOW + datetime.timedelta(days=3)
    )
    services.agenda_item_add(actor=people.rep, meeting=meeting, title="Pipeline coverage")
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_publish_agenda(actor=people.rep, meeting=meeting)
    told = set(Notification.objects.filter(kind=Kind.CABINET_AGENDA).values_list("recipient__username", flat=True))
    assert told == {"peer_rep", "cro", "ceo"}
    notification = Notification.objects.filter(kind=Kind.CABINET_AGENDA).first()
    assert (
        notification.title.startswith("Agenda published: Monthly review")
        and "1. Pipeline coverage" in notification.body
    )


def test_the_decision_reaches_the_seats_that_recommended_with_their_verdict(
    people, seated, question, django_capture_on_commit_callbacks
):
    services.recommendation_record(
        actor=people.rep, question=question, option=option(question, "Move $2M"), reasoning="a"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.question_decide(
            actor=people.cro, question=question, option=option(question, "Move $1M"), rationale="Half."
        )
    [notification] = inbox_of(people.rep, Kind.CABINET_DECISION)
    assert notification.title == "The committee decided “Move $2M of target from EMEA to APAC”: Move $1M"
    assert notification.body.startswith("It diverged from your recommendation (Move $2M).")
    assert inbox_of(people.peer_rep, Kind.CABINET_DECISION) == []  # did not answer


def _item(people, cycle, due):
    meeting = services.meeting_schedule(
        actor=people.rep, cycle=cycle, title="Review", scheduled_for=TEST_NOW + datetime.timedelta(minutes=5)
    )
    return services.action_item_add(
        actor=people.rep, meeting=meeting, title="Compare pipeline", owner=people.peer_rep, due_date=due
    )


def test_an_action_item_reminds_its_owner_on_the_due_date_and_once_when_overdue(people, cycle, seated, clock):
    _item(people, cycle, TEST_TODAY + datetime.timedelta(days=1))
    assert remind_action_items() == 0
    clock.shift(datetime.timedelta(days=1))
    assert remind_action_items_task.delay().get() == 1
    assert remind_action_items() == 0  # the same day again: nothing new
    clock.shift(datetime.timedelta(days=1))
    assert remind_action_items() == 1
    clock.shift(datetime.timedelta(days=3))
    assert remind_action_items() == 0
    titles = [notification.title for notification in inbox_of(people.peer_rep, Kind.CABINET_ACTION_DUE)]
    assert titles[0] == "Cabinet action item due today: “Compare pipeline”"
    assert titles[1].startswith("Cabinet action item overdue since")


def test_a_done_action_item_reminds_nobody(people, cycle, seated, clock):
    item = _item(people, cycle, TEST_TODAY + datetime.timedelta(days=1))
    services.action_item_set_done(actor=people.peer_rep, item=item)
    clock.shift(datetime.timedelta(days=3))
    assert remind_action_items() == 0
