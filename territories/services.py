"""Everything that changes a territory plan, a team's funnel defaults or a joint plan.

Each service checks the rules (territories/rules.py) for its ``actor`` against the rule itself
(Django lets superusers past ``has_perm``, but a plan belongs to its rep's chain), validates with
a message per field, writes inside one transaction and announces what happened
(territories/signals.py). Goals come into being through goals.services (``goal_create``,
``goal_submit``), so a plan's objective becomes a goal exactly as a drafted one does.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Function, Person, Role
from core.exceptions import StateConflict
from goals.models import Cycle, Goal, Phase, Status, Unit
from goals.models.goal import CURRENCY_UNITS
from goals.services import goal_create, goal_mark_joint_target, goal_submit
from territories.funnel import MAX_STAGES, deal_size_error, pipeline_error, rate_error
from territories.models import (
    CUSTOMER_STAGES,
    PROSPECT_STAGES,
    AccountKind,
    AccountStage,
    ActionItem,
    CheckOutcome,
    FunnelStage,
    Half,
    JointPlan,
    JointTarget,
    NamedAccount,
    PastActivity,
    PlanCheck,
    PlanObjective,
    PlanReview,
    PlanStatus,
    PlanVersion,
    ReviewKind,
    TeamFunnel,
    TeamFunnelStage,
    TerritoryPlan,
    Verdict,
    VersionOutcome,
    add_months,
)
from territories.sections import SECTIONS, SECTIONS_BY_KEY, plan_snapshot
from territories.selectors import default_quota_goal, suggested_parent, team_funnel_of
from territories.signals import plan_checks_opened, plan_reviewed, plan_submitted

# Default stage names of a new plan when its team has no funnel defaults.
DEFAULT_STAGE_NAMES = ("Qualified", "Proposal", "Negotiation")
# Plan fields the rep edits section by section (quota_goal and average_deal_size: the funnel).
PLAN_FIELDS = {name for section in SECTIONS for name in section.fields}
OBJECTIVE_FIELDS = {"title", "metric", "unit", "target", "due_date", "focus", "accounts", "position"}
ACCOUNT_FIELDS = {"kind", "name", "vertical", "expected_value", "stage", "notes"}
ACTION_FIELDS = {"title", "owner", "resources", "due_date", "is_milestone"}
JOINT_PLAN_FIELDS = {"revenue_potential", "potential_analysis", "review_summary", "currency", "members"}
ACTIVITY_FIELDS = {"function", "name", "result", "verdict"}
TARGET_FIELDS = {"title", "metric", "unit", "target", "due_date", "co_owner", "parent_goal"}
# Sentinel for "the suggested parent" (None means: not linked).
SUGGESTED = object()


# --- guards -------------------------------------------------------------------------------


def _require(actor: Person, perm: str, obj: Any, message: str) -> None:
    if not rules.has_perm(perm, actor, obj):
        raise PermissionDenied(message)


def _require_open_cycle(cycle: Cycle) -> None:
    if cycle.phase == Phase.CLOSED:
        raise StateConflict(f"{cycle.name} is closed: its plans are read-only.")


def _unknown(fields: Iterable[str], allowed: set[str], what: str) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown {what} fields: {sorted(unknown)}")


def _text(value: Any) -> Any:
    """Text as people meant it (surrounding spaces dropped); anything else as it is."""
    return value.strip() if isinstance(value, str) else value


def _decimal(errors: dict, name: str, value: Any, *, label: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors[name] = f"{label} is a number."
        return None
    if not number.is_finite():
        errors[name] = f"{label} is a number."
        return None
    return number


def _within_cycle(errors: dict, name: str, day: datetime.date | None, cycle: Cycle) -> None:
    if day is not None and not (cycle.start <= day <= cycle.end):
        errors[name] = f"The due date must fall within {cycle.name} ({cycle.start:%d %b %Y} to {cycle.end:%d %b %Y})."


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _editing(actor: Person, plan: TerritoryPlan) -> None:
    """Checks before any change to the plan's sections; an approved plan starts its next version."""
    _require_open_cycle(plan.cycle)
    if plan.owner_id == actor.pk and plan.status == PlanStatus.SUBMITTED:
        raise StateConflict(
            f"Version {plan.version} is with your manager for review; you can change the plan once they answer."
        )
    _require(actor, "territories.change_territoryplan", plan, "Only the rep whose plan it is changes it.")


def _touch(plan: TerritoryPlan, fields: Iterable[str] = ()) -> None:
    """Save that the plan changed (and ``fields``); changing an approved plan begins a revision, a draft of
    its next version."""
    fields = [*fields, "updated"]
    if plan.status == PlanStatus.APPROVED:
        plan.status = PlanStatus.DRAFT
        fields.append("status")
    plan.save(update_fields=fields)


