"""Everything that can change a cycle, a goal or the cascade.

Each service checks the rules (goals/rules.py) for its ``actor``, validates, takes
the write lock of the trees it touches, writes, keeps rolled-up progress true and
announces the change (goals/signals.py). Views, the API, admin actions and tasks
all come through here.
"""

from collections.abc import Iterable
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone

from accounts.models import Person
from core.exceptions import StateConflict
from core.formatting import format_amount
from core.history import attribute_change, record_changes, record_queryset
from core.locks import mptt_tree_lock
from core.permissions import require_perm
from goals.models import (
    AlignmentFlag,
    CheckIn,
    ChildrenChoice,
    Cycle,
    Deletion,
    Goal,
    GoalComment,
    GoalScore,
    Phase,
    Rollup,
    Status,
    Tier,
    Unit,
)
from goals.models.cycle import PHASE_ORDER
from goals.models.goal import TIER_FOR_ROLE, direction_implied_by
from goals.placement import can_share_placement, place_goal
from goals.progress import progress_ratio
from goals.quotas.services import phasing_follow_parent, record_cycle_scores
from goals.rollup import recompute_cycle_rollups, refresh_rollups_upward
from goals.room import request_room
from goals.signals import checkin_recorded, goal_commented, goal_deleted, goal_status_changed, goals_changed

# Fields of a goal its editors set directly; the rest change through verbs.
GOAL_EDITABLE_FIELDS = {
    "title",
    "description",
    "metric",
    "unit",
    "baseline",
    "target",
    "direction",
    "current",
    "weight",
    "due_date",
    "visibility",
    "rollup",
    "external_key",
}
# Changing any of these changes someone's rolled-up progress.
ROLLUP_INPUT_FIELDS = {"baseline", "target", "current", "direction", "weight", "visibility", "rollup", "status"}

CENT = Decimal("0.01")
CLOSE_BATCH = 5000  # goals whose status one statement of the closing changes (and records)


# --- guards -----------------------------------------------------------------------------


def _require_open_cycle(cycle: Cycle) -> None:
    if cycle.is_closed:
        raise StateConflict(f"{cycle.name} is closed: its goals are read-only.")


def _validate_parent(actor: Person, parent: Goal | None) -> None:
    if parent is None:
        return
    if not actor.has_perm("goals.view_goal", parent):
        raise ValidationError({"parent": "There is no goal with that id."})
    if parent.cycle.is_closed:
        raise ValidationError({"parent": f"{parent.title} belongs to {parent.cycle.name}, which is closed."})
    if parent.status == Status.DROPPED:
        raise ValidationError({"parent": f"{parent.title} was dropped; link to a goal that is still pursued."})


def announce_goals(goals: Iterable[Goal]) -> None:
    """Tell the layers above that these goals changed (goals_changed), inside the writing transaction."""
    goals = list(goals)
    goals_changed.send(sender=Goal, goal_ids={goal.pk for goal in goals}, cycle_ids={goal.cycle_id for goal in goals})


# --- cycles -----------------------------------------------------------------------------


def cycle_create(
    *, actor: Person, name: str, start, end, checkin_interval_days: int = 14, phase: str = Phase.PLANNING
) -> Cycle:
    require_perm(actor, "goals.add_cycle", None, "Only admins create cycles.")
    cycle = Cycle(name=name, start=start, end=end, checkin_interval_days=checkin_interval_days, phase=phase)
    cycle.full_clean()
    attribute_change(cycle, actor)
    cycle.save()
    return cycle


def cycle_update(*, actor: Person, cycle: Cycle, **changes: Any) -> Cycle:
    """Change a cycle's dates or settings; a new ``phase`` goes through ``cycle_set_phase``."""
    require_perm(actor, "goals.change_cycle", cycle, "Only admins change cycles.")
    _require_open_cycle(cycle)
    phase = changes.pop("phase", None)
    unknown = set(changes) - {"name", "start", "end", "checkin_interval_days"}
    if unknown:
        raise TypeError(f"Unknown cycle fields: {sorted(unknown)}")
    with transaction.atomic():
        for name, value in changes.items():
            setattr(cycle, name, value)
        cycle.full_clean()
        attribute_change(cycle, actor)
        cycle.save()
        if phase is not None and phase != cycle.phase:
            cycle_set_phase(actor=actor, cycle=cycle, phase=phase)
    return cycle


