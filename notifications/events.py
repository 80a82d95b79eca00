"""What each announced event means for whose inbox: functions from an event's ids to drafts.

Receivers (``receivers.py``) turn a signal into ``notify_task.delay(event, payload)``
once the change is committed; the task looks the event up here, loads fresh rows and
delivers the drafts. Payloads are ids and plain values (JSON), never model instances.
Every draft names its event in ``key``, so delivering it again adds nothing.
"""

from collections.abc import Callable

from accounts.models import Person
from goals.models import AlignmentFlag, FlagKind, Goal, GoalComment, Status
from notifications.delivery import Draft, shorten
from notifications.models import Kind

EventBuilder = Callable[..., list[Draft]]
EVENTS: dict[str, EventBuilder] = {}


def event(name: str) -> Callable[[EventBuilder], EventBuilder]:
    def register(builder: EventBuilder) -> EventBuilder:
        EVENTS[name] = builder
        return builder

    return register


def quoted(text: str, length: int = 120) -> str:
    return f"“{shorten(text, length)}”"


def person_name(person) -> str:
    return person.full_name if person is not None else "Someone"


# --- the cascade ------------------------------------------------------------------------


@event("goal_status_changed")
def goal_status_changed(*, goal_id: int, new_status: str, actor_id: int | None, reason: str, changed_at: str):
    if new_status not in (Status.APPROVED, Status.RETURNED):
        return []
    goal = Goal.objects.select_related("owner").filter(pk=goal_id).first()
    if goal is None:
        return []
    actor = Person.objects.filter(pk=actor_id).first() if actor_id else None
    if new_status == Status.APPROVED:
        kind, verb, body = Kind.GOAL_APPROVED, "approved", ""
    else:
        kind, verb, body = Kind.GOAL_RETURNED, "returned", reason
    return [
        Draft(
            recipient_id=goal.owner_id,
            kind=kind,
            actor_id=actor_id,
            title=f"{person_name(actor)} {verb} your goal {quoted(goal.title)}",
            body=body,
            url=goal.get_absolute_url(),
            key=f"goal-status:{goal_id}:{new_status}:{changed_at}",
        )
    ]


# Stale progress is what check-in reminders are for: one nudge, not two.
FLAG_KINDS_NOT_NOTIFIED = {FlagKind.STALE_PROGRESS}


@event("alignment_flags_opened")
def alignment_flags_opened(*, flag_ids: list[int]):
    flags = (
        AlignmentFlag.objects.open()
        .filter(pk__in=flag_ids)
        .exclude(kind__in=FLAG_KINDS_NOT_NOTIFIED)
        .values_list("pk", "kind", "message", "goal_id", "goal__title", "goal__owner_id")
    )
    labels = dict(FlagKind.choices)
    return [
        Draft(
            recipient_id=owner_id,
            kind=Kind.GOAL_FLAGGED,
            title=f"{labels[kind]} on your goal {quoted(goal_title)}",
            body=message,
            url=Goal(pk=goal_id).get_absolute_url() + "#flags",
            key=f"flag:{pk}",
        )
        for pk, kind, message, goal_id, goal_title, owner_id in flags
    ]


@event("goal_commented")
def goal_commented(*, comment_id: int):
    comment = GoalComment.objects.select_related("goal", "author").filter(pk=comment_id).first()
    if comment is None:
        return []
    return [
        Draft(
            recipient_id=comment.goal.owner_id,
            kind=Kind.GOAL_COMMENTED,
            actor_id=comment.author_id,
            title=f"{person_name(comment.author)} commented on your goal {quoted(comment.goal.title)}",
            body=shorten(comment.body, 500),
            url=comment.goal.get_absolute_url() + "#comments",
            key=f"goal-comment:{comment_id}",
        )
    ]
