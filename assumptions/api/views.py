"""Assumptions, challenges, their threads and change requests over the API.

Everyone signed in reads them (transparency is the point); goals appear only when the
caller may see them. Every write is a service of assumptions/services.py, which checks
the rules again, so the API and the pages cannot disagree.
"""

from django.db.models import Exists, OuterRef, Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from assumptions.api.filters import AssumptionFilter, ChallengeFilter, ChangeRequestFilter, CommentFilter
from assumptions.api.serializers import (
    AssumptionRevisionSerializer,
    AssumptionSerializer,
    ChallengeResolveInput,
    ChallengeSerializer,
    ChangeRequestApplyInput,
    ChangeRequestDeclineInput,
    ChangeRequestSerializer,
    CommentEditInput,
    CommentSerializer,
)
from assumptions.models import Assumption, AssumptionRevision, Challenge, ChangeRequest, Comment, Endorsement
from assumptions.services import (
    ProposedChange,
    assumption_create,
    assumption_update,
    challenge_endorse,
    challenge_open,
    challenge_resolve,
    change_request_apply,
    change_request_decline,
    comment_edit,
    comment_post,
    comment_remove,
)
from core.api.permissions import RulesPermission
from core.api.views import ServiceActionMixin
from goals.models import Goal
from goals.models.goal import visible_goal_q


