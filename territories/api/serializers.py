"""JSON shapes of territory plans, their sections, funnel, objectives, action items and review, and of joint plans.

A plan's sections are nested objects (``analysis``, ``funnel_inputs``, ``drivers``, ``swot``,
``strategies``, ``resources``): PATCH any of them, any of their fields. The ``funnel`` is computed
(read-only; territories/funnel.py has the formulas). Named accounts, objectives, action items,
reviews and versions are resources of their own under the plan.
"""

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Function, Person
from goals.api.serializers import VisibleGoalField
from goals.models import Cycle, Goal, Unit
from goals.rules import can_view_goal
from territories.funnel import MAX_STAGES
from territories.models import (
    AccountKind,
    AccountStage,
    ActionItem,
    Half,
    JointPlan,
    JointTarget,
    NamedAccount,
    PastActivity,
    PlanObjective,
    PlanReview,
    PlanVersion,
    TeamFunnel,
    TerritoryPlan,
    Verdict,
)
from territories.sections import DRIVERS, RESOURCES, SECTIONS, STRATEGIES, SWOT, Section, field_label
from territories.selectors import FunnelView

MONEY = {"max_digits": 16, "decimal_places": 2}
RATE = {"max_digits": 5, "decimal_places": 2}

# --- the plan's text sections -------------------------------------------------------------


def _section_serializer(name: str, section: Section, fields: tuple[str, ...]) -> type[serializers.Serializer]:
    declared = {
        field: serializers.CharField(required=False, allow_blank=True, help_text=field_label(field)) for field in fields
    }
    declared["__doc__"] = f"{section.number}. {section.title}: {section.intro}"
    return type(name, (serializers.Serializer,), declared)


TerritoryAnalysisSerializer = _section_serializer(
    "TerritoryAnalysisSerializer", SECTIONS[0], ("market_trends", "customers_buying")
)
BuyingDriversSerializer = _section_serializer("BuyingDriversSerializer", DRIVERS, DRIVERS.fields)
SwotSerializer = _section_serializer("SwotSerializer", SWOT, SWOT.fields)
StrategiesSerializer = _section_serializer("StrategiesSerializer", STRATEGIES, STRATEGIES.fields)
ResourcesSerializer = _section_serializer("ResourcesSerializer", RESOURCES, RESOURCES.fields)

# JSON key -> serializer of the text sections.
TEXT_SECTION_SERIALIZERS = {
    "analysis": TerritoryAnalysisSerializer,
    "drivers": BuyingDriversSerializer,
    "swot": SwotSerializer,
    "strategies": StrategiesSerializer,
    "resources": ResourcesSerializer,
}


class FunnelStageInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=60)
    conversion_rate = serializers.DecimalField(
        **RATE,
        required=False,
        allow_null=True,
        help_text="Percent (above 0, at most 100) of opportunities in this stage that move on; the last stage: "
        "that are won. Null: the team's rate for the stage at the same position.",
    )
    open_pipeline = serializers.DecimalField(
        **MONEY, required=False, default=Decimal(0), help_text="The pipeline open in this stage now (0 or more)."
    )


class FunnelInputsSerializer(serializers.Serializer):
    """2. Funnel math, the inputs: the goal holding the target, the deal size and the stages (all stages at once)."""

    quota_goal = VisibleGoalField(
        required=False,
        allow_null=True,
        help_text="The rep's own goal of the cycle, in money, whose target the funnel works toward.",
    )
    average_deal_size = serializers.DecimalField(
        **MONEY, required=False, allow_null=True, help_text="Above 0; null: the team's."
    )
    stages = FunnelStageInputSerializer(
        many=True, required=False, help_text=f"In order, 1 to {MAX_STAGES}; replaces the stages."
    )


# --- the computed funnel ------------------------------------------------------------------


