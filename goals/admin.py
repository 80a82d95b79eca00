from django.contrib import admin, messages
from django.utils.html import format_html
from mptt.admin import MPTTModelAdmin

from core.exceptions import StateConflict
from core.locks import mptt_tree_lock
from goals import services as goal_services
from goals.models import AlignmentFlag, CheckIn, Cycle, Deletion, Goal, GoalPeriod, GoalPhasing, GoalScore
from goals.rollup import refresh_rollups_upward


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ["name", "start", "end", "phase", "checkin_interval_days"]
    list_filter = ["phase"]
    search_fields = ["name"]


class CheckInInline(admin.TabularInline):
    model = CheckIn
    extra = 0
    fields = ["created", "value", "confidence", "note", "author"]
    readonly_fields = ["created", "value", "confidence", "note", "author"]
    can_delete = False
    ordering = ["-created"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Goal)
class GoalAdmin(MPTTModelAdmin):
    """The cascade as an indented tree; writes hold the tree lock like the services do."""

    list_display = ["title", "owner", "tier", "status", "progress_bar", "cycle", "visibility"]
    list_filter = ["cycle", "tier", "status", "visibility", "unit"]
    list_select_related = ["owner", "cycle"]
    search_fields = ["title", "metric", "owner__username", "owner__last_name", "external_key"]
    autocomplete_fields = ["owner", "parent", "carried_over_from"]
    readonly_fields = ["rolled_up_progress", "confidence", "last_checkin_at", "created", "updated"]
    list_per_page = 100
    mptt_level_indent = 24
    inlines = [CheckInInline]
    fieldsets = (
        (None, {"fields": ("cycle", "tier", "owner", "parent", "title", "description")}),
        ("Measurable target", {"fields": ("metric", "unit", "baseline", "target", "current", "weight", "due_date")}),
        (
            "Workflow",
            {"fields": ("status", "return_reason", "visibility", "rollup", "external_key", "carried_over_from")},
        ),
        ("Progress", {"fields": ("rolled_up_progress", "confidence", "last_checkin_at", "created", "updated")}),
    )

    @admin.display(description="progress")
    def progress_bar(self, goal: Goal) -> str:
        percent = round(goal.rolled_up_progress * 100)
        return format_html('<progress max="100" value="{}" title="{}%"></progress> {}%', percent, percent, percent)

    def save_model(self, request, obj: Goal, form, change: bool) -> None:
        old_parent_id = form.initial.get("parent") if change else None
        with mptt_tree_lock(Goal, [obj.pk, obj.parent_id], new_tree=obj.parent_id is None):
            if change:
                obj.refresh_from_db(fields=["lft", "rght", "tree_id", "level"])
            super().save_model(request, obj, form, change)
            refresh_rollups_upward([obj.pk, old_parent_id])

    def has_delete_permission(self, request, obj=None) -> bool:
        # Deleting goes through the goal page (or DELETE /api/goals/{id}/): it asks what happens to the
        # sub-goals, is soft, can be undone and tells the owners. The admin never hard-deletes a cascade.
        return False


@admin.register(Deletion)
class DeletionAdmin(admin.ModelAdmin):
    """Deleted goals and comments; the action restores them (as the "Deleted goals" page does)."""

    list_display = ["goal_title", "cycle", "actor", "created", "children", "goal_count", "checkin_count", "restored_at"]
    list_filter = ["cycle", ("restored_at", admin.EmptyFieldListFilter), "children"]
    search_fields = ["goal_title", "actor__username"]
    list_select_related = ["cycle", "actor"]
    readonly_fields = [field.name for field in Deletion._meta.fields]
    actions = ["restore"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Restore the selected deletions")
    def restore(self, request, queryset) -> None:
        restored = 0
        for deletion in queryset.filter(restored_at__isnull=True).order_by("created"):
            try:
                goal_services.deletion_restore(actor=request.user, deletion=deletion)
            except StateConflict as conflict:
                self.message_user(request, f"{deletion}: {conflict.message}", level=messages.WARNING)
            else:
                restored += 1
        self.message_user(request, f"Restored {restored} deletion{'s' if restored != 1 else ''}.")


@admin.register(AlignmentFlag)
class AlignmentFlagAdmin(admin.ModelAdmin):
    list_display = ["goal", "kind", "severity", "message", "detected_at", "resolved_at"]
    list_filter = ["cycle", "kind", "severity", ("resolved_at", admin.EmptyFieldListFilter)]
    list_select_related = ["goal"]
    search_fields = ["goal__title", "message"]
    raw_id_fields = ["goal"]

    def has_add_permission(self, request) -> bool:
        return False


# Phasing and scores are read here; they change through goals.quotas.services (pages and API).


@admin.register(GoalPhasing)
class GoalPhasingAdmin(admin.ModelAdmin):
    list_display = ["goal", "method", "granularity", "source", "set_by", "updated"]
    list_filter = ["method", "granularity", "goal__cycle"]
    list_select_related = ["goal", "set_by"]
    search_fields = ["goal__title", "source"]
    readonly_fields = ["goal", "granularity", "method", "source", "phased_total", "set_by", "updated", "periods"]

    @admin.display(description="periods (start: weight)")
    def periods(self, phasing: GoalPhasing) -> str:
        rows = GoalPeriod.objects.filter(goal_id=phasing.goal_id).order_by("index")
        return ", ".join(f"{period.start:%d %b %Y}: {period.weight.normalize()}" for period in rows)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(GoalScore)
class GoalScoreAdmin(admin.ModelAdmin):
    list_display = ["goal", "outcome", "attainment", "score", "final_value", "target", "recorded_at"]
    list_filter = ["outcome", "goal__cycle"]
    list_select_related = ["goal"]
    search_fields = ["goal__title", "retrospective"]
    readonly_fields = [
        "goal",
        "baseline",
        "target",
        "final_value",
        "attainment",
        "score",
        "outcome",
        "month_actuals",
        "recorded_at",
        "retrospective",
        "retrospective_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