def cycle_set_phase(*, actor: Person, cycle: Cycle, phase: str) -> Cycle:
    """Move a cycle forward: planning -> workshop -> active -> closed (phases may be skipped)."""
    if phase == Phase.WORKSHOP or (cycle.phase == Phase.WORKSHOP and phase == Phase.ACTIVE):
        require_perm(actor, "goals.run_workshop", cycle, "Only executives and admins run the alignment workshop.")
    else:
        require_perm(actor, "goals.change_cycle", cycle, "Only admins change a cycle's phase.")
    if phase not in Phase.values:
        raise ValidationError({"phase": f"Unknown phase {phase!r}."})
    if PHASE_ORDER.index(phase) <= PHASE_ORDER.index(cycle.phase):
        raise StateConflict(
            f"{cycle.name} is already {cycle.get_phase_display().lower()}; "
            "a cycle moves forward only: planning, workshop, active, closed."
        )
    if phase == Phase.CLOSED:
        return cycle_close(actor=actor, cycle=cycle)
    cycle.phase = phase
    attribute_change(cycle, actor)
    cycle.save(update_fields=["phase"])
    if phase == Phase.ACTIVE:
        request_room(cycle)
    return cycle


def cycle_close(*, actor: Person, cycle: Cycle) -> Cycle:
    """Close a cycle: approved goals end achieved or missed, unfinished drafts dropped; then read-only."""
    require_perm(actor, "goals.change_cycle", cycle, "Only admins close a cycle.")
    _require_open_cycle(cycle)
    with transaction.atomic():
        rows = (
            Goal.objects.filter(cycle=cycle)
            .order_by()
            .values_list("id", "status", "baseline", "target", "current", "direction")
        )
        achieved, missed, dropped = [], [], []
        for pk, status, baseline, target, current, direction in rows:
            if status == Status.APPROVED:
                (achieved if progress_ratio(baseline, target, current, direction) >= 1 else missed).append(pk)
            elif status in (Status.DRAFT, Status.SUBMITTED, Status.RETURNED):
                dropped.append(pk)
        for status, ids in ((Status.ACHIEVED, achieved), (Status.MISSED, missed), (Status.DROPPED, dropped)):
            for start in range(0, len(ids), CLOSE_BATCH):
                batch = Goal.objects.filter(pk__in=ids[start : start + CLOSE_BATCH])
                batch.update(status=status)
                record_queryset(batch, actor=actor, reason=f"{cycle.name} closed")
        cycle.phase = Phase.CLOSED
        attribute_change(cycle, actor)
        cycle.save(update_fields=["phase"])
        record_cycle_scores(cycle)
        recompute_cycle_rollups(cycle.pk)
        announce_goals(Goal.objects.filter(pk__in=dropped).only("id", "cycle_id"))
    return cycle


# --- the cascade ------------------------------------------------------------------------


def goal_create(
    *,
    actor: Person,
    cycle: Cycle,
    owner: Person,
    title: str,
    target: Decimal,
    metric: str,
    parent: Goal | None = None,
    tier: str | None = None,
    assumptions: Iterable[Any] = (),
    **fields: Any,
) -> Goal:
    """Draft a goal for ``owner`` in ``cycle``, linked under ``parent`` (or unmapped)."""
    unknown = set(fields) - GOAL_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Unknown goal fields: {sorted(unknown)}")
    tier = tier or TIER_FOR_ROLE.get(owner.role)
    if tier == Tier.CORPORATE:
        require_perm(actor, "goals.add_corporate_objective", None, "Only executives create corporate objectives.")
    require_perm(actor, "goals.add_goal_for", owner, "You can draft goals for yourself and for people under you only.")
    _require_open_cycle(cycle)
    if tier is None:
        raise ValidationError({"owner": f"{owner.full_name} has no sales role, so cannot own goals."})
    _validate_parent(actor, parent)

    fields.setdefault("current", fields.get("baseline", Decimal(0)))
    if tier == Tier.REP:
        # A rep goal has no sub-goals to take a weighted mean of: its progress comes from its check-ins.
        fields.setdefault("rollup", Rollup.MANUAL)
    if not fields.get("direction"):
        fields["direction"] = direction_implied_by(fields.get("baseline", Decimal(0)), target)
    goal = Goal(cycle=cycle, owner=owner, parent=parent, tier=tier, title=title, target=target, metric=metric, **fields)
    if parent is not None and can_share_placement():
        # Many people drafting at once: goals waiting for one tree share one shift (goals/placement.py).
        goal.full_clean()
        goal.rolled_up_progress = goal.progress
        return place_goal(goal=goal, actor=actor, assumption_ids=[getattr(item, "pk", item) for item in assumptions])
    with mptt_tree_lock(Goal, [parent.pk if parent else None], new_tree=parent is None):
        goal.full_clean()
        goal.rolled_up_progress = goal.progress
        attribute_change(goal, actor)
        goal.save()
        if assumptions:
            goal.assumptions.set(assumptions)
        refresh_rollups_upward([goal.pk])
        announce_goals([goal])
    return goal


