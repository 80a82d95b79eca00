"""Reads of territory plans and joint plans that span relations, filtered to what the viewer may see.

Each read costs a fixed number of queries whatever the size of the team or the plan.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import Person, Role
from goals.models import Cycle, Goal, Phase, Status
from goals.models.goal import CURRENCY_UNITS
from goals.selectors import parent_suggestions
from territories.funnel import Funnel, FunnelInputError, Stage, compute_funnel
from territories.models import (
    ActionItem,
    FunnelStage,
    JointPlan,
    JointTarget,
    PlanCheck,
    PlanObjective,
    PlanReview,
    PlanStatus,
    PlanVersion,
    TeamFunnel,
    TeamFunnelStage,
    TerritoryPlan,
)

# --- which plans a person may see ---------------------------------------------------------


def _under(person: Person, prefix: str) -> Q:
    return Q(
        **{
            f"{prefix}__tree_id": person.tree_id,
            f"{prefix}__lft__gt": person.lft,
            f"{prefix}__rght__lt": person.rght,
        }
    )


def _above(person: Person, prefix: str) -> Q:
    return Q(
        **{
            f"{prefix}__tree_id": person.tree_id,
            f"{prefix}__lft__lt": person.lft,
            f"{prefix}__rght__gt": person.rght,
        }
    )


def plans_visible_to(viewer: Person) -> QuerySet:
    """Territory plans ``viewer`` may read: their own and those of people under them; staff read all."""
    plans = TerritoryPlan.objects.all()
    if not viewer.is_authenticated:
        return plans.none()
    if viewer.is_staff:
        return plans
    return plans.filter(Q(owner=viewer) | _under(viewer, "owner"))


def joint_plans_visible_to(viewer: Person) -> QuerySet:
    """Joint plans of the viewer's region: by region label, their leader's organisation and chain, members; staff
    see all."""
    plans = JointPlan.objects.all()
    if not viewer.is_authenticated:
        return plans.none()
    if viewer.is_staff:
        return plans
    members = JointPlan.members.through.objects.filter(jointplan_id=OuterRef("pk"), person_id=viewer.pk)
    scope = Q(leader=viewer) | Exists(members) | _above(viewer, "leader") | _under(viewer, "leader")
    if viewer.region:
        scope |= Q(region=viewer.region)
    return plans.filter(scope)


# --- the funnel of a plan -----------------------------------------------------------------


@dataclass
class FunnelView:
    """A plan's funnel as it can be computed now: the figures, or what is still missing, and where inputs came from."""

    funnel: Funnel | None
    missing: list[str]
    target_goal: Goal | None
    currency: str
    deal_size_from_team: bool = False
    rates_from_team: list[str] = field(default_factory=list)  # names of stages using the team's rate

    @property
    def is_complete(self) -> bool:
        return self.funnel is not None


def team_funnel_of(manager_id: int | None, cycle_id: int) -> TeamFunnel | None:
    """The funnel defaults a manager set for their team in a cycle, with its stages (two queries)."""
    if manager_id is None:
        return None
    stages = Prefetch("stages", queryset=TeamFunnelStage.objects.order_by("position"))
    return TeamFunnel.objects.filter(manager_id=manager_id, cycle_id=cycle_id).prefetch_related(stages).first()


