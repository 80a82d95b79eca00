"""What each announced event means for whose inbox: functions from an event's ids to drafts.

Receivers (``receivers.py``) gather a transaction's events and, once it commits, hand
them to one ``notify_task``; the task looks each event up here, loads fresh rows and
delivers all the drafts together (one email per person). Payloads are ids and plain
values (JSON), never model instances. Every draft names its event in ``key``, so delivering it again adds nothing.
"""

from collections.abc import Callable

from accounts.models import Person
from assumptions.models import Challenge, ChallengeStatus, ChangeRequest, ChangeRequestStatus, Comment
from core.formatting import format_amount
from goals.models import AlignmentFlag, Deletion, FlagKind, Goal, GoalComment, Status
from goals.rules import can_view_goal
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


@event("goal_deleted")
def goal_deleted(*, deletion_id: int, restored: bool = False):
    """Owners of the goals a deletion took (or brought back), and of sub-goals it moved up; not the actor."""
    deletion = Deletion.objects.select_related("actor").filter(pk=deletion_id).first()
    if deletion is None:
        return []
    gone = Goal.all_objects.filter(pk=deletion.goal_id) | Goal.all_objects.filter(deletion=deletion)
    moved = Goal.objects.filter(pk__in=deletion.moved_up).select_related("owner", "cycle")
    parent = Goal.all_objects.select_related("owner", "cycle").filter(pk=deletion.goal_id).first()
    actor, verb = deletion.actor, "restored" if restored else "deleted"
    drafts: dict[tuple[int, int], Draft] = {}
    for goal in gone.select_related("owner").order_by("tree_id", "lft"):
        if goal.owner_id == deletion.actor_id:
            continue
        drafts[(goal.owner_id, goal.pk)] = Draft(
            recipient_id=goal.owner_id,
            kind=Kind.GOAL_DELETED,
            actor_id=deletion.actor_id,
            title=f"{person_name(actor)} {verb} your goal {quoted(goal.title)}",
            body="" if restored else "It can be restored: ask the person who deleted it, or an admin.",
            url=goal.get_absolute_url() if restored else "",
            key=f"goal-deleted:{deletion_id}:{goal.pk}:{verb}",
        )
    for goal in moved:
        if goal.owner_id == deletion.actor_id or restored:
            continue
        above = quoted(parent.title) if parent is not None and can_view_goal(goal.owner, parent) else "above it"
        drafts[(goal.owner_id, goal.pk)] = Draft(
            recipient_id=goal.owner_id,
            kind=Kind.GOAL_DELETED,
            actor_id=deletion.actor_id,
            title=f"Your goal {quoted(goal.title)} moved up: {person_name(actor)} deleted the goal {above}",
            body="It now counts toward the goal the deleted one was linked to.",
            url=goal.get_absolute_url(),
            key=f"goal-moved-up:{deletion_id}:{goal.pk}",
        )
    return list(drafts.values())


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


# --- assumptions, challenges and their threads -------------------------------------------


def challenge_url(challenge) -> str:
    return challenge.get_absolute_url()


def _challenge(challenge_id: int):
    return (
        Challenge.objects.select_related("assumption__owner", "author", "resolved_by").filter(pk=challenge_id).first()
    )


@event("challenge_opened")
def challenge_opened(*, challenge_id: int):
    challenge = _challenge(challenge_id)
    if challenge is None:
        return []
    assumption = challenge.assumption
    return [
        Draft(
            recipient_id=assumption.owner_id,
            kind=Kind.CHALLENGE_OPENED,
            actor_id=challenge.author_id,
            title=f"{person_name(challenge.author)} challenged your assumption {quoted(assumption.statement)}",
            body=challenge.claim,
            url=challenge_url(challenge),
            key=f"challenge:{challenge_id}:opened",
        )
    ]


@event("challenge_resolved")
def challenge_resolved(*, challenge_id: int, actor_id: int | None):
    challenge = _challenge(challenge_id)
    if challenge is None or challenge.is_open:
        return []
    actor = Person.objects.filter(pk=actor_id).first() if actor_id else challenge.resolved_by
    verb = "accepted" if challenge.status == ChallengeStatus.ACCEPTED else "declined"
    return [
        Draft(
            recipient_id=challenge.author_id,
            kind=Kind.CHALLENGE_RESOLVED,
            actor_id=actor_id,
            title=f"{person_name(actor)} {verb} your challenge {quoted(challenge.claim)}",
            body=challenge.response,
            url=challenge_url(challenge),
            key=f"challenge:{challenge_id}:resolved",
        )
    ]


