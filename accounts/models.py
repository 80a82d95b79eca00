import rules
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from mptt.managers import TreeManager
from mptt.models import MPTTModel, TreeForeignKey
from mptt.querysets import TreeQuerySet

from core.history import AuditedHistory


class Role(models.TextChoices):
    EXECUTIVE = "executive", "Executive"
    MANAGER = "manager", "Manager"
    REP = "rep", "Sales rep"
    ADMIN = "admin", "Administrator"  # staff who run Cascade but hold no sales seat


class Function(models.TextChoices):
    """The part of the company a person works in; people outside sales take part in joint plans."""

    SALES = "sales", "Sales"
    MARKETING = "marketing", "Marketing"
    ENABLEMENT = "enablement", "Sales enablement"
    CUSTOMER_SUCCESS = "customer_success", "Customer success"


class PersonQuerySet(TreeQuerySet):
    def executives(self):
        return self.filter(role=Role.EXECUTIVE)

    def under(self, person: "Person", include_self: bool = False):
        """Everyone who reports to ``person``, directly or further down the chain."""
        lft = Q(lft__gte=person.lft) if include_self else Q(lft__gt=person.lft)
        return self.filter(lft, tree_id=person.tree_id, rght__lte=person.rght)

    def above(self, person: "Person", include_self: bool = False):
        """The management chain of ``person``: their manager, that manager's manager, ..."""
        lft = Q(lft__lte=person.lft) if include_self else Q(lft__lt=person.lft)
        return self.filter(lft, tree_id=person.tree_id, rght__gte=person.rght)


class PersonManager(UserManager, TreeManager.from_queryset(PersonQuerySet)):
    pass


class Person(MPTTModel, AbstractUser):
    """Someone in the sales organisation, placed in the management chain by their manager."""

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.REP)
    manager = TreeForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reports", verbose_name="manager"
    )
    region = models.CharField("region / team", max_length=80, blank=True, db_index=True)
    function = models.CharField(
        max_length=20,
        choices=Function.choices,
        default=Function.SALES,
        help_text="Sales, or the function a non-sales person brings to joint plans and joint targets.",
    )
    job_title = models.CharField(max_length=120, blank=True)
    is_high_performer = models.BooleanField(
        "high performer", default=False, help_text="Eligible for a seat in the Shadow Cabinet."
    )

    objects = PersonManager()
    # The audit trail: people and what they may do (never the password or the last sign-in).
    history = AuditedHistory(
        audited_fields=(
            "username",
            "first_name",
            "last_name",
            "email",
            "role",
            "manager",
            "region",
            "job_title",
            "is_high_performer",
            "is_active",
            "is_staff",
            "is_superuser",
        )
    )

    class MPTTMeta:
        parent_attr = "manager"

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "people"
        ordering = ["tree_id", "lft"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_executive(self) -> bool:
        return self.role == Role.EXECUTIVE

    def has_perm(self, perm: str, obj=None) -> bool:
        """Product rules decide for everyone, administrators included.

        Django lets a superuser past every ``has_perm``; in the product that would let an
        administrator submit someone else's goal, approve their own or edit others'
        comments. So a question about an object that a rule in ``<app>/rules.py`` answers
        goes to that rule, whose ``is_staff`` terms say what administrators may do.
        Object-less model permissions keep Django's meaning: they gate the admin site.
        """
        if obj is not None and rules.perm_exists(perm):
            return self.is_active and rules.has_perm(perm, self, obj)
        return super().has_perm(perm, obj)

    def is_above(self, other: "Person") -> bool:
        """True when ``other`` reports to this person, directly or further down."""
        return self.is_ancestor_of(other)

    def management_chain(self):
        """This person's managers, nearest first (one query)."""
        return self.get_ancestors(ascending=True)

    def everyone_under(self):
        """Everyone reporting to this person at any depth (one query)."""
        return self.get_descendants()

    def clean(self) -> None:
        super().clean()
        manager = self.manager
        if manager is None:
            return
        if manager.pk is not None and manager.pk == self.pk:
            raise ValidationError({"manager": "A person cannot be their own manager."})
        if self.pk is not None and manager.tree_id == self.tree_id and self.is_ancestor_of(manager):
            raise ValidationError(
                {
                    "manager": f"{manager.full_name} already reports to {self.full_name}, "
                    "so they cannot also be their manager: that would make a loop."
                }
            )
        if manager.role not in (Role.MANAGER, Role.EXECUTIVE):
            raise ValidationError(
                {"manager": f"{manager.full_name} is not a manager or an executive, so cannot manage anyone."}
            )


class ApiTokenQuerySet(models.QuerySet):
    def live(self, now):
        return self.filter(expires__gt=now)


class ApiToken(models.Model):
    """A key a person's scripts use for the API: it expires, and a password change revokes it.

    Only a SHA-256 digest of the key is stored; the key itself is shown once, when it is made.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80, blank=True, help_text="What the token is for, e.g. the CRM sync.")
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    key_prefix = models.CharField(max_length=8, editable=False, help_text="The key's first characters.")
    created = models.DateTimeField()
    expires = models.DateTimeField()
    last_used = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "API token"
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.key_prefix}… ({self.name or 'API token'})"
