"""Everything that changes an assumption, a challenge, its thread or a change request.

Each service checks the rules (assumptions/rules.py) for its ``actor``, validates with
field messages, writes inside one transaction, keeps a revision of every change to an
assumption and announces what happened (assumptions/signals.py). Pages and the API
both come through here.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Person
from assumptions.models import (
    OWNER_SETTABLE_STATUSES,
    Assumption,
    AssumptionRevision,
    AssumptionStatus,
    Challenge,
    ChallengeStatus,
    ChangeRequest,
    ChangeRequestStatus,
    Comment,
    Endorsement,
)
from assumptions.signals import (
    challenge_opened,
    challenge_resolved,
    change_request_decided,
    change_request_opened,
    comment_posted,
)
from core.exceptions import StateConflict
from core.formatting import format_amount
from core.locks import mptt_tree_lock
from core.permissions import require_perm
from goals.models import Goal
from goals.services import goal_retarget

# Fields of an assumption its owner edits directly, each kept in the revision history.
ASSUMPTION_EDITABLE_FIELDS = ("statement", "rationale", "evidence", "confidence", "status")
RESOLUTION_OUTCOMES = (AssumptionStatus.REVISED, AssumptionStatus.RETIRED)


def _require_open_cycle(assumption: Assumption) -> None:
    if assumption.cycle.is_closed:
        raise StateConflict(f"{assumption.cycle.name} is closed: its assumptions are read-only.")


def _text(value: str | None) -> str:
    return (value or "").strip()


# --- assumptions and their history ------------------------------------------------------


def _state(assumption: Assumption, goal_ids: Iterable[int] | None = None) -> dict[str, Any]:
    state = {name: getattr(assumption, name) for name in ASSUMPTION_EDITABLE_FIELDS}
    state["goals"] = sorted(goal_ids) if goal_ids is not None else sorted(assumption.goals.values_list("pk", flat=True))
    return state


def _record_revision(
    assumption: Assumption,
    *,
    author: Person | None,
    before: dict[str, Any],
    after: dict[str, Any],
    note: str = "",
    challenge: Challenge | None = None,
) -> AssumptionRevision | None:
    changes = {name: [before.get(name), value] for name, value in after.items() if before.get(name) != value}
    if not changes:
        return None
    number = assumption.revision + 1 if before else 1
    assumption.revision = number
    Assumption.objects.filter(pk=assumption.pk).update(revision=number, updated=timezone.now())
    return AssumptionRevision.objects.create(
        assumption=assumption, number=number, author=author, changes=changes, note=note[:300], challenge=challenge
    )


def _validate_goals(actor: Person, cycle_id: int, goals: Iterable[Goal]) -> list[Goal]:
    goals = list(goals)
    for goal in goals:
        if goal.cycle_id != cycle_id or not actor.has_perm("goals.view_goal", goal):
            raise ValidationError({"goals": "Link goals of the assumption's cycle that you can see."})
    return goals


def assumption_create(
    *,
    actor: Person,
    cycle,
    statement: str,
    owner: Person | None = None,
    rationale: str = "",
    evidence: str = "",
    confidence: str = "medium",
    goals: Iterable[Goal] = (),
) -> Assumption:
    """Document a belief behind the strategy; its owner is an executive (``actor`` by default)."""
    require_perm(actor, "assumptions.add_assumption", None, "Only executives write down strategy assumptions.")
    owner = owner or actor
    if not owner.is_executive:
        raise ValidationError({"owner": f"{owner.full_name} is not an executive; assumptions belong to executives."})
    if cycle.is_closed:
        raise StateConflict(f"{cycle.name} is closed: its assumptions are read-only.")
    assumption = Assumption(
        cycle=cycle,
        owner=owner,
        statement=_text(statement),
        rationale=_text(rationale),
        evidence=_text(evidence),
        confidence=confidence,
        revision=0,
    )
    assumption.full_clean(exclude=["revision"])
    goals = _validate_goals(actor, cycle.pk, goals)
    with transaction.atomic():
        assumption.save()
        assumption.goals.set(goals)
        _record_revision(
            assumption,
            author=actor,
            before={},
            after=_state(assumption, [goal.pk for goal in goals]),
            note="Written down.",
        )
    return assumption


def assumption_update(*, actor: Person, assumption: Assumption, note: str = "", **changes: Any) -> Assumption:
    """Edit an assumption; every edit becomes a revision saying who changed what, and why."""
    unknown = set(changes) - set(ASSUMPTION_EDITABLE_FIELDS) - {"goals"}
    if unknown:
        raise TypeError(f"Unknown assumption fields: {sorted(unknown)}")
    _require_open_cycle(assumption)
    require_perm(actor, "assumptions.change_assumption", assumption, "Only the assumption's owner edits it.")
    status = changes.get("status")
    if status is not None and status != assumption.status:
        if status not in OWNER_SETTABLE_STATUSES:
            raise ValidationError({"status": "An assumption becomes challenged when someone challenges it."})
        open_count = assumption.challenges.open().count()
        if open_count and status in (AssumptionStatus.ACTIVE, AssumptionStatus.UPHELD):
            raise ValidationError(
                {"status": f"Answer the {open_count} open challenge{'s' if open_count != 1 else ''} first."}
            )
    goals = changes.pop("goals", None)
    with transaction.atomic():
        assumption = Assumption.objects.select_for_update().select_related("cycle").get(pk=assumption.pk)
        before = _state(assumption)
        for name, value in changes.items():
            setattr(assumption, name, _text(value) if name in ("statement", "rationale", "evidence") else value)
        assumption.full_clean()
        assumption.save(update_fields=[*changes, "updated"])
        goal_ids = before["goals"]
        if goals is not None:
            # Links already there stay valid even when the actor cannot see the goal (a private one).
            goals = list(goals)
            _validate_goals(actor, assumption.cycle_id, [goal for goal in goals if goal.pk not in before["goals"]])
            assumption.goals.set(goals)
            goal_ids = [goal.pk for goal in goals]
        _record_revision(assumption, author=actor, before=before, after=_state(assumption, goal_ids), note=note)
    return assumption


# --- challenges ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposedChange:
    """One goal a challenge's course correction names, and what should change in it."""

    goal: Goal
    proposed_target: Decimal | None = None
    note: str = ""


