from django.core.exceptions import ValidationError
from rest_framework import status
from rest_framework.response import Response

from core.api.parsers import MAX_CSV_BYTES
from core.csv_files import decode_csv


class ServiceActionMixin:
    """For viewsets whose verbs (``approve``, ``move``, ...) read an input serializer and call a service.

    @extend_schema(request=GoalReturnInput, responses=GoalSerializer)
    @action(detail=True, methods=["post"])
    def return_(self, request, pk=None):
        goal = self.get_object()
        goal_return(actor=request.user, goal=goal, **self.validated_input(GoalReturnInput))
        return self.object_response(goal)
    """

    def validated_input(self, serializer_class, **kwargs) -> dict:
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context(), **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def object_response(self, instance, *, status_code: int = status.HTTP_200_OK, serializer_class=None) -> Response:
        """``instance`` as the list and detail show it, re-read so annotations are current."""
        fresh = self.get_queryset().filter(pk=instance.pk).first() or instance
        serializer_class = serializer_class or self.get_serializer_class()
        return Response(serializer_class(fresh, context=self.get_serializer_context()).data, status=status_code)


def uploaded_csv_text(request) -> str:
    """The CSV an import was sent: a multipart field ``file``, or the body itself as ``text/csv``."""
    upload = request.FILES.get("file")
    if upload is not None:
        if upload.size > MAX_CSV_BYTES:
            raise ValidationError({"file": f"The file is larger than {MAX_CSV_BYTES // (1024 * 1024)} MB."})
        return decode_csv(upload.read())
    if isinstance(request.data, dict) and "csv" in request.data:
        return decode_csv(request.data["csv"])
    raise ValidationError(
        {"file": "Send the CSV as a multipart upload in a field named file, or as the body with Content-Type text/csv."}
    )
