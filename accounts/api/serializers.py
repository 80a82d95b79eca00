"""JSON shapes of people (API.md) and of the people import's answer."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Person

# Shown only to the person, the managers above them and administrators; null to everyone else.
PRIVATE_PERSON_FIELDS = ("email", "is_staff")


@extend_schema_field({"type": "string", "nullable": True, "maxLength": 254})
class PrivateEmailField(serializers.EmailField):
    """An email address written as any other, read as null by people who may not see it."""


@extend_schema_field({"type": "boolean", "nullable": True})
class PrivateBooleanField(serializers.BooleanField):
    """A flag written as any other, read as null by people who may not see it."""


def may_see_contact_details(viewer, person: Person) -> bool:
    """The person themself, anyone above them in the management chain, and administrators (no query)."""
    if viewer is None or not viewer.is_authenticated:
        return False
    return viewer.is_staff or viewer.pk == person.pk or viewer.is_above(person)


class PersonSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Sets first_name (up to the first space) and last_name (the rest) unless those are given.",
    )
    password = serializers.CharField(
        write_only=True,
        required=False,
        trim_whitespace=False,
        style={"input_type": "password"},
        help_text="Admins only; without one the person cannot sign in until an admin or a reset sets it.",
    )
    manager = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), required=False, allow_null=True, help_text="Their manager's id."
    )

    email = PrivateEmailField(
        required=False,
        allow_blank=True,
        max_length=254,
        help_text="null unless the caller is this person, above them in the chain, or an administrator.",
    )
    is_staff = PrivateBooleanField(
        required=False,
        help_text="An administrator; null unless the caller is this person, above them, or an administrator.",
    )

    class Meta:
        model = Person
        fields = [
            "id",
            "username",
            "full_name",
            "first_name",
            "last_name",
            "email",
            "role",
            "manager",
            "region",
            "function",
            "job_title",
            "is_high_performer",
            "is_staff",
            "is_active",
            "password",
        ]
        read_only_fields = ["is_high_performer"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        viewer = getattr(self.context.get("request"), "user", None)
        if not may_see_contact_details(viewer, instance):
            for name in PRIVATE_PERSON_FIELDS:
                if name in data:
                    data[name] = None
        return data

    def validate(self, attrs):
        full_name = attrs.pop("full_name", None)
        if full_name is not None and not ({"first_name", "last_name"} & attrs.keys()):
            first, _, last = full_name.strip().partition(" ")
            attrs["first_name"], attrs["last_name"] = first, last.strip()
        password = attrs.get("password")
        if password:
            candidate = Person(
                **{
                    name: attrs.get(name, getattr(self.instance, name, ""))
                    for name in ("username", "first_name", "last_name", "email")
                }
            )
            try:
                validate_password(password, user=candidate)
            except DjangoValidationError as error:
                raise serializers.ValidationError({"password": error.messages}) from error
        return attrs


class ImportedPersonSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="The line of the file.")
    id = serializers.IntegerField()
    username = serializers.CharField()
    created = serializers.BooleanField(help_text="False when the person was already in Cascade and was updated.")


class PeopleImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    people = ImportedPersonSerializer(many=True)


class PeopleImportInput(serializers.Serializer):
    file = serializers.FileField(help_text="CSV with a header line; or send the CSV itself as a text/csv body.")
