from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from goals.models import Unit
from goals.models.goal import CURRENCY_UNITS

MONEY = {"max_digits": 16, "decimal_places": 2}
RATE_VALIDATORS = [MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(100))]


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for review"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned"


# The rep changes the plan's sections in these states; an approved plan changes by starting a revision.
EDITABLE_PLAN_STATUSES = {PlanStatus.DRAFT, PlanStatus.RETURNED, PlanStatus.APPROVED}


class TerritoryPlan(models.Model):
    """A rep's plan for their territory in one cycle, section by section (territories/sections.py)."""

    cycle = models.ForeignKey("goals.Cycle", on_delete=models.PROTECT, related_name="territory_plans")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="territory_plans")
    territory = models.CharField(max_length=120, blank=True, help_text='The territory it covers, e.g. "Boston".')
    status = models.CharField(max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT, db_index=True)
    version = models.PositiveIntegerField(default=0, help_text="The number of the latest submitted version.")
    approved_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The latest version the manager approved."
    )
    return_reason = models.TextField(blank=True)

    # 1. Territory analysis (with named accounts)
    market_trends = models.TextField("key trends in the geography or market", blank=True)
    customers_buying = models.TextField("what customers are buying", blank=True)

    # 2. Funnel math (with stages): the inputs only; the results are computed (territories/funnel.py)
    quota_goal = models.ForeignKey(
        "goals.Goal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The rep's goal in the cascade whose target the funnel works toward.",
    )
    average_deal_size = models.DecimalField(
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="Empty: the team's.",
    )

    # 3. What drives customers to buy
    high_payoff_traits = models.TextField("high-payoff customer traits", blank=True)
    verticals_won = models.TextField("verticals won, and why", blank=True)
    pains_solved = models.TextField("pains we solve", blank=True)
    compelling_events = models.TextField("compelling events", blank=True)
    best_selling_products = models.TextField("products selling best", blank=True)
    reasons_not_buying = models.TextField("reasons customers do not buy", blank=True)

    # 4. SWOT and the unique value proposition
    strengths = models.TextField(blank=True)
    weaknesses = models.TextField(blank=True)
    opportunities = models.TextField(blank=True)
    threats = models.TextField(blank=True)
    value_proposition = models.TextField("unique value proposition", blank=True)

    # 6. Strategies
    strategy_penetrate_accounts = models.TextField("penetrate existing accounts", blank=True)
    strategy_leverage_successes = models.TextField("leverage successes", blank=True)
    strategy_new_leads = models.TextField("generate new leads", blank=True)
    strategy_conversion = models.TextField("convert more of the funnel", blank=True)
    strategy_selling_process = models.TextField("improve the selling process", blank=True)

    # 7. Resources
    resources_internal = models.TextField("internal people", blank=True)
    resources_in_accounts = models.TextField("people in the accounts", blank=True)
    resources_partners = models.TextField("partners", blank=True)
    information_needed = models.TextField("information still needed", blank=True)
    skills_needed = models.TextField("skills still needed", blank=True)

    submitted_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["cycle", "owner__last_name", "owner__first_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["owner", "cycle"], name="one_territory_plan_per_rep_and_cycle")]

    def __str__(self) -> str:
        return f"{self.owner} · {self.cycle}"

    def get_absolute_url(self) -> str:
        return reverse("territories:plan", args=[self.pk])

    @property
    def is_editable_status(self) -> bool:
        return self.status in EDITABLE_PLAN_STATUSES

    @property
    def currency(self) -> str:
        """The unit money is written in on this plan: the quota goal's currency, else US dollars."""
        goal = self.quota_goal if self.quota_goal_id else None
        return goal.unit if goal is not None and goal.unit in CURRENCY_UNITS else Unit.USD

    @property
    def title(self) -> str:
        where = f" for {self.territory}" if self.territory else ""
        return f"{self.owner.full_name}'s territory plan{where}"


class AccountKind(models.TextChoices):
    PROSPECT = "prospect", "Top prospect"
    CUSTOMER = "customer", "Top customer"


class AccountStage(models.TextChoices):
    IDENTIFIED = "identified", "Identified"
    ENGAGED = "engaged", "Engaged"
    QUALIFIED = "qualified", "Qualified"
    PROPOSAL = "proposal", "Proposal"
    NEGOTIATION = "negotiation", "Negotiation"
    ONBOARDING = "onboarding", "Customer: onboarding"
    EXPANDING = "expanding", "Customer: expanding"
    RENEWING = "renewing", "Customer: renewing"


PROSPECT_STAGES = (
    AccountStage.IDENTIFIED,
    AccountStage.ENGAGED,
    AccountStage.QUALIFIED,
    AccountStage.PROPOSAL,
    AccountStage.NEGOTIATION,
)
CUSTOMER_STAGES = (AccountStage.ONBOARDING, AccountStage.EXPANDING, AccountStage.RENEWING)


class NamedAccount(models.Model):
    """A top prospect or top customer of the territory, by name, with what it should bring and where it stands."""

    plan = models.ForeignKey(TerritoryPlan, on_delete=models.CASCADE, related_name="accounts")
    kind = models.CharField(max_length=16, choices=AccountKind.choices, default=AccountKind.PROSPECT)
    name = models.CharField(max_length=120)
    vertical = models.CharField(max_length=80, blank=True)
    expected_value = models.DecimalField(**MONEY, default=Decimal(0), validators=[MinValueValidator(Decimal(0))])
    stage = models.CharField(max_length=16, choices=AccountStage.choices, default=AccountStage.IDENTIFIED)
    notes = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["plan", "kind", "-expected_value", "name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind", "name"], name="named_account_once_per_plan"),
            models.CheckConstraint(condition=Q(expected_value__gte=0), name="named_account_value_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name


class FunnelStage(models.Model):
    """A stage of the rep's funnel: its conversion rate (empty: the team's) and the pipeline open in it now."""

    plan = models.ForeignKey(TerritoryPlan, on_delete=models.CASCADE, related_name="stages")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=60)
    conversion_rate = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=RATE_VALIDATORS,
        help_text="Percent of opportunities in this stage that move on (the last stage: that are won). Empty: the "
        "team's.",
    )
    open_pipeline = models.DecimalField(**MONEY, default=Decimal(0), validators=[MinValueValidator(Decimal(0))])

    class Meta:
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="funnel_stage_position_unique"),
            models.CheckConstraint(
                condition=Q(conversion_rate__isnull=True) | Q(conversion_rate__gt=0, conversion_rate__lte=100),
                name="funnel_stage_rate_in_range",
            ),
            models.CheckConstraint(condition=Q(open_pipeline__gte=0), name="funnel_stage_pipeline_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name


class TeamFunnel(models.Model):
    """A manager's funnel defaults for their team in a cycle: what a rep's plan uses where it sets nothing."""

    manager = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_funnels")
    cycle = models.ForeignKey("goals.Cycle", on_delete=models.CASCADE, related_name="team_funnels")
    average_deal_size = models.DecimalField(
        **MONEY, null=True, blank=True, validators=[MinValueValidator(Decimal("0.01"))]
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["manager", "cycle"], name="one_team_funnel_per_cycle")]

    def __str__(self) -> str:
        return f"{self.manager}'s team funnel · {self.cycle}"


