"""Filters of the assumption, challenge, comment and change request lists (API.md): ids for relations."""

import django_filters
from django.db.models import Q

from accounts.models import Person
from assumptions.models import (
    Assumption,
    AssumptionStatus,
    Challenge,
    ChallengeStatus,
    ChangeRequest,
    ChangeRequestStatus,
    Comment,
)
from goals.models import Cycle, Goal


def _visible_goals(request):
    if request is None:
        return Goal.objects.none()
    return Goal.objects.visible_to(request.user)


class AssumptionFilter(django_filters.FilterSet):
    cycle = django_filters.ModelChoiceFilter(queryset=Cycle.objects.all())
    status = django_filters.ChoiceFilter(choices=AssumptionStatus.choices)
    owner = django_filters.ModelChoiceFilter(queryset=Person.objects.all())
    goal = django_filters.ModelChoiceFilter(
        field_name="goals", queryset=_visible_goals, help_text="Assumptions this goal rests on."
    )

    class Meta:
        model = Assumption
        fields = ["cycle", "status", "owner", "goal"]


class ChallengeFilter(django_filters.FilterSet):
    assumption = django_filters.ModelChoiceFilter(queryset=Assumption.objects.all())
    status = django_filters.ChoiceFilter(choices=ChallengeStatus.choices)
    author = django_filters.ModelChoiceFilter(queryset=Person.objects.all())
    cycle = django_filters.ModelChoiceFilter(
        field_name="assumption__cycle",
        queryset=Cycle.objects.all(),
        help_text="Challenges of this cycle's assumptions.",
    )

    class Meta:
        model = Challenge
        fields = ["assumption", "status", "author", "cycle"]


class CommentFilter(django_filters.FilterSet):
    challenge = django_filters.ModelChoiceFilter(
        queryset=Challenge.objects.all(), help_text="The challenge's thread, in reading order."
    )
    author = django_filters.ModelChoiceFilter(queryset=Person.objects.all())

    class Meta:
        model = Comment
        fields = ["challenge", "author"]


class ChangeRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ChangeRequestStatus.choices)
    goal = django_filters.ModelChoiceFilter(queryset=_visible_goals)
    challenge = django_filters.ModelChoiceFilter(queryset=Challenge.objects.all())
    mine = django_filters.BooleanFilter(
        method="filter_mine", help_text="true: requests on goals the caller owns or manages (someone under them owns)."
    )

    class Meta:
        model = ChangeRequest
        fields = ["status", "goal", "challenge", "mine"]

    def filter_mine(self, queryset, name, value):
        if value is None:
            return queryset
        person = self.request.user
        mine = Q(goal__owner=person) | Q(
            goal__owner__tree_id=person.tree_id, goal__owner__lft__gt=person.lft, goal__owner__rght__lt=person.rght
        )
        return queryset.filter(mine) if value else queryset.exclude(mine)