def _lock(plan: TerritoryPlan) -> TerritoryPlan:
    """Lock the plan's row for the transaction and bring its workflow fields up to date (two reviews at once)."""
    fresh = TerritoryPlan.objects.select_for_update().only("status", "version", "approved_version").get(pk=plan.pk)
    plan.status, plan.version, plan.approved_version = fresh.status, fresh.version, fresh.approved_version
    return plan


def territory_from_profile(person: Person) -> str:
    """ "Account Executive, Boston" -> "Boston"; otherwise the person's region."""
    title = person.job_title or ""
    return title.rpartition(",")[2].strip() if "," in title else person.region


# --- plans --------------------------------------------------------------------------------


def plan_create(*, actor: Person, cycle: Cycle, owner: Person | None = None, territory: str = "") -> TerritoryPlan:
    """Start ``owner``'s plan for ``cycle`` (a rep starts their own), its funnel laid out like the team's."""
    owner = owner or actor
    _require(actor, "territories.add_territoryplan_for", owner, "Sales reps write their own territory plans.")
    _require_open_cycle(cycle)
    if TerritoryPlan.objects.filter(owner=owner, cycle=cycle).exists():
        raise StateConflict(f"{owner.full_name} already has a territory plan for {cycle.name}.")
    team = team_funnel_of(owner.manager_id, cycle.pk)
    names = [stage.name for stage in team.stages.all()] if team is not None else []
    plan = TerritoryPlan(
        owner=owner,
        cycle=cycle,
        territory=_text(territory) or territory_from_profile(owner),
        quota_goal=default_quota_goal(owner, cycle),
    )
    plan.full_clean()
    try:
        with transaction.atomic():
            plan.save()
            FunnelStage.objects.bulk_create(
                FunnelStage(plan=plan, position=position, name=name)
                for position, name in enumerate(names or DEFAULT_STAGE_NAMES)
            )
    except IntegrityError as error:  # a second request creating the same plan at the same moment
        raise StateConflict(f"{owner.full_name} already has a territory plan for {cycle.name}.") from error
    return plan


def plan_update(*, actor: Person, plan: TerritoryPlan, **changes: Any) -> TerritoryPlan:
    """Change fields of the plan's sections (territories/sections.py): text, the quota goal, the deal size."""
    _unknown(changes, PLAN_FIELDS, "plan")
    _editing(actor, plan)
    errors: dict[str, str] = {}
    if "average_deal_size" in changes:
        size = _decimal(errors, "average_deal_size", changes["average_deal_size"], label="The average deal size")
        if size is not None and (message := deal_size_error(size)):
            errors["average_deal_size"] = message
        changes["average_deal_size"] = size
    if "quota_goal" in changes and changes["quota_goal"] is not None:
        goal = changes["quota_goal"]
        if goal.owner_id != plan.owner_id or goal.cycle_id != plan.cycle_id:
            errors["quota_goal"] = f"Choose one of {plan.owner.full_name}'s own goals of {plan.cycle.name}."
        elif goal.unit not in CURRENCY_UNITS:
            errors["quota_goal"] = (
                f"{goal.title} is measured in {goal.get_unit_display()}; the funnel works toward an amount of money."
            )
        elif goal.status == Status.DROPPED:
            errors["quota_goal"] = f"{goal.title} was dropped; choose a goal that is still pursued."
    _raise(errors)
    with transaction.atomic():
        for name, value in changes.items():
            text_field = name not in ("quota_goal", "average_deal_size")
            setattr(plan, name, (_text(value) or "") if text_field else value)
        plan.full_clean()
        _touch(plan, changes)
    return plan


def plan_set_stages(*, actor: Person, plan: TerritoryPlan, stages: list[dict]) -> list[FunnelStage]:
    """Replace the funnel's stages: each a name, a conversion rate (None: the team's) and the pipeline open now."""
    _editing(actor, plan)
    rows, problems = [], []
    if not stages:
        problems.append("A funnel needs at least one stage.")
    if len(stages) > MAX_STAGES:
        problems.append(f"A funnel has at most {MAX_STAGES} stages.")
    for number, stage in enumerate(stages, start=1):
        name = _text(stage.get("name"))
        label = f"Stage {number}" + (f" ({name})" if name else "")
        rate, pipeline = stage.get("conversion_rate"), stage.get("open_pipeline") or Decimal(0)
        if not name:
            problems.append(f"{label}: give it a name.")
        elif len(name) > 60:
            problems.append(f"{label}: a stage's name has at most 60 characters.")
        if rate is not None and (message := rate_error(rate)):
            problems.append(f"{label}: {message}")
        if message := pipeline_error(pipeline):
            problems.append(f"{label}: {message}")
        rows.append(
            FunnelStage(plan=plan, position=number - 1, name=name, conversion_rate=rate, open_pipeline=pipeline)
        )
    if problems:
        raise ValidationError({"stages": problems})
    with transaction.atomic():
        plan.stages.all().delete()
        FunnelStage.objects.bulk_create(rows)
        _touch(plan)
    return rows


