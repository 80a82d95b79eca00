"""Territory plans and joint plans over the API (README, "Territory plans").

Reads are narrowed to what the caller may see: a plan is private to its rep's management chain
(and staff), a joint plan visible to its region; anything else answers 404. Every write is a
service of territories/services.py, which checks the rules again, so the API and the pages
cannot disagree.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.response import Response

from core.api.exceptions import validation_error_detail
from core.api.views import ServiceActionMixin
from core.exceptions import StateConflict
from territories import services
from territories.api.filters import JointPlanFilter, TeamFunnelFilter, TerritoryPlanFilter
from territories.api.serializers import (
    TEXT_SECTION_SERIALIZERS,
    ActionDoneInput,
    ActionItemSerializer,
    JointPlanSerializer,
    JointPlanUpdateSerializer,
    JointTargetSerializer,
    NamedAccountSerializer,
    ObjectiveToGoalInput,
    PastActivitySerializer,
    PlanApproveInput,
    PlanCheckInput,
    PlanObjectiveSerializer,
    PlanReturnInput,
    PlanReviewSerializer,
    PlanSubmitInput,
    PlanVersionSerializer,
    TeamFunnelSerializer,
    TerritoryPlanCreateInput,
    TerritoryPlanSerializer,
    TerritoryPlanSummarySerializer,
    TerritoryPlanUpdateInput,
)
from territories.models import PlanCheck, TeamFunnel
from territories.sections import changed_sections
from territories.selectors import (
    joint_plans_visible_to,
    plan_funnel,
    plan_page,
    plan_with_relations,
    plans_visible_to,
)

PLAN_ID = OpenApiParameter("plan_pk", int, OpenApiParameter.PATH, description="The territory plan's id.")
JOINT_PLAN_ID = OpenApiParameter("plan_pk", int, OpenApiParameter.PATH, description="The joint plan's id.")
# Which JSON section a plan field is written under, to nest a service's field errors the way they were sent.
SECTION_OF_FIELD = {
    **{name: key for key, serializer in TEXT_SECTION_SERIALIZERS.items() for name in serializer().fields},
    "quota_goal": "funnel_inputs",
    "average_deal_size": "funnel_inputs",
    "stages": "funnel_inputs",
}


def _nested(error: ValidationError) -> APIValidationError:
    """A service's ``{"strengths": [...]}`` as ``{"swot": {"strengths": [...]}}``, nested as the request was."""
    nested: dict = {}
    for name, messages in validation_error_detail(error).items():
        section = SECTION_OF_FIELD.get(name)
        if section is None:
            nested[name] = messages
        else:
            nested.setdefault(section, {})[name] = messages
    return APIValidationError(nested)


