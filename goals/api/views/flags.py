from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from goals.api.filters import AlignmentFlagFilter
from goals.api.serializers import AlignmentFlagSerializer
from goals.selectors import flag_list


@extend_schema_view(
    list=extend_schema(summary="Alignment flags on the goals the caller may see"),
    retrieve=extend_schema(summary="One alignment flag"),
)
class AlignmentFlagViewSet(viewsets.ReadOnlyModelViewSet):
    """Findings of the alignment scan. Read-only: a flag resolves itself when its cause is fixed."""

    serializer_class = AlignmentFlagSerializer
    filterset_class = AlignmentFlagFilter

    def get_queryset(self):
        return flag_list(self.request.user)