# --- named accounts -----------------------------------------------------------------------


def _check_account(account: NamedAccount) -> None:
    errors: dict[str, str] = {}
    account.name = _text(account.name)
    if not account.name:
        errors["name"] = "Name the account."
    if account.kind not in AccountKind.values:
        errors["kind"] = "Choose a top prospect or a top customer."
    if account.stage not in AccountStage.values:
        errors["stage"] = "Choose one of the stages."
    elif account.kind == AccountKind.PROSPECT and account.stage in CUSTOMER_STAGES:
        errors["stage"] = "A prospect is not a customer yet: choose where the deal stands."
    elif account.kind == AccountKind.CUSTOMER and account.stage in PROSPECT_STAGES:
        errors["stage"] = "A customer is onboarding, expanding or renewing: choose one of those."
    if account.expected_value is None or account.expected_value < 0:
        errors["expected_value"] = "The expected value is an amount of money, 0 or more."
    _raise(errors)
    if (
        NamedAccount.objects.filter(plan_id=account.plan_id, kind=account.kind, name__iexact=account.name)
        .exclude(pk=account.pk)
        .exists()
    ):
        raise ValidationError({"name": f"{account.name} is on the list already."})
    account.full_clean()


def account_create(*, actor: Person, plan: TerritoryPlan, **fields: Any) -> NamedAccount:
    _unknown(fields, ACCOUNT_FIELDS, "account")
    _editing(actor, plan)
    account = NamedAccount(plan=plan, **{name: _text(value) for name, value in fields.items()})
    _check_account(account)
    with transaction.atomic():
        account.save()
        _touch(plan)
    return account


def account_update(*, actor: Person, account: NamedAccount, **changes: Any) -> NamedAccount:
    _unknown(changes, ACCOUNT_FIELDS, "account")
    _editing(actor, account.plan)
    for name, value in changes.items():
        setattr(account, name, _text(value))
    _check_account(account)
    with transaction.atomic():
        account.save()
        _touch(account.plan)
    return account


def account_delete(*, actor: Person, account: NamedAccount) -> None:
    _editing(actor, account.plan)
    with transaction.atomic():
        account.delete()
        _touch(account.plan)


# --- objectives ---------------------------------------------------------------------------


def _check_objective(objective: PlanObjective, accounts: list[NamedAccount] | None) -> None:
    errors: dict[str, str] = {}
    objective.title, objective.metric, objective.focus = (
        _text(objective.title),
        _text(objective.metric),
        _text(objective.focus),
    )
    if not objective.title:
        errors["title"] = "Say what the objective is."
    if not objective.metric:
        errors["metric"] = 'Say what is measured, e.g. "new ARR" or "new logos".'
    if objective.unit not in Unit.values:
        errors["unit"] = "Choose one of the units."
    target = objective.target
    if target is None or not isinstance(target, Decimal):
        target = _decimal(errors, "target", target, label="The target")
    if target is None and "target" not in errors:
        errors["target"] = "A measurable objective needs a target."
    elif target is not None and target <= 0:
        errors["target"] = "A measurable objective needs a target above 0."
    elif target is not None and objective.unit == Unit.PERCENT and target > 100:
        errors["target"] = "A percentage goes up to 100."
    objective.target = target
    _within_cycle(errors, "due_date", objective.due_date, objective.plan.cycle)
    if accounts is not None and any(account.plan_id != objective.plan_id for account in accounts):
        errors["accounts"] = "Focus accounts come from this plan's named accounts."
    _raise(errors)
    objective.full_clean(exclude=["goal"])


def objective_create(
    *, actor: Person, plan: TerritoryPlan, accounts: Iterable[NamedAccount] = (), **fields: Any
) -> PlanObjective:
    _unknown(fields, OBJECTIVE_FIELDS - {"accounts"}, "objective")
    _editing(actor, plan)
    accounts = list(accounts)
    fields.setdefault("position", plan.objectives.count())
    objective = PlanObjective(plan=plan, **fields)
    _check_objective(objective, accounts)
    with transaction.atomic():
        objective.save()
        objective.accounts.set(accounts)
        _touch(plan)
    return objective


def _require_not_a_goal_yet(objective: PlanObjective) -> None:
    if objective.goal_id is not None:
        raise StateConflict(
            f"{objective.title} is a goal in the cascade already: change the goal itself, or drop it there."
        )