def goal_update(*, actor: Person, goal: Goal, **changes: Any) -> Goal:
    """Edit a goal's text, measures and settings; ``parent`` moves it; ``current`` records a check-in."""
    unknown = set(changes) - GOAL_EDITABLE_FIELDS - {"parent", "assumptions"}
    if unknown:
        raise TypeError(f"Unknown goal fields: {sorted(unknown)}")
    _require_open_cycle(goal.cycle)
    require_perm(actor, "goals.change_goal", goal, "You can edit your own goals while they are drafts or returned.")

    parent_given = "parent" in changes
    parent = changes.pop("parent", None)
    assumptions = changes.pop("assumptions", None)
    new_current = changes.pop("current", None)
    with transaction.atomic():
        if parent_given and parent != goal.parent:
            goal = goal_move(actor=actor, goal=goal, parent=parent)
        if changes:
            with mptt_tree_lock(Goal, [goal.pk]):
                for name, value in changes.items():
                    setattr(goal, name, value)
                goal.full_clean()
                attribute_change(goal, actor)
                goal.save(update_fields=[*changes, "updated"])
                if ROLLUP_INPUT_FIELDS & set(changes):
                    refresh_rollups_upward([goal.pk])
        if assumptions is not None:
            goal.assumptions.set(assumptions)
        if new_current is not None and Decimal(new_current) != goal.current:
            checkin_create(
                actor=actor,
                goal=goal,
                value=new_current,
                confidence=goal.confidence or "on_track",
                note="Current value edited on the goal.",
            )
        announce_goals([goal])
    return goal


def goal_retarget(*, goal: Goal, target: Decimal, actor: Person | None = None, reason: str = "") -> Goal:
    """Set a goal's target outside its drafting workflow, as a course correction agreed elsewhere.

    The caller has already decided who may do this (see assumptions.services).
    """
    _require_open_cycle(goal.cycle)
    with mptt_tree_lock(Goal, [goal.pk]):
        goal.target = target
        goal.full_clean()
        attribute_change(goal, actor, reason)
        goal.save(update_fields=["target", "updated"])
        refresh_rollups_upward([goal.pk])
        announce_goals([goal])
    return goal


def goal_move(*, actor: Person, goal: Goal, parent: Goal | None) -> Goal:
    """Link ``goal`` (with everything under it) under ``parent``, or unlink it when ``parent`` is None."""
    _require_open_cycle(goal.cycle)
    require_perm(actor, "goals.link_goal", goal, "You can link your own goals while they are drafts or returned.")
    if goal.tier == Tier.CORPORATE and parent is not None:
        raise ValidationError({"parent": "A corporate objective is the top of its cascade: it has no parent."})
    _validate_parent(actor, parent)

    old_parent_id = goal.parent_id
    with mptt_tree_lock(Goal, [goal.pk, parent.pk if parent else None], new_tree=parent is None):
        goal.refresh_from_db(fields=["lft", "rght", "tree_id", "level"])
        if parent is not None:
            parent.refresh_from_db(fields=["lft", "rght", "tree_id", "level"])
            if parent.pk == goal.pk or parent.is_descendant_of(goal):
                raise ValidationError({"parent": "A goal cannot sit under itself or under one of its own sub-goals."})
        goal.parent = parent
        attribute_change(goal, actor)
        goal.save()
        refresh_rollups_upward([goal.pk, old_parent_id])
        announce_goals([goal])
    return goal


DELETE_RULE = (
    "You can delete your own goals while they are drafts without check-ins; "
    "ask an admin to delete a goal that was submitted, reviewed or checked in on."
)


