from django.contrib import admin

from cabinet.models import (
    ActionItem,
    AgendaItem,
    CabinetMeeting,
    CommitteeQuestion,
    CommitteeRole,
    HighPerformerMark,
    ObjectiveSnapshot,
    QuestionOption,
    ShadowRecommendation,
    ShadowSeat,
)


@admin.register(CommitteeRole)
class CommitteeRoleAdmin(admin.ModelAdmin):
    list_display = ["title", "holder", "position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["title", "remit"]
    autocomplete_fields = ["holder"]
    raw_id_fields = ["objectives", "assumptions"]


@admin.register(HighPerformerMark)
class HighPerformerMarkAdmin(admin.ModelAdmin):
    """The history of marks is kept as written: read it here, change marks in the product."""

    list_display = ["person", "is_high_performer", "marked_by", "created"]
    list_filter = ["is_high_performer"]
    search_fields = ["person__username", "person__last_name", "reason"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ShadowSeat)
class ShadowSeatAdmin(admin.ModelAdmin):
    list_display = ["role", "holder", "cycle", "term_start", "term_end", "status"]
    list_filter = ["cycle", "status", "role"]
    search_fields = ["holder__username", "holder__last_name", "role__title"]
    raw_id_fields = ["holder", "offered_by", "ended_by", "refill_of"]


class OptionInline(admin.TabularInline):
    model = QuestionOption
    extra = 0


class RecommendationInline(admin.TabularInline):
    model = ShadowRecommendation
    fields = ["seat", "author", "option", "reasoning", "updated"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CommitteeQuestion)
class CommitteeQuestionAdmin(admin.ModelAdmin):
    list_display = ["title", "cycle", "due_date", "published_at", "outcome_at"]
    list_filter = ["cycle"]
    search_fields = ["title", "description"]
    raw_id_fields = ["objectives", "assumptions", "asked_by", "decided_by", "outcome_by", "decision", "outcome"]
    inlines = [OptionInline, RecommendationInline]


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    fields = ["position", "kind", "title", "detail"]
    extra = 0


class ActionItemInline(admin.TabularInline):
    model = ActionItem
    fields = ["title", "owner", "due_date", "done_at"]
    raw_id_fields = ["owner"]
    extra = 0


@admin.register(CabinetMeeting)
class CabinetMeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "cycle", "scheduled_for", "agenda_published_at", "minutes_at"]
    list_filter = ["cycle"]
    raw_id_fields = ["organiser", "minutes_by"]
    inlines = [AgendaInline, ActionItemInline]


@admin.register(ObjectiveSnapshot)
class ObjectiveSnapshotAdmin(admin.ModelAdmin):
    list_display = ["objective", "day", "rolled_up_progress", "progress"]
    list_filter = ["cycle"]
    raw_id_fields = ["objective"]
