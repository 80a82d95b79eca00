from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from goals.api.serializers import CheckInSerializer
from goals.models import CheckIn, Goal
from goals.services import checkin_create

GOAL_ID = OpenApiParameter("goal_pk", int, OpenApiParameter.PATH, description="The goal's id.")


@extend_schema_view(
    list=extend_schema(summary="A goal's check-ins, newest first", parameters=[GOAL_ID]),
    retrieve=extend_schema(summary="One check-in", parameters=[GOAL_ID]),
    create=extend_schema(
        summary="Post a check-in: it becomes the goal's current value",
        description="By the goal's owner or someone above them, while the cycle is open. The caller is the author.",
        parameters=[GOAL_ID],
    ),
)
class GoalCheckInViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = CheckInSerializer

    def get_goal(self) -> Goal:
        if not hasattr(self, "_goal"):
            goals = Goal.objects.visible_to(self.request.user).select_related("owner", "cycle")
            self._goal = get_object_or_404(goals, pk=self.kwargs["goal_pk"])
        return self._goal

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no goal
            return CheckIn.objects.none()
        return CheckIn.objects.filter(goal=self.get_goal())

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        checkin = checkin_create(actor=request.user, goal=self.get_goal(), **serializer.validated_data)
        return Response(self.get_serializer(checkin).data, status=status.HTTP_201_CREATED)