def goal_delete(*, actor: Person, goal: Goal, children: str | None = None) -> Deletion:
    """Delete a goal (softly: it can be undone), saying what happens to its sub-goals.

    ``children`` is required when the goal has sub-goals: ``move_up`` links them to the
    deleted goal's parent (or leaves them unlinked when it had none); ``delete`` deletes
    them too, which only admins may do unless every goal below is one the actor could
    delete on its own. The goal, its deleted sub-goals, their check-ins and comments are
    marked with one ``Deletion`` and the deleted subtree is detached into a tree of its
    own, so the live cascade's trees, counts, roll-ups and scans no longer see it. Their
    open flags are resolved; owners who did not delete are told.
    """
    _require_open_cycle(goal.cycle)
    require_perm(actor, "goals.delete_goal", goal, DELETE_RULE)
    if children not in (None, "", *ChildrenChoice.values):
        raise ValidationError({"children": 'Choose "move_up" or "delete".'})
    now = timezone.now()
    with mptt_tree_lock(Goal, [goal.pk, goal.parent_id], new_tree=True):
        goal.refresh_from_db(fields=["lft", "rght", "tree_id", "level", "parent"])
        below = list(goal.get_descendants().select_related("owner", "cycle"))
        if below and not children:
            visible = sum(1 for sub in below if actor.has_perm("goals.view_goal", sub))
            raise ValidationError({"children": _children_question(goal, visible)})
        if children == ChildrenChoice.DELETE and not _may_delete_all(actor, below):
            raise PermissionDenied(
                "Some goals under it are not yours to delete (only your own drafts without check-ins are): "
                "move its sub-goals up instead, or ask an admin."
            )
        parent = goal.parent if goal.parent_id else None
        deletion = Deletion.objects.create(
            goal=goal,
            goal_title=goal.title,
            cycle=goal.cycle,
            actor=actor,
            created=now,
            children=children if below else "",
            parent=parent,
            undo_until=now + timedelta(minutes=settings.DELETION_UNDO_MINUTES),
        )
        moved: list[Goal] = []
        if below and children == ChildrenChoice.MOVE_UP:
            moved = [sub for sub in below if sub.parent_id == goal.pk]
            reason = f"Moved up: {actor.full_name} deleted the goal above it."
            for sub in moved:
                _relink(sub, parent, actor, reason)
            deletion.moved_up = [sub.pk for sub in moved]
        if parent is not None:
            # Detach what goes into a tree of its own: the live cascade's nested sets never hold it.
            goal.refresh_from_db(fields=["lft", "rght", "tree_id", "level"])
            goal.parent = None
            goal.skip_history_when_saving = True  # the deletion's own row records it
            goal.save()
            del goal.skip_history_when_saving
        gone = [goal.pk] + ([sub.pk for sub in below] if children == ChildrenChoice.DELETE else [])
        Goal.all_objects.filter(pk__in=gone).update(deletion=deletion)
        record_queryset(
            Goal.all_objects.filter(pk__in=gone),
            actor=actor,
            reason=_deletion_reason(deletion, len(gone)),
            history_type="-",
            when=now,
        )
        deletion.goal_count = len(gone)
        deletion.checkin_count = CheckIn.objects.filter(goal_id__in=gone).update(deletion=deletion)
        deletion.comment_count = GoalComment.objects.filter(goal_id__in=gone).update(deletion=deletion)
        deletion.save(update_fields=["goal_count", "checkin_count", "comment_count", "moved_up"])
        AlignmentFlag.objects.filter(goal_id__in=gone, resolved_at__isnull=True).update(resolved_at=now)
        touched = {parent.pk} if parent else set()
        refresh_rollups_upward([*touched, *(sub.pk for sub in moved)])
        goals_changed.send(
            sender=Goal, goal_ids=touched | {sub.pk for sub in moved} | set(gone), cycle_ids={goal.cycle_id}
        )
        goal_deleted.send(sender=Deletion, deletion=deletion, restored=False)
    return deletion


def _may_delete_all(actor: Person, goals: list[Goal]) -> bool:
    return actor.is_staff or all(actor.has_perm("goals.delete_goal", goal) for goal in goals)


def _children_question(goal: Goal, visible: int) -> str:
    count = f"{visible} sub-goal{'s' if visible != 1 else ''}" if visible else "sub-goals"
    where = "its parent" if goal.parent_id else "the top of the cascade (unlinked)"
    return (
        f"{goal.title} has {count}: say what happens to them. "
        f'"move_up" links them to {where}; "delete" deletes them with it.'
    )


def _deletion_reason(deletion: Deletion, count: int) -> str:
    if deletion.children == ChildrenChoice.DELETE:
        return f"Deleted with its sub-goals ({count} goals in all)."
    if deletion.children == ChildrenChoice.MOVE_UP:
        return f"Deleted; its {len(deletion.moved_up)} sub-goal(s) moved up to its parent."
    return "Deleted."


def _relink(goal: Goal, parent: Goal | None, actor: Person, reason: str) -> None:
    """Move ``goal`` (and what is under it) under ``parent`` as part of a deletion or restore (locks held)."""
    goal.refresh_from_db(fields=["lft", "rght", "tree_id", "level"])
    if parent is not None:
        parent.refresh_from_db(fields=["lft", "rght", "tree_id", "level"])
    goal.parent = parent
    attribute_change(goal, actor, reason)
    goal.save()