@extend_schema_view(
    list=extend_schema(summary="Strategy assumptions"),
    retrieve=extend_schema(summary="One assumption"),
    create=extend_schema(
        summary="Write down an assumption (executives and admins)",
        description="The owner, an executive, defaults to the caller. It starts active, as revision 1.",
    ),
    update=extend_schema(
        summary="Edit an assumption (its owner)",
        description="Every edit becomes a revision; say why in note. Not in a closed cycle.",
    ),
    partial_update=extend_schema(summary="Edit some of an assumption's fields (its owner)"),
)
class AssumptionViewSet(
    ServiceActionMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """No delete: an assumption is retired, and its history kept."""

    serializer_class = AssumptionSerializer
    filterset_class = AssumptionFilter
    permission_classes = [RulesPermission]
    permission_required = {"create": "assumptions.add_assumption"}
    permission_messages = {"create": "Only executives write down strategy assumptions."}

    def get_queryset(self):
        visible_goals = Goal.objects.visible_to(self.request.user).only("id")
        return (
            Assumption.objects.with_challenge_counts()
            .select_related("owner", "cycle")
            .prefetch_related(Prefetch("goals", queryset=visible_goals))
            .order_by("cycle", "statement", "id")
        )

    def create(self, request, *args, **kwargs):
        data = dict(self.validated_input(AssumptionSerializer))
        data.pop("note", None)
        data.pop("status", None)  # refused unless active, where every assumption starts
        assumption = assumption_create(actor=request.user, **data)
        return self.object_response(assumption, status_code=status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        assumption = self.get_object()
        serializer = self.get_serializer(assumption, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        changes = {name: value for name, value in serializer.validated_data.items() if name not in ("cycle", "owner")}
        note = changes.pop("note", "")
        if "goals" in changes:
            # Links to goals the caller cannot see were not shown to them; the edit keeps them.
            visible = Goal.objects.visible_to(request.user).values("pk")
            hidden = Goal.objects.filter(assumptions=assumption).exclude(pk__in=visible)
            changes["goals"] = [*changes["goals"], *hidden]
        assumption_update(actor=request.user, assumption=assumption, note=note, **changes)
        return self.object_response(assumption)

    @extend_schema(
        summary="The assumption's history, newest first",
        description="Who changed what, when and why; changes made by answering a challenge name it.",
        responses=AssumptionRevisionSerializer(many=True),
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def revisions(self, request, pk=None):
        assumption = self.get_object()
        revisions = (
            AssumptionRevision.objects.filter(assumption=assumption).select_related("author").order_by("-number")
        )
        page = self.paginate_queryset(revisions)
        goal_ids = {pk for revision in page for ids in revision.changes.get("goals", ()) if ids for pk in ids}
        context = self.get_serializer_context()
        context["visible_goal_ids"] = (
            set(Goal.objects.visible_to(request.user).filter(pk__in=goal_ids).values_list("pk", flat=True))
            if goal_ids
            else set()
        )
        return self.get_paginated_response(AssumptionRevisionSerializer(page, many=True, context=context).data)


def _visible_change_requests(person) -> Prefetch:
    visible = ChangeRequest.objects.filter(
        visible_goal_q(person, prefix="goal__"), goal__deletion__isnull=True
    ).order_by("created", "id")
    return Prefetch("change_requests", queryset=visible, to_attr="visible_change_requests")


@extend_schema_view(
    list=extend_schema(summary="Challenges to assumptions, newest first"),
    retrieve=extend_schema(summary="One challenge"),
    create=extend_schema(
        summary="Challenge an assumption",
        description="Anyone signed in, while the cycle is open. The assumption becomes challenged. "
        "proposed_changes name goals resting on it and what should change in each (a target, a note, or both); "
        "they become change requests for the goals' owners if the challenge is accepted.",
    ),
)
class ChallengeViewSet(
    ServiceActionMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """No edit or delete: a challenge stands as raised, and is answered with resolve/."""

    serializer_class = ChallengeSerializer
    filterset_class = ChallengeFilter
    permission_classes = [RulesPermission]

    def get_queryset(self):
        person = self.request.user
        endorsed = Endorsement.objects.filter(challenge=OuterRef("pk"), person=person.pk)
        return (
            Challenge.objects.with_endorsement_count()
            .annotate(endorsed_by_me=Exists(endorsed))
            .select_related("author", "assumption__cycle", "assumption__owner")
            .prefetch_related(_visible_change_requests(person))
            .order_by("-created", "-id")
        )

    def create(self, request, *args, **kwargs):
        data = dict(self.validated_input(ChallengeSerializer))
        proposed = [ProposedChange(**change) for change in data.pop("visible_change_requests", [])]
        challenge = challenge_open(actor=request.user, proposed_changes=proposed, **data)
        return self.object_response(challenge, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Endorse the challenge (once per person; not your own)",
        description="Adds the caller's vote. A second endorsement is refused (400); endorsing your own challenge "
        "is 403; an answered challenge takes no more endorsements (409).",
        request=None,
        responses=ChallengeSerializer,
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def endorse(self, request, pk=None):
        challenge = self.get_object()
        challenge_endorse(actor=request.user, challenge=challenge)
        return self.object_response(challenge)

    @extend_schema(
        summary="Answer the challenge (the assumption's owner)",
        description="accepted revises the assumption (or retires it, outcome retired), optionally with a new "
        "statement, rationale, evidence or confidence, and turns the proposed changes into pending change "
        "requests for the goals' owners. declined withdraws them and upholds the assumption once no other "
        "challenge is open. Always say why in response. An answered challenge cannot be answered again (409).",
        request=ChallengeResolveInput,
        responses=ChallengeSerializer,
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def resolve(self, request, pk=None):
        challenge = self.get_object()
        challenge_resolve(actor=request.user, challenge=challenge, **self.validated_input(ChallengeResolveInput))
        return self.object_response(challenge)


@extend_schema_view(
    list=extend_schema(
        summary="Comments in challenge threads, as the thread reads",
        description="Each thread in reading order: first comments by time, each followed by its replies "
        "(depth says how far in). Removed comments keep their place with an empty body.",
    ),
    retrieve=extend_schema(summary="One comment"),
    create=extend_schema(
        summary="Post a comment in a challenge's thread",
        description="parent: the comment it answers (of the same thread), or null to answer the challenge.",
    ),
    update=extend_schema(summary="Edit a comment (its author)", request=CommentEditInput),
    partial_update=extend_schema(summary="Edit a comment's body (its author)", request=CommentEditInput),
    destroy=extend_schema(
        summary="Remove a comment (its author, or admins)",
        description="It stays in the thread, marked removed with an empty body, so its replies keep their place.",
    ),
)
class CommentViewSet(ServiceActionMixin, viewsets.ModelViewSet):
    serializer_class = CommentSerializer
    filterset_class = CommentFilter
    permission_classes = [RulesPermission]

    def get_queryset(self):
        return Comment.objects.select_related("author").order_by("challenge_id", "tree_id", "lft")

    def create(self, request, *args, **kwargs):
        data = self.validated_input(CommentSerializer)
        comment = comment_post(
            actor=request.user, challenge=data["challenge"], body=data["body"], parent=data.get("parent")
        )
        return self.object_response(comment, status_code=status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        comment = self.get_object()
        serializer = CommentEditInput(data=request.data, context={**self.get_serializer_context(), "comment": comment})
        serializer.is_valid(raise_exception=True)
        comment_edit(actor=request.user, comment=comment, body=serializer.validated_data["body"])
        return self.object_response(comment)

    def destroy(self, request, *args, **kwargs):
        comment_remove(actor=request.user, comment=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        summary="Change requests on goals the caller may see",
        description="Course corrections proposed by challenges, one per goal. ?mine=true: those on goals the "
        "caller owns or manages, for them to decide.",
    ),
    retrieve=extend_schema(summary="One change request"),
)
class ChangeRequestViewSet(ServiceActionMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ChangeRequestSerializer
    filterset_class = ChangeRequestFilter
    permission_classes = [RulesPermission]

    def get_queryset(self):
        return (
            ChangeRequest.objects.filter(
                visible_goal_q(self.request.user, prefix="goal__"), goal__deletion__isnull=True
            )
            .select_related("goal__owner", "goal__cycle")
            .order_by("created", "id")
        )

    @extend_schema(
        summary="Apply the change (the goal's owner or their managers)",
        description="Sets the goal's target to the proposed one, when there is one. Only a pending request "
        "(its challenge was accepted) can be applied; otherwise 409.",
        request=ChangeRequestApplyInput,
        responses=ChangeRequestSerializer,
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def apply(self, request, pk=None):
        change_request = self.get_object()
        note = self.validated_input(ChangeRequestApplyInput)["note"]
        change_request_apply(actor=request.user, change_request=change_request, note=note)
        return self.object_response(change_request)

    @extend_schema(
        summary="Decline the change, saying why (the goal's owner or their managers)",
        request=ChangeRequestDeclineInput,
        responses=ChangeRequestSerializer,
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def decline(self, request, pk=None):
        change_request = self.get_object()
        note = self.validated_input(ChangeRequestDeclineInput)["note"]
        change_request_decline(actor=request.user, change_request=change_request, note=note)
        return self.object_response(change_request)
