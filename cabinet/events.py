"""What the cabinet's events mean for whose inbox: builders registered in notifications' event registry.

``cabinet/receivers.py`` enqueues the events once a transaction commits; ``notify_task``
looks each up here (through ``notifications.events.EVENTS``), loads fresh rows and
delivers the drafts. Every draft names its event in ``key``, so a task that runs twice
delivers once.
"""

from django.urls import reverse
from django.utils import timezone

from cabinet.models import CabinetMeeting, CommitteeQuestion, CommitteeRole, SeatStatus, ShadowSeat
from notifications.delivery import Draft, shorten
from notifications.events import event, person_name, quoted
from notifications.models import Kind

AGENDA_POINTS_IN_BODY = 8


def _day(day) -> str:
    return f"{day.day} {day:%b %Y}"


@event("cabinet_seat_offered")
def seat_offered(*, seat_id: int) -> list[Draft]:
    seat = ShadowSeat.objects.select_related("role", "cycle", "offered_by").filter(pk=seat_id).first()
    if seat is None or seat.status != SeatStatus.OFFERED:
        return []
    body = f"{seat.cycle.name}, from {_day(seat.term_start)} to {_day(seat.term_end)}."
    if seat.offer_note:
        body += f" {seat.offer_note}"
    return [
        Draft(
            recipient_id=seat.holder_id,
            kind=Kind.CABINET_SEAT_OFFERED,
            actor_id=seat.offered_by_id,
            title=f"{person_name(seat.offered_by)} offers you the Shadow Cabinet seat of {seat.role.title}",
            body=body,
            url=reverse("cabinet:seat", args=[seat.pk]),
            key=f"cabinet-seat:{seat_id}:offered",
        )
    ]


@event("cabinet_agenda_published")
def agenda_published(*, meeting_id: int, actor_id: int | None) -> list[Draft]:
    """The cabinet's seat holders today, the committee and the organiser hear of a published agenda."""
    meeting = CabinetMeeting.objects.select_related("cycle").filter(pk=meeting_id).first()
    if meeting is None or meeting.agenda_published_at is None:
        return []
    day = timezone.localdate()
    recipients = {
        *ShadowSeat.objects.held_on(day).filter(cycle=meeting.cycle).values_list("holder_id", flat=True),
        *CommitteeRole.objects.active().values_list("holder_id", flat=True),
        meeting.organiser_id,
    }
    points = list(meeting.agenda_items.order_by("position", "pk").values_list("title", flat=True))
    lines = [f"{number}. {shorten(title, 160)}" for number, title in enumerate(points[:AGENDA_POINTS_IN_BODY], 1)]
    if len(points) > AGENDA_POINTS_IN_BODY:
        lines.append(f"... and {len(points) - AGENDA_POINTS_IN_BODY} more.")
    when = timezone.localtime(meeting.scheduled_for)
    return [
        Draft(
            recipient_id=recipient,
            kind=Kind.CABINET_AGENDA,
            actor_id=actor_id,
            title=f"Agenda published: {meeting.title}, {when.day} {when:%b %H:%M}",
            body="\n".join(lines),
            url=meeting.get_absolute_url(),
            key=f"cabinet-meeting:{meeting_id}:agenda",
        )
        for recipient in sorted(recipients)
    ]


@event("cabinet_decision_published")
def decision_published(*, question_id: int) -> list[Draft]:
    """Each seat holder who recommended hears the committee's decision, and whether it agreed with their call."""
    question = CommitteeQuestion.objects.select_related("decision", "decided_by").filter(pk=question_id).first()
    if question is None or not question.is_published:
        return []
    drafts = []
    for recommendation in question.recommendations.select_related("option"):
        verdict = "agreed with" if recommendation.option_id == question.decision_id else "diverged from"
        drafts.append(
            Draft(
                recipient_id=recommendation.author_id,
                kind=Kind.CABINET_DECISION,
                actor_id=question.decided_by_id,
                title=f"The committee decided {quoted(question.title)}: {question.decision.label}",
                body=f"It {verdict} your recommendation ({recommendation.option.label}). "
                f"{shorten(question.decision_rationale, 400)}",
                url=question.get_absolute_url(),
                key=f"cabinet-question:{question_id}:decided",
            )
        )
    return drafts


def action_item_drafts(items, day) -> list[Draft]:
    """A reminder per open action item due today (``due-today``) or past due (``overdue``), once per due date."""
    drafts = []
    for item in items:
        state = "due-today" if item.due_date == day else "overdue"
        when = "due today" if state == "due-today" else f"overdue since {_day(item.due_date)}"
        drafts.append(
            Draft(
                recipient_id=item.owner_id,
                kind=Kind.CABINET_ACTION_DUE,
                title=f"Cabinet action item {when}: {quoted(item.title)}",
                body=f"Agreed at {item.meeting.title}. Tick it off on the meeting's page once done.",
                url=f"{item.meeting.get_absolute_url()}#action-{item.pk}",
                key=f"cabinet-action-item:{item.pk}:{state}:{item.due_date.isoformat()}",
            )
        )
    return drafts