def objective_update(*, actor: Person, objective: PlanObjective, **changes: Any) -> PlanObjective:
    _unknown(changes, OBJECTIVE_FIELDS, "objective")
    _editing(actor, objective.plan)
    _require_not_a_goal_yet(objective)
    accounts = changes.pop("accounts", None)
    accounts = list(accounts) if accounts is not None else None
    for name, value in changes.items():
        setattr(objective, name, value)
    _check_objective(objective, accounts)
    with transaction.atomic():
        objective.save()
        if accounts is not None:
            objective.accounts.set(accounts)
        _touch(objective.plan)
    return objective


def objective_delete(*, actor: Person, objective: PlanObjective) -> None:
    _editing(actor, objective.plan)
    _require_not_a_goal_yet(objective)
    with transaction.atomic():
        objective.delete()
        _touch(objective.plan)


def objective_to_goal(*, actor: Person, objective: PlanObjective, parent: Goal | object | None = SUGGESTED) -> Goal:
    """Turn the objective into the rep's goal in one step: drafted, linked under ``parent`` (by default the
    suggested one: the manager's goal it fits best) and submitted for the usual approval."""
    plan = objective.plan
    _require_open_cycle(plan.cycle)
    _require(
        actor, "territories.work_territoryplan", plan, "Only the rep whose plan it is turns its objectives into goals."
    )
    _require_not_a_goal_yet(objective)
    if parent is SUGGESTED:
        parent = suggested_parent(plan, unit=objective.unit, metric=objective.metric)
        if parent is None:
            raise ValidationError(
                {"parent": "None of your managers' goals can take this objective yet; choose a goal to link it under."}
            )
    with transaction.atomic():
        # Two clicks at once make one goal: the second waits for the first and finds its goal.
        if PlanObjective.objects.select_for_update().only("goal_id").get(pk=objective.pk).goal_id is not None:
            raise StateConflict(f"{objective.title} is a goal in the cascade already.")
        goal = goal_create(
            actor=actor,
            cycle=plan.cycle,
            owner=plan.owner,
            parent=parent,
            title=objective.title,
            metric=objective.metric,
            unit=objective.unit,
            target=objective.target,
            due_date=objective.due_date,
            # The plan is private to the rep's chain; the goal is as visible as any: it names the focus only.
            description=f"Focus: {objective.focus}" if objective.focus else "",
        )
        goal_submit(actor=actor, goal=goal)
        objective.goal = goal
        objective.save(update_fields=["goal"])
    return goal


# --- the action plan ----------------------------------------------------------------------


def _check_action(item: ActionItem, plan: TerritoryPlan) -> None:
    errors: dict[str, str] = {}
    item.title, item.resources = _text(item.title), _text(item.resources)
    if not item.title:
        errors["title"] = "Say what is to be done."
    owner = item.owner if item.owner_id else None
    if owner is None:
        errors["owner"] = "Say who does it."
    elif owner.pk != plan.owner_id and not owner.is_ancestor_of(plan.owner):
        errors["owner"] = (
            f"Action items belong to {plan.owner.full_name} or a manager above them: the people who can read this plan."
        )
    if item.due_date is None:
        errors["due_date"] = "Give a due date."
    _within_cycle(errors, "due_date", item.due_date, plan.cycle)
    _raise(errors)
    item.full_clean(exclude=["done_at"])


def action_create(*, actor: Person, plan: TerritoryPlan, **fields: Any) -> ActionItem:
    _unknown(fields, ACTION_FIELDS, "action item")
    _editing(actor, plan)
    fields.setdefault("owner", plan.owner)
    item = ActionItem(plan=plan, **fields)
    _check_action(item, plan)
    with transaction.atomic():
        item.save()
        _touch(plan)
    return item


def action_update(*, actor: Person, item: ActionItem, **changes: Any) -> ActionItem:
    _unknown(changes, ACTION_FIELDS, "action item")
    _editing(actor, item.plan)
    for name, value in changes.items():
        setattr(item, name, value)
    _check_action(item, item.plan)
    with transaction.atomic():
        item.save()
        _touch(item.plan)
    return item


def action_delete(*, actor: Person, item: ActionItem) -> None:
    _editing(actor, item.plan)
    with transaction.atomic():
        item.delete()
        _touch(item.plan)


def action_set_done(*, actor: Person, item: ActionItem, done: bool, now: datetime.datetime | None = None) -> ActionItem:
    """Tick an action item done (or not). Working the plan is not revising it: the plan's status stays."""
    plan = item.plan
    _require_open_cycle(plan.cycle)
    if item.owner_id != actor.pk:
        _require(actor, "territories.work_territoryplan", plan, "Action items are ticked by their owner or the rep.")
    item.done_at = (now or timezone.now()) if done else None
    item.save(update_fields=["done_at"])
    return item


# --- versions and review ------------------------------------------------------------------