@event("comment_posted")
def comment_posted(*, comment_id: int):
    """A reply reaches the author of the comment it answers, and the challenge's author follows the whole thread."""
    comment = Comment.objects.select_related("author", "parent", "challenge__assumption").filter(pk=comment_id).first()
    if comment is None or comment.is_removed:
        return []
    challenge = comment.challenge
    common = {
        "kind": Kind.REPLY,
        "actor_id": comment.author_id,
        "body": shorten(comment.body, 500),
        "url": f"{challenge_url(challenge)}#comment-{comment_id}",
        "key": f"comment:{comment_id}",
    }
    author = person_name(comment.author)
    drafts = []
    if comment.parent is not None:
        drafts.append(
            Draft(
                recipient_id=comment.parent.author_id,
                title=f"{author} replied to your comment on {quoted(challenge.claim)}",
                **common,
            )
        )
    if comment.parent is None or comment.parent.author_id != challenge.author_id:
        drafts.append(
            Draft(
                recipient_id=challenge.author_id,
                title=f"{author} replied to your challenge {quoted(challenge.claim)}",
                **common,
            )
        )
    return drafts


def _change_request(change_request_id: int):
    return (
        ChangeRequest.objects.select_related("goal__owner", "goal__cycle", "challenge__author", "decided_by")
        .filter(pk=change_request_id)
        .first()
    )


def _what_changes(change_request) -> str:
    goal = change_request.goal
    parts = []
    if change_request.proposed_target is not None:
        parts.append(
            f"Proposed target: {format_amount(change_request.proposed_target, goal.unit)} "
            f"(now {format_amount(goal.target, goal.unit)})."
        )
    if change_request.note:
        parts.append(change_request.note)
    return " ".join(parts)


@event("change_request_opened")
def change_request_opened(*, change_request_id: int):
    change_request = _change_request(change_request_id)
    if change_request is None or not change_request.is_pending:
        return []
    goal = change_request.goal
    return [
        Draft(
            recipient_id=goal.owner_id,
            kind=Kind.CHANGE_REQUESTED,
            actor_id=change_request.challenge.author_id,
            title=f"An accepted challenge asks you to change your goal {quoted(goal.title)}",
            body=_what_changes(change_request),
            url=change_request.get_absolute_url(),
            key=f"change-request:{change_request_id}:opened",
        )
    ]


@event("change_request_decided")
def change_request_decided(*, change_request_id: int, actor_id: int | None):
    """The challenge's author proposed the change: they hear what became of it (a private goal stays unnamed)."""
    change_request = _change_request(change_request_id)
    if change_request is None or change_request.status not in (
        ChangeRequestStatus.APPLIED,
        ChangeRequestStatus.DECLINED,
        ChangeRequestStatus.SUPERSEDED,
    ):
        return []
    goal, proposer = change_request.goal, change_request.challenge.author
    actor = Person.objects.filter(pk=actor_id).first() if actor_id else change_request.decided_by
    sees_goal = proposer.has_perm("goals.view_goal", goal)
    if change_request.status == ChangeRequestStatus.SUPERSEDED:
        what = quoted(goal.title) if sees_goal else "a goal you cannot see"
        title = f"Your course correction to {what} was superseded by another one"
        url = change_request.get_absolute_url() if sees_goal else challenge_url(change_request.challenge)
    elif sees_goal:
        verb = "applied" if change_request.status == ChangeRequestStatus.APPLIED else "declined"
        title = f"{person_name(actor)} {verb} your course correction to {quoted(goal.title)}"
        url = goal.get_absolute_url()
    else:
        verb = "applied" if change_request.status == ChangeRequestStatus.APPLIED else "declined"
        title = f"Your course correction to a goal you cannot see was {verb}"
        url = challenge_url(change_request.challenge)
    return [
        Draft(
            recipient_id=proposer.pk,
            kind=Kind.CHANGE_REQUEST_DECIDED,
            actor_id=actor_id,
            title=title,
            body=change_request.decision_note,
            url=url,
            key=f"change-request:{change_request_id}:decided",
        )
    ]