def plan_funnel(plan: TerritoryPlan, stages: list[FunnelStage], team: TeamFunnel | None) -> FunnelView:
    """The plan's funnel from its own inputs, the team's defaults where it has none, and its goal's target.

    A stage without its own rate takes the rate of the team's stage at the same position.
    """
    goal = plan.quota_goal if plan.quota_goal_id else None
    currency = plan.currency
    team_stages = list(team.stages.all()) if team is not None else []
    missing: list[str] = []
    if goal is None:
        missing.append("Choose the goal in the cascade that holds your target.")
    deal_size = plan.average_deal_size
    deal_from_team = False
    if deal_size is None and team is not None and team.average_deal_size is not None:
        deal_size, deal_from_team = team.average_deal_size, True
    if deal_size is None:
        missing.append("Set your average deal size (your team has none set).")
    if not stages:
        missing.append("Add the stages of your funnel.")
    funnel_stages, from_team = [], []
    for stage in stages:
        rate = stage.conversion_rate
        if rate is None and stage.position < len(team_stages):
            rate = team_stages[stage.position].conversion_rate
            from_team.append(stage.name)
        if rate is None:
            missing.append(f"Set a conversion rate for {stage.name} (your team has none for that stage).")
            continue
        funnel_stages.append(Stage(stage.name, rate, stage.open_pipeline))
    view = FunnelView(
        funnel=None,
        missing=missing,
        target_goal=goal,
        currency=currency,
        deal_size_from_team=deal_from_team,
        rates_from_team=from_team,
    )
    if missing:
        return view
    try:
        view.funnel = compute_funnel(
            target=goal.target, closed=goal.current, average_deal_size=deal_size, stages=funnel_stages
        )
    except FunnelInputError as error:
        view.missing = list(error.errors.values())
    return view


def quota_goal_choices(owner: Person, cycle: Cycle) -> QuerySet:
    """The owner's goals of the cycle a funnel can work toward: measured in money, still pursued."""
    return (
        Goal.objects.filter(owner=owner, cycle=cycle, unit__in=CURRENCY_UNITS)
        .exclude(status=Status.DROPPED)
        .select_related("cycle")
        .order_by("-target", "pk")
    )


def default_quota_goal(owner: Person, cycle: Cycle) -> Goal | None:
    """The goal a new plan's funnel works toward: the owner's biggest money goal of the cycle that is not itself
    about pipeline (a funnel turns pipeline into bookings), else their biggest money goal."""
    goals = list(quota_goal_choices(owner, cycle))
    bookings = [goal for goal in goals if "pipeline" not in goal.metric.lower()]
    return (bookings or goals or [None])[0]


# --- objectives into goals ----------------------------------------------------------------


def _words(text: str) -> set[str]:
    return {word for word in text.lower().replace("-", " ").split() if len(word) > 2}


def parent_candidates(plan: TerritoryPlan, *, query: str = "") -> list[Goal]:
    """Goals the plan's objectives could become sub-goals of: the drafting form's parent suggestions
    (``goals.selectors.parent_suggestions``: the rep's manager's goals first, then further up the chain,
    then the corporate objectives), as the rep sees them. One query."""
    return parent_suggestions(plan.owner, plan.cycle, plan.owner, query=query)


def rank_parents(candidates: list[Goal], *, unit: str, metric: str) -> list[Goal]:
    """``candidates`` best fit first: among goals equally close in the chain, one with the objective's metric
    comes first, then one in its unit. Nothing is dropped; the chain's order stays among equals."""
    wanted = _words(metric)

    def fit(goal: Goal) -> tuple[int, int, int]:
        same_metric = goal.metric.strip().lower() == metric.strip().lower() or bool(wanted & _words(goal.metric))
        return (goal.chain_distance, 0 if same_metric else 1, 0 if goal.unit == unit else 1)

    return sorted(candidates, key=fit)


def objective_parent_choices(plan: TerritoryPlan, *, unit: str, metric: str) -> list[Goal]:
    """Goals an objective's goal could be linked under, the best fit first."""
    return rank_parents(parent_candidates(plan), unit=unit, metric=metric)


def suggested_parent(plan: TerritoryPlan, *, unit: str, metric: str) -> Goal | None:
    """The manager's goal (or, failing that, the nearest one up the chain) an objective fits best."""
    choices = objective_parent_choices(plan, unit=unit, metric=metric)
    return choices[0] if choices else None


# --- the plan page ------------------------------------------------------------------------


