"""Filters of the goal and flag lists (API.md): ids for relations, ``?flag=<kind>`` for goals with an open flag."""

import django_filters
from django.db.models import Exists, OuterRef

from accounts.models import Person
from core.filters import IdFilter
from goals.models import AlignmentFlag, Cycle, FlagKind, Goal, Phase, Severity, Status, Tier, Visibility


def _visible_goals(request):
    if request is None:
        return Goal.objects.none()
    return Goal.objects.visible_to(request.user)


class CycleFilter(django_filters.FilterSet):
    phase = django_filters.ChoiceFilter(choices=Phase.choices)

    class Meta:
        model = Cycle
        fields = ["phase"]


class GoalFilter(django_filters.FilterSet):
    cycle = django_filters.ModelChoiceFilter(queryset=Cycle.objects.all())
    owner = django_filters.ModelChoiceFilter(queryset=Person.objects.all())
    tier = django_filters.ChoiceFilter(choices=Tier.choices)
    status = django_filters.ChoiceFilter(choices=Status.choices)
    visibility = django_filters.ChoiceFilter(choices=Visibility.choices)
    parent = django_filters.ModelChoiceFilter(
        queryset=_visible_goals,
        null_value="null",
        null_label="no parent",
        help_text="A goal's id, or null for goals without a parent (corporate objectives and unmapped goals).",
    )
    flag = django_filters.ChoiceFilter(
        choices=FlagKind.choices, method="filter_open_flag", help_text="Goals with an open alignment flag of this kind."
    )
    assumption = IdFilter(field_name="assumptions", help_text="Goals resting on this assumption.")

    class Meta:
        model = Goal
        fields = ["cycle", "owner", "tier", "status", "visibility", "parent", "flag", "assumption"]

    def filter_open_flag(self, queryset, name, value):
        open_flag = AlignmentFlag.objects.filter(goal=OuterRef("pk"), kind=value, resolved_at__isnull=True)
        return queryset.filter(Exists(open_flag))


class AlignmentFlagFilter(django_filters.FilterSet):
    cycle = django_filters.ModelChoiceFilter(queryset=Cycle.objects.all())
    kind = django_filters.ChoiceFilter(choices=FlagKind.choices)
    severity = django_filters.ChoiceFilter(choices=Severity.choices)
    open = django_filters.BooleanFilter(
        field_name="resolved_at", lookup_expr="isnull", help_text="true: open flags only; false: resolved ones."
    )
    owner = django_filters.ModelChoiceFilter(
        field_name="goal__owner", queryset=Person.objects.all(), help_text="Flags on goals of this person."
    )
    goal = django_filters.ModelChoiceFilter(queryset=_visible_goals)

    class Meta:
        model = AlignmentFlag
        fields = ["cycle", "kind", "severity", "open", "owner", "goal"]
