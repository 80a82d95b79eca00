from django.contrib import admin

from workshop.models import Baseline, Decision


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["created", "cycle", "kind", "author", "text"]
    list_filter = ["cycle", "kind"]
    search_fields = ["text"]
    raw_id_fields = ["author", "objective"]


@admin.register(Baseline)
class BaselineAdmin(admin.ModelAdmin):
    """Baselines are frozen by closing a workshop; the admin only shows them."""

    list_display = ["cycle", "frozen_at", "frozen_by", "goal_count"]
    readonly_fields = ["cycle", "frozen_at", "frozen_by", "goal_count"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