def deletion_restore(*, actor: Person, deletion: Deletion) -> Goal | None:
    """Undo a deletion: everything it marked comes back, the goal where it hung, moved sub-goals under it again.

    The goal goes back under its old parent when that parent is still in the cascade;
    when the parent was deleted since, restore that first; when it is gone for good (or
    its cycle closed) the goal comes back unlinked. Sub-goals that were moved up go back
    under it only if nobody moved them elsewhere meanwhile.
    """
    require_perm(
        actor,
        "goals.restore_deletion",
        deletion,
        f"Only the person who deleted it may undo it, within {settings.DELETION_UNDO_MINUTES} minutes; "
        "after that an admin restores it.",
    )
    if deletion.is_restored:
        raise StateConflict("This deletion was already undone.")
    _require_open_cycle(deletion.cycle)
    goal = Goal.all_objects.select_related("owner", "cycle").filter(pk=deletion.goal_id).first()
    now = timezone.now()
    parent = Goal.all_objects.filter(pk=deletion.parent_id).first() if deletion.parent_id else None
    if parent is not None and parent.deletion_id is not None:
        raise StateConflict(
            f"The goal it hung under, {parent.title}, is deleted too: restore that first "
            "(or an admin restores this one unlinked after it is purged)."
        )
    if goal is not None and parent is not None and parent.cycle.is_closed:
        parent = None
    with mptt_tree_lock(Goal, [deletion.goal_id, parent.pk if parent else None, *deletion.moved_up], new_tree=True):
        marked = list(Goal.all_objects.filter(deletion=deletion).values_list("pk", flat=True))
        if goal is not None:
            _require_free_external_key(goal)
            Goal.all_objects.filter(deletion=deletion).update(deletion=None)
            goal.deletion = None
            if parent is not None:
                _relink(goal, parent, actor, "Restored.")
            else:
                attribute_change(goal, actor, "Restored.")
                goal.save(update_fields=["updated"])
            # The goal's own row comes from its save above; the sub-goals restored with it get one each.
            record_queryset(Goal.objects.filter(pk__in=marked).exclude(pk=goal.pk), actor=actor, reason="Restored.")
            # Sub-goals moved up go back under it, unless someone moved them elsewhere meanwhile.
            back = Goal.objects.filter(pk__in=deletion.moved_up, parent_id=deletion.parent_id).order_by(
                "tree_id", "lft"
            )
            for sub in list(back):
                _relink(sub, goal, actor, "Back under its parent: the deletion was undone.")
        CheckIn.all_objects.filter(deletion=deletion).update(deletion=None)
        GoalComment.all_objects.filter(deletion=deletion).update(deletion=None)
        deletion.restored_at, deletion.restored_by = now, actor
        deletion.save(update_fields=["restored_at", "restored_by"])
        if goal is not None:
            refresh_rollups_upward([goal.pk])
            goals_changed.send(sender=Goal, goal_ids={goal.pk, *marked}, cycle_ids={deletion.cycle_id})
            goal_deleted.send(sender=Deletion, deletion=deletion, restored=True)
    return goal


def _require_free_external_key(goal: Goal) -> None:
    if goal.external_key and Goal.objects.filter(cycle=goal.cycle_id, external_key=goal.external_key).exists():
        raise StateConflict(
            f"Another goal in {goal.cycle.name} now has the external key {goal.external_key!r}; "
            "change that goal's key first."
        )


# --- the workflow -----------------------------------------------------------------------


def _set_status(goal: Goal, status: str, actor: Person, reason: str = "") -> Goal:
    old_status = goal.status
    with mptt_tree_lock(Goal, [goal.pk]):
        goal.status = status
        goal.return_reason = reason
        fields = ["status", "return_reason", "updated"]
        if status == Status.SUBMITTED:
            goal.submitted_at = timezone.now()
            fields.append("submitted_at")
        attribute_change(goal, actor, reason)
        goal.save(update_fields=fields)
        if Status.DROPPED in (old_status, status):
            refresh_rollups_upward([goal.pk])
    goal_status_changed.send(
        sender=Goal, goal=goal, old_status=old_status, new_status=status, actor=actor, reason=reason
    )
    return goal


def goal_submit(*, actor: Person, goal: Goal) -> Goal:
    _require_open_cycle(goal.cycle)
    if goal.status not in (Status.DRAFT, Status.RETURNED):
        raise StateConflict(f"Only drafts and returned goals can be submitted; this one is {goal.status}.")
    require_perm(actor, "goals.submit_goal", goal, "Only the goal's owner submits it for approval.")
    return _set_status(goal, Status.SUBMITTED, actor)


def goal_approve(*, actor: Person, goal: Goal) -> Goal:
    _require_open_cycle(goal.cycle)
    if goal.status != Status.SUBMITTED:
        raise StateConflict(f"Only submitted goals can be approved; this one is {goal.status}.")
    require_perm(actor, "goals.approve_goal", goal, "Goals are approved by the owner's manager or someone above them.")
    return _set_status(goal, Status.APPROVED, actor)


def goal_return(*, actor: Person, goal: Goal, reason: str) -> Goal:
    _require_open_cycle(goal.cycle)
    if goal.status not in (Status.SUBMITTED, Status.APPROVED):
        raise StateConflict(f"Only submitted or approved goals can be returned; this one is {goal.status}.")
    require_perm(actor, "goals.return_goal", goal, "Goals are returned by the owner's manager or someone above them.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the goal goes back, so its owner knows what to change."})
    return _set_status(goal, Status.RETURNED, actor, reason)


