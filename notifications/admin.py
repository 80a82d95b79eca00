from django.contrib import admin

from notifications.models import CheckinReminderState, MutedKind, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "recipient", "kind", "created", "read_at", "emailed_at"]
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter), ("emailed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["recipient"]
    search_fields = ["title", "recipient__username", "recipient__last_name"]
    raw_id_fields = ["recipient", "actor"]
    readonly_fields = ["created", "dedupe_key"]
    date_hierarchy = "created"
    list_per_page = 100


@admin.register(MutedKind)
class MutedKindAdmin(admin.ModelAdmin):
    list_display = ["person", "kind"]
    list_filter = ["kind"]
    list_select_related = ["person"]
    search_fields = ["person__username", "person__last_name"]
    raw_id_fields = ["person"]


@admin.register(CheckinReminderState)
class CheckinReminderStateAdmin(admin.ModelAdmin):
    list_display = ["goal", "activity_at", "intervals_reminded"]
    list_select_related = ["goal"]
    raw_id_fields = ["goal"]
    search_fields = ["goal__title"]
