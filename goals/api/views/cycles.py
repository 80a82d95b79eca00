"""Cycles: everyone reads them, admins administer them, phases move forward through services.

The alignment scan's actions (``scan/``, ``alignment/``) belong to this viewset too.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core.api.permissions import RulesPermission
from core.api.renderers import CSVRenderer
from core.api.views import ServiceActionMixin
from goals.alignment.health import alignment_health
from goals.alignment.services import alignment_scan_request
from goals.api.alignment import (
    AlignmentHealthQuery,
    AlignmentHealthSerializer,
    ScanQueuedSerializer,
    ScanResultSerializer,
)
from goals.api.filters import CycleFilter
from goals.api.serializers import CascadeExportSerializer, CyclePhaseInput, CycleSerializer
from goals.models import Cycle
from goals.selectors import EXPORT_COLUMNS, cascade_export_rows
from goals.services import cycle_create, cycle_set_phase, cycle_update


@extend_schema_view(
    list=extend_schema(summary="Cycles, latest first"),
    retrieve=extend_schema(summary="One cycle"),
    create=extend_schema(summary="Create a cycle (admins)"),
    update=extend_schema(summary="Change a cycle (admins; a closed cycle is read-only)"),
    partial_update=extend_schema(summary="Change some of a cycle's fields (admins)"),
)
class CycleViewSet(
    ServiceActionMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Cycle.objects.all()
    serializer_class = CycleSerializer
    filterset_class = CycleFilter
    permission_classes = [RulesPermission]
    permission_required = {"create": "goals.add_cycle", "scan": "goals.run_alignment_scan"}
    object_permission_required = {"update": "goals.change_cycle", "partial_update": "goals.change_cycle"}
    permission_messages = {
        "create": "Only admins create cycles.",
        "update": "Only admins change cycles.",
        "partial_update": "Only admins change cycles.",
        "scan": "Only executives and admins run the alignment scan.",
    }
    csv_columns = EXPORT_COLUMNS  # the header of export/?format=csv

    def create(self, request, *args, **kwargs):
        cycle = cycle_create(actor=request.user, **self.validated_input(CycleSerializer))
        return self.object_response(cycle, status_code=status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        cycle = self.get_object()
        serializer = self.get_serializer(cycle, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        cycle_update(actor=request.user, cycle=cycle, **serializer.validated_data)
        return self.object_response(cycle)

    @extend_schema(
        summary="Move a cycle to its next phase",
        description="planning -> workshop -> active -> closed; phases may be skipped, never undone. "
        "Executives open and close the alignment workshop; admins do the rest. Closing ends approved goals "
        "achieved or missed and drops unfinished drafts.",
        request=CyclePhaseInput,
        responses=CycleSerializer,
    )
    @action(detail=True, methods=["post"])
    def phase(self, request, pk=None):
        cycle = self.get_object()
        cycle_set_phase(actor=request.user, cycle=cycle, **self.validated_input(CyclePhaseInput))
        return self.object_response(cycle)

    @extend_schema(
        summary="Export the cycle's cascade as CSV or JSON",
        description="Every goal of the cycle the caller may see, in tree order. The CSV has the columns the "
        "goal import reads, plus id, level, status and figures.",
        parameters=[
            OpenApiParameter("format", str, enum=["json", "csv"], description="json (default) or csv."),
        ],
        responses={
            (200, "application/json"): CascadeExportSerializer,
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="One row per goal."),
        },
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, CSVRenderer], pagination_class=None)
    def export(self, request, pk=None):
        cycle = self.get_object()
        rows = cascade_export_rows(cycle, request.user)
        if request.accepted_renderer.format == "csv":
            response = Response(rows)
            response["Content-Disposition"] = f'attachment; filename="cascade-{cycle.pk}.csv"'
            return response
        return Response({"cycle": CycleSerializer(cycle).data, "goals": rows})

    @extend_schema(
        summary="Run the alignment scan of this cycle now (executives and admins)",
        description="Reconciles the cycle's alignment flags with what the rules find. With a worker (Redis), the "
        "scan is queued: 202 with the task id. When tasks run in-process (the embedded default), it runs at once: "
        "200 with what it changed. Scanning again without a change in between changes nothing.",
        request=None,
        responses={200: ScanResultSerializer, 202: ScanQueuedSerializer},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def scan(self, request, pk=None):
        scan = alignment_scan_request(actor=request.user, cycle=self.get_object())
        if scan.result is None:
            return Response(ScanQueuedSerializer(scan).data, status=status.HTTP_202_ACCEPTED)
        return Response(ScanResultSerializer(scan.result).data)

    @extend_schema(
        summary="Alignment health of this cycle",
        description="Open alignment flags by kind, severity, tier and team (the flagged goal owner's region), "
        "counting only flags on goals the caller may see; a daily trend (company-visible goals only); and the "
        "executive and manager goals with the most open flags in their subtree.",
        parameters=[AlignmentHealthQuery],
        responses=AlignmentHealthSerializer,
    )
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def alignment(self, request, pk=None):
        cycle = self.get_object()
        query = AlignmentHealthQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        health = alignment_health(cycle, request.user, trend_days=query.validated_data["days"])
        return Response(AlignmentHealthSerializer(health).data)