@dataclass
class PlanPage:
    """Everything the plan's page shows, read in a fixed number of queries."""

    plan: TerritoryPlan
    accounts: list
    stages: list[FunnelStage]
    objectives: list[PlanObjective]
    actions: list[ActionItem]
    versions: list[PlanVersion]
    reviews: list[PlanReview]
    open_check: PlanCheck | None
    team_funnel: TeamFunnel | None
    funnel: FunnelView
    today: datetime.date

    @property
    def prospects(self) -> list:
        return [account for account in self.accounts if account.kind == "prospect"]

    @property
    def customers(self) -> list:
        return [account for account in self.accounts if account.kind == "customer"]

    @property
    def latest_version(self) -> PlanVersion | None:
        return self.versions[0] if self.versions else None

    @property
    def overdue_actions(self) -> list[ActionItem]:
        return [item for item in self.actions if item.done_at is None and item.due_date < self.today]

    def reviews_for(self, section: str) -> list[PlanReview]:
        return [review for review in self.reviews if review.section == section]


def plan_with_relations(queryset: QuerySet | None = None) -> QuerySet:
    return (queryset if queryset is not None else TerritoryPlan.objects.all()).select_related(
        "owner", "owner__manager", "cycle", "quota_goal", "quota_goal__cycle"
    )


def plan_page(plan: TerritoryPlan, *, today: datetime.date | None = None) -> PlanPage:
    """The plan's sections, funnel, objectives with their goals' progress, versions and review (nine queries)."""
    today = today or timezone.localdate()
    objectives = list(
        plan.objectives.select_related(
            "goal", "goal__parent__owner", "goal__parent__cycle", "goal__owner", "goal__cycle"
        )
        .prefetch_related("accounts")
        .order_by("position", "pk")
    )
    stages = list(plan.stages.order_by("position"))
    team = team_funnel_of(plan.owner.manager_id, plan.cycle_id)
    return PlanPage(
        plan=plan,
        accounts=list(plan.accounts.all()),
        stages=stages,
        objectives=objectives,
        actions=list(plan.action_items.select_related("owner").order_by("done_at", "due_date", "pk")),
        versions=list(plan.versions.select_related("submitted_by", "decided_by").order_by("-number")),
        reviews=list(plan.reviews.select_related("author").order_by("created", "pk")),
        open_check=plan.checks.filter(completed_at__isnull=True).order_by("quarter").first(),
        team_funnel=team,
        funnel=plan_funnel(plan, stages, team),
        today=today,
    )


# --- the manager's team view ------------------------------------------------------------


@dataclass
class TeamRow:
    """One person under the manager: their plan (if any), its state and its funnel gap."""

    person: Person
    plan: TerritoryPlan | None
    funnel: FunnelView | None
    objectives: int = 0
    objectives_as_goals: int = 0
    overdue_actions: int = 0
    open_check: bool = False


def team_plans(manager: Person, cycle: Cycle, *, today: datetime.date | None = None) -> list[TeamRow]:
    """Every rep under ``manager`` with their plan for ``cycle``, its status and funnel gap (six queries)."""
    today = today or timezone.localdate()
    reps = list(
        Person.objects.filter(_under_q(manager), role=Role.REP, is_active=True)
        .select_related("manager")
        .order_by("tree_id", "lft")
    )
    plans = {
        plan.owner_id: plan
        for plan in plan_with_relations(TerritoryPlan.objects.filter(cycle=cycle, owner__in=reps))
        .annotate(
            objective_count=Count("objectives", distinct=True),
            goal_count=Count("objectives", filter=Q(objectives__goal__isnull=False), distinct=True),
            overdue_count=Count(
                "action_items",
                filter=Q(action_items__done_at__isnull=True, action_items__due_date__lt=today),
                distinct=True,
            ),
            open_checks=Count("checks", filter=Q(checks__completed_at__isnull=True), distinct=True),
        )
        .prefetch_related(Prefetch("stages", queryset=FunnelStage.objects.order_by("position")))
    }
    manager_ids = {rep.manager_id for rep in reps}
    teams = {
        team.manager_id: team
        for team in TeamFunnel.objects.filter(manager_id__in=manager_ids, cycle=cycle).prefetch_related(
            Prefetch("stages", queryset=TeamFunnelStage.objects.order_by("position"))
        )
    }
    rows = []
    for rep in reps:
        plan = plans.get(rep.pk)
        if plan is None:
            rows.append(TeamRow(person=rep, plan=None, funnel=None))
            continue
        plan.owner = rep
        rows.append(
            TeamRow(
                person=rep,
                plan=plan,
                funnel=plan_funnel(plan, list(plan.stages.all()), teams.get(rep.manager_id)),
                objectives=plan.objective_count,
                objectives_as_goals=plan.goal_count,
                overdue_actions=plan.overdue_count,
                open_check=plan.open_checks > 0,
            )
        )
    return rows