class FunnelStageResultSerializer(serializers.Serializer):
    name = serializers.CharField()
    conversion_rate = serializers.DecimalField(**RATE, help_text="Percent.")
    rate_from_team = serializers.BooleanField(help_text="The rep left it empty: the team's rate.")
    win_rate = serializers.DecimalField(max_digits=20, decimal_places=10, help_text="Fraction won from this stage.")
    opportunities_needed = serializers.IntegerField(help_text="Opportunities that must reach this stage.")
    pipeline_needed = serializers.DecimalField(**MONEY)
    open_pipeline = serializers.DecimalField(**MONEY)
    expected_bookings = serializers.DecimalField(**MONEY)


class FunnelResultSerializer(serializers.Serializer):
    """The funnel Cascade computed; ``complete`` false lists what is ``missing`` instead of figures."""

    complete = serializers.BooleanField()
    missing = serializers.ListField(child=serializers.CharField())
    currency = serializers.CharField()
    target_goal = serializers.IntegerField(allow_null=True)
    target = serializers.DecimalField(**MONEY, allow_null=True)
    closed = serializers.DecimalField(**MONEY, allow_null=True, help_text="The goal's current value.")
    remaining = serializers.DecimalField(**MONEY, allow_null=True)
    average_deal_size = serializers.DecimalField(**MONEY, allow_null=True)
    deal_size_from_team = serializers.BooleanField()
    win_rate = serializers.DecimalField(max_digits=20, decimal_places=10, allow_null=True)
    deals_needed = serializers.IntegerField(allow_null=True)
    pipeline_needed = serializers.DecimalField(**MONEY, allow_null=True)
    open_pipeline = serializers.DecimalField(**MONEY, allow_null=True)
    expected_bookings = serializers.DecimalField(**MONEY, allow_null=True)
    gap = serializers.DecimalField(**MONEY, allow_null=True, help_text="New first-stage pipeline still to find.")
    opportunities_to_add = serializers.IntegerField(allow_null=True)
    coverage = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    stages = FunnelStageResultSerializer(many=True)


def funnel_data(view: FunnelView) -> dict:
    funnel = view.funnel
    empty = dict.fromkeys(
        [
            "target",
            "closed",
            "remaining",
            "average_deal_size",
            "win_rate",
            "deals_needed",
            "pipeline_needed",
            "open_pipeline",
            "expected_bookings",
            "gap",
            "opportunities_to_add",
            "coverage",
        ]
    )
    data = {
        "complete": funnel is not None,
        "missing": view.missing,
        "currency": view.currency,
        "target_goal": view.target_goal.pk if view.target_goal else None,
        "deal_size_from_team": view.deal_size_from_team,
        "stages": [],
        **empty,
    }
    if funnel is None:
        return data
    data.update(
        {
            "target": funnel.target,
            "closed": funnel.closed,
            "remaining": funnel.remaining,
            "average_deal_size": funnel.average_deal_size,
            "win_rate": funnel.win_rate,
            "deals_needed": funnel.deals_needed,
            "pipeline_needed": funnel.pipeline_needed,
            "open_pipeline": funnel.open_pipeline,
            "expected_bookings": funnel.expected_bookings,
            "gap": funnel.gap,
            "opportunities_to_add": funnel.opportunities_to_add,
            "coverage": funnel.coverage,
            "stages": [
                {
                    "name": stage.name,
                    "conversion_rate": stage.conversion_rate,
                    "rate_from_team": stage.name in view.rates_from_team,
                    "win_rate": stage.win_rate,
                    "opportunities_needed": stage.opportunities_needed,
                    "pipeline_needed": stage.pipeline_needed,
                    "open_pipeline": stage.open_pipeline,
                    "expected_bookings": stage.expected_bookings,
                }
                for stage in funnel.stages
            ],
        }
    )
    return data


# --- rows of a plan -----------------------------------------------------------------------


class NamedAccountSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=AccountKind.choices, required=False, default=AccountKind.PROSPECT)
    stage = serializers.ChoiceField(
        choices=AccountStage.choices,
        required=False,
        default=AccountStage.IDENTIFIED,
        help_text="Prospects: identified to negotiation; customers: onboarding, expanding or renewing.",
    )
    expected_value = serializers.DecimalField(**MONEY, required=False, default=Decimal(0), min_value=Decimal(0))

    class Meta:
        model = NamedAccount
        fields = ["id", "kind", "name", "vertical", "expected_value", "stage", "notes"]


class GoalSummarySerializer(serializers.Serializer):
    """The goal an objective became: where it stands and where it is linked."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField()
    current = serializers.DecimalField(**MONEY)
    target = serializers.DecimalField(**MONEY)
    progress = serializers.FloatField(help_text="0..1")
    parent = serializers.IntegerField(
        allow_null=True, help_text="Null also when the parent is out of the caller's sight."
    )
    parent_title = serializers.CharField(allow_null=True)


def goal_summary(goal: Goal | None, viewer: Person) -> dict | None:
    if goal is None:
        return None
    parent = goal.parent if goal.parent_id else None
    visible_parent = parent if parent is not None and can_view_goal(viewer, parent) else None
    # Through the serializer, so amounts come out as the schema says (decimal strings), not floats.
    return GoalSummarySerializer(
        {
            "id": goal.pk,
            "title": goal.title,
            "status": goal.status,
            "current": goal.current,
            "target": goal.target,
            "progress": round(goal.progress, 4),
            "parent": visible_parent.pk if visible_parent else None,
            "parent_title": visible_parent.title if visible_parent else None,
        }
    ).data


class _PlanAccountsField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        plan = self.context.get("plan")
        return NamedAccount.objects.filter(plan=plan) if plan is not None else NamedAccount.objects.none()


class PlanObjectiveSerializer(serializers.ModelSerializer):
    unit = serializers.ChoiceField(choices=Unit.choices, required=False, default=Unit.USD)
    target = serializers.DecimalField(**MONEY)
    accounts = _PlanAccountsField(many=True, required=False, help_text="Ids of this plan's named accounts in focus.")
    goal = serializers.SerializerMethodField(help_text="The goal it became (null until turned into one).")

    class Meta:
        model = PlanObjective
        fields = ["id", "position", "title", "metric", "unit", "target", "due_date", "focus", "accounts", "goal"]
        extra_kwargs = {"position": {"required": False}}

    @extend_schema_field(GoalSummarySerializer(allow_null=True))
    def get_goal(self, objective: PlanObjective) -> dict | None:
        return goal_summary(objective.goal if objective.goal_id else None, self.context["request"].user)


class ObjectiveToGoalInput(serializers.Serializer):
    parent = VisibleGoalField(
        required=False,
        allow_null=True,
        help_text="The goal to link under; left out: the suggested one (the manager's goal it fits best); "
        "null: not linked yet.",
    )


class ActionItemSerializer(serializers.ModelSerializer):
    owner = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), required=False, help_text="The rep (the default) or a manager above them."
    )
    owner_name = serializers.CharField(source="owner.full_name", read_only=True)
    is_done = serializers.BooleanField(read_only=True)
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        ref_name = "PlanActionItem"  # the cabinet and territory plans both have action items
        model = ActionItem
        fields = [
            "id",
            "title",
            "owner",
            "owner_name",
            "resources",
            "due_date",
            "is_milestone",
            "is_done",
            "done_at",
            "is_overdue",
        ]
        read_only_fields = ["done_at"]

    def get_is_overdue(self, item: ActionItem) -> bool:
        today = self.context.get("today")
        return item.done_at is None and today is not None and item.due_date < today


class ActionDoneInput(serializers.Serializer):
    done = serializers.BooleanField(help_text="True: done; false: not done after all.")


class PlanReviewSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.full_name", read_only=True)
    section = serializers.ChoiceField(
        choices=[("", "The whole plan"), *[(section.key, section.title) for section in SECTIONS]],
        required=False,
        allow_blank=True,
    )

    class Meta:
        model = PlanReview
        fields = ["id", "version", "author", "author_name", "kind", "section", "body", "created"]
        read_only_fields = ["version", "author", "kind", "created"]
        extra_kwargs = {"body": {"required": True, "allow_blank": False}}


class PlanVersionSerializer(serializers.ModelSerializer):
    submitted_by_name = serializers.CharField(source="submitted_by.full_name", read_only=True, default=None)
    decided_by_name = serializers.CharField(source="decided_by.full_name", read_only=True, default=None)
    changed_sections = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="Keys of the sections this version changed."
    )

    class Meta:
        model = PlanVersion
        fields = [
            "number",
            "note",
            "submitted_by",
            "submitted_by_name",
            "submitted_at",
            "outcome",
            "decided_by",
            "decided_by_name",
            "decided_at",
            "changed_sections",
            "snapshot",
        ]
        read_only_fields = fields


# --- the plan -----------------------------------------------------------------------------


class PlanCheckSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    quarter = serializers.IntegerField()
    due_on = serializers.DateField()


class TerritoryPlanSummarySerializer(serializers.ModelSerializer):
    """A plan in a list: its state and its funnel gap (the team view's row)."""

    owner_name = serializers.CharField(source="owner.full_name", read_only=True)
    funnel_gap = serializers.SerializerMethodField(help_text="The funnel gap; null until the funnel computes.")
    opportunities_to_add = serializers.SerializerMethodField()

    class Meta:
        model = TerritoryPlan
        fields = [
            "id",
            "cycle",
            "owner",
            "owner_name",
            "territory",
            "status",
            "version",
            "approved_version",
            "submitted_at",
            "funnel_gap",
            "opportunities_to_add",
            "updated",
        ]
        read_only_fields = fields

    def _funnel(self, plan):
        return self.context["funnels"].get(plan.pk)

    # A decimal as a string, like every amount of the API (the schema said a float).
    @extend_schema_field(serializers.DecimalField(**MONEY, allow_null=True))
    def get_funnel_gap(self, plan) -> Decimal | None:
        view = self._funnel(plan)
        return str(view.funnel.gap) if view is not None and view.funnel else None

    def get_opportunities_to_add(self, plan) -> int | None:
        view = self._funnel(plan)
        return view.funnel.opportunities_to_add if view is not None and view.funnel else None


class TerritoryPlanUpdateInput(serializers.Serializer):
    """Sections to save: any of them, with any of their fields (funnel_inputs.stages replaces every stage)."""

    territory = serializers.CharField(required=False, allow_blank=True, max_length=120)
    analysis = TerritoryAnalysisSerializer(required=False)
    funnel_inputs = FunnelInputsSerializer(required=False)
    drivers = BuyingDriversSerializer(required=False)
    swot = SwotSerializer(required=False)
    strategies = StrategiesSerializer(required=False)
    resources = ResourcesSerializer(required=False)


def _section_field(serializer_class):
    """A read-only section of the plan, documented with the section's serializer."""
    return extend_schema_field(serializer_class)(serializers.SerializerMethodField())


class TerritoryPlanSerializer(serializers.ModelSerializer):
    """A plan with every section, the computed funnel and its rows (accounts, objectives, action items).

    Read from a ``PlanPage`` (``context["pages"]``), so the whole plan costs a fixed number of queries.
    """

    owner = serializers.PrimaryKeyRelatedField(read_only=True, help_text="The rep; the caller when starting a plan.")
    owner_name = serializers.CharField(source="owner.full_name", read_only=True)
    analysis = _section_field(TerritoryAnalysisSerializer)
    funnel_inputs = _section_field(FunnelInputsSerializer)
    drivers = _section_field(BuyingDriversSerializer)
    swot = _section_field(SwotSerializer)
    strategies = _section_field(StrategiesSerializer)
    resources = _section_field(ResourcesSerializer)
    funnel = serializers.SerializerMethodField()
    accounts = _section_field(NamedAccountSerializer(many=True))
    objectives = _section_field(PlanObjectiveSerializer(many=True))
    action_items = _section_field(ActionItemSerializer(many=True))
    open_plan_check = serializers.SerializerMethodField()

    class Meta:
        model = TerritoryPlan
        fields = [
            "id",
            "cycle",
            "owner",
            "owner_name",
            "territory",
            "status",
            "version",
            "approved_version",
            "return_reason",
            "submitted_at",
            "analysis",
            "funnel_inputs",
            "drivers",
            "swot",
            "strategies",
            "resources",
            "funnel",
            "accounts",
            "objectives",
            "action_items",
            "open_plan_check",
            "created",
            "updated",
        ]
        read_only_fields = fields

    def _page(self, plan):
        return self.context["pages"][plan.pk]

    def _rows_context(self, plan) -> dict:
        return {**self.context, "plan": plan, "today": self._page(plan).today}

    def _text(self, plan, key: str) -> dict:
        return {name: getattr(plan, name) for name in TEXT_SECTION_SERIALIZERS[key]().fields}

    def get_analysis(self, plan) -> dict:
        return self._text(plan, "analysis")

    def get_drivers(self, plan) -> dict:
        return self._text(plan, "drivers")

    def get_swot(self, plan) -> dict:
        return self._text(plan, "swot")

    def get_strategies(self, plan) -> dict:
        return self._text(plan, "strategies")

    def get_resources(self, plan) -> dict:
        return self._text(plan, "resources")

    def get_funnel_inputs(self, plan) -> dict:
        return {
            "quota_goal": plan.quota_goal_id,
            "average_deal_size": _money(plan.average_deal_size),
            "stages": [
                {
                    "name": stage.name,
                    "conversion_rate": None if stage.conversion_rate is None else str(stage.conversion_rate),
                    "open_pipeline": _money(stage.open_pipeline),
                }
                for stage in self._page(plan).stages
            ],
        }

    def get_accounts(self, plan) -> list:
        return NamedAccountSerializer(self._page(plan).accounts, many=True, context=self._rows_context(plan)).data

    def get_objectives(self, plan) -> list:
        return PlanObjectiveSerializer(self._page(plan).objectives, many=True, context=self._rows_context(plan)).data

    def get_action_items(self, plan) -> list:
        return ActionItemSerializer(self._page(plan).actions, many=True, context=self._rows_context(plan)).data

    @extend_schema_field(FunnelResultSerializer)
    def get_funnel(self, plan) -> dict:
        return FunnelResultSerializer(funnel_data(self._page(plan).funnel)).data

    @extend_schema_field(PlanCheckSummarySerializer(allow_null=True))
    def get_open_plan_check(self, plan) -> dict | None:
        check = self._page(plan).open_check
        return {"id": check.pk, "quarter": check.quarter, "due_on": check.due_on} if check else None


def _money(value) -> str | None:
    return None if value is None else f"{value:.2f}"


class TerritoryPlanCreateInput(serializers.Serializer):
    cycle = serializers.PrimaryKeyRelatedField(queryset=Cycle.objects.all())
    territory = serializers.CharField(required=False, allow_blank=True, max_length=120)


class PlanSubmitInput(serializers.Serializer):
    note = serializers.CharField(
        required=False, allow_blank=True, help_text="What changed since the last version (required from version 2)."
    )


class PlanApproveInput(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True)


class PlanReturnInput(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, help_text="Why the plan goes back; required.")


class PlanCheckInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, help_text="Why the plan still holds.")


class TeamFunnelStageSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=60)
    conversion_rate = serializers.DecimalField(**RATE, help_text="Percent, above 0 and at most 100.")


class TeamFunnelSerializer(serializers.ModelSerializer):
    """A manager's funnel defaults for their team in a cycle; PUT-like: a POST replaces the caller's."""

    manager_name = serializers.CharField(source="manager.full_name", read_only=True)
    average_deal_size = serializers.DecimalField(**MONEY, required=False, allow_null=True)
    stages = TeamFunnelStageSerializer(many=True, required=False)

    class Meta:
        model = TeamFunnel
        fields = ["id", "manager", "manager_name", "cycle", "average_deal_size", "stages", "updated"]
        read_only_fields = ["manager", "updated"]
        validators = []  # a POST replaces the caller's funnel for the cycle

    def to_representation(self, funnel):
        data = super().to_representation(funnel)
        data["stages"] = [
            {"name": stage.name, "conversion_rate": str(stage.conversion_rate)} for stage in funnel.stages.all()
        ]
        return data


# --- joint plans --------------------------------------------------------------------------


class PastActivitySerializer(serializers.ModelSerializer):
    function = serializers.ChoiceField(choices=Function.choices, required=False, default=Function.MARKETING)
    verdict = serializers.ChoiceField(choices=Verdict.choices, required=False, default=Verdict.REPEAT)

    class Meta:
        model = PastActivity
        fields = ["id", "function", "name", "result", "verdict"]


