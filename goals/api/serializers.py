"""JSON shapes of cycles, goals, check-ins and alignment flags (API.md), and the inputs of the goal verbs."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Person
from goals.amounts import AMOUNT_ERROR_MESSAGES
from goals.models import AlignmentFlag, CheckIn, Confidence, Cycle, Goal, Phase, Tier
from goals.services import AllocationMethod

Assumption = Goal._meta.get_field("assumptions").related_model


class CycleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cycle
        fields = ["id", "name", "start", "end", "phase", "checkin_interval_days"]
        extra_kwargs = {"checkin_interval_days": {"min_value": 1}}


class CyclePhaseInput(serializers.Serializer):
    phase = serializers.ChoiceField(choices=Phase.choices, help_text="planning -> workshop -> active -> closed.")


@extend_schema_field(OpenApiTypes.INT)
class VisibleGoalField(serializers.PrimaryKeyRelatedField):
    """A goal id; goals the caller may not see are refused exactly like ids that do not exist."""

    default_error_messages = {
        "does_not_exist": "There is no goal with id {pk_value}.",
        "incorrect_type": "A goal is given by its id (an integer), not {data_type}.",
    }

    def get_queryset(self):
        return Goal.objects.visible_to(self.context["request"].user).select_related("owner", "cycle")


class GoalSerializer(serializers.ModelSerializer):
    parent = VisibleGoalField(
        required=False,
        allow_null=True,
        help_text="The goal this one contributes to; null for corporate objectives and unmapped goals. "
        "Also null when the parent is a private goal the caller may not see (then parent_is_hidden is true).",
    )
    parent_is_hidden = serializers.BooleanField(
        read_only=True, help_text="The goal has a parent, private and out of the caller's sight."
    )
    owner = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), required=False, help_text="Defaults to the caller."
    )
    owner_name = serializers.CharField(source="owner.full_name", read_only=True)
    tier = serializers.ChoiceField(
        choices=Tier.choices, required=False, help_text="Defaults to the tier of the owner's role."
    )
    assumptions = serializers.PrimaryKeyRelatedField(
        many=True,
        required=False,
        queryset=Assumption.objects.all(),
        help_text="Ids of the strategy assumptions this goal rests on (of the goal's cycle).",
    )
    progress = serializers.FloatField(
        read_only=True,
        help_text="0..1 by the direction: increase (current - baseline) / (target - baseline), "
        "decrease (baseline - current) / (baseline - target), stay_within 1 inside the band, 0 outside.",
    )
    rolled_up_progress = serializers.FloatField(
        read_only=True, help_text="Weighted mean of the sub-goals' progress (roll-up auto), else the own progress."
    )
    open_flags = serializers.IntegerField(read_only=True, help_text="How many alignment flags are open on it.")

    class Meta:
        model = Goal
        fields = [
            "id",
            "cycle",
            "parent",
            "parent_is_hidden",
            "tier",
            "owner",
            "owner_name",
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
            "status",
            "return_reason",
            "visibility",
            "rollup",
            "assumptions",
            "progress",
            "rolled_up_progress",
            "open_flags",
            "confidence",
            "last_checkin_at",
            "level",
            "carried_over_from",
            "external_key",
            "is_joint_target",
            "created",
            "updated",
        ]
        read_only_fields = [
            "status",
            "return_reason",
            "confidence",
            "last_checkin_at",
            "level",
            "carried_over_from",
            "created",
            "updated",
        ]
        extra_kwargs = {
            "status": {"help_text": "Changes through submit/, approve/ and return/."},
            "current": {"help_text": "Setting it records a check-in.", "error_messages": AMOUNT_ERROR_MESSAGES},
            "baseline": {"error_messages": AMOUNT_ERROR_MESSAGES},
            "target": {"error_messages": AMOUNT_ERROR_MESSAGES},
            "direction": {
                "required": False,
                "help_text": "increase, decrease (from the baseline down to the target) or stay_within (the band "
                "between baseline and target). Left out on create: decrease when the target is below the "
                "baseline, else increase.",
            },
            "is_joint_target": {
                "help_text": "A target sales shares with marketing or enablement (a joint plan's); "
                "never flagged outside_chain."
            },
        }

    def validate(self, attrs):
        goal = self.instance
        if goal is not None:
            errors = {}
            if "cycle" in attrs and attrs["cycle"] != goal.cycle:
                errors["cycle"] = "A goal stays in its cycle; carry it over into another one instead."
            if "owner" in attrs and attrs["owner"] != goal.owner:
                errors["owner"] = "A goal keeps its owner; draft a new goal for someone else."
            if "tier" in attrs and attrs["tier"] != goal.tier:
                errors["tier"] = "The tier follows the owner's role and cannot be changed."
            if errors:
                raise serializers.ValidationError(errors)
        cycle = attrs.get("cycle") or (goal.cycle if goal else None)
        wrong_cycle = [item for item in attrs.get("assumptions", []) if cycle and item.cycle_id != cycle.pk]
        if wrong_cycle:
            raise serializers.ValidationError(
                {"assumptions": [f"{item.statement!r} belongs to another cycle than {cycle}." for item in wrong_cycle]}
            )
        return attrs

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if getattr(instance, "parent_is_hidden", False):
            data["parent"] = None
        return data


class GoalTreeSerializer(GoalSerializer):
    """A goal with its sub-goals nested under ``children``, as far down as asked."""

    class Meta(GoalSerializer.Meta):
        fields = [*GoalSerializer.Meta.fields, "children"]

    def get_fields(self):
        fields = super().get_fields()
        fields["children"] = GoalTreeSerializer(many=True, read_only=True, source="subgoals")
        return fields


class GoalMoveInput(serializers.Serializer):
    parent = VisibleGoalField(allow_null=True, help_text="The new parent's id, or null to unlink the goal.")


class GoalReturnInput(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True, help_text="Why the goal goes back to its owner.")


class GoalAllocateInput(serializers.Serializer):
    method = serializers.ChoiceField(
        choices=AllocationMethod.choices,
        help_text="even: equal parts; weights: by each sub-goal's weight; "
        "prior_cycle: by each owner's attainment in the previous cycle.",
    )


class GoalCarryOverInput(serializers.Serializer):
    cycle = serializers.PrimaryKeyRelatedField(queryset=Cycle.objects.all(), help_text="A later, open cycle.")
    include_subtree = serializers.BooleanField(
        default=False, help_text="Carry the unfinished goals under it over too, keeping their links."
    )


class PathStepSerializer(serializers.Serializer):
    """One step of an alignment path: a goal, or a private goal the caller may not see (only its tier and level)."""

    is_hidden = serializers.BooleanField()
    tier = serializers.ChoiceField(choices=Tier.choices)
    level = serializers.IntegerField()
    id = serializers.IntegerField(required=False, help_text="Absent on hidden steps.")
    title = serializers.CharField(required=False, help_text="Absent on hidden steps.")
    owner = serializers.IntegerField(required=False, help_text="Absent on hidden steps.")
    owner_name = serializers.CharField(required=False, help_text="Absent on hidden steps.")
    status = serializers.CharField(required=False, help_text="Absent on hidden steps.")
    progress = serializers.FloatField(required=False, help_text="Absent on hidden steps.")
    rolled_up_progress = serializers.FloatField(required=False, help_text="Absent on hidden steps.")

    def to_representation(self, step):
        if getattr(step, "is_hidden", False):
            return {"is_hidden": True, "tier": step.tier, "level": step.level}
        return {
            "is_hidden": False,
            "tier": step.tier,
            "level": step.level,
            "id": step.pk,
            "title": step.title,
            "owner": step.owner_id,
            "owner_name": step.owner.full_name,
            "status": step.status,
            "progress": step.progress,
            "rolled_up_progress": step.rolled_up_progress,
        }


class CheckInSerializer(serializers.ModelSerializer):
    confidence = serializers.ChoiceField(choices=Confidence.choices, default=Confidence.ON_TRACK)
    note = serializers.CharField(default="", allow_blank=True)

    class Meta:
        model = CheckIn
        fields = ["id", "goal", "value", "confidence", "note", "author", "created", "source"]
        read_only_fields = ["goal", "author", "created", "source"]
        extra_kwargs = {
            "value": {"help_text": "The goal's new current value.", "error_messages": AMOUNT_ERROR_MESSAGES},
            "source": {"help_text": "The metric feed that wrote this check-in; empty when a person typed it."},
        }


class AlignmentFlagSerializer(serializers.ModelSerializer):
    remedy = serializers.CharField(read_only=True, help_text="What the goal's owner can do about it.")
    is_open = serializers.BooleanField(read_only=True)

    class Meta:
        model = AlignmentFlag
        fields = [
            "id",
            "goal",
            "cycle",
            "kind",
            "severity",
            "message",
            "remedy",
            "is_open",
            "detected_at",
            "resolved_at",
        ]
        read_only_fields = fields


class ImportedGoalSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="The line of the file.")
    id = serializers.IntegerField()
    external_key = serializers.CharField()
    title = serializers.CharField()


class GoalsImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    goals = ImportedGoalSerializer(many=True)


class GoalsImportInput(serializers.Serializer):
    file = serializers.FileField(help_text="CSV with a header line; or send the CSV itself as a text/csv body.")
    cycle = serializers.PrimaryKeyRelatedField(queryset=Cycle.objects.all(), help_text="The cycle the goals go into.")


class CascadeExportRowSerializer(serializers.Serializer):
    """One goal of an export: the goal import's columns plus its id, level, status and figures."""

    id = serializers.IntegerField()
    external_key = serializers.CharField()
    parent = serializers.IntegerField(allow_null=True, help_text="Null without a parent or when it is hidden.")
    parent_external_key = serializers.CharField()
    level = serializers.IntegerField()
    tier = serializers.ChoiceField(choices=Tier.choices)
    owner = serializers.CharField(help_text="The owner's username.")
    owner_id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    metric = serializers.CharField()
    unit = serializers.CharField()
    baseline = serializers.DecimalField(max_digits=16, decimal_places=2)
    target = serializers.DecimalField(max_digits=16, decimal_places=2)
    direction = serializers.CharField()
    current = serializers.DecimalField(max_digits=16, decimal_places=2)
    weight = serializers.DecimalField(max_digits=6, decimal_places=2)
    due_date = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    visibility = serializers.CharField()
    rollup = serializers.CharField()
    progress = serializers.FloatField()
    rolled_up_progress = serializers.FloatField()
    open_flags = serializers.IntegerField()


class CascadeExportSerializer(serializers.Serializer):
    cycle = CycleSerializer()
    goals = CascadeExportRowSerializer(many=True)