def _under_q(manager: Person) -> Q:
    return Q(tree_id=manager.tree_id, lft__gt=manager.lft, rght__lt=manager.rght)


# --- the home to-do list ------------------------------------------------------------------


def overdue_action_items(person: Person, *, today: datetime.date | None = None) -> QuerySet:
    """Action items ``person`` owns that are past due and not done, in plans of open cycles, oldest first."""
    today = today or timezone.localdate()
    return (
        ActionItem.objects.filter(owner=person, done_at__isnull=True, due_date__lt=today)
        .exclude(plan__cycle__phase=Phase.CLOSED)
        .select_related("plan")
        .order_by("due_date", "pk")
    )


def plans_awaiting_review(viewer: Person) -> QuerySet:
    """Submitted plans of people under ``viewer``, in open cycles, oldest submission first."""
    if not viewer.is_authenticated:
        return TerritoryPlan.objects.none()
    return (
        TerritoryPlan.objects.filter(_under(viewer, "owner"), status=PlanStatus.SUBMITTED)
        .exclude(cycle__phase=Phase.CLOSED)
        .select_related("owner", "cycle")
        .order_by("submitted_at", "pk")
    )


def open_plan_checks(person: Person) -> QuerySet:
    """Plan checks waiting for ``person``'s answer, in open cycles."""
    return (
        PlanCheck.objects.filter(plan__owner=person, completed_at__isnull=True)
        .exclude(plan__cycle__phase=Phase.CLOSED)
        .select_related("plan__cycle")
        .order_by("due_on", "pk")
    )


def joint_targets_to_place(person: Person) -> QuerySet:
    """Joint targets ``person`` co-owns that are not in the cascade yet, in open cycles."""
    return (
        JointTarget.objects.filter(co_owner=person, goal__isnull=True)
        .exclude(plan__cycle__phase=Phase.CLOSED)
        .select_related("plan__cycle")
        .order_by("plan__cycle__start", "pk")
    )


# --- joint plans --------------------------------------------------------------------------


@dataclass
class JointPlanPage:
    plan: JointPlan
    members: list[Person]
    activities: list
    targets: list[JointTarget]
    leader_goals: list[Goal]


def joint_plan_page(plan: JointPlan, viewer: Person) -> JointPlanPage:
    """The joint plan with its members, reviewed activities, joint targets and their goals (five queries)."""
    return JointPlanPage(
        plan=plan,
        members=list(plan.members.order_by("last_name", "first_name")),
        activities=list(plan.past_activities.all()),
        targets=list(
            plan.targets.select_related("co_owner", "parent_goal", "goal", "goal__cycle", "goal__owner").order_by("pk")
        ),
        leader_goals=list(leader_goal_choices(plan).visible_to(viewer)),
    )


def leader_goal_choices(plan: JointPlan) -> QuerySet:
    """The leader's goals of the plan's cycle a joint target can support."""
    return (
        Goal.objects.filter(owner_id=plan.leader_id, cycle_id=plan.cycle_id)
        .exclude(status=Status.DROPPED)
        .select_related("owner", "cycle")
        .order_by("tree_id", "lft")
    )


def funnel_gaps_by_currency(rows: list[TeamRow]) -> dict[str, Decimal]:
    """The team's funnel gaps added up per currency (plans whose funnel computes); a dollar is not a euro."""
    totals: dict[str, Decimal] = {}
    for row in rows:
        if row.funnel is not None and row.funnel.funnel is not None:
            totals[row.funnel.currency] = totals.get(row.funnel.currency, Decimal(0)) + row.funnel.funnel.gap
    return totals
