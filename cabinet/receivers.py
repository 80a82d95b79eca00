"""The cabinet's signals, handed to notifications' delivery once the transaction commits.

The same path as every other notification (``notifications.receivers.enqueue``): one
``notify_task`` per transaction, after the commit, with the event's ids; the drafts come
from ``cabinet/events.py``.
"""

from cabinet.signals import agenda_published, decision_published, seat_offered
from notifications.receivers import enqueue


def _on_seat_offered(sender, seat, actor=None, **kwargs) -> None:
    enqueue("cabinet_seat_offered", seat_id=seat.pk)


def _on_agenda_published(sender, meeting, actor=None, **kwargs) -> None:
    enqueue("cabinet_agenda_published", meeting_id=meeting.pk, actor_id=actor.pk if actor is not None else None)


def _on_decision_published(sender, question, actor=None, **kwargs) -> None:
    enqueue("cabinet_decision_published", question_id=question.pk)


def connect() -> None:
    seat_offered.connect(_on_seat_offered, dispatch_uid="notify-cabinet-seat-offered")
    agenda_published.connect(_on_agenda_published, dispatch_uid="notify-cabinet-agenda-published")
    decision_published.connect(_on_decision_published, dispatch_uid="notify-cabinet-decision-published")
