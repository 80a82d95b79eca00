"""Filters of the cabinet's lists (API.md): ids for relations."""

import django_filters
from django.utils import timezone

from accounts.models import Person
from cabinet.models import (
    ActionItem,
    CabinetMeeting,
    CommitteeQuestion,
    CommitteeRole,
    HighPerformerMark,
    SeatStatus,
    ShadowSeat,
)
from goals.models import Cycle


class HighPerformerMarkFilter(django_filters.FilterSet):
    person = django_filters.ModelChoiceFilter(queryset=Person.objects.all())

    class Meta:
        model = HighPerformerMark
        fields = ["person"]


class ShadowSeatFilter(django_filters.FilterSet):
    cycle = django_filters.ModelChoiceFilter(queryset=Cycle.objects.all())
    role = django_filters.ModelChoiceFilter(queryset=CommitteeRole.objects.all())
    holder = django_filters.ModelChoiceFilter(queryset=Person.objects.all())
    status = django_filters.ChoiceFilter(choices=SeatStatus.choices)
    held_today = django_filters.BooleanFilter(method="filter_held_today", help_text="true: seats held today.")

    class Meta:
        model = ShadowSeat
        fields = ["cycle", "role", "holder", "status", "held_today"]

    def filter_held_today(self, queryset, name, value):
        if value is None:
            return queryset
        held = ShadowSeat.objects.held_on(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=held) if value else queryset.exclude(pk__in=held)


class QuestionFilter(django_filters.FilterSet):
    cycle = django_filters.ModelChoiceFilter(queryset=Cycle.objects.all())
    role = django_filters.ModelChoiceFilter(queryset=CommitteeRole.objects.all())
    published = django_filters.BooleanFilter(
        field_name="published_at", lookup_expr="isnull", exclude=True, help_text="true: decided and published."
    )

    class Meta:
        model = CommitteeQuestion
        fields = ["cycle", "role", "published"]


class MeetingFilter(django_filters.FilterSet):
    cycle = django_filters.ModelChoiceFilter(queryset=Cycle.objects.all())

    class Meta:
        model = CabinetMeeting
        fields = ["cycle"]


class ActionItemFilter(django_filters.FilterSet):
    meeting = django_filters.ModelChoiceFilter(queryset=CabinetMeeting.objects.all())
    owner = django_filters.ModelChoiceFilter(queryset=Person.objects.all())
    open = django_filters.BooleanFilter(field_name="done_at", lookup_expr="isnull", help_text="true: not done yet.")
    mine = django_filters.BooleanFilter(method="filter_mine", help_text="true: the caller's own.")

    class Meta:
        model = ActionItem
        fields = ["meeting", "owner", "open", "mine"]

    def filter_mine(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(owner=self.request.user) if value else queryset.exclude(owner=self.request.user)
