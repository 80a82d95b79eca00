"""Phasing, pace, forecast and scores over the API (README, "Quotas: phasing, pace and forecast").

GET/PUT/DELETE /api/goals/{id}/phasing/     a goal's periods; PUT phases it, DELETE takes the phasing away
GET            /api/goals/{id}/pace/        where it should be today, where it is, the forecast and its band
GET/PUT        /api/goals/{id}/score/       its score once its cycle closed; PUT the owner's retrospective
GET            /api/cycles/{id}/pace/       every visible goal's pace, one query; ?status= ?owner= ?tier= ?ordering=
GET            /api/cycles/{id}/scores/     every visible goal's score; ?outcome= ?owner=
"""

from django.db.models import F
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from goals.models import Cycle, Goal, GoalScore, Granularity, Outcome, PhasingMethod, Tier
from goals.quotas.pace import PaceStatus
from goals.quotas.selectors import (
    cycle_pace,
    cycle_scores,
    goal_pace_of,
    goal_phasing,
    goal_score,
)
from goals.quotas.services import goal_phasing_clear, goal_phasing_set, goal_retrospective_set

AMOUNT = {"max_digits": 16, "decimal_places": 2}


# --- shapes -------------------------------------------------------------------------------


class PhasedPeriodSerializer(serializers.Serializer):
    index = serializers.IntegerField(source="period.index", help_text="0 for the first period of the cycle.")
    label = serializers.CharField(help_text='"Q1".."Q4" (quarters of the cycle) or "Feb 2027".')
    start = serializers.DateField(source="period.start")
    end = serializers.DateField(source="period.end")
    amount = serializers.DecimalField(help_text="This period's part of target - baseline, in cents.", **AMOUNT)
    due_by_end = serializers.DecimalField(help_text="Where the goal should stand when the period ends.", **AMOUNT)
    share = serializers.FloatField(help_text="This period's share of the plan, 0..1.")
    is_current = serializers.BooleanField(help_text="Today falls in this period.")


class GoalPhasingSerializer(serializers.Serializer):
    goal = serializers.IntegerField(source="goal.pk")
    is_phased = serializers.BooleanField(
        help_text="False: the goal is due along a straight line through its cycle (periods by their days)."
    )
    granularity = serializers.ChoiceField(choices=Granularity.choices)
    method = serializers.CharField(help_text='One of the methods PUT takes; "" when not phased.')
    source = serializers.CharField(help_text="Where the shape came from (last cycle's actuals, the parent goal).")
    planned_change = serializers.DecimalField(
        help_text="target - baseline: what the periods add up to (the target itself from a zero baseline).", **AMOUNT
    )
    phased_total = serializers.DecimalField(
        allow_null=True,
        help_text="target - baseline when the goal was phased; when it differs, the periods kept their shape "
        "and were scaled to the new target.",
        **AMOUNT,
    )
    rescaled = serializers.BooleanField()
    weights = serializers.ListField(
        child=serializers.DecimalField(max_digits=22, decimal_places=6),
        help_text="The shape as stored, one weight per period (typed amounts, profile weights, 1s); empty when not "
        "phased.",
    )
    periods = PhasedPeriodSerializer(many=True)
    set_by = serializers.IntegerField(source="set_by_id", allow_null=True, help_text="Who phased it.")
    updated = serializers.DateTimeField(allow_null=True)


class GoalPhasingInput(serializers.Serializer):
    method = serializers.ChoiceField(
        choices=PhasingMethod.choices,
        help_text="even: equal periods; seasonal: by `weights`; prior_cycle: by last cycle's actuals of the goal's "
        "metric (the owner's, else the company's); typed: `amounts` that add up to target - baseline; parent: the "
        "parent goal's shape.",
    )
    granularity = serializers.ChoiceField(
        choices=Granularity.choices,
        default=Granularity.QUARTER,
        help_text="quarter (default) or month; ignored with method parent (the parent's periods are used).",
    )
    weights = serializers.ListField(
        child=serializers.DecimalField(max_digits=21, decimal_places=6, min_value=0),
        required=False,
        help_text="seasonal: one weight per period, any scale (20, 25, 25, 30).",
    )
    amounts = serializers.ListField(
        child=serializers.DecimalField(**AMOUNT),
        required=False,
        help_text="typed: one amount per period, to the cent, adding up to target - baseline exactly "
        "(negative for a goal that brings its number down).",
    )