def challenge_open(
    *,
    actor: Person,
    assumption: Assumption,
    claim: str,
    evidence: str = "",
    course_correction: str = "",
    proposed_changes: Iterable[ProposedChange] = (),
) -> Challenge:
    """Argue that ``assumption`` no longer holds; the assumption becomes challenged."""
    _require_open_cycle(assumption)
    require_perm(actor, "assumptions.challenge_assumption", assumption, "You cannot challenge this assumption.")
    if assumption.status == AssumptionStatus.RETIRED:
        raise StateConflict("This assumption was retired; there is nothing left to challenge.")
    challenge = Challenge(
        assumption=assumption,
        author=actor,
        claim=_text(claim),
        evidence=_text(evidence),
        course_correction=_text(course_correction),
    )
    if not challenge.claim:
        raise ValidationError({"claim": "Say what you believe is wrong with the assumption."})
    challenge.full_clean()
    proposed_changes = list(proposed_changes)
    for change in proposed_changes:
        goal = change.goal
        if goal.cycle_id != assumption.cycle_id or not actor.has_perm("goals.view_goal", goal):
            raise ValidationError({"proposed_changes": "Name goals of this assumption's cycle that you can see."})
        if change.proposed_target is None and not _text(change.note):
            raise ValidationError({"proposed_changes": f"Say what should change in {goal.title}: a target or a note."})
    with transaction.atomic():
        challenge.save()
        ChangeRequest.objects.bulk_create(
            ChangeRequest(
                challenge=challenge, goal=change.goal, proposed_target=change.proposed_target, note=_text(change.note)
            )
            for change in proposed_changes
        )
        locked = Assumption.objects.select_for_update().get(pk=assumption.pk)
        if locked.status in (AssumptionStatus.ACTIVE, AssumptionStatus.UPHELD, AssumptionStatus.REVISED):
            before = _state(locked)
            locked.status = AssumptionStatus.CHALLENGED
            locked.save(update_fields=["status", "updated"])
            _record_revision(
                locked,
                author=actor,
                before=before,
                after=_state(locked),
                note=f"Challenged: {challenge.claim}",
                challenge=challenge,
            )
            assumption.status, assumption.revision = locked.status, locked.revision
        challenge_opened.send(sender=Challenge, challenge=challenge)
    return challenge


def _require_open_thread(challenge: Challenge) -> None:
    if challenge.assumption.cycle.is_closed:
        raise StateConflict(f"{challenge.assumption.cycle.name} is closed: its challenges are read-only.")


def challenge_endorse(*, actor: Person, challenge: Challenge) -> Endorsement:
    """Add the actor's one vote to a challenge."""
    _require_open_thread(challenge)
    if not challenge.is_open:
        raise StateConflict("This challenge was already answered; endorsements are closed.")
    require_perm(actor, "assumptions.endorse_challenge", challenge, "You cannot endorse your own challenge.")
    try:
        with transaction.atomic():
            return Endorsement.objects.create(challenge=challenge, person=actor)
    except IntegrityError:
        raise ValidationError({"challenge": "You already endorsed this challenge."}) from None