def _snapshot(plan: TerritoryPlan) -> dict:
    return plan_snapshot(
        plan,
        accounts=plan.accounts.order_by("kind", "-expected_value", "name"),
        stages=plan.stages.order_by("position"),
        objectives=plan.objectives.order_by("position", "pk"),
        actions=plan.action_items.select_related("owner").order_by("due_date", "pk"),
    )


def plan_submit(*, actor: Person, plan: TerritoryPlan, note: str = "", now: datetime.datetime | None = None):
    """Send the plan to the manager: its sections are frozen as the next version."""
    _require_open_cycle(plan.cycle)
    if plan.status == PlanStatus.SUBMITTED:
        raise StateConflict(f"Version {plan.version} is already with your manager for review.")
    _require(actor, "territories.submit_territoryplan", plan, "Only the rep whose plan it is submits it.")
    note = _text(note)
    if plan.version >= 1 and not note:
        raise ValidationError(
            {"note": f"Say what changed since version {plan.version}, so your manager reads that first."}
        )
    if not plan.objectives.exists():
        raise ValidationError({"objectives": "Add at least one objective before you submit the plan."})
    now = now or timezone.now()
    with transaction.atomic():
        if _lock(plan).status == PlanStatus.SUBMITTED:
            raise StateConflict(f"Version {plan.version} is already with your manager for review.")
        plan.version += 1
        plan.status = PlanStatus.SUBMITTED
        plan.return_reason = ""
        plan.submitted_at = now
        plan.save(update_fields=["version", "status", "return_reason", "submitted_at", "updated"])
        version = PlanVersion.objects.create(
            plan=plan, number=plan.version, snapshot=_snapshot(plan), note=note, submitted_by=actor, submitted_at=now
        )
        # A plan check open while the rep revises is answered by the new version.
        PlanCheck.objects.filter(plan=plan, completed_at__isnull=True).update(
            completed_at=now, outcome=CheckOutcome.REVISED, note=note
        )
        plan_submitted.send(sender=TerritoryPlan, plan=plan, version=version, actor=actor)
    return version


def plan_comment(*, actor: Person, plan: TerritoryPlan, body: str, section: str = "") -> PlanReview:
    """Comment on the plan or one of its sections: the managers above, and the rep answering them."""
    _require_open_cycle(plan.cycle)
    _require(actor, "territories.comment_territoryplan", plan, "The rep and the managers above them discuss the plan.")
    body, section = _text(body), _text(section)
    errors = {}
    if not body:
        errors["body"] = "Write something before posting."
    if section and section not in SECTIONS_BY_KEY:
        errors["section"] = f"Unknown section {section!r}; use one of {', '.join(SECTIONS_BY_KEY)}."
    _raise(errors)
    with transaction.atomic():
        review = PlanReview.objects.create(
            plan=plan, version=plan.version, author=actor, kind=ReviewKind.COMMENT, body=body, section=section
        )
        plan_reviewed.send(sender=PlanReview, review=review)
    return review


def _decide(plan: TerritoryPlan, actor: Person, outcome: str, now: datetime.datetime) -> None:
    PlanVersion.objects.filter(plan=plan, number=plan.version).update(outcome=outcome, decided_by=actor, decided_at=now)


def plan_approve(*, actor: Person, plan: TerritoryPlan, comment: str = "", now: datetime.datetime | None = None):
    """Approve the submitted version (a manager above the rep)."""
    _require_open_cycle(plan.cycle)
    _require(actor, "territories.review_territoryplan", plan, "A plan is approved by a manager above its rep.")
    now = now or timezone.now()
    with transaction.atomic():
        if _lock(plan).status != PlanStatus.SUBMITTED:
            raise StateConflict(
                f"Only a submitted plan can be approved; this one is {plan.get_status_display().lower()}."
            )
        _require(actor, "territories.approve_territoryplan", plan, "A plan is approved by a manager above its rep.")
        plan.status = PlanStatus.APPROVED
        plan.approved_version = plan.version
        plan.save(update_fields=["status", "approved_version", "updated"])
        _decide(plan, actor, VersionOutcome.APPROVED, now)
        review = PlanReview.objects.create(
            plan=plan, version=plan.version, author=actor, kind=ReviewKind.APPROVED, body=_text(comment), created=now
        )
        plan_reviewed.send(sender=PlanReview, review=review)
    return review


