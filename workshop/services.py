"""Everything the alignment workshop changes: mappings, target splits, the decision log, closing.

The cascade itself changes through ``goals.services`` (rules, tree locks, roll-ups,
rescans); these services add the workshop's own checks (the executives' event, held
while the cycle is in its ``workshop`` phase) and write the decision log as they go.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Person
from core.exceptions import StateConflict
from core.formatting import format_amount
from goals import services as goal_services
from goals.models import Cycle, Goal, Phase, Tier, Unit, Visibility
from goals.services import AllocationMethod, goal_allocate_target, goal_move
from workshop.models import Baseline, BaselineGoal, Decision, DecisionKind
from workshop.selectors import ClosingGaps, closing_gaps

FREEZE_BATCH = 5000
MANUAL = "manual"
ALLOCATION_METHODS = [*AllocationMethod.choices, (MANUAL, "Type each goal's share")]
DECISION_MAX_LENGTH = 2000


# --- guards -----------------------------------------------------------------------------


def require_workshop_runner(actor: Person, cycle: Cycle) -> None:
    if not actor.has_perm("goals.run_workshop", cycle):
        raise PermissionDenied("Only executives and admins run the alignment workshop.")


def require_workshop_phase(cycle: Cycle) -> None:
    if cycle.phase != Phase.WORKSHOP:
        raise StateConflict(
            f"{cycle.name} is {cycle.get_phase_display().lower()}, not in its alignment workshop: "
            "the workshop board is read-only."
        )


def _require_objective(cycle: Cycle, objective: Goal, field: str = "objective") -> None:
    if objective.cycle_id != cycle.pk or objective.tier != Tier.CORPORATE or objective.parent_id is not None:
        raise ValidationError({field: f"Pick a corporate objective of {cycle.name}."})


# --- the decision log -------------------------------------------------------------------


def decision_log(
    *, actor: Person, cycle: Cycle, text: str, objective: Goal | None = None, kind: str = DecisionKind.NOTE
) -> Decision:
    """Record a decision taken at the workshop (by hand, or by a mapping, an allocation, the closing)."""
    require_workshop_runner(actor, cycle)
    require_workshop_phase(cycle)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write down what was decided."})
    if len(text) > DECISION_MAX_LENGTH:
        raise ValidationError({"text": f"Keep a decision under {DECISION_MAX_LENGTH} characters ({len(text)} now)."})
    if objective is not None:
        _require_objective(cycle, objective)
    return Decision.objects.create(cycle=cycle, author=actor, kind=kind, text=text, objective=objective)


# --- mapping ----------------------------------------------------------------------------


def workshop_map(*, actor: Person, goal: Goal, objective: Goal) -> Goal:
    """Map an executive goal under a corporate objective of its cycle (moving it if it sat elsewhere)."""
    cycle = goal.cycle
    require_workshop_runner(actor, cycle)
    require_workshop_phase(cycle)
    if goal.tier != Tier.EXECUTIVE:
        raise ValidationError({"goal": "Only executive goals are mapped at the workshop."})
    _require_objective(cycle, objective)
    if goal.parent_id == objective.pk:
        raise ValidationError({"objective": f"{goal.title} is already mapped under {objective.title}."})
    with transaction.atomic():
        goal = goal_move(actor=actor, goal=goal, parent=objective)
        _log(actor, cycle, f"Mapped {goal_reference(goal)} under {objective_reference(objective)}.", objective)
    return goal


def workshop_unmap(*, actor: Person, goal: Goal) -> Goal:
    """Take an executive goal off its objective: it goes back among the unmapped goals."""
    cycle = goal.cycle
    require_workshop_runner(actor, cycle)
    require_workshop_phase(cycle)
    if goal.tier != Tier.EXECUTIVE:
        raise ValidationError({"goal": "Only executive goals are mapped at the workshop."})
    if goal.parent_id is None:
        raise ValidationError({"goal": f"{goal.title} is not mapped to any objective."})
    objective = goal.parent
    with transaction.atomic():
        goal = goal_move(actor=actor, goal=goal, parent=None)
        _log(actor, cycle, f"Took {goal_reference(goal)} off {objective_reference(objective)}.", objective)
    return goal


def goal_reference(goal: Goal) -> str:
    """How the log names a goal: everyone reads the log, so a private goal is named by its owner only."""
    if goal.visibility == Visibility.COMPANY:
        return f"{goal.title} ({goal.owner.full_name})"
    return f"a private goal of {goal.owner.full_name}"


def objective_reference(objective: Goal) -> str:
    """How the log names an objective: a private one by its owner only, like any private goal."""
    if objective.visibility == Visibility.COMPANY:
        return objective.title
    return f"a private objective of {objective.owner.full_name}"


def _log(actor: Person, cycle: Cycle, text: str, objective: Goal | None, kind: str = DecisionKind.MAPPING) -> None:
    Decision.objects.create(cycle=cycle, author=actor, kind=kind, text=text, objective=objective)


# --- target allocation ------------------------------------------------------------------


def allocation_candidates(objective: Goal):
    """The goals under ``objective`` that a split of its target reaches (as ``goal_allocate_target`` picks them)."""
    return objective.get_children().counted_in_rollup().filter(unit=objective.unit).select_related("owner")


def workshop_allocate(
    *, actor: Person, objective: Goal, method: str, shares: dict[int, Decimal | str] | None = None
) -> list[Goal]:
    """Split an objective's target among the goals under it: evenly, by weights, by prior cycle, or by hand.

    By hand, ``shares`` gives each goal's amount keyed by goal id; the amounts must add
    up to the objective's target exactly, and every goal under it needs one.
    """
    cycle = objective.cycle
    require_workshop_runner(actor, cycle)
    require_workshop_phase(cycle)
    _require_objective(cycle, objective)
    with transaction.atomic():
        if method == MANUAL:
            children = _allocate_manually(actor, objective, shares or {})
        elif method in dict(AllocationMethod.choices):
            children = goal_allocate_target(actor=actor, goal=objective, method=method)
        else:
            raise ValidationError({"method": "Choose how to split the target."})
        label = dict(ALLOCATION_METHODS)[method].lower()
        total = format_amount(objective.target, objective.unit)
        parts = ", ".join(f"{goal_reference(child)} {format_amount(child.target, child.unit)}" for child in children)
        _log(
            actor,
            cycle,
            f"Split {objective_reference(objective)} ({total}) {label}: {parts}.",
            objective,
            kind=DecisionKind.ALLOCATION,
        )
    return children


def _allocate_manually(actor: Person, objective: Goal, shares: dict[int, Decimal | str]) -> list[Goal]:
    if not actor.has_perm("goals.allocate_goal", objective):
        raise PermissionDenied("A goal's target is split by its owner or someone above them.")
    if objective.unit == Unit.PERCENT:
        raise ValidationError({"method": "Percentages do not add up; split only goals measured in amounts or counts."})
    children = list(allocation_candidates(objective).order_by("lft"))
    if not children:
        raise ValidationError(
            {"method": f"There are no goals in {objective.get_unit_display()} under this objective to split it among."}
        )
    errors: dict[str, str] = {}
    amounts: dict[int, Decimal] = {}
    for child in children:
        raw = shares.get(child.pk)
        try:
            amount = Decimal(str(raw).strip()) if raw is not None and str(raw).strip() != "" else None
        except InvalidOperation:
            amount = None
            errors[f"share_{child.pk}"] = "Enter a number."
            continue
        if amount is None:
            errors[f"share_{child.pk}"] = f"Enter {child.title}'s share."
        elif not amount.is_finite() or amount < 0:
            errors[f"share_{child.pk}"] = "A share cannot be negative."
        elif amount != amount.quantize(goal_services.CENT):
            errors[f"share_{child.pk}"] = "Use at most two decimal places."
        else:
            amounts[child.pk] = amount
    unknown = set(shares) - {child.pk for child in children}
    if unknown:
        errors["shares"] = "Some shares are for goals that are not under this objective; reload the page."
    if errors:
        raise ValidationError(errors)
    total = sum(amounts.values(), Decimal(0))
    if total != objective.target:
        gap = objective.target - total
        side = "short of" if gap > 0 else "over"
        unit = objective.unit
        raise ValidationError(
            {
                "shares": (
                    f"The shares add up to {format_amount(total, unit)}, {format_amount(abs(gap), unit)} {side} "
                    f"the objective's target of {format_amount(objective.target, unit)}; "
                    "they must add up to it exactly."
                )
            }
        )
    return goal_services.apply_allocation(
        actor=actor,
        parent=objective,
        children=children,
        amounts=amounts,
        reason="The objective's target was split by hand at the workshop.",
    )


# --- closing: the baseline --------------------------------------------------------------


def baseline_freeze(cycle: Cycle, frozen_by: Person | None, frozen_at=None) -> Baseline:
    """Copy the cycle's whole cascade into a new baseline, in batches (a handful of queries per 5,000 goals)."""
    baseline = Baseline.objects.create(cycle=cycle, frozen_by=frozen_by, frozen_at=frozen_at or timezone.now())
    rows = (
        Goal.objects.filter(cycle=cycle)
        .order_by("tree_id", "lft")
        .values_list(
            "pk",
            "title",
            "owner_id",
            "owner__first_name",
            "owner__last_name",
            "owner__username",
            "parent_id",
            "tier",
            "metric",
            "unit",
            "target",
            "weight",
            "status",
            "visibility",
        )
    )
    batch: list[BaselineGoal] = []
    count = 0
    for position, row in enumerate(rows.iterator(chunk_size=FREEZE_BATCH)):
        pk, title, owner_id, first, last, username, parent_id, tier, metric, unit, target, weight, status, vis = row
        batch.append(
            BaselineGoal(
                baseline=baseline,
                goal_id=pk,
                goal_pk=pk,
                title=title,
                owner_id=owner_id,
                owner_name=f"{first} {last}".strip() or username,
                parent_pk=parent_id,
                tier=tier,
                metric=metric,
                unit=unit,
                target=target,
                weight=weight,
                status=status,
                visibility=vis,
                position=position,
            )
        )
        if len(batch) >= FREEZE_BATCH:
            BaselineGoal.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    if batch:
        BaselineGoal.objects.bulk_create(batch)
        count += len(batch)
    baseline.goal_count = count
    baseline.save(update_fields=["goal_count"])
    return baseline