def challenge_resolve(
    *,
    actor: Person,
    challenge: Challenge,
    status: str,
    response: str,
    outcome: str = AssumptionStatus.REVISED,
    **revision: Any,
) -> Challenge:
    """The assumption's owner accepts or declines a challenge, always saying why.

    Accepting revises or retires the assumption (``outcome``; ``revision`` may carry the
    new statement, rationale, evidence or confidence) and turns the challenge's course
    corrections into change requests for the goals' owners. Declining upholds the
    assumption once no other challenge is open.
    """
    unknown = set(revision) - {"statement", "rationale", "evidence", "confidence"}
    if unknown:
        raise TypeError(f"Unknown assumption fields: {sorted(unknown)}")
    assumption = challenge.assumption
    # Checked against the rule itself: Django lets superusers past ``has_perm``, but the
    # answer to a challenge must come from the person who owns the belief.
    if not rules.has_perm("assumptions.resolve_challenge", actor, challenge):
        raise PermissionDenied("Only the assumption's owner answers its challenges.")
    _require_open_cycle(assumption)
    if status not in (ChallengeStatus.ACCEPTED, ChallengeStatus.DECLINED):
        raise ValidationError({"status": "Choose accepted or declined."})
    response = _text(response)
    if not response:
        raise ValidationError({"response": "Explain your answer to the people who raised the challenge."})
    if status == ChallengeStatus.ACCEPTED and outcome not in RESOLUTION_OUTCOMES:
        raise ValidationError({"outcome": "An accepted challenge revises or retires the assumption."})
    with transaction.atomic():
        challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
        if not challenge.is_open:
            raise StateConflict("This challenge was already answered.")
        locked = Assumption.objects.select_for_update().select_related("cycle").get(pk=assumption.pk)
        before = _state(locked)
        others_open = locked.challenges.open().exclude(pk=challenge.pk).exists()
        if status == ChallengeStatus.ACCEPTED:
            for name, value in revision.items():
                setattr(locked, name, _text(value) if name != "confidence" else value)
            locked.status = outcome
        elif not others_open and locked.status in (AssumptionStatus.CHALLENGED, AssumptionStatus.UNDER_REVIEW):
            locked.status = AssumptionStatus.UPHELD
        locked.full_clean()
        locked.save()
        verb = "Accepted" if status == ChallengeStatus.ACCEPTED else "Declined"
        _record_revision(
            locked,
            author=actor,
            before=before,
            after=_state(locked),
            note=f"{verb}: {challenge.claim}",
            challenge=challenge,
        )
        challenge.status = status
        challenge.response = response
        challenge.outcome = locked.status
        challenge.resolved_by = actor
        challenge.resolved_at = timezone.now()
        challenge.save(update_fields=["status", "response", "outcome", "resolved_by", "resolved_at"])
        proposed = list(challenge.change_requests.filter(status=ChangeRequestStatus.PROPOSED).select_related("goal"))
        accepted = status == ChallengeStatus.ACCEPTED
        new_status = ChangeRequestStatus.PENDING if accepted else ChangeRequestStatus.WITHDRAWN
        ChangeRequest.objects.filter(pk__in=[request.pk for request in proposed]).update(status=new_status)
        challenge_resolved.send(sender=Challenge, challenge=challenge, actor=actor)
        if new_status == ChangeRequestStatus.PENDING:
            for request in proposed:
                request.status = new_status
                change_request_opened.send(sender=ChangeRequest, change_request=request)
    return challenge


# --- threads --------------------------------------------------------------------------------


def comment_post(*, actor: Person, challenge: Challenge, body: str, parent: Comment | None = None) -> Comment:
    """Reply in a challenge's thread, to the challenge itself or to one of its comments."""
    require_perm(actor, "assumptions.comment_challenge", challenge, "Sign in to take part in the discussion.")
    _require_open_thread(challenge)
    if parent is not None and parent.challenge_id != challenge.pk:
        raise ValidationError({"parent": "That comment belongs to another thread."})
    comment = Comment(challenge=challenge, parent=parent, author=actor, body=_text(body))
    if not comment.body:
        raise ValidationError({"body": "Write something before posting."})
    comment.full_clean(exclude=["parent"])
    with mptt_tree_lock(Comment, [parent.pk if parent else None], new_tree=parent is None):
        if parent is not None:
            comment.parent = Comment.objects.get(pk=parent.pk)  # fresh lft/rght under the lock
        comment.save()
        comment_posted.send(sender=Comment, comment=comment)
    return comment