def plan_return(*, actor: Person, plan: TerritoryPlan, reason: str, now: datetime.datetime | None = None):
    """Send the plan back to the rep with the reason (a manager above the rep)."""
    _require_open_cycle(plan.cycle)
    _require(actor, "territories.review_territoryplan", plan, "A plan is returned by a manager above its rep.")
    reason = _text(reason or "")
    now = now or timezone.now()
    with transaction.atomic():
        if _lock(plan).status not in (PlanStatus.SUBMITTED, PlanStatus.APPROVED):
            raise StateConflict(
                f"Only a submitted or approved plan can be returned; this one is {plan.get_status_display().lower()}."
            )
        _require(actor, "territories.return_territoryplan", plan, "A plan is returned by a manager above its rep.")
        if not reason:
            raise ValidationError({"reason": "Say why the plan goes back, so the rep knows what to change."})
        plan.status = PlanStatus.RETURNED
        plan.return_reason = reason
        plan.save(update_fields=["status", "return_reason", "updated"])
        _decide(plan, actor, VersionOutcome.RETURNED, now)
        review = PlanReview.objects.create(
            plan=plan, version=plan.version, author=actor, kind=ReviewKind.RETURNED, body=reason, created=now
        )
        plan_reviewed.send(sender=PlanReview, review=review)
    return review


# --- the quarterly plan check -------------------------------------------------------------


def quarter_of(cycle: Cycle, day: datetime.date) -> tuple[int, datetime.date] | None:
    """Which quarter of ``cycle`` ``day`` falls in, and that quarter's first day; None outside the cycle."""
    if not (cycle.start <= day <= cycle.end):
        return None
    quarter = 1
    while quarter < 4 and add_months(cycle.start, 3 * quarter) <= day:
        quarter += 1
    return quarter, add_months(cycle.start, 3 * (quarter - 1))


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def plan_checks_request(*, now: datetime.datetime | None = None) -> list[int]:
    """Open this quarter's plan check for every submitted plan of an active cycle that has none yet.

    From the second quarter on, once per plan and quarter (a unique constraint backs it, so a
    second run the same day opens nothing). Plans written during the quarter are not asked:
    the check is for plans older than the quarter. Returns the ids of the checks opened.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    opened: list[int] = []
    for cycle in Cycle.objects.filter(phase=Phase.ACTIVE):
        found = quarter_of(cycle, today)
        if found is None or found[0] < 2:
            continue
        quarter, starts = found
        plan_ids = list(
            TerritoryPlan.objects.filter(cycle=cycle, version__gte=1, submitted_at__lt=_day_start(starts))
            .exclude(checks__quarter=quarter)
            .values_list("pk", flat=True)
        )
        if not plan_ids:
            continue
        with transaction.atomic():
            PlanCheck.objects.bulk_create(
                [PlanCheck(plan_id=pk, quarter=quarter, due_on=starts, requested_at=now) for pk in plan_ids],
                ignore_conflicts=True,
            )
            new = list(
                PlanCheck.objects.filter(plan_id__in=plan_ids, quarter=quarter, completed_at__isnull=True)
                .order_by("pk")
                .values_list("pk", flat=True)
            )
            if new:
                plan_checks_opened.send(sender=PlanCheck, check_ids=new)
        opened += new
    return opened


def plan_check_complete(*, actor: Person, check: PlanCheck, note: str = "", now: datetime.datetime | None = None):
    """Answer the plan check with "still right": nothing to change this quarter."""
    plan = check.plan
    _require_open_cycle(plan.cycle)
    _require(actor, "territories.work_territoryplan", plan, "The rep whose plan it is answers its plan check.")
    if check.completed_at is not None:
        raise StateConflict(f"The Q{check.quarter} plan check was answered already.")
    check.completed_at = now or timezone.now()
    check.outcome = CheckOutcome.UNCHANGED
    check.note = _text(note)
    check.save(update_fields=["completed_at", "outcome", "note"])
    return check


# --- a team's funnel defaults ---------------------------------------------------------------


def team_funnel_set(
    *, actor: Person, cycle: Cycle, average_deal_size: Decimal | None, stages: list[dict], manager: Person | None = None
) -> TeamFunnel:
    """Set the funnel a manager's reps default to: deal size and stage rates (replaces the stages)."""
    manager = manager or actor
    _require(actor, "territories.set_team_funnel", manager, "Managers set their own team's funnel defaults.")
    _require_open_cycle(cycle)
    errors: dict[str, Any] = {}
    size = _decimal(errors, "average_deal_size", average_deal_size, label="The average deal size")
    if size is not None and (message := deal_size_error(size)):
        errors["average_deal_size"] = message
    problems = []
    if len(stages) > MAX_STAGES:
        problems.append(f"A funnel has at most {MAX_STAGES} stages.")
    rows = []
    for number, stage in enumerate(stages, start=1):
        name = _text(stage.get("name"))
        label = f"Stage {number}" + (f" ({name})" if name else "")
        if not name:
            problems.append(f"{label}: give it a name.")
        if message := rate_error(stage.get("conversion_rate")):
            problems.append(f"{label}: {message}")
        rows.append((name, stage.get("conversion_rate")))
    if problems:
        errors["stages"] = problems
    _raise(errors)
    with transaction.atomic():
        funnel, _ = TeamFunnel.objects.update_or_create(
            manager=manager, cycle=cycle, defaults={"average_deal_size": size}
        )
        funnel.stages.all().delete()
        TeamFunnelStage.objects.bulk_create(
            TeamFunnelStage(funnel=funnel, position=position, name=name, conversion_rate=rate)
            for position, (name, rate) in enumerate(rows)
        )
    return funnel


