"""People: everyone signed in reads the organisation; admins add and change people (and import them)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import filters, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from accounts.api.filters import PersonFilter
from accounts.api.serializers import PeopleImportInput, PeopleImportResultSerializer, PersonSerializer
from accounts.imports import people_import
from accounts.models import Person
from accounts.services import person_create, person_update
from core.api.parsers import CSVParser, JSONParser
from core.api.permissions import RulesPermission
from core.api.serializers import ImportRejectedSerializer
from core.api.views import ServiceActionMixin, uploaded_csv_text

ADMINS_ONLY = "Only admins add and change people."


@extend_schema_view(
    list=extend_schema(summary="People, in the order of the management chain"),
    retrieve=extend_schema(summary="One person"),
    create=extend_schema(summary="Add a person (admins)"),
    update=extend_schema(summary="Change a person; a new manager moves them with everyone under them (admins)"),
    partial_update=extend_schema(summary="Change some of a person's fields (admins)"),
)
class PersonViewSet(
    ServiceActionMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    queryset = Person.objects.all()
    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    filter_backends = [*viewsets.GenericViewSet.filter_backends, filters.SearchFilter]

    @property
    def search_fields(self):
        # Searching by email would let anyone probe addresses they may not read (PRIVATE_PERSON_FIELDS).
        names = ["username", "first_name", "last_name", "job_title"]
        user = getattr(getattr(self, "request", None), "user", None)
        return [*names, "email"] if getattr(user, "is_staff", False) else names

    permission_classes = [RulesPermission]
    permission_required = {"create": "accounts.add_person", "import_people": "accounts.add_person"}
    object_permission_required = {"update": "accounts.change_person", "partial_update": "accounts.change_person"}
    permission_messages = {
        "create": ADMINS_ONLY,
        "update": ADMINS_ONLY,
        "partial_update": ADMINS_ONLY,
        "import_people": "Only admins import people.",
    }

    def create(self, request, *args, **kwargs):
        person = person_create(**self.validated_input(PersonSerializer))
        return self.object_response(person, status_code=status.HTTP_201_CREATED)

    def update(self, request, *args, partial=False, **kwargs):
        person = self.get_object()
        serializer = self.get_serializer(person, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        person_update(person=person, **serializer.validated_data)
        return self.object_response(person)

    @extend_schema(summary="The person signed in", responses=PersonSerializer)
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def me(self, request):
        return Response(self.get_serializer(request.user).data)

    @extend_schema(
        summary="The person's management chain: their manager, that manager's manager, ... up to the top",
        responses=PersonSerializer(many=True),
    )
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def chain(self, request, pk=None):
        return Response(self.get_serializer(self.get_object().management_chain(), many=True).data)

    @extend_schema(
        summary="Import people from CSV: all rows or none (admins)",
        description="Columns: username (required), full_name or first_name and last_name, email, role "
        "(executive, manager, rep, admin), manager (a username, in Cascade or in this file), region, job_title, "
        "password. Usernames already in Cascade are updated with the columns the file has. A 400 lists every bad "
        "row by its line and column. Send a multipart form (file) or a text/csv body.",
        request={"multipart/form-data": PeopleImportInput, "text/csv": OpenApiTypes.STR},
        responses={
            201: PeopleImportResultSerializer,
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
    def import_people(self, request):
        result = people_import(actor=request.user, text=uploaded_csv_text(request))
        people = [
            *({"row": line, "id": p.pk, "username": p.username, "created": True} for line, p in result.created),
            *({"row": line, "id": p.pk, "username": p.username, "created": False} for line, p in result.updated),
        ]
        body = {"created": len(result.created), "updated": len(result.updated), "people": people}
        return Response(body, status=status.HTTP_201_CREATED)
