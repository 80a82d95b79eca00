"""The workshop's REST API: the decision log, closing, and the drift since the baseline (API.md).

``/api/workshop/decisions/`` lists (``?cycle=``) and records decisions;
``/api/workshop/close/`` closes a cycle's workshop (a reason is needed while gaps remain);
``/api/workshop/drift/?cycle=`` compares a cycle's cascade with its baseline.
"""

import django_filters
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from core.parsing import int_param
from goals.models import Cycle, Goal
from workshop.models import Decision, DecisionKind
from workshop.selectors import DRIFT_ROWS_SHOWN, DriftKind, baseline_drift, baseline_of, decisions_visible_to
from workshop.services import CLOSING_REASON_MAX_LENGTH, decision_log, workshop_close


def _visible_objectives(serializer_field):
    request = serializer_field.context.get("request")
    if request is None:
        return Goal.objects.none()
    return Goal.objects.corporate_objectives().visible_to(request.user)


class VisibleObjectiveField(serializers.PrimaryKeyRelatedField):
    """A corporate objective the caller may see; a private one out of sight reads as no such objective."""

    def get_queryset(self):
        return _visible_objectives(self)


class DecisionSerializer(serializers.ModelSerializer):
    author_name = serializers.CharField(source="author.full_name", read_only=True)
    objective = VisibleObjectiveField(required=False, allow_null=True)

    class Meta:
        model = Decision
        fields = ["id", "cycle", "kind", "text", "objective", "author", "author_name", "created"]
        read_only_fields = ["kind", "author", "created"]


class DecisionFilter(django_filters.FilterSet):
    cycle = django_filters.ModelChoiceFilter(queryset=Cycle.objects.all())
    kind = django_filters.ChoiceFilter(choices=DecisionKind.choices)

    class Meta:
        model = Decision
        fields = ["cycle", "kind"]


@extend_schema_view(
    list=extend_schema(summary="The workshop decision log, newest first (?cycle=)"),
    retrieve=extend_schema(summary="One logged decision"),
    create=extend_schema(summary="Log a decision (executives and admins, while the cycle is in its workshop)"),
)
class DecisionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Decisions of the alignment workshop; mapping, allocating and closing log their own entries."""

    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter

    def get_queryset(self):
        return decisions_visible_to(self.request.user).select_related("author").order_by("-created", "-id")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = decision_log(
            actor=self.request.user, cycle=data["cycle"], text=data["text"], objective=data.get("objective")
        )


class DriftChangeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DriftKind.choices)
    goal = serializers.IntegerField(source="goal_pk", help_text="The goal's id (kept when the goal was deleted).")
    title = serializers.CharField()
    owner_name = serializers.CharField()
    tier = serializers.CharField()
    unit = serializers.CharField()
    baseline_target = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    current_target = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    baseline_parent = serializers.IntegerField(
        source="baseline_parent_id", allow_null=True, help_text="Null without a parent or when it is hidden."
    )
    baseline_parent_is_hidden = serializers.BooleanField(
        help_text="True when the parent at the baseline is a private goal the caller may not see."
    )
    current_parent = serializers.IntegerField(
        source="current_parent_id", allow_null=True, help_text="Null without a parent or when it is hidden."
    )
    current_parent_is_hidden = serializers.BooleanField(
        help_text="True when the parent now is a private goal the caller may not see."
    )


class DriftSerializer(serializers.Serializer):
    cycle = serializers.IntegerField(source="baseline.cycle_id")
    frozen_at = serializers.DateTimeField(source="baseline.frozen_at")
    frozen_by = serializers.IntegerField(source="baseline.frozen_by_id", allow_null=True)
    baseline_goals = serializers.IntegerField(source="baseline.goal_count")
    counts = serializers.DictField(
        child=serializers.IntegerField(), help_text=f"Changes per kind: {', '.join(k for k, _ in DriftKind.choices)}."
    )
    changes = DriftChangeSerializer(many=True, help_text=f"At most {DRIFT_ROWS_SHOWN} changes of each kind.")


class DriftView(APIView):
    """How the cycle's cascade drifted from the baseline frozen when its workshop closed."""

    @extend_schema(
        summary="Drift of a cycle's cascade against its baseline",
        parameters=[OpenApiParameter("cycle", int, required=True, description="The cycle's id.")],
        responses={200: DriftSerializer},
    )
    def get(self, request):
        cycle_id = int_param(
            request.query_params, "cycle", minimum=1, required=True, message="Give the cycle's id: ?cycle=<id>."
        )
        cycle = get_object_or_404(Cycle, pk=cycle_id)
        baseline = baseline_of(cycle)
        if baseline is None:
            raise NotFound(f"{cycle.name} has no baseline yet: it is frozen when its alignment workshop closes.")
        drift = baseline_drift(baseline, request.user)
        changes = [row for section in drift.sections() for row in section["rows"]]
        data = DriftSerializer({"baseline": baseline, "counts": drift.counts, "changes": changes}).data
        return Response(data, status=status.HTTP_200_OK)


class CloseInputSerializer(serializers.Serializer):
    cycle = serializers.PrimaryKeyRelatedField(queryset=Cycle.objects.all())
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=CLOSING_REASON_MAX_LENGTH,
        help_text="Why close while executive goals are unmapped or objectives unsupported; required then.",
    )


class CloseResultSerializer(serializers.Serializer):
    cycle = serializers.IntegerField(source="cycle_id")
    frozen_at = serializers.DateTimeField()
    frozen_by = serializers.IntegerField(source="frozen_by_id", allow_null=True)
    baseline_goals = serializers.IntegerField(source="goal_count")


class CloseView(APIView):
    """Close a cycle's alignment workshop: freeze the baseline and make the cycle active."""

    @extend_schema(
        summary="Close a cycle's workshop (executives and admins)",
        request=CloseInputSerializer,
        responses={201: CloseResultSerializer},
    )
    def post(self, request):
        data = CloseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        baseline = workshop_close(
            actor=request.user, cycle=data.validated_data["cycle"], reason=data.validated_data.get("reason", "")
        )
        return Response(CloseResultSerializer(baseline).data, status=status.HTTP_201_CREATED)


router = SimpleRouter()
router.register("workshop/decisions", DecisionViewSet, basename="workshop-decision")

urlpatterns = [
    *router.urls,
    path("workshop/close/", CloseView.as_view(), name="workshop-close"),
    path("workshop/drift/", DriftView.as_view(), name="workshop-drift"),
]
