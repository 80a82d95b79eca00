from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from mptt.managers import TreeManager
from mptt.models import MPTTModel, TreeForeignKey
from mptt.querysets import TreeQuerySet

from accounts.models import Role
from core.history import AuditedHistory
from goals import progress as progress_rules
from goals.amounts import AMOUNT_ERROR_MESSAGES, negative_amount_error, validate_amount_size
from goals.progress import progress_ratio


class Tier(models.TextChoices):
    CORPORATE = "corporate", "Corporate objective"
    EXECUTIVE = "executive", "Executive"
    MANAGER = "manager", "Manager"
    REP = "rep", "Rep"


# Depth in the cascade: a goal's parent normally sits one tier above it.
TIER_RANK = {Tier.CORPORATE: 0, Tier.EXECUTIVE: 1, Tier.MANAGER: 2, Tier.REP: 3}
TIER_FOR_ROLE = {Role.EXECUTIVE: Tier.EXECUTIVE, Role.MANAGER: Tier.MANAGER, Role.REP: Tier.REP}


class Unit(models.TextChoices):
    USD = "USD", "USD"
    EUR = "EUR", "EUR"
    GBP = "GBP", "GBP"
    PERCENT = "%", "%"
    COUNT = "count", "count"
    DEALS = "deals", "deals"
    ACCOUNTS = "accounts", "accounts"
    MEETINGS = "meetings", "meetings"
    POINTS = "points", "points"


CURRENCY_UNITS = {Unit.USD, Unit.EUR, Unit.GBP}


class Direction(models.TextChoices):
    """Which way a goal's number should move: progress and the way the target reads follow it."""

    INCREASE = progress_rules.INCREASE, "Increase"
    DECREASE = progress_rules.DECREASE, "Decrease"
    STAY_WITHIN = progress_rules.STAY_WITHIN, "Stay within"


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned"
    ACHIEVED = "achieved", "Achieved"
    MISSED = "missed", "Missed"
    DROPPED = "dropped", "Dropped"


EDITABLE_STATUSES = {Status.DRAFT, Status.RETURNED}
FINAL_STATUSES = {Status.ACHIEVED, Status.MISSED, Status.DROPPED}


class Visibility(models.TextChoices):
    COMPANY = "company", "Whole company"
    PRIVATE = "private", "Private (me, my management chain, admins)"


class Rollup(models.TextChoices):
    AUTO = "auto", "Weighted mean of sub-goals"
    MANUAL = "manual", "My own value"


def direction_implied_by(baseline: Decimal | None, target: Decimal | None) -> str:
    """The direction of a goal whose author named none: a target below the baseline is a number to bring down."""
    numbers = (Decimal, int, float)
    if isinstance(baseline, numbers) and isinstance(target, numbers) and target < baseline:
        return Direction.DECREASE
    return Direction.INCREASE


def visible_goal_q(person, prefix: str = "") -> Q:
    """The condition "``person`` may see this goal", for goals reached through ``prefix`` (e.g. ``"goal__"``).

    Company goals pass on their own column: the people under ``person`` come in as a subquery
    PostgreSQL hashes once (no join of every goal to its owner), and only for someone who has
    people under them at all.
    """
    if not person.is_authenticated:
        return Q(pk__in=[])
    if person.is_staff:
        return Q()
    condition = Q(**{f"{prefix}visibility": Visibility.COMPANY}) | Q(**{f"{prefix}owner_id": person.pk})
    if person.rght is not None and person.lft is not None and person.rght - person.lft > 1:
        people_under = person.get_descendants().order_by().values("pk")
        condition |= Q(**{f"{prefix}owner_id__in": people_under})
    return condition


# What the audit trail records of a goal; derived figures (roll-ups, the check-ins' current value) and
# mptt's bookkeeping are left out, so that a row is written only when someone changes something.
GOAL_AUDITED_FIELDS = (
    "cycle",
    "parent",
    "tier",
    "owner",
    "title",
    "description",
    "metric",
    "unit",
    "baseline",
    "target",
    "direction",
    "weight",
    "due_date",
    "status",
    "return_reason",
    "visibility",
    "rollup",
    "external_key",
    "carried_over_from",
)


class GoalQuerySet(TreeQuerySet):
    def visible_to(self, person):
        """Goals ``person`` may see: company goals, their own, those of people under them; staff see all."""
        if not person.is_authenticated:
            return self.none()
        return self.filter(visible_goal_q(person))

    def in_cycle(self, cycle):
        return self.filter(cycle=cycle)

    def corporate_objectives(self):
        return self.filter(tier=Tier.CORPORATE)

    def counted_in_rollup(self):
        """The goals that count toward their parent's rolled-up progress."""
        return self.filter(visibility=Visibility.COMPANY).exclude(status=Status.DROPPED)


class GoalTreeManager(TreeManager.from_queryset(GoalQuerySet)):
    """Every node, deleted ones included: django-mptt's tree manager (``Goal._tree_manager``), restores, purges."""