# --- check-ins --------------------------------------------------------------------------


def checkin_create(
    *, actor: Person, goal: Goal, value: Decimal, confidence: str, note: str = "", source: str = ""
) -> CheckIn:
    """Record progress on a goal: the check-in becomes the goal's current value.

    ``source`` names the metric feed that fetched the value (its ``actor`` is the person who set the feed up).
    """
    _require_open_cycle(goal.cycle)
    require_perm(actor, "goals.checkin_goal", goal, "Check-ins are posted by the goal's owner or their managers.")
    checkin = CheckIn(goal=goal, value=value, confidence=confidence, note=note, author=actor, source=source)
    checkin.full_clean()
    with mptt_tree_lock(Goal, [goal.pk]):
        checkin.save()
        goal.current = checkin.value
        goal.confidence = checkin.confidence
        goal.last_checkin_at = checkin.created
        goal.save(update_fields=["current", "confidence", "last_checkin_at", "updated"])
        refresh_rollups_upward([goal.pk])
        checkin_recorded.send(sender=CheckIn, checkin=checkin)
        announce_goals([goal])
    return checkin


# --- target allocation ------------------------------------------------------------------


class AllocationMethod:
    EVEN = "even"
    WEIGHTS = "weights"
    PRIOR_CYCLE = "prior_cycle"
    choices = [(EVEN, "Evenly"), (WEIGHTS, "By weights"), (PRIOR_CYCLE, "By prior-cycle attainment")]


# Why an allocated target changed, as the audit trail says it (no parent title: it may be private).
ALLOCATION_REASONS = {
    AllocationMethod.EVEN: "The parent's target was split evenly among its sub-goals.",
    AllocationMethod.WEIGHTS: "The parent's target was split among its sub-goals by weight.",
    AllocationMethod.PRIOR_CYCLE: "The parent's target was split among its sub-goals by prior-cycle attainment.",
}


def _prior_cycle_attainment(goal: Goal, children: list[Goal]) -> dict[int, Decimal]:
    """What each child's owner attained last cycle in the parent's unit (same metric preferred).

    Read from the scores recorded when that cycle closed: each goal's final value less its baseline.
    """
    prior = goal.cycle.previous()
    if prior is None:
        raise ValidationError({"method": f"There is no cycle before {goal.cycle.name} to take attainment from."})
    owner_ids = {child.owner_id for child in children}
    rows = (
        GoalScore.objects.filter(goal__cycle=prior, goal__owner_id__in=owner_ids, goal__unit=goal.unit)
        .order_by()
        .values("goal__owner_id", "goal__metric")
        .annotate(total=Sum(F("final_value") - F("baseline")))
    )
    same_metric: dict[int, Decimal] = {}
    any_metric: dict[int, Decimal] = {}
    for row in rows:
        owner = row["goal__owner_id"]
        any_metric[owner] = any_metric.get(owner, Decimal(0)) + row["total"]
        if row["goal__metric"].strip().lower() == goal.metric.strip().lower():
            same_metric[owner] = same_metric.get(owner, Decimal(0)) + row["total"]
    attainment = {owner: same_metric.get(owner, any_metric.get(owner)) for owner in owner_ids}
    known = [value for value in attainment.values() if value is not None and value > 0]
    if not known:
        raise ValidationError(
            {"method": f"Nobody under this goal has a score in {goal.get_unit_display()} recorded in {prior.name}."}
        )
    # New hires have no history: they get the team's average, as quota planners do.
    average = sum(known) / len(known)
    return {owner: value if value is not None and value > 0 else average for owner, value in attainment.items()}


def split_amount(total: Decimal, shares: list[Decimal]) -> list[Decimal]:
    """Split ``total`` by ``shares`` in cents; the last part absorbs rounding so the parts add up."""
    share_total = sum(shares)
    parts = [(total * share / share_total).quantize(CENT, rounding=ROUND_HALF_UP) for share in shares[:-1]]
    return [*parts, total - sum(parts)]


def goal_allocate_target(*, actor: Person, goal: Goal, method: str) -> list[Goal]:
    """Split ``goal``'s target among its sub-goals measured in the same unit."""
    _require_open_cycle(goal.cycle)
    require_perm(actor, "goals.allocate_goal", goal, "A goal's target is split by its owner or someone above them.")
    if method not in (AllocationMethod.EVEN, AllocationMethod.WEIGHTS, AllocationMethod.PRIOR_CYCLE):
        raise ValidationError({"method": 'Choose "even", "weights" or "prior_cycle".'})
    if goal.unit == Unit.PERCENT:
        raise ValidationError({"method": "Percentages do not add up; split only goals measured in amounts or counts."})
    children = list(
        goal.get_children().counted_in_rollup().filter(unit=goal.unit).select_related("owner").order_by("lft")
    )
    if not children:
        raise ValidationError(
            {"method": f"There are no sub-goals in {goal.get_unit_display()} to split the target among."}
        )

    if method == AllocationMethod.EVEN:
        shares = [Decimal(1)] * len(children)
    elif method == AllocationMethod.WEIGHTS:
        shares = [child.weight for child in children]
        if sum(shares) <= 0:
            raise ValidationError({"method": "All sub-goals weigh 0; set weights first or split evenly."})
    else:
        attainment = _prior_cycle_attainment(goal, children)
        shares = [attainment[child.owner_id] for child in children]

    amounts = dict(zip((child.pk for child in children), split_amount(goal.target, shares), strict=True))
    return apply_allocation(
        actor=actor, parent=goal, children=children, amounts=amounts, reason=ALLOCATION_REASONS[method]
    )


