"""Territory plans and joint plans in the admin site: to find and read them, and to delete one if need be.

Plans change only through their pages and the API (territories/services.py): the rules, versions,
reviews and notifications live there, so the admin shows them read-only.
"""

from django.contrib import admin

from territories.models import (
    ActionItem,
    FunnelStage,
    JointPlan,
    JointTarget,
    NamedAccount,
    PastActivity,
    PlanCheck,
    PlanObjective,
    PlanReview,
    PlanVersion,
    TeamFunnel,
    TeamFunnelStage,
    TerritoryPlan,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class StageInline(ReadOnlyInline):
    model = FunnelStage


class AccountInline(ReadOnlyInline):
    model = NamedAccount


class ObjectiveInline(ReadOnlyInline):
    model = PlanObjective
    fields = ["title", "metric", "unit", "target", "due_date", "goal"]


class ActionInline(ReadOnlyInline):
    model = ActionItem
    fields = ["title", "owner", "due_date", "is_milestone", "done_at"]


class VersionInline(ReadOnlyInline):
    model = PlanVersion
    fields = ["number", "submitted_at", "outcome", "decided_by", "note"]


class ReviewInline(ReadOnlyInline):
    model = PlanReview
    fields = ["created", "author", "kind", "section", "body"]


class CheckInline(ReadOnlyInline):
    model = PlanCheck
    fields = ["quarter", "due_on", "completed_at", "outcome"]


@admin.register(TerritoryPlan)
class TerritoryPlanAdmin(ReadOnlyAdmin):
    list_display = ["owner", "cycle", "territory", "status", "version", "approved_version", "updated"]
    list_filter = ["cycle", "status"]
    search_fields = ["owner__username", "owner__first_name", "owner__last_name", "territory"]
    list_select_related = ["owner", "cycle"]
    inlines = [StageInline, AccountInline, ObjectiveInline, ActionInline, VersionInline, ReviewInline, CheckInline]


class TeamStageInline(ReadOnlyInline):
    model = TeamFunnelStage


@admin.register(TeamFunnel)
class TeamFunnelAdmin(ReadOnlyAdmin):
    list_display = ["manager", "cycle", "average_deal_size", "updated"]
    list_filter = ["cycle"]
    list_select_related = ["manager", "cycle"]
    inlines = [TeamStageInline]


class ActivityInline(ReadOnlyInline):
    model = PastActivity


class TargetInline(ReadOnlyInline):
    model = JointTarget
    fields = ["title", "metric", "unit", "target", "co_owner", "parent_goal", "goal"]


@admin.register(JointPlan)
class JointPlanAdmin(ReadOnlyAdmin):
    list_display = ["region", "cycle", "half", "leader", "revenue_potential"]
    list_filter = ["cycle", "half"]
    search_fields = ["region", "leader__username", "leader__last_name"]
    list_select_related = ["leader", "cycle"]
    inlines = [ActivityInline, TargetInline]