# --- joint plans --------------------------------------------------------------------------


def _check_members(members: Iterable[Person]) -> list[Person]:
    members = list(members)
    in_sales = [person.full_name for person in members if person.function == Function.SALES]
    if in_sales:
        raise ValidationError(
            {
                "members": f"{', '.join(in_sales)} work{'s' if len(in_sales) == 1 else ''} in sales; members are the "
                "marketing, enablement and customer success people who write the plan with the leader "
                "(the region's sales people see it already)."
            }
        )
    return members


def joint_plan_create(
    *,
    actor: Person,
    cycle: Cycle,
    half: int,
    leader: Person | None = None,
    region: str = "",
    members: Iterable[Person] = (),
    **fields: Any,
) -> JointPlan:
    """Start a region's joint plan for one half of ``cycle``, led by its sales leader (``actor`` by default)."""
    _unknown(fields, JOINT_PLAN_FIELDS - {"members"}, "joint plan")
    leader = leader or actor
    _require(actor, "territories.add_jointplan_for", leader, "A region's sales leader starts its joint plan.")
    _require_open_cycle(cycle)
    errors = {}
    if leader.function != Function.SALES or leader.role not in (Role.MANAGER, Role.EXECUTIVE):
        errors["leader"] = f"{leader.full_name} is not a sales manager or executive, so cannot lead a region's plan."
    if half not in Half.values:
        errors["half"] = "Choose the first or the second half of the cycle."
    region = _text(region) or leader.region
    if not region:
        errors["region"] = "Name the region the plan is for."
    _raise(errors)
    members = _check_members(members)
    if JointPlan.objects.filter(cycle=cycle, half=half, region=region).exists():
        raise StateConflict(f"{region} has a joint plan for the {Half(half).label.lower()} of {cycle.name} already.")
    plan = JointPlan(cycle=cycle, half=half, leader=leader, region=region, **fields)
    plan.full_clean()
    try:
        with transaction.atomic():
            plan.save()
            plan.members.set(members)
    except IntegrityError as error:
        raise StateConflict(f"{region} has a joint plan for that half of {cycle.name} already.") from error
    return plan


def _require_joint_editor(actor: Person, plan: JointPlan) -> None:
    _require_open_cycle(plan.cycle)
    _require(actor, "territories.change_jointplan", plan, "The leader and the members write the joint plan.")


def joint_plan_update(*, actor: Person, plan: JointPlan, **changes: Any) -> JointPlan:
    _unknown(changes, JOINT_PLAN_FIELDS, "joint plan")
    _require_joint_editor(actor, plan)
    members = changes.pop("members", None)
    if members is not None:
        members = _check_members(members)
        co_owners = set(plan.targets.values_list("co_owner_id", flat=True))
        dropped = co_owners - {person.pk for person in members}
        if dropped:
            raise ValidationError({"members": "People who co-own a joint target stay members of the plan."})
    errors: dict[str, str] = {}
    if "revenue_potential" in changes:
        value = _decimal(errors, "revenue_potential", changes["revenue_potential"], label="The revenue potential")
        if value is not None and value < 0:
            errors["revenue_potential"] = "The revenue potential cannot be negative."
        changes["revenue_potential"] = value
    _raise(errors)
    with transaction.atomic():
        for name, value in changes.items():
            setattr(plan, name, _text(value))
        plan.full_clean()
        plan.save()
        if members is not None:
            plan.members.set(members)
            plan.__dict__.pop("_member_ids", None)
    return plan


def _check_activity(activity: PastActivity) -> None:
    errors = {}
    activity.name, activity.result = _text(activity.name), _text(activity.result)
    if not activity.name:
        errors["name"] = "Name the activity."
    if activity.function not in Function.values:
        errors["function"] = "Choose the function that ran it."
    if activity.verdict not in Verdict.values:
        errors["verdict"] = "Choose repeat, improve or stop."
    _raise(errors)
    activity.full_clean()


def activity_create(*, actor: Person, plan: JointPlan, **fields: Any) -> PastActivity:
    _unknown(fields, ACTIVITY_FIELDS, "activity")
    _require_joint_editor(actor, plan)
    activity = PastActivity(plan=plan, **fields)
    _check_activity(activity)
    activity.save()
    return activity


def activity_update(*, actor: Person, activity: PastActivity, **changes: Any) -> PastActivity:
    _unknown(changes, ACTIVITY_FIELDS, "activity")
    _require_joint_editor(actor, activity.plan)
    for name, value in changes.items():
        setattr(activity, name, value)
    _check_activity(activity)
    activity.save()
    return activity


