import calendar
import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from accounts.models import Function
from goals.models import Unit
from territories.models.plan import MONEY


class Half(models.IntegerChoices):
    FIRST = 1, "First half"
    SECOND = 2, "Second half"


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by whole months, kept within the month (31 August + 6 months = 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class JointPlan(models.Model):
    """A region's plan for six months of a cycle: its sales leader with marketing and sales enablement."""

    cycle = models.ForeignKey("goals.Cycle", on_delete=models.PROTECT, related_name="joint_plans")
    half = models.PositiveSmallIntegerField(choices=Half.choices, default=Half.FIRST)
    region = models.CharField(max_length=80, help_text="The region or team it plans for, as on people's profiles.")
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_joint_plans",
        help_text="The region's sales leader.",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="joint_plans",
        help_text="People from marketing, enablement and customer success who write it with the leader.",
    )
    currency = models.CharField(
        max_length=16, choices=[(unit, unit) for unit in (Unit.USD, Unit.EUR, Unit.GBP)], default=Unit.USD
    )
    revenue_potential = models.DecimalField(
        **MONEY, null=True, blank=True, validators=[MinValueValidator(Decimal(0))], help_text="For the six months."
    )
    potential_analysis = models.TextField(
        "revenue potential analysis", blank=True, help_text="Where the potential is: segments, accounts, products."
    )
    review_summary = models.TextField(
        "what the past activities taught us", blank=True, help_text="The review of the past six months in a few lines."
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-cycle__start", "half", "region"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "half", "region"], name="one_joint_plan_per_region_and_half"),
            models.CheckConstraint(
                condition=Q(revenue_potential__isnull=True) | Q(revenue_potential__gte=0),
                name="joint_plan_potential_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} joint plan · {self.cycle} {self.get_half_display().lower()}"

    def get_absolute_url(self) -> str:
        return reverse("territories:joint-plan", args=[self.pk])

    @property
    def starts(self) -> datetime.date:
        return self.cycle.start if self.half == Half.FIRST else add_months(self.cycle.start, 6)

    @property
    def ends(self) -> datetime.date:
        if self.half == Half.SECOND:
            return self.cycle.end
        return min(add_months(self.cycle.start, 6) - datetime.timedelta(days=1), self.cycle.end)

    @property
    def title(self) -> str:
        return f"{self.region}: joint plan, {self.get_half_display().lower()} of {self.cycle.name}"


class Verdict(models.TextChoices):
    REPEAT = "repeat", "Repeat"
    IMPROVE = "improve", "Improve"
    STOP = "stop", "Stop"


class PastActivity(models.Model):
    """A marketing or sales activity of the past six months, reviewed: what it brought, and whether to do it again."""

    plan = models.ForeignKey(JointPlan, on_delete=models.CASCADE, related_name="past_activities")
    function = models.CharField(max_length=20, choices=Function.choices, default=Function.MARKETING)
    name = models.CharField(max_length=200)
    result = models.CharField(max_length=300, blank=True, help_text="What it produced (pipeline, meetings, deals).")
    verdict = models.CharField(max_length=16, choices=Verdict.choices, default=Verdict.REPEAT)

    class Meta:
        ordering = ["plan", "function", "pk"]
        verbose_name_plural = "past activities"

    def __str__(self) -> str:
        return self.name


class JointTarget(models.Model):
    """A target sales and marketing (or enablement) share; in the cascade, a goal of its co-owner
    under the sales leader's goal, marked as joint (``Goal.is_joint_target``)."""

    plan = models.ForeignKey(JointPlan, on_delete=models.CASCADE, related_name="targets")
    title = models.CharField(max_length=200)
    metric = models.CharField(max_length=80)
    unit = models.CharField(max_length=16, choices=Unit.choices, default=Unit.USD)
    target = models.DecimalField(**MONEY)
    due_date = models.DateField(null=True, blank=True)
    co_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="joint_targets",
        help_text="The marketing, enablement or customer success person who owns it with the leader.",
    )
    parent_goal = models.ForeignKey(
        "goals.Goal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The leader's goal it contributes to.",
    )
    goal = models.OneToOneField(
        "goals.Goal", null=True, blank=True, on_delete=models.SET_NULL, related_name="joint_plan_target"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "pk"]

    def __str__(self) -> str:
        return self.title