class GoalManager(models.Manager.from_queryset(GoalQuerySet)):
    """The live cascade: goals not deleted. Every read of the product goes through it.

    Deleted goals sit in trees of their own (see ``Deletion``), so tree queries from a live
    goal never reach one; flat queries need this filter. It is deliberately not a
    ``TreeManager``, so mptt keeps ``all_objects`` (every node) as its tree manager and its
    nested-set arithmetic always sees the whole table. The tree reads the product uses are
    handed to it.
    """

    def get_queryset(self):
        return super().get_queryset().filter(deletion__isnull=True)

    def get_queryset_ancestors(self, queryset, include_self=False):
        return self.model._tree_manager.get_queryset_ancestors(queryset, include_self=include_self)

    def get_queryset_descendants(self, queryset, include_self=False):
        return self.model._tree_manager.get_queryset_descendants(queryset, include_self=include_self)

    def rebuild(self, **kwargs):
        return self.model._tree_manager.rebuild(**kwargs)

    def partial_rebuild(self, tree_id, **kwargs):
        return self.model._tree_manager.partial_rebuild(tree_id, **kwargs)

    def delay_mptt_updates(self):
        return self.model._tree_manager.delay_mptt_updates()

    def disable_mptt_updates(self):
        return self.model._tree_manager.disable_mptt_updates()


