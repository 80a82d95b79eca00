"""Filters of the territory plan, team funnel and joint plan lists: ids for relations."""

import django_filters

from accounts.models import Person
from goals.models import Cycle
from territories.models import Half, JointPlan, PlanStatus, TeamFunnel, TerritoryPlan


class TerritoryPlanFilter(django_filters.FilterSet):
    cycle = django_filters.ModelChoiceFilter(queryset=Cycle.objects.all())
    owner = django_filters.ModelChoiceFilter(queryset=Person.objects.all(), help_text="The rep's id.")
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices)

    class Meta:
        model = TerritoryPlan
        fields = ["cycle", "owner", "status"]


class TeamFunnelFilter(django_filters.FilterSet):
    cycle = django_filters.ModelChoiceFilter(queryset=Cycle.objects.all())

    class Meta:
        model = TeamFunnel
        fields = ["cycle"]


class JointPlanFilter(django_filters.FilterSet):
    cycle = django_filters.ModelChoiceFilter(queryset=Cycle.objects.all())
    half = django_filters.ChoiceFilter(choices=Half.choices)
    region = django_filters.CharFilter()

    class Meta:
        model = JointPlan
        fields = ["cycle", "half", "region"]
