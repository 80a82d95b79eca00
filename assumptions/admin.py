from django.contrib import admin
from mptt.admin import MPTTModelAdmin

from assumptions.models import Assumption, AssumptionRevision, Challenge, ChangeRequest, Comment


class RevisionInline(admin.TabularInline):
    model = AssumptionRevision
    fields = ["number", "author", "created", "note", "changes"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-number"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Assumption)
class AssumptionAdmin(admin.ModelAdmin):
    list_display = ["statement", "cycle", "owner", "confidence", "status", "revision"]
    list_filter = ["cycle", "status", "confidence"]
    search_fields = ["statement", "rationale"]
    autocomplete_fields = ["owner", "goals"]
    readonly_fields = ["revision"]
    inlines = [RevisionInline]


class ChangeRequestInline(admin.TabularInline):
    model = ChangeRequest
    fields = ["goal", "proposed_target", "note", "status", "decided_by", "decided_at"]
    readonly_fields = ["decided_by", "decided_at"]
    raw_id_fields = ["goal"]
    extra = 0


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ["claim", "assumption", "author", "status", "created"]
    list_filter = ["status", "assumption__cycle"]
    search_fields = ["claim", "evidence"]
    list_select_related = ["assumption", "author"]
    raw_id_fields = ["assumption", "author", "resolved_by"]
    inlines = [ChangeRequestInline]


@admin.register(Comment)
class CommentAdmin(MPTTModelAdmin):
    list_display = ["__str__", "challenge", "author", "created", "removed_at"]
    list_select_related = ["challenge", "author"]
    raw_id_fields = ["challenge", "parent", "author"]
    search_fields = ["body"]