class TeamFunnelStage(models.Model):
    """A stage of a team's default funnel."""

    funnel = models.ForeignKey(TeamFunnel, on_delete=models.CASCADE, related_name="stages")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=60)
    conversion_rate = models.DecimalField(max_digits=5, decimal_places=2, validators=RATE_VALIDATORS)

    class Meta:
        ordering = ["funnel", "position"]
        constraints = [
            models.UniqueConstraint(fields=["funnel", "position"], name="team_funnel_stage_position_unique"),
            models.CheckConstraint(
                condition=Q(conversion_rate__gt=0, conversion_rate__lte=100), name="team_funnel_stage_rate_in_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PlanObjective(models.Model):
    """A specific, measurable objective of the plan; it becomes a rep goal in the cascade in one step."""

    plan = models.ForeignKey(TerritoryPlan, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    metric = models.CharField(max_length=80, help_text='What is measured, e.g. "new ARR".')
    unit = models.CharField(max_length=16, choices=Unit.choices, default=Unit.USD)
    target = models.DecimalField(**MONEY)
    due_date = models.DateField(null=True, blank=True)
    focus = models.CharField(
        "focus verticals or accounts", max_length=300, blank=True, help_text="Where the objective will be won."
    )
    accounts = models.ManyToManyField(NamedAccount, blank=True, related_name="objectives")
    goal = models.OneToOneField(
        "goals.Goal", null=True, blank=True, on_delete=models.SET_NULL, related_name="plan_objective"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class ActionItem(models.Model):
    """A step of the action plan: who does it, with what, by when; milestones mark the big ones."""

    plan = models.ForeignKey(TerritoryPlan, on_delete=models.CASCADE, related_name="action_items")
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="plan_action_items")
    resources = models.CharField(max_length=300, blank=True, help_text="People, budget or material it needs.")
    due_date = models.DateField()
    is_milestone = models.BooleanField("milestone", default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "due_date", "pk"]
        indexes = [models.Index(fields=["owner", "due_date"], condition=Q(done_at__isnull=True), name="open_actions")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
