"""Deletions over the API: what was deleted, by whom, until when it can be undone, and the undo itself."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from goals.models import ChildrenChoice, Deletion
from goals.selectors import deletions_visible_to
from goals.services import deletion_restore


class DeletionSerializer(serializers.ModelSerializer):
    actor_name = serializers.CharField(source="actor.full_name", read_only=True, default="")
    children = serializers.ChoiceField(
        choices=ChildrenChoice.choices, allow_blank=True, help_text="What happened to its sub-goals; blank: none."
    )
    can_undo = serializers.SerializerMethodField(help_text="Whether the caller may undo it now.")

    class Meta:
        model = Deletion
        fields = [
            "id",
            "goal",
            "goal_title",
            "cycle",
            "actor",
            "actor_name",
            "created",
            "children",
            "parent",
            "moved_up",
            "goal_count",
            "checkin_count",
            "comment_count",
            "undo_until",
            "restored_at",
            "restored_by",
            "can_undo",
        ]
        read_only_fields = fields

    def get_can_undo(self, deletion: Deletion) -> bool:
        request = self.context.get("request")
        return bool(request) and not deletion.is_restored and request.user.has_perm("goals.restore_deletion", deletion)


@extend_schema_view(
    list=extend_schema(
        summary="Deletions: all for admins; for others, their own still within the undo window",
        description="A goal deleted with DELETE /api/goals/{id}/ (and a comment removed) shows here; "
        "POST .../restore/ undoes it.",
    ),
    retrieve=extend_schema(summary="One deletion"),
)
class DeletionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DeletionSerializer
    filterset_fields = ["cycle"]
    queryset = Deletion.objects.none()  # for the schema; get_queryset decides what the caller sees

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Deletion.objects.none()
        return deletions_visible_to(self.request.user, timezone.now()).select_related("actor")

    @extend_schema(
        summary="Undo the deletion: the goal, its sub-goals, check-ins and comments come back",
        description="By the person who deleted it within its undo window, by admins any time. The goal goes back "
        "under its old parent (unlinked if that parent is gone); sub-goals that were moved up go back under it.",
        request=None,
        responses={200: DeletionSerializer},
    )
    @action(detail=True, methods=["post"])
    def restore(self, request, pk=None):
        deletion = self.get_object()
        deletion_restore(actor=request.user, deletion=deletion)
        deletion.refresh_from_db()
        return Response(self.get_serializer(deletion).data, status=status.HTTP_200_OK)