class PaceSerializer(serializers.Serializer):
    today = serializers.DateField()
    applies = serializers.BooleanField(help_text="False for goals that hold their baseline, and dropped goals.")
    expected_share = serializers.FloatField(help_text="Share of the plan due by the end of today, 0..1.")
    expected_value = serializers.DecimalField(help_text="Where the goal should stand today.", **AMOUNT)
    current = serializers.DecimalField(help_text="Where it stands.", **AMOUNT)
    as_of = serializers.DateField(help_text="The day of its last check-in, which current is from (today without one).")
    as_of_share = serializers.FloatField(help_text="Share of the plan due by then, 0..1.")
    as_of_value = serializers.DecimalField(help_text="Where the goal should have stood then.", **AMOUNT)
    progress = serializers.FloatField(allow_null=True, help_text="(current - baseline) / (target - baseline).")
    forecast = serializers.FloatField(
        allow_null=True,
        help_text="Projected end-of-cycle attainment: progress / as_of_share (null before a tenth of the plan is due).",
    )
    forecast_value = serializers.DecimalField(allow_null=True, help_text="Where it ends at this pace.", **AMOUNT)
    band_low = serializers.SerializerMethodField(
        help_text="Low end of the likely attainment (null: too few check-ins)."
    )
    band_high = serializers.SerializerMethodField(help_text="High end of the likely attainment.")
    stretches = serializers.IntegerField(help_text="Stretches between check-ins the band was read from.")
    status = serializers.ChoiceField(
        choices=[("", "No pace"), *PaceStatus.choices],
        help_text="on_pace (forecast >= 85%), behind, far_behind (< 60%).",
    )

    def get_band_low(self, pace) -> float | None:
        return pace.band[0] if pace.band else None

    def get_band_high(self, pace) -> float | None:
        return pace.band[1] if pace.band else None


class GoalScoreSerializer(serializers.Serializer):
    goal = serializers.IntegerField(source="goal_id")
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    baseline = serializers.DecimalField(**AMOUNT)
    target = serializers.DecimalField(**AMOUNT)
    final_value = serializers.DecimalField(**AMOUNT)
    attainment = serializers.DecimalField(
        max_digits=10, decimal_places=4, help_text="(final - baseline) / (target - baseline), at least 0."
    )
    score = serializers.DecimalField(max_digits=5, decimal_places=4, help_text="Attainment capped at 1.2.")
    month_actuals = serializers.ListField(
        child=serializers.DecimalField(**AMOUNT),
        help_text="What the goal gained in each month of its cycle, from its check-ins; empty without any.",
    )
    recorded_at = serializers.DateTimeField()
    retrospective = serializers.CharField()
    retrospective_at = serializers.DateTimeField(allow_null=True)


class CycleScoreSerializer(GoalScoreSerializer):
    title = serializers.CharField(source="goal.title")
    owner = serializers.IntegerField(source="goal.owner_id")
    owner_name = serializers.CharField(source="goal.owner.full_name")
    unit = serializers.CharField(source="goal.unit")


class RetrospectiveInput(serializers.Serializer):
    retrospective = serializers.CharField(
        allow_blank=True,
        trim_whitespace=False,
        help_text="A short look back (at most 2000 characters); empty clears it.",
    )


class CyclePaceRowSerializer(serializers.ModelSerializer):
    goal = serializers.IntegerField(source="pk")
    owner_name = serializers.CharField(source="owner.full_name")
    expected_share = serializers.FloatField(source="pace_expected_share", help_text="Share of the plan due by today.")
    as_of = serializers.DateField(source="pace_as_of", help_text="The day of the last check-in (today without one).")
    as_of_share = serializers.FloatField(source="pace_as_of_share", help_text="Share of the plan due by then.")
    progress = serializers.FloatField(source="pace_progress", allow_null=True)
    forecast = serializers.FloatField(source="pace_forecast", allow_null=True)
    status = serializers.CharField(source="pace_status", help_text='on_pace, behind, far_behind or "" (no pace).')

    class Meta:
        model = Goal
        fields = [
            "goal",
            "title",
            "tier",
            "owner",
            "owner_name",
            "unit",
            "baseline",
            "target",
            "current",
            "last_checkin_at",
            "expected_share",
            "as_of",
            "as_of_share",
            "progress",
            "forecast",
            "status",
        ]
        read_only_fields = fields


# --- views ---------------------------------------------------------------------------------


def _visible_goal(request, pk: int) -> Goal:
    return get_object_or_404(Goal.objects.visible_to(request.user).select_related("owner", "cycle"), pk=pk)


