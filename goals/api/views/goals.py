"""Goals: the cascade over the API. Reads are narrowed to what the caller may see; every write is a service."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import filters, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from core.api.parsers import CSVParser, JSONParser
from core.api.serializers import ImportRejectedSerializer
from core.api.views import ServiceActionMixin, uploaded_csv_text
from core.db_router import replica_reads
from core.parsing import int_param, parse_id
from goals.api.filters import GoalFilter
from goals.api.pagination import GoalPagination
from goals.api.serializers import (
    GoalAllocateInput,
    GoalCarryOverInput,
    GoalMoveInput,
    GoalReturnInput,
    GoalSerializer,
    GoalsImportInput,
    GoalsImportResultSerializer,
    GoalTreeSerializer,
    PathStepSerializer,
)
from goals.api.views.import_jobs import ImportJobSerializer
from goals.import_jobs import goals_import_body, import_job_create, runs_as_job
from goals.imports import goals_import
from goals.models import ChildrenChoice, Cycle, ImportKind
from goals.selectors import alignment_path, attach_goal_details, goal_list, goal_subtree
from goals.services import (
    goal_allocate_target,
    goal_approve,
    goal_carry_over,
    goal_create,
    goal_delete,
    goal_move,
    goal_return,
    goal_submit,
    goal_update,
)

# A subtree response larger than this is refused: ask for fewer levels.
SUBTREE_MAX_GOALS = 5000
# Fields a goal keeps for life; the serializer refuses changes to them.
FIXED_FIELDS = ("cycle", "owner", "tier")


@extend_schema_view(
    list=extend_schema(summary="Goals the caller may see, in tree order"),
    retrieve=extend_schema(summary="One goal"),
    create=extend_schema(
        summary="Draft a goal",
        description="For yourself or someone under you; corporate objectives (tier corporate) by executives. "
        "Not in a closed cycle.",
    ),
    update=extend_schema(summary="Edit a goal (its owner while draft or returned; admins)"),
    partial_update=extend_schema(summary="Edit some of a goal's fields (its owner while draft or returned; admins)"),
    destroy=extend_schema(
        summary="Delete a goal (softly: it can be undone)",
        description="Its owner deletes it while it is a draft without check-ins; admins delete any goal. A goal "
        "with sub-goals needs ?children=move_up (they move up to its parent) or ?children=delete (they go too; "
        "admins, or an owner all of whose sub-goals they could delete on their own); without it the answer is a "
        "400 on children. The answer's Link header (rel=undo) names the deletion: POST its restore/ to undo it "
        f"within {settings.DELETION_UNDO_MINUTES} minutes (admins any time). Owners affected are notified.",
        parameters=[
            OpenApiParameter(
                "children",
                str,
                enum=ChildrenChoice.values,
                description="What happens to the sub-goals: move_up or delete. Required when it has some.",
            )
        ],
    ),
)
class GoalViewSet(ServiceActionMixin, viewsets.ModelViewSet):
    serializer_class = GoalSerializer
    pagination_class = GoalPagination
    filterset_class = GoalFilter
    filter_backends = [*viewsets.ModelViewSet.filter_backends, filters.SearchFilter, filters.OrderingFilter]
    search_fields = ["title", "description", "metric", "external_key", "owner__first_name", "owner__last_name"]
    ordering_fields = ["title", "due_date", "target", "rolled_up_progress", "created", "updated"]

    def get_queryset(self):
        return goal_list(self.request.user)

    def list(self, request, *args, **kwargs):
        # The busiest read of integrators and dashboards: from the read replica when there is one.
        with replica_reads():
            return super().list(request, *args, **kwargs)

    def create(self, request, *args, **kwargs):
        data = dict(self.validated_input(GoalSerializer))
        data.setdefault("owner", request.user)
        goal = goal_create(actor=request.user, **data)
        return self.object_response(goal, status_code=status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        goal = self.get_object()
        serializer = self.get_serializer(goal, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        changes = {name: value for name, value in serializer.validated_data.items() if name not in FIXED_FIELDS}
        if goal.parent_is_hidden and changes.get("parent", False) is None:
            # The caller saw null for a parent they may not see: null here means "unchanged".
            del changes["parent"]
        goal_update(actor=request.user, goal=goal, **changes)
        return self.object_response(goal)

    def destroy(self, request, *args, **kwargs):
        children = request.query_params.get("children") or None
        deletion = goal_delete(actor=request.user, goal=self.get_object(), children=children)
        response = Response(status=status.HTTP_204_NO_CONTENT)
        response["Link"] = f'<{reverse("deletion-detail", args=[deletion.pk])}>; rel="undo"'
        return response

    @extend_schema(
        summary="The goal with its sub-goals nested, as far down as asked",
        description="Sub-goals the caller may not see are left out with everything under them. "
        f"More than {SUBTREE_MAX_GOALS} goals below is refused: ask for fewer levels.",
        parameters=[
            OpenApiParameter("depth", int, description="Levels below the goal (0: the goal alone). Default: all."),
        ],
        responses=GoalTreeSerializer,
    )
    @action(detail=True, methods=["get"])
    def subtree(self, request, pk=None):
        goal = self.get_object()
        depth = int_param(
            request.query_params,
            "depth",
            maximum=100,
            message="Give the number of levels as a whole number from 0 to 100.",
        )
        goal_subtree(goal, request.user, depth=depth, max_goals=SUBTREE_MAX_GOALS)
        below = _below(goal)
        attach_goal_details(below)
        for node in below:
            node.parent_is_hidden = False  # the subtree holds only goals under a goal the caller sees
        return Response(GoalTreeSerializer(goal, context=self.get_serializer_context()).data)

    @extend_schema(
        summary="The alignment path: from the corporate objective down to this goal",
        description="A private goal on the way that the caller may not see appears as a hidden step with only "
        "its tier and level.",
        responses=PathStepSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def path(self, request, pk=None):
        steps = alignment_path(self.get_object(), request.user)
        return Response(PathStepSerializer(steps, many=True).data)

    @extend_schema(
        summary="Link the goal (with everything under it) under another goal, or unlink it",
        request=GoalMoveInput,
        responses=GoalSerializer,
    )
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        goal = self.get_object()
        goal_move(actor=request.user, goal=goal, **self.validated_input(GoalMoveInput))
        return self.object_response(goal)

    @extend_schema(summary="Submit the goal for approval (its owner)", request=None, responses=GoalSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        goal = self.get_object()
        goal_submit(actor=request.user, goal=goal)
        return self.object_response(goal)

    @extend_schema(
        summary="Approve a submitted goal (the owner's manager or anyone above)", request=None, responses=GoalSerializer
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        goal = self.get_object()
        goal_approve(actor=request.user, goal=goal)
        return self.object_response(goal)

    @extend_schema(
        summary="Return a goal to its owner with a reason (the owner's manager or anyone above)",
        request=GoalReturnInput,
        responses=GoalSerializer,
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_goal(self, request, pk=None):
        goal = self.get_object()
        goal_return(actor=request.user, goal=goal, **self.validated_input(GoalReturnInput))
        return self.object_response(goal)

    @extend_schema(
        summary="Split the goal's target among its sub-goals",
        description="Among the company-visible sub-goals measured in the goal's unit; returns them with their "
        "new targets. A sub-goal owned by someone else whose submitted or approved target changes goes back to its "
        "owner as returned (the reason gives the old and new target), to submit again; every change is in the "
        "audit trail.",
        request=GoalAllocateInput,
        responses=GoalSerializer(many=True),
    )
    @action(detail=True, methods=["post"], pagination_class=None)
    def allocate(self, request, pk=None):
        goal = self.get_object()
        children = goal_allocate_target(actor=request.user, goal=goal, **self.validated_input(GoalAllocateInput))
        fresh = self.get_queryset().filter(pk__in=[child.pk for child in children])
        return Response(GoalSerializer(fresh, many=True, context=self.get_serializer_context()).data)

    @extend_schema(
        summary="Carry the unfinished goal over into a later cycle",
        description="The copy starts as a draft from where the goal stands (baseline = current) and keeps a link "
        "to the original (carried_over_from). With include_subtree, each unfinished sub-goal is checked on its own: "
        "those the caller may not carry over (goals of people outside their team) stay behind, and what was below "
        "them lands under the nearest copy above.",
        request=GoalCarryOverInput,
        responses={201: GoalSerializer},
    )
    @action(detail=True, methods=["post"], url_path="carry-over", url_name="carry-over")
    def carry_over(self, request, pk=None):
        goal = self.get_object()
        copy = goal_carry_over(actor=request.user, goal=goal, **self.validated_input(GoalCarryOverInput))
        return self.object_response(copy, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Import goals from CSV into a cycle: all rows or none",
        description="Columns: owner (username), title, metric, target (required); external_key, parent (a goal's "
        "id) or parent_external_key (in this cycle or this file), tier, description, unit, baseline, current, "
        "weight, due_date, visibility, rollup. Each row is checked like a goal drafted by the caller; a 400 lists "
        "every bad row by its line and column. Send a multipart form (file, cycle) or a text/csv body with ?cycle=. "
        f"A file of more than {settings.IMPORT_SYNC_MAX_ROWS} rows is queued as a job (202, Location: the job); "
        "follow it at /api/import-jobs/{id}/, whose result and errors are this answer's once it is done.",
        parameters=[OpenApiParameter("cycle", int, description="The cycle, when the body is text/csv.")],
        request={"multipart/form-data": GoalsImportInput, "text/csv": OpenApiTypes.STR},
        responses={
            201: GoalsImportResultSerializer,
            202: OpenApiResponse(ImportJobSerializer, description="A large file: queued as an import job."),
            400: OpenApiResponse(ImportRejectedSerializer, description="Nothing was imported; each bad row listed."),
        },
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        url_name="import",
        parser_classes=[MultiPartParser, FormParser, CSVParser, JSONParser],
        filterset_class=None,
    )
    def import_goals(self, request):
        raw_cycle = request.query_params.get("cycle") or (
            request.data.get("cycle") if hasattr(request.data, "get") else None
        )
        text = uploaded_csv_text(request)
        cycle_id = parse_id(raw_cycle)
        cycle = Cycle.objects.filter(pk=cycle_id).first() if cycle_id else None
        if cycle is None:
            raise ValidationError({"cycle": "Name the cycle the goals go into by its id (cycle=...)."})
        if runs_as_job(text):
            job = import_job_create(actor=request.user, kind=ImportKind.GOALS, cycle=cycle, text=text)
            return import_job_accepted(request, job)
        result = goals_import(actor=request.user, cycle=cycle, text=text)
        return Response(goals_import_body(result), status=status.HTTP_201_CREATED)


def _below(goal) -> list:
    nodes, stack = [], list(goal.subgoals)
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack.extend(node.subgoals)
    return nodes


def import_job_accepted(request, job) -> Response:
    """202 with the queued job, its address in Location."""
    body = ImportJobSerializer(job, context={"request": request}).data
    response = Response(body, status=status.HTTP_202_ACCEPTED)
    response["Location"] = reverse("import-job-detail", args=[job.pk])
    return response
