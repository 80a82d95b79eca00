from django.contrib import admin

from assumptions.models import Assumption


@admin.register(Assumption)
class AssumptionAdmin(admin.ModelAdmin):
    list_display = ["statement", "cycle", "owner", "confidence", "status"]
    list_filter = ["cycle", "status", "confidence"]
    search_fields = ["statement", "rationale"]
    autocomplete_fields = ["owner", "goals"]