@extend_schema_view(
    list=extend_schema(summary="Territory plans the caller may read (their own, their team's; staff: all)"),
    retrieve=extend_schema(summary="A plan with every section, the computed funnel, objectives and action items"),
    create=extend_schema(
        summary="Start my territory plan for a cycle (reps)",
        description="One plan per rep and cycle. Its funnel stages start as the team's; its target goal is the "
        "rep's biggest money goal of the cycle.",
        request=TerritoryPlanCreateInput,
    ),
    partial_update=extend_schema(
        summary="Save sections of my plan",
        request=TerritoryPlanUpdateInput,
        description="Send any sections (analysis, funnel_inputs, drivers, swot, strategies, resources) with any of "
        "their fields; funnel_inputs.stages replaces all stages. The rep only, not while submitted; changing an "
        "approved plan starts its next version.",
    ),
    update=extend_schema(
        summary="Save sections of my plan (as PATCH: sections left out stay as they are)",
        request=TerritoryPlanUpdateInput,
    ),
)
class TerritoryPlanViewSet(
    ServiceActionMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """No delete: a plan stays as the record of the rep's year."""

    filterset_class = TerritoryPlanFilter
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return plan_with_relations(plans_visible_to(self.request.user)).order_by(
            "cycle", "owner__tree_id", "owner__lft"
        )

    def get_serializer_class(self):
        return TerritoryPlanSummarySerializer if self.action == "list" else TerritoryPlanSerializer

    def _detail(self, plan, status_code=status.HTTP_200_OK, *, fresh: bool = True) -> Response:
        if fresh:
            plan = self.get_queryset().get(pk=plan.pk)
        context = {**self.get_serializer_context(), "pages": {plan.pk: plan_page(plan)}}
        return Response(TerritoryPlanSerializer(plan, context=context).data, status=status_code)

    def list(self, request, *args, **kwargs):
        plans = self.paginate_queryset(self.filter_queryset(self.get_queryset().prefetch_related("stages")))
        teams = {
            (team.manager_id, team.cycle_id): team
            for team in TeamFunnel.objects.filter(
                manager_id__in={plan.owner.manager_id for plan in plans}, cycle_id__in={plan.cycle_id for plan in plans}
            ).prefetch_related("stages")
        }
        funnels = {
            plan.pk: plan_funnel(plan, list(plan.stages.all()), teams.get((plan.owner.manager_id, plan.cycle_id)))
            for plan in plans
        }
        context = {**self.get_serializer_context(), "funnels": funnels}
        return self.get_paginated_response(TerritoryPlanSummarySerializer(plans, many=True, context=context).data)

    def retrieve(self, request, *args, **kwargs):
        return self._detail(self.get_object(), fresh=False)

    def create(self, request, *args, **kwargs):
        data = self.validated_input(TerritoryPlanCreateInput)
        plan = services.plan_create(actor=request.user, cycle=data["cycle"], territory=data.get("territory", ""))
        return self._detail(plan, status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        plan = self.get_object()
        data = self.validated_input(TerritoryPlanUpdateInput)
        changes = {"territory": data["territory"]} if "territory" in data else {}
        for key in TEXT_SECTION_SERIALIZERS:
            changes.update(data.get(key, {}))
        funnel = dict(data.get("funnel_inputs", {}))
        stages = funnel.pop("stages", None)
        changes.update(funnel)
        try:
            with transaction.atomic():
                if changes:
                    services.plan_update(actor=request.user, plan=plan, **changes)
                if stages is not None:
                    services.plan_set_stages(actor=request.user, plan=plan, stages=[dict(stage) for stage in stages])
        except ValidationError as error:
            raise _nested(error) from error
        return self._detail(plan)

    @extend_schema(
        summary="Submit the plan for review (the rep)",
        description="Freezes every section as the next version and sends it to the manager. From version 2 on, "
        "say what changed in note. A plan check open at the time is answered by the new version.",
        request=PlanSubmitInput,
        responses=TerritoryPlanSerializer,
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def submit(self, request, pk=None):
        plan = self.get_object()
        services.plan_submit(actor=request.user, plan=plan, **self.validated_input(PlanSubmitInput))
        return self._detail(plan)

    @extend_schema(
        summary="Approve the submitted version (a manager above the rep)",
        request=PlanApproveInput,
        responses=TerritoryPlanSerializer,
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def approve(self, request, pk=None):
        plan = self.get_object()
        services.plan_approve(actor=request.user, plan=plan, **self.validated_input(PlanApproveInput))
        return self._detail(plan)

    @extend_schema(
        summary="Return the plan to the rep with a reason (a manager above the rep)",
        request=PlanReturnInput,
        responses=TerritoryPlanSerializer,
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return", filterset_class=None)
    def return_(self, request, pk=None):
        plan = self.get_object()
        services.plan_return(actor=request.user, plan=plan, **self.validated_input(PlanReturnInput))
        return self._detail(plan)

    @extend_schema(
        summary="Answer the open quarterly plan check: the plan still holds (the rep)",
        description="To revise instead, change the plan and submit it: the new version answers the check.",
        request=PlanCheckInput,
        responses=TerritoryPlanSerializer,
    )
    @action(detail=True, methods=["post"], url_path="plan-check", url_name="plan-check", filterset_class=None)
    def plan_check(self, request, pk=None):
        plan = self.get_object()
        check = PlanCheck.objects.filter(plan=plan, completed_at__isnull=True).order_by("quarter").first()
        if check is None:
            raise StateConflict("There is no plan check waiting for an answer.")
        check.plan = plan
        services.plan_check_complete(actor=request.user, check=check, **self.validated_input(PlanCheckInput))
        return self._detail(plan)


class _PlanChild(ServiceActionMixin):
    """Rows of one plan, at /api/territory-plans/{plan_pk}/...: the plan must be one the caller may read."""

    filterset_class = None

    def get_plan(self):
        if not hasattr(self, "_plan"):
            plans = plan_with_relations(plans_visible_to(self.request.user))
            self._plan = get_object_or_404(plans, pk=self.kwargs["plan_pk"])
        return self._plan

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["plan"] = self.get_plan()
            context["today"] = timezone.localdate()
        return context


class _CreateThroughService:
    """POST creates the row with the view's ``service_create``."""

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        instance = self.service_create(serializer.validated_data)
        return self.object_response(instance, status_code=status.HTTP_201_CREATED)


class _ChangeThroughService(_CreateThroughService):
    """POST, PUT/PATCH (both partial) and DELETE go through the view's ``service_*`` functions."""

    def update(self, request, *args, partial=False, **kwargs):
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        self.service_update(instance, serializer.validated_data)
        return self.object_response(instance)

    def destroy(self, request, *args, **kwargs):
        self.service_delete(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


CRUD = (mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin)


def _crud_schema(what: str, who: str = "the rep, while the plan is not submitted") -> dict:
    return {
        "list": extend_schema(summary=f"The plan's {what}", parameters=[PLAN_ID]),
        "retrieve": extend_schema(summary=f"One of the plan's {what}", parameters=[PLAN_ID]),
        "create": extend_schema(summary=f"Add to the plan's {what} ({who})", parameters=[PLAN_ID]),
        "update": extend_schema(summary=f"Change one of the plan's {what} ({who})", parameters=[PLAN_ID]),
        "partial_update": extend_schema(summary=f"Change one of the plan's {what} ({who})", parameters=[PLAN_ID]),
        "destroy": extend_schema(summary=f"Remove one of the plan's {what} ({who})", parameters=[PLAN_ID]),
    }


@extend_schema_view(**_crud_schema("named accounts (top prospects and customers)"))
class NamedAccountViewSet(_PlanChild, _ChangeThroughService, *CRUD, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    serializer_class = NamedAccountSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return NamedAccountSerializer.Meta.model.objects.none()
        return self.get_plan().accounts.all()

    def service_create(self, data):
        return services.account_create(actor=self.request.user, plan=self.get_plan(), **data)

    def service_update(self, account, data):
        account.plan = self.get_plan()
        services.account_update(actor=self.request.user, account=account, **data)

    def service_delete(self, account):
        account.plan = self.get_plan()
        services.account_delete(actor=self.request.user, account=account)


@extend_schema_view(
    **_crud_schema("objectives"),
)
class PlanObjectiveViewSet(_PlanChild, _ChangeThroughService, *CRUD, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    serializer_class = PlanObjectiveSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PlanObjectiveSerializer.Meta.model.objects.none()
        return (
            self.get_plan()
            .objectives.select_related("goal", "goal__parent", "goal__parent__owner", "goal__parent__cycle")
            .prefetch_related("accounts")
            .order_by("position", "pk")
        )

    def service_create(self, data):
        return services.objective_create(actor=self.request.user, plan=self.get_plan(), **data)

    def service_update(self, objective, data):
        objective.plan = self.get_plan()
        services.objective_update(actor=self.request.user, objective=objective, **data)

    def service_delete(self, objective):
        objective.plan = self.get_plan()
        services.objective_delete(actor=self.request.user, objective=objective)

    @extend_schema(
        summary="Turn the objective into a goal in one step (the rep)",
        description="Drafts the rep's goal with the objective's title, metric, unit, target and due date, links it "
        "under parent (left out: the suggested parent, the manager's goal it fits best, as the drafting form "
        "suggests) and submits it for the usual approval. Once only (409 the second time).",
        parameters=[PLAN_ID],
        request=ObjectiveToGoalInput,
        responses={201: PlanObjectiveSerializer},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def goal(self, request, plan_pk=None, pk=None):
        objective = self.get_object()
        objective.plan = self.get_plan()
        data = self.validated_input(ObjectiveToGoalInput)
        services.objective_to_goal(actor=request.user, objective=objective, **data)
        return self.object_response(objective, status_code=status.HTTP_201_CREATED)


@extend_schema_view(**_crud_schema("action items"))
class ActionItemViewSet(_PlanChild, _ChangeThroughService, *CRUD, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    serializer_class = ActionItemSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ActionItemSerializer.Meta.model.objects.none()
        return self.get_plan().action_items.select_related("owner").order_by("due_date", "pk")

    def service_create(self, data):
        return services.action_create(actor=self.request.user, plan=self.get_plan(), **data)

    def service_update(self, item, data):
        item.plan = self.get_plan()
        services.action_update(actor=self.request.user, item=item, **data)

    def service_delete(self, item):
        item.plan = self.get_plan()
        services.action_delete(actor=self.request.user, item=item)

    @extend_schema(
        summary="Tick an action item done, or not done (the rep or the item's owner)",
        description="Working the plan: the plan's status and version stay as they are.",
        parameters=[PLAN_ID],
        request=ActionDoneInput,
        responses=ActionItemSerializer,
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def done(self, request, plan_pk=None, pk=None):
        item = self.get_object()
        item.plan = self.get_plan()
        services.action_set_done(actor=request.user, item=item, **self.validated_input(ActionDoneInput))
        return self.object_response(item)


@extend_schema_view(
    list=extend_schema(
        summary="The plan's review: comments, approvals and returns, oldest first", parameters=[PLAN_ID]
    ),
    retrieve=extend_schema(summary="One entry of the plan's review", parameters=[PLAN_ID]),
    create=extend_schema(
        summary="Comment on the plan or one of its sections",
        description="The managers above the rep, and the rep answering them. Approve and return are verbs of the "
        "plan (approve/, return/).",
        parameters=[PLAN_ID],
    ),
)
class PlanReviewViewSet(
    _PlanChild,
    _CreateThroughService,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = PlanReviewSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PlanReviewSerializer.Meta.model.objects.none()
        return self.get_plan().reviews.select_related("author").order_by("created", "pk")

    def service_create(self, data):
        return services.plan_comment(actor=self.request.user, plan=self.get_plan(), **data)


@extend_schema_view(
    list=extend_schema(
        summary="The plan's versions, newest first, each with the sections it changed", parameters=[PLAN_ID]
    ),
    retrieve=extend_schema(summary="One version of the plan, every section as submitted", parameters=[PLAN_ID]),
)
class PlanVersionViewSet(_PlanChild, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = PlanVersionSerializer
    lookup_field = "number"
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PlanVersionSerializer.Meta.model.objects.none()
        return self.get_plan().versions.select_related("submitted_by", "decided_by").order_by("-number")

    def list(self, request, *args, **kwargs):
        versions = list(self.get_queryset())
        self._mark_changes(versions)
        page = self.paginate_queryset(versions)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        versions = list(self.get_queryset())
        self._mark_changes(versions)
        version = next((v for v in versions if str(v.number) == str(kwargs["number"])), None)
        if version is None:
            return Response({"detail": "No such version."}, status=status.HTTP_404_NOT_FOUND)
        return Response(self.get_serializer(version).data)

    @staticmethod
    def _mark_changes(versions) -> None:
        by_number = {version.number: version for version in versions}
        for version in versions:
            earlier = by_number.get(version.number - 1)
            version.changed_sections = [
                section.key for section in changed_sections(earlier.snapshot if earlier else None, version.snapshot)
            ]


@extend_schema_view(
    list=extend_schema(summary="Team funnel defaults the caller may read (their own team's and their managers')"),
    retrieve=extend_schema(summary="One team's funnel defaults"),
    create=extend_schema(
        summary="Set my team's funnel defaults for a cycle (managers)",
        description="The deal size and stage rates a rep's plan uses where it sets none; replaces what was set.",
    ),
)
class TeamFunnelViewSet(
    ServiceActionMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = TeamFunnelSerializer
    filterset_class = TeamFunnelFilter

    def get_queryset(self):
        person = self.request.user
        if getattr(self, "swagger_fake_view", False):
            return TeamFunnel.objects.none()
        funnels = TeamFunnel.objects.select_related("manager").prefetch_related("stages").order_by("cycle", "manager")
        if person.is_staff:
            return funnels
        return funnels.filter(manager__in=[person, *person.management_chain()])

    def create(self, request, *args, **kwargs):
        data = self.validated_input(TeamFunnelSerializer)
        funnel = services.team_funnel_set(
            actor=request.user,
            cycle=data["cycle"],
            average_deal_size=data.get("average_deal_size"),
            stages=[dict(stage) for stage in data.get("stages", [])],
        )
        return self.object_response(funnel, status_code=status.HTTP_201_CREATED)


# --- joint plans --------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Joint plans of the caller's region (staff: all)"),
    retrieve=extend_schema(summary="A joint plan with its reviewed activities and joint targets"),
    create=extend_schema(
        summary="Start a region's joint plan for half a cycle (its sales leader)",
        description="The leader (the caller by default) is a sales manager or executive; the region is theirs by "
        "default. Members are the marketing, enablement and customer success people writing it.",
    ),
    update=extend_schema(summary="Change a joint plan (the leader and the members)"),
    partial_update=extend_schema(summary="Change some of a joint plan (the leader and the members)"),
)
class JointPlanViewSet(ServiceActionMixin, *CRUD, viewsets.GenericViewSet):
    filterset_class = JointPlanFilter
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return (
            joint_plans_visible_to(self.request.user)
            .select_related("leader", "cycle")
            .prefetch_related(
                "members",
                "past_activities",
                "targets__co_owner",
                "targets__goal__parent__owner",
                "targets__goal__parent__cycle",
            )
            .order_by("-cycle__start", "half", "region", "pk")
        )

    def get_serializer_class(self):
        return JointPlanUpdateSerializer if self.action in ("update", "partial_update") else JointPlanSerializer

    def create(self, request, *args, **kwargs):
        data = dict(self.validated_input(JointPlanSerializer))
        plan = services.joint_plan_create(actor=request.user, **data)
        return self.object_response(plan, status_code=status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        plan = self.get_object()
        serializer = self.get_serializer(plan, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = {k: v for k, v in serializer.validated_data.items() if k not in ("cycle", "half", "region", "leader")}
        services.joint_plan_update(actor=request.user, plan=plan, **changes)
        return self.object_response(plan)


class _JointPlanChild(_PlanChild):
    def get_plan(self):
        if not hasattr(self, "_plan"):
            plans = joint_plans_visible_to(self.request.user).select_related("leader", "cycle")
            self._plan = get_object_or_404(plans, pk=self.kwargs["plan_pk"])
        return self._plan


def _joint_schema(what: str) -> dict:
    who = "the leader and the members"
    return {
        "list": extend_schema(summary=f"The joint plan's {what}", parameters=[JOINT_PLAN_ID]),
        "retrieve": extend_schema(summary=f"One of the joint plan's {what}", parameters=[JOINT_PLAN_ID]),
        "create": extend_schema(summary=f"Add to the joint plan's {what} ({who})", parameters=[JOINT_PLAN_ID]),
        "update": extend_schema(summary=f"Change one of the joint plan's {what} ({who})", parameters=[JOINT_PLAN_ID]),
        "partial_update": extend_schema(
            summary=f"Change one of the joint plan's {what} ({who})", parameters=[JOINT_PLAN_ID]
        ),
        "destroy": extend_schema(summary=f"Remove one of the joint plan's {what} ({who})", parameters=[JOINT_PLAN_ID]),
    }


@extend_schema_view(**_joint_schema("reviewed past activities"))
class PastActivityViewSet(
    _JointPlanChild, _ChangeThroughService, *CRUD, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    serializer_class = PastActivitySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PastActivitySerializer.Meta.model.objects.none()
        return self.get_plan().past_activities.all()

    def service_create(self, data):
        return services.activity_create(actor=self.request.user, plan=self.get_plan(), **data)

    def service_update(self, activity, data):
        activity.plan = self.get_plan()
        services.activity_update(actor=self.request.user, activity=activity, **data)

    def service_delete(self, activity):
        activity.plan = self.get_plan()
        services.activity_delete(actor=self.request.user, activity=activity)


@extend_schema_view(**_joint_schema("joint targets"))
class JointTargetViewSet(
    _JointPlanChild, _ChangeThroughService, *CRUD, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    serializer_class = JointTargetSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return JointTargetSerializer.Meta.model.objects.none()
        return self.get_plan().targets.select_related("co_owner", "goal__parent__owner", "goal__parent__cycle")

    def service_create(self, data):
        return services.joint_target_create(actor=self.request.user, plan=self.get_plan(), **data)

    def service_update(self, target, data):
        target.plan = self.get_plan()
        services.joint_target_update(actor=self.request.user, joint_target=target, **data)

    def service_delete(self, target):
        target.plan = self.get_plan()
        services.joint_target_delete(actor=self.request.user, target=target)

    @extend_schema(
        summary="Put the joint target into the cascade (its co-owner)",
        description="Drafts the co-owner's goal under the leader's goal (parent_goal), marked as a joint target so "
        "the alignment scan does not flag it outside the chain, and submits it for the co-owner's manager.",
        parameters=[JOINT_PLAN_ID],
        request=None,
        responses={201: JointTargetSerializer},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def place(self, request, plan_pk=None, pk=None):
        target = self.get_object()
        target.plan = self.get_plan()
        services.joint_target_place(actor=request.user, target=target)
        return self.object_response(target, status_code=status.HTTP_201_CREATED)