CLOSING_REASON_MAX_LENGTH = 1000


def workshop_close(*, actor: Person, cycle: Cycle, reason: str = "") -> Baseline:
    """Close the workshop: freeze the agreed cascade as the cycle's baseline, then make the cycle active.

    Closing with executive goals on no objective, or objectives no goal supports, needs a
    reason; the closing entry of the decision log lists the gaps and keeps the reason.
    """
    require_workshop_runner(actor, cycle)
    reason = (reason or "").strip()
    if len(reason) > CLOSING_REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": f"Keep the reason under {CLOSING_REASON_MAX_LENGTH} characters ({len(reason)} now)."}
        )
    with transaction.atomic():
        # Two executives pressing "close" at once: the second waits here, then finds it closed.
        cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
        if Baseline.objects.filter(cycle=cycle).exists():
            raise StateConflict(f"The workshop of {cycle.name} is already closed; its baseline is frozen.")
        require_workshop_phase(cycle)
        gaps = closing_gaps(cycle)
        if gaps and not reason:
            raise ValidationError({"reason": closing_gaps_message(gaps) + " Say why the workshop closes anyway."})
        baseline = baseline_freeze(cycle, actor)
        goal_services.cycle_set_phase(actor=actor, cycle=cycle, phase=Phase.ACTIVE)
        text = f"Closed the workshop: the cascade of {baseline.goal_count} goals is frozen as the baseline"
        if gaps:
            text += f". {closing_gaps_log(gaps)} Reason: {reason}"
        elif reason:
            text += f". {reason}"
        else:
            text += "."
        _log(actor, cycle, text, None, kind=DecisionKind.CLOSING)
    return baseline


def closing_gaps_message(gaps: ClosingGaps) -> str:
    """The gaps in numbers, for the person closing (the form lists the goals they may see)."""
    parts = []
    if gaps.unmapped:
        count = len(gaps.unmapped)
        parts.append(f"{count} executive goal{'s are' if count != 1 else ' is'} mapped to no objective")
    if gaps.unsupported:
        count = len(gaps.unsupported)
        parts.append(
            f"{count} objective{'s have' if count != 1 else ' has'} no goal supporting {'them' if count != 1 else 'it'}"
        )
    return " and ".join(parts).capitalize() + "." if parts else ""


def closing_gaps_log(gaps: ClosingGaps) -> str:
    """The gaps as the decision log names them: everyone reads the log, so private goals go by their owner."""
    sentences = []
    if gaps.unmapped:
        names = "; ".join(goal_reference(goal) for goal in gaps.unmapped)
        sentences.append(f"Left unmapped: {names}.")
    if gaps.unsupported:
        names = "; ".join(objective_reference(objective) for objective in gaps.unsupported)
        sentences.append(f"No goal supports: {names}.")
    return " ".join(sentences)