class Goal(MPTTModel):
    """A node of the cascade: a corporate objective or a goal linked under one."""

    # Foreign keys without an index of their own: the composite indexes in Meta start with them (see there).
    cycle = models.ForeignKey("goals.Cycle", on_delete=models.PROTECT, related_name="goals", db_index=False)
    parent = TreeForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    tier = models.CharField(max_length=16, choices=Tier.choices)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="goals", db_index=False)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    metric = models.CharField(max_length=80, help_text='What is measured, e.g. "new ARR".')
    unit = models.CharField(max_length=16, choices=Unit.choices, default=Unit.USD)
    baseline = models.DecimalField(
        max_digits=16,
        decimal_places=2,
        default=Decimal(0),
        validators=[validate_amount_size],
        error_messages=AMOUNT_ERROR_MESSAGES,
    )
    target = models.DecimalField(
        max_digits=16, decimal_places=2, validators=[validate_amount_size], error_messages=AMOUNT_ERROR_MESSAGES
    )
    current = models.DecimalField(
        max_digits=16,
        decimal_places=2,
        default=Decimal(0),
        validators=[validate_amount_size],
        error_messages=AMOUNT_ERROR_MESSAGES,
    )
    direction = models.CharField(
        max_length=16,
        choices=Direction.choices,
        default=Direction.INCREASE,
        help_text="Increase (new ARR), decrease (churn: from baseline down to target) or stay within "
        "(the band between baseline and target).",
    )
    weight = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(0)],
        help_text="How much this goal contributes to its parent.",
    )
    due_date = models.DateField(null=True, blank=True)

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    return_reason = models.TextField(blank=True)
    visibility = models.CharField(max_length=16, choices=Visibility.choices, default=Visibility.COMPANY)
    rollup = models.CharField("roll-up", max_length=16, choices=Rollup.choices, default=Rollup.AUTO)

    rolled_up_progress = models.FloatField(default=0.0, editable=False)
    confidence = models.CharField(max_length=16, blank=True, editable=False)
    last_checkin_at = models.DateTimeField(null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When it was last submitted for approval."
    )
    carried_over_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_over_to", db_index=False
    )
    external_key = models.CharField(
        max_length=64, blank=True, help_text="An integrator's own id for this goal (CRM, import file)."
    )
    is_joint_target = models.BooleanField(
        "joint target",
        default=False,
        editable=False,
        help_text="A target sales shares with another function (a joint plan's): its owner may sit outside "
        "the parent owner's management chain on purpose.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # Declared here only to leave out django-mptt's single-column index: ("tree_id", "lft") serves it.
    tree_id = models.PositiveIntegerField(editable=False)

    deletion = models.ForeignKey(
        "goals.Deletion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="goals",
        editable=False,
        db_index=False,  # nearly every goal has none: a partial index below covers the deleted ones
        help_text="Set while the goal is deleted (soft): it is out of every list, tree and figure.",
    )

    objects = GoalManager()
    all_objects = GoalTreeManager()
    # The audit trail (core/history.py): every change to these, with who, when and why.
    history = AuditedHistory(audited_fields=GOAL_AUDITED_FIELDS)

    class MPTTMeta:
        parent_attr = "parent"

    class Meta:
        ordering = ["tree_id", "lft"]
        # Every index is rewritten for each of the thousands of rows a tree insert shifts (goals 0005,
        # bench/RESULTS.md), so each one here is justified by a query:
        indexes = [
            # a cycle's goals by tier: the scan, the explorer's objectives, the workshop, cycle filters
            models.Index(fields=["cycle", "tier"]),
            # a person's goals in a cycle: home, check-ins owed, ?owner=, visibility of one's own goals
            models.Index(fields=["owner", "cycle"]),
            # tree order and subtree ranges (mptt's own index, declared so it keeps its name)
            models.Index(fields=["tree_id", "lft"], name="goals_goal_tree_id_lft_idx"),
            # the approval queue and ?status= lists
            models.Index(fields=["status"], name="goals_goal_status_idx"),
            # the few carried-over goals: "already carried over?" and ON DELETE SET NULL; rows outside
            # the condition never enter the index, so shifts skip it
            models.Index(
                fields=["carried_over_from"],
                condition=Q(carried_over_from__isnull=False),
                name="goals_goal_carried_over_idx",
            ),
            # private goals: "may this viewer see any private goal?" (goals/cache.py)
            models.Index(fields=["owner"], condition=Q(visibility="private"), name="goals_goal_private_owner_idx"),
            models.Index(fields=["deletion"], condition=Q(deletion__isnull=False), name="goal_deleted_idx"),
        ]
        # The parent index (mptt's TreeForeignKey) stays: children of a goal, every explorer level.
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=0), name="goal_weight_not_negative"),
            models.CheckConstraint(
                condition=~Q(tier="corporate") | Q(parent__isnull=True), name="corporate_objective_has_no_parent"
            ),
            models.UniqueConstraint(
                fields=["cycle", "external_key"],
                condition=~Q(external_key="") & Q(deletion__isnull=True),
                name="goal_external_key_unique_in_cycle",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("goals:detail", args=[self.pk])

    @property
    def progress(self) -> float:
        """This goal's own progress toward its target, 0..1."""
        return progress_ratio(self.baseline, self.target, self.current, self.direction)

    @property
    def is_corporate_objective(self) -> bool:
        return self.tier == Tier.CORPORATE

    @property
    def is_editable_status(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @classmethod
    def from_db(cls, db, field_names, values):
        goal = super().from_db(db, field_names, values)
        goal._stored_tier_owner = (goal.__dict__.get("tier"), goal.__dict__.get("owner_id"))
        return goal

    @property
    def keeps_recorded_tier(self) -> bool:
        """True when tier and owner are as stored: the tier records the seat the goal was set for.

        A person's role change leaves their goals in the tier they were agreed in (docs/domain.md,
        "Role changes"), so such a goal stays valid and editable; a new goal, a new owner or a new
        tier must match the owner's role as it is now.
        """
        return getattr(self, "_stored_tier_owner", None) == (self.tier, self.owner_id)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        owner = self.owner if self.owner_id else None
        if self.tier == Tier.CORPORATE:
            if self.parent_id is not None:
                errors["parent"] = "A corporate objective is the top of its cascade: it has no parent."
            if owner is not None and owner.role != Role.EXECUTIVE:
                errors["owner"] = f"Corporate objectives belong to executives; {owner.full_name} is not one."
        elif (
            owner is not None
            and self.tier
            and TIER_FOR_ROLE.get(owner.role) != self.tier
            and not self.keeps_recorded_tier
        ):
            errors["tier"] = (
                f"A {Tier(self.tier).label.lower()} goal must be owned by someone in that role; "
                f"{owner.full_name} is a {owner.get_role_display().lower()}."
            )
        parent = self.parent if self.parent_id else None
        if (
            parent is not None
            and self.pk is not None
            and (parent.pk == self.pk or (parent.tree_id == self.tree_id and self.is_ancestor_of(parent)))
        ):
            errors["parent"] = "A goal cannot sit under itself or under one of its own sub-goals."
        if self.weight is not None and self.weight < 0:
            errors["weight"] = "Weight cannot be negative."
        errors.update(self._amount_errors())
        if self.due_date and self.cycle_id and not (self.cycle.start <= self.due_date <= self.cycle.end):
            errors["due_date"] = (
                f"The due date must fall within {self.cycle.name} "
                f"({self.cycle.start:%d %b %Y} to {self.cycle.end:%d %b %Y})."
            )
        if errors:
            raise ValidationError(errors)

    def _amount_errors(self) -> dict[str, str]:
        """Negative amounts in units that cannot be, and targets that go against the goal's direction."""
        errors: dict[str, str] = {}
        if not all(isinstance(getattr(self, name), Decimal | None) for name in ("baseline", "target", "current")):
            return errors  # a value that did not parse has its own error already
        for name, what in (("baseline", "baseline"), ("target", "target"), ("current", "current value")):
            message = negative_amount_error(getattr(self, name), self.unit, what)
            if message:
                errors[name] = message
        if "target" in errors or self.target is None or self.baseline is None:
            return errors
        if self.direction == Direction.INCREASE and self.target < self.baseline:
            errors["direction"] = (
                "The target is below the baseline, so the number should fall: choose “Decrease” "
                "(or “Stay within” for a band)."
            )
        elif self.direction == Direction.DECREASE and self.target > self.baseline:
            errors["direction"] = (
                "The target is above the baseline, so the number should rise: choose “Increase” "
                "(or “Stay within” for a band)."
            )
        return errors