class GoalPhasingView(generics.GenericAPIView):
    serializer_class = GoalPhasingSerializer
    pagination_class = None
    filter_backends = []

    def _response(self, goal: Goal, code=status.HTTP_200_OK) -> Response:
        return Response(GoalPhasingSerializer(goal_phasing(goal)).data, status=code)

    @extend_schema(
        summary="A goal's phasing: its target split into the periods of its cycle",
        description="Amounts follow the goal's current target, in cents, the rounding remainder in the period of "
        "largest weight, so they add up to target - baseline exactly. A goal not phased shows its straight line.",
        responses=GoalPhasingSerializer,
    )
    def get(self, request, pk: int):
        return self._response(_visible_goal(request, pk))

    @extend_schema(
        summary="Phase the goal (its owner while drafting it, or their managers; not in a closed cycle)",
        description="Typed amounts must add up to target - baseline exactly (400 otherwise, with the gap). "
        "Later target changes keep the shape and scale the periods; splitting a target among sub-goals gives "
        "them this shape unless their own periods were typed.",
        request=GoalPhasingInput,
        responses=GoalPhasingSerializer,
    )
    def put(self, request, pk: int):
        goal = _visible_goal(request, pk)
        data = GoalPhasingInput(data=request.data)
        data.is_valid(raise_exception=True)
        goal_phasing_set(actor=request.user, goal=goal, **data.validated_data)
        return self._response(goal)

    @extend_schema(summary="Take the phasing away: the goal is then due along a straight line", responses={204: None})
    def delete(self, request, pk: int):
        goal_phasing_clear(actor=request.user, goal=_visible_goal(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class GoalPaceView(generics.GenericAPIView):
    serializer_class = PaceSerializer
    pagination_class = None
    filter_backends = []

    @extend_schema(
        summary="Where the goal should be today, where it is, and its projected end-of-cycle attainment",
        description="forecast = progress / the share of the plan its phasing expected by its last check-in (the "
        "run rate, adjusted by its seasonality); the band applies the spread of its pace between check-ins to the "
        "rest of the plan.",
        responses=PaceSerializer,
    )
    def get(self, request, pk: int):
        return Response(PaceSerializer(goal_pace_of(_visible_goal(request, pk))).data)


class GoalScoreView(generics.GenericAPIView):
    serializer_class = GoalScoreSerializer
    pagination_class = None
    filter_backends = []

    def _score(self, goal: Goal):
        score = goal_score(goal)
        if score is None:
            raise NotFound("This goal has no score: its cycle has not closed, or it was dropped.")
        return score

    @extend_schema(summary="The goal's score, recorded when its cycle closed", responses=GoalScoreSerializer)
    def get(self, request, pk: int):
        return Response(GoalScoreSerializer(self._score(_visible_goal(request, pk))).data)

    @extend_schema(
        summary="Write the goal's retrospective (its owner, once the cycle has closed)",
        request=RetrospectiveInput,
        responses=GoalScoreSerializer,
    )
    def put(self, request, pk: int):
        goal = _visible_goal(request, pk)
        data = RetrospectiveInput(data=request.data)
        data.is_valid(raise_exception=True)
        score = goal_retrospective_set(actor=request.user, goal=goal, **data.validated_data)
        return Response(GoalScoreSerializer(score).data)


class CyclePaceQuery(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=PaceStatus.choices, required=False, help_text="behind includes far_behind."
    )
    owner = serializers.IntegerField(required=False, help_text="Goals of this person.")
    tier = serializers.ChoiceField(choices=Tier.choices, required=False)
    ordering = serializers.ChoiceField(
        choices=[("forecast", "Lowest forecast first"), ("-forecast", "Highest forecast first")],
        default="forecast",
        help_text="Goals without a forecast come last either way.",
    )


def _query_parameters(serializer_class) -> list[OpenApiParameter]:
    return [
        OpenApiParameter(
            name, str, description=str(field.help_text or ""), enum=list(getattr(field, "choices", [])) or None
        )
        for name, field in serializer_class().fields.items()
    ]


class CyclePaceList(generics.ListAPIView):
    serializer_class = CyclePaceRowSerializer
    filter_backends = []

    @extend_schema(
        summary="Pace and forecast of every goal of the cycle the caller may see",
        description="Computed for the whole cycle in one query, lowest forecast first.",
        parameters=_query_parameters(CyclePaceQuery),
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Goal.objects.none()
        cycle = get_object_or_404(Cycle, pk=self.kwargs["pk"])
        query = CyclePaceQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        options = query.validated_data
        goals = cycle_pace(cycle, self.request.user, timezone.localdate(), status=options.get("status", ""))
        if "owner" in options:
            goals = goals.filter(owner_id=options["owner"])
        if "tier" in options:
            goals = goals.filter(tier=options["tier"])
        if options["ordering"] == "-forecast":
            goals = goals.order_by(F("pace_forecast").desc(nulls_last=True), "tree_id", "lft")
        return goals


class CycleScoreQuery(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices, required=False)
    owner = serializers.IntegerField(required=False, help_text="Goals of this person.")


class CycleScoreList(generics.ListAPIView):
    serializer_class = CycleScoreSerializer
    filter_backends = []

    @extend_schema(
        summary="Scores of a closed cycle's goals the caller may see, best attainment first",
        parameters=_query_parameters(CycleScoreQuery),
        responses=CycleScoreSerializer(many=True),
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return GoalScore.objects.none()
        cycle = get_object_or_404(Cycle, pk=self.kwargs["pk"])
        query = CycleScoreQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        scores = cycle_scores(cycle, self.request.user)
        if "outcome" in query.validated_data:
            scores = scores.filter(outcome=query.validated_data["outcome"])
        if "owner" in query.validated_data:
            scores = scores.filter(goal__owner_id=query.validated_data["owner"])
        return scores


urlpatterns = [
    path("goals/<int:pk>/phasing/", GoalPhasingView.as_view(), name="goal-phasing"),
    path("goals/<int:pk>/pace/", GoalPaceView.as_view(), name="goal-pace"),
    path("goals/<int:pk>/score/", GoalScoreView.as_view(), name="goal-score"),
    path("cycles/<int:pk>/pace/", CyclePaceList.as_view(), name="cycle-pace"),
    path("cycles/<int:pk>/scores/", CycleScoreList.as_view(), name="cycle-scores"),
]