# Targets others agreed to: a split that changes one goes back to its owner to confirm.
AGREED_STATUSES = (Status.SUBMITTED, Status.APPROVED)


def apply_allocation(
    *, actor: Person, parent: Goal, children: list[Goal], amounts: dict[int, Decimal], reason: str
) -> list[Goal]:
    """Give each of ``children`` its new target; the checks were made by the caller.

    A sub-goal owned by someone else whose target was submitted or approved, and now
    changes, goes back to its owner as returned, the reason giving the old and the new
    target: they confirm it by submitting it again, and their manager approves it again.
    No one's agreed target changes without them hearing of it. Each change is one row of
    the audit trail (one insert for them all).
    """
    returned: list[tuple[Goal, str]] = []
    with mptt_tree_lock(Goal, [parent.pk]):
        for child in children:
            old_target, child.target = child.target, amounts[child.pk]
            if child.owner_id != actor.pk and child.status in AGREED_STATUSES and child.target != old_target:
                returned.append((child, child.status))
                child.status = Status.RETURNED
                child.return_reason = (
                    f"{actor.full_name} split the target of the goal above yours: it changed from "
                    f"{format_amount(old_target, child.unit)} to {format_amount(child.target, child.unit)}. "
                    "Check it and submit it again."
                )
        Goal.objects.bulk_update(children, ["target", "status", "return_reason"])
        record_changes(children, actor=actor, reason=reason)
        phasing_follow_parent(parent=parent, children=children, set_by=actor)
        refresh_rollups_upward(child.pk for child in children)
        announce_goals([parent, *children])
        for child, old_status in returned:
            goal_status_changed.send(
                sender=Goal,
                goal=child,
                old_status=old_status,
                new_status=Status.RETURNED,
                actor=actor,
                reason=child.return_reason,
            )
    return children


# --- carry-over -------------------------------------------------------------------------


def _is_unfinished(goal: Goal) -> bool:
    return goal.status != Status.DROPPED and goal.status != Status.ACHIEVED and goal.progress < 1


def goal_carry_over(*, actor: Person, goal: Goal, cycle: Cycle, include_subtree: bool = False) -> Goal:
    """Copy an unfinished goal (and, if asked, its unfinished sub-goals) into a later cycle.

    The copy starts as a draft from where the goal stands now (baseline = current),
    keeps its target and its link to the original, and sits under the copy of its
    parent when that was carried over too.

    Every sub-goal is checked on its own: those the actor may not carry over (another
    team's goals linked below, private goals they may not see) stay behind, and what
    was below them lands under the nearest copy above. The copy says how many sub-goals
    came with it (``carried_with``) and how many the actor can see were left behind
    (``left_behind``); goals they may not see are never counted.
    """
    require_perm(actor, "goals.carry_over_goal", goal, "Goals are carried over by their owner or someone above them.")
    _require_open_cycle(cycle)
    if cycle.pk == goal.cycle_id:
        raise ValidationError({"cycle": f"The goal is already in {cycle.name}; pick a later cycle."})
    if cycle.start < goal.cycle.start:
        raise ValidationError({"cycle": f"Goals carry over into a later cycle; {cycle.name} comes before."})
    if not _is_unfinished(goal):
        raise ValidationError({"goal": "The goal is finished (achieved, dropped or at 100%): nothing to carry over."})
    if Goal.objects.filter(carried_over_from=goal, cycle=cycle).exists():
        raise StateConflict(f"{goal.title} was already carried over into {cycle.name}.")

    originals = [goal]
    left_behind = 0
    if include_subtree:
        for below in goal.get_descendants().select_related("owner", "cycle"):
            if not _is_unfinished(below):
                continue
            if actor.has_perm("goals.carry_over_goal", below):
                originals.append(below)
            elif actor.has_perm("goals.view_goal", below):
                left_behind += 1
    shift = cycle.start - goal.cycle.start
    parent_copy = (
        Goal.objects.filter(carried_over_from_id=goal.parent_id, cycle=cycle).first() if goal.parent_id else None
    )

    copies: dict[int, Goal] = {}
    with mptt_tree_lock(Goal, [parent_copy.pk if parent_copy else None], new_tree=True):
        for original in originals:
            parent = copies.get(original.parent_id, parent_copy if original is goal else None)
            if original is not goal and parent is None:
                parent = _nearest_copied_ancestor(original, copies)
            copies[original.pk] = _copy_goal(original, cycle, parent, shift, actor)
        refresh_rollups_upward(copy.pk for copy in copies.values())
        announce_goals(copies.values())
    top = copies[goal.pk]
    top.carried_with, top.left_behind = len(copies) - 1, left_behind
    return top