def activity_delete(*, actor: Person, activity: PastActivity) -> None:
    _require_joint_editor(actor, activity.plan)
    activity.delete()


def _check_target(target: JointTarget) -> None:
    plan = target.plan
    errors: dict[str, str] = {}
    target.title, target.metric = _text(target.title), _text(target.metric)
    if not target.title:
        errors["title"] = "Say what the joint target is."
    if not target.metric:
        errors["metric"] = 'Say what is measured, e.g. "marketing-sourced pipeline".'
    if target.unit not in Unit.values:
        errors["unit"] = "Choose one of the units."
    amount = target.target
    if not isinstance(amount, Decimal):
        amount = _decimal(errors, "target", amount, label="The target")
    if amount is None and "target" not in errors:
        errors["target"] = "A joint target needs a number to reach."
    elif amount is not None and amount <= 0:
        errors["target"] = "A joint target needs a target above 0."
    target.target = amount
    co_owner = target.co_owner if target.co_owner_id else None
    if co_owner is None:
        errors["co_owner"] = "Name the marketing, enablement or customer success person who shares it."
    elif co_owner.function == Function.SALES:
        errors["co_owner"] = (
            f"{co_owner.full_name} works in sales; a joint target is shared with marketing, enablement or customer "
            "success."
        )
    parent = target.parent_goal if target.parent_goal_id else None
    if parent is not None and (parent.owner_id != plan.leader_id or parent.cycle_id != plan.cycle_id):
        errors["parent_goal"] = f"Choose one of {plan.leader.full_name}'s goals of {plan.cycle.name}."
    elif parent is not None and parent.status == Status.DROPPED:
        errors["parent_goal"] = f"{parent.title} was dropped; choose a goal that is still pursued."
    _within_cycle(errors, "due_date", target.due_date, plan.cycle)
    _raise(errors)
    target.full_clean(exclude=["goal"])


def joint_target_create(*, actor: Person, plan: JointPlan, **fields: Any) -> JointTarget:
    """Set a target sales shares with a co-owner from marketing, enablement or customer success (a member)."""
    _unknown(fields, TARGET_FIELDS, "joint target")
    _require_joint_editor(actor, plan)
    target = JointTarget(plan=plan, **fields)
    _check_target(target)
    with transaction.atomic():
        target.save()
        plan.members.add(target.co_owner)
    return target


def joint_target_update(*, actor: Person, joint_target: JointTarget, **changes: Any) -> JointTarget:
    # Not ``target=``: the joint target's own number is a field called ``target``, one of the changes.
    _unknown(changes, TARGET_FIELDS, "joint target")
    _require_joint_editor(actor, joint_target.plan)
    if joint_target.goal_id is not None:
        raise StateConflict(f"{joint_target.title} is in the cascade already: change its goal instead.")
    for name, value in changes.items():
        setattr(joint_target, name, value)
    _check_target(joint_target)
    with transaction.atomic():
        joint_target.save()
        joint_target.plan.members.add(joint_target.co_owner)
    return joint_target


def joint_target_delete(*, actor: Person, target: JointTarget) -> None:
    _require_joint_editor(actor, target.plan)
    if target.goal_id is not None:
        raise StateConflict(f"{target.title} is in the cascade already: drop its goal there instead.")
    target.delete()


def joint_target_place(*, actor: Person, target: JointTarget) -> Goal:
    """The co-owner puts the joint target into the cascade: their goal, under the leader's goal, marked joint
    (so the alignment scan does not flag it outside the chain), submitted for their manager's approval."""
    plan = target.plan
    _require_open_cycle(plan.cycle)
    _require(actor, "territories.place_jointtarget", target, "The target's co-owner puts it into the cascade.")
    if target.goal_id is not None:
        raise StateConflict(f"{target.title} is in the cascade already.")
    if target.parent_goal_id is None:
        raise ValidationError(
            {"parent_goal": f"{plan.leader.full_name} has not chosen the goal this target supports yet."}
        )
    with transaction.atomic():
        if JointTarget.objects.select_for_update().only("goal_id").get(pk=target.pk).goal_id is not None:
            raise StateConflict(f"{target.title} is in the cascade already.")
        goal = goal_create(
            actor=actor,
            cycle=plan.cycle,
            owner=target.co_owner,
            parent=target.parent_goal,
            title=target.title,
            metric=target.metric,
            unit=target.unit,
            target=target.target,
            due_date=target.due_date,
            description=f"A joint target of {plan.title}, shared with {plan.leader.full_name}.",
        )
        goal_mark_joint_target(actor=actor, goal=goal)
        goal_submit(actor=actor, goal=goal)
        target.goal = goal
        target.save(update_fields=["goal"])
    return goal