class JointTargetSerializer(serializers.ModelSerializer):
    unit = serializers.ChoiceField(choices=Unit.choices, required=False, default=Unit.USD)
    target = serializers.DecimalField(**MONEY)
    co_owner = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), help_text="A marketing, enablement or customer success person."
    )
    co_owner_name = serializers.CharField(source="co_owner.full_name", read_only=True)
    parent_goal = VisibleGoalField(required=False, allow_null=True, help_text="The leader's goal it supports.")
    goal = serializers.SerializerMethodField(help_text="Its goal in the cascade, once the co-owner placed it.")

    class Meta:
        model = JointTarget
        fields = [
            "id",
            "title",
            "metric",
            "unit",
            "target",
            "due_date",
            "co_owner",
            "co_owner_name",
            "parent_goal",
            "goal",
        ]

    @extend_schema_field(GoalSummarySerializer(allow_null=True))
    def get_goal(self, target: JointTarget) -> dict | None:
        return goal_summary(target.goal if target.goal_id else None, self.context["request"].user)


class JointPlanSerializer(serializers.ModelSerializer):
    half = serializers.ChoiceField(choices=Half.choices)
    leader = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), required=False, help_text="The region's sales leader; the caller by default."
    )
    leader_name = serializers.CharField(source="leader.full_name", read_only=True)
    members = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(),
        many=True,
        required=False,
        help_text="Marketing, enablement and customer success people writing it with the leader.",
    )
    region = serializers.CharField(
        required=False, allow_blank=True, max_length=80, help_text="The leader's by default."
    )
    revenue_potential = serializers.DecimalField(**MONEY, required=False, allow_null=True, min_value=Decimal(0))
    past_activities = PastActivitySerializer(many=True, read_only=True)
    targets = JointTargetSerializer(many=True, read_only=True)
    starts = serializers.DateField(read_only=True)
    ends = serializers.DateField(read_only=True)

    class Meta:
        model = JointPlan
        fields = [
            "id",
            "cycle",
            "half",
            "starts",
            "ends",
            "region",
            "leader",
            "leader_name",
            "members",
            "currency",
            "revenue_potential",
            "potential_analysis",
            "review_summary",
            "past_activities",
            "targets",
            "created",
            "updated",
        ]
        # One plan per region and half: the service says so (409), with the region filled in from the leader.
        validators = []


class JointPlanUpdateSerializer(JointPlanSerializer):
    class Meta(JointPlanSerializer.Meta):
        read_only_fields = ["cycle", "half", "region", "leader"]