def _nearest_copied_ancestor(goal: Goal, copies: dict[int, Goal]) -> Goal | None:
    for ancestor in goal.get_ancestors(ascending=True).only("id"):
        if ancestor.pk in copies:
            return copies[ancestor.pk]
    return None


def _carried_tier(original: Goal) -> str:
    """A role change takes effect in the next cycle: the copy is set for the owner's seat as it is now."""
    if original.is_corporate_objective:
        return original.tier
    return TIER_FOR_ROLE.get(original.owner.role, original.tier)


def _copy_goal(original: Goal, cycle: Cycle, parent: Goal | None, shift: timedelta, actor: Person) -> Goal:
    due_date = None
    if original.due_date:
        due_date = min(max(original.due_date + shift, cycle.start), cycle.end)
    copy = Goal(
        cycle=cycle,
        parent=parent,
        tier=_carried_tier(original),
        owner=original.owner,
        title=original.title,
        description=original.description,
        metric=original.metric,
        unit=original.unit,
        baseline=original.current,
        target=original.target,
        current=original.current,
        weight=original.weight,
        due_date=due_date,
        visibility=original.visibility,
        rollup=original.rollup,
        status=Status.DRAFT,
        carried_over_from=original,
    )
    copy.rolled_up_progress = copy.progress
    attribute_change(copy, actor, f"Carried over from {original.cycle.name}")
    copy.save()
    return copy


# --- bulk review (approval queue) -------------------------------------------------------


def goals_review(*, actor: Person, goals: Iterable[Goal], decision: str, reason: str = "") -> list[Goal]:
    """Approve or return many goals at once: all succeed or none change."""
    if decision not in ("approve", "return"):
        raise ValidationError({"decision": 'Choose "approve" or "return".'})
    with transaction.atomic():
        if decision == "approve":
            return [goal_approve(actor=actor, goal=goal) for goal in goals]
        return [goal_return(actor=actor, goal=goal, reason=reason) for goal in goals]


# --- comments ---------------------------------------------------------------------------


def goal_comment_create(*, actor: Person, goal: Goal, body: str) -> GoalComment:
    """Comment on a goal the actor can see, while its cycle is open."""
    _require_open_cycle(goal.cycle)
    require_perm(actor, "goals.comment_goal", goal, "You can comment only on goals you can see.")
    comment = GoalComment(goal=goal, author=actor, body=(body or "").strip())
    if not comment.body:
        raise ValidationError({"body": "Write something before posting."})
    comment.full_clean()
    comment.save()
    goal_commented.send(sender=GoalComment, comment=comment)
    return comment


def goal_comment_delete(*, actor: Person, comment: GoalComment) -> Deletion:
    """Remove a comment, softly: its author may undo it for a while, an admin any time (``deletion_restore``)."""
    _require_open_cycle(comment.goal.cycle)
    require_perm(actor, "goals.delete_goalcomment", comment, "Only its author or an admin removes a comment.")
    now = timezone.now()
    with transaction.atomic():
        deletion = Deletion.objects.create(
            goal=comment.goal,
            goal_title=comment.goal.title,
            cycle=comment.goal.cycle,
            actor=actor,
            created=now,
            goal_count=0,
            comment_count=1,
            undo_until=now + timedelta(minutes=settings.DELETION_UNDO_MINUTES),
        )
        comment.deletion = deletion
        comment.save(update_fields=["deletion"])
    return deletion


# --- joint targets ----------------------------------------------------------------------


def goal_mark_joint_target(*, actor: Person, goal: Goal) -> Goal:
    """Mark ``goal`` as a joint target that sales shares with marketing or enablement (a joint plan's).

    Its owner works outside the parent owner's chain on purpose, so the alignment scan does not
    flag it ``outside_chain``. Apps above goals (territories) decide which goals are joint.
    """
    _require_open_cycle(goal.cycle)
    require_perm(actor, "goals.change_goal", goal, "You can mark your own goals while they are drafts or returned.")
    with mptt_tree_lock(Goal, [goal.pk]):
        goal.is_joint_target = True
        goal.save(update_fields=["is_joint_target", "updated"])
        announce_goals([goal])
    return goal