def comment_edit(*, actor: Person, comment: Comment, body: str) -> Comment:
    require_perm(actor, "assumptions.change_comment", comment, "Only its author edits a comment.")
    _require_open_thread(comment.challenge)
    if comment.is_removed:
        raise StateConflict("This comment was removed.")
    body = _text(body)
    if not body:
        raise ValidationError({"body": "A comment cannot be empty; remove it instead."})
    comment.body = body
    comment.edited_at = timezone.now()
    comment.full_clean(exclude=["parent"])
    comment.save(update_fields=["body", "edited_at"])
    return comment


def comment_remove(*, actor: Person, comment: Comment) -> Comment:
    """Blank a comment; it keeps its place in the thread (and its replies) as "removed"."""
    require_perm(actor, "assumptions.delete_comment", comment, "Only its author removes a comment.")
    _require_open_thread(comment.challenge)
    if not comment.is_removed:
        comment.body = ""
        comment.removed_at = timezone.now()
        comment.save(update_fields=["body", "removed_at"])
    return comment


# --- change requests ----------------------------------------------------------------------


def change_request_apply(*, actor: Person, change_request: ChangeRequest, note: str = "") -> ChangeRequest:
    """The goal's owner (or their manager) takes the course correction: the new target is set."""
    return _decide(actor, change_request, ChangeRequestStatus.APPLIED, note)


def change_request_decline(*, actor: Person, change_request: ChangeRequest, note: str) -> ChangeRequest:
    if not _text(note):
        raise ValidationError({"note": "Say why the goal keeps its course."})
    return _decide(actor, change_request, ChangeRequestStatus.DECLINED, note)


def _decide(actor: Person, change_request: ChangeRequest, status: str, note: str) -> ChangeRequest:
    require_perm(
        actor,
        "assumptions.decide_changerequest",
        change_request,
        "Only the goal's owner or their managers decide on its course correction.",
    )
    with transaction.atomic():
        change_request = (
            ChangeRequest.objects.select_for_update(of=("self",))
            .select_related("goal__cycle", "goal__owner", "challenge")
            .get(pk=change_request.pk)
        )
        if change_request.goal.cycle.is_closed:
            raise StateConflict(f"{change_request.goal.cycle.name} is closed: its goals keep their course.")
        if not change_request.is_pending:
            raise StateConflict(f"This change request is {change_request.get_status_display().lower()}.")
        goal = change_request.goal
        superseded: list[ChangeRequest] = []
        if status == ChangeRequestStatus.APPLIED and change_request.proposed_target is not None:
            change_request.previous_target = goal.target
            goal_retarget(goal=goal, target=change_request.proposed_target)
            superseded = _supersede_competing(change_request, actor)
        change_request.status = status
        change_request.decided_by = actor
        change_request.decided_at = timezone.now()
        change_request.decision_note = _text(note)
        change_request.save(update_fields=["status", "previous_target", "decided_by", "decided_at", "decision_note"])
        change_request_decided.send(sender=ChangeRequest, change_request=change_request, actor=actor)
        for other in superseded:
            change_request_decided.send(sender=ChangeRequest, change_request=other, actor=actor)
    return change_request


def _supersede_competing(applied: ChangeRequest, actor: Person) -> list[ChangeRequest]:
    """Close the other open target changes on the applied one's goal: they were proposed against the old target."""
    goal = applied.goal
    competing = list(
        ChangeRequest.objects.select_for_update(of=("self",))
        .filter(goal=goal, proposed_target__isnull=False)
        .filter(status__in=[ChangeRequestStatus.PENDING, ChangeRequestStatus.PROPOSED])
        .exclude(pk=applied.pk)
        .select_related("challenge")
    )
    now = timezone.now()
    for other in competing:
        other.status = ChangeRequestStatus.SUPERSEDED
        other.decided_by = actor
        other.decided_at = now
        other.previous_target = applied.previous_target
        other.decision_note = (
            f"Superseded: {actor.full_name} applied another course correction first, from the challenge "
            f"“{applied.challenge.claim}”, which moved the target from "
            f"{format_amount(applied.previous_target, goal.unit)} to {format_amount(goal.target, goal.unit)}. "
            f"This one proposed {format_amount(other.proposed_target, goal.unit)} against the old target; "
            "propose it again if it still applies."
        )
    ChangeRequest.objects.bulk_update(
        competing, ["status", "decided_by", "decided_at", "previous_target", "decision_note"]
    )
    return competing
