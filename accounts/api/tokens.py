"""API tokens over the API: exchange a password for one, list one's own, make and revoke them."""

from django.contrib.auth import authenticate
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_serializer, extend_schema_view
from rest_framework import exceptions, mixins, parsers, serializers, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.throttles import TokenObtainRateThrottle
from accounts.models import ApiToken
from accounts.signin_lockout import SigninLockout, clear_failed_signins, client_address, signin_lockout
from accounts.tokens import api_token_create, api_token_revoke
from core.api.parsers import JSONParser
from core.api.views import ServiceActionMixin


class SigninLocked(exceptions.Throttled):
    """429 with the lockout's message and a Retry-After of its length."""

    default_code = "locked_out"

    def __init__(self, lockout: SigninLockout):
        exceptions.APIException.__init__(self, detail=lockout.message, code=self.default_code)
        self.wait = lockout.minutes * 60


@extend_schema_serializer(component_name="AuthToken")  # the schema's name from before, for generated clients
class TokenObtainInput(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})
    name = serializers.CharField(
        required=False, allow_blank=True, max_length=80, help_text="What the token is for (shown in the token list)."
    )


class ApiTokenSerializer(serializers.ModelSerializer):
    is_current = serializers.SerializerMethodField(help_text="True for the token this request was signed with.")

    class Meta:
        model = ApiToken
        fields = ["id", "name", "key_prefix", "created", "expires", "last_used", "is_current"]
        read_only_fields = ["key_prefix", "created", "expires", "last_used"]

    def get_is_current(self, token) -> bool:
        request = self.context.get("request")
        return isinstance(getattr(request, "auth", None), ApiToken) and request.auth.pk == token.pk


class NewApiTokenSerializer(ApiTokenSerializer):
    token = serializers.CharField(read_only=True, help_text="The key: shown this once, never again.")

    class Meta(ApiTokenSerializer.Meta):
        fields = ["token", *ApiTokenSerializer.Meta.fields]


def new_token_body(token: ApiToken, key: str, request) -> dict:
    body = NewApiTokenSerializer(token, context={"request": request}).data
    body["token"] = key
    return body


@extend_schema(
    tags=["auth"],
    summary="Exchange a username and password for an API token",
    description="Each call makes a new token that expires after API_TOKEN_DAYS (90 by default); changing the "
    "password revokes every token. Wrong passwords are counted: after a few for one account (or many from one "
    "address) sign-in is paused and this answers 429 with a `detail` and `Retry-After`.",
    request=TokenObtainInput,
    responses={
        200: NewApiTokenSerializer,
        400: OpenApiResponse(description="A field is missing, or the username and password do not match."),
        429: OpenApiResponse(description="Too many failed sign-ins or requests: wait for Retry-After seconds."),
    },
)
class TokenObtainView(APIView):
    """``POST {"username", "password"}`` returns ``{"token", "expires", ...}``: ``Authorization: Token <token>``."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenObtainRateThrottle]
    parser_classes = (JSONParser, parsers.FormParser, parsers.MultiPartParser)

    def post(self, request):
        data = TokenObtainInput(data=request.data)
        data.is_valid(raise_exception=True)
        username = data.validated_data["username"]
        lockout = signin_lockout(username=username, address=client_address(request))
        if lockout is not None:
            raise SigninLocked(lockout)
        person = authenticate(request._request, username=username, password=data.validated_data["password"])
        if person is None:
            raise exceptions.ValidationError(
                {"non_field_errors": ["Unable to log in with provided credentials."]}, code="authorization"
            )
        clear_failed_signins(username=username)
        token, key = api_token_create(person=person, name=data.validated_data.get("name") or "POST /api/auth/token/")
        return Response(new_token_body(token, key, request))


class ApiTokenInput(serializers.Serializer):
    name = serializers.CharField(required=False, allow_blank=True, max_length=80)


@extend_schema_view(
    list=extend_schema(tags=["auth"], summary="The caller's own API tokens, newest first (never their keys)"),
    retrieve=extend_schema(tags=["auth"], summary="One of the caller's tokens"),
    create=extend_schema(
        tags=["auth"],
        summary="Make a new token for the caller; its key is in this answer only",
        request=ApiTokenInput,
        responses={201: NewApiTokenSerializer},
    ),
    destroy=extend_schema(tags=["auth"], summary="Revoke one of the caller's tokens"),
)
class ApiTokenViewSet(
    ServiceActionMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ApiTokenSerializer
    filterset_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no signed-in person
            return ApiToken.objects.none()
        # Only one's own: anyone else's token is a 404, administrators included.
        return ApiToken.objects.filter(person=self.request.user)

    def create(self, request, *args, **kwargs):
        data = self.validated_input(ApiTokenInput)
        token, key = api_token_create(person=request.user, name=data.get("name", ""))
        return Response(new_token_body(token, key, request), status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance):
        api_token_revoke(person=self.request.user, token=instance)
