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
    permission_required = {"create": "goals.add_cycle"}
    object_permission_required = {"update": "goals.change_cycle", "partial_update": "goals.change_cycle"}
    permission_messages = {
        "create": "Only admins create cycles.",
        "update": "Only admins change cycles.",
        "partial_update": "Only admins change cycles.",
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
