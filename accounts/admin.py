from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.html import format_html

from accounts.models import Person
from accounts.services import person_update
from core.locks import mptt_tree_lock


@admin.register(Person)
class PersonAdmin(UserAdmin):
    list_display = [
        "indented_name",
        "username",
        "role",
        "function",
        "region",
        "job_title",
        "is_high_performer",
        "is_staff",
    ]
    list_filter = ["role", "function", "region", "is_high_performer", "is_staff", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email", "region"]
    ordering = ["tree_id", "lft"]
    autocomplete_fields = ["manager"]
    list_per_page = 100
    fieldsets = (
        *UserAdmin.fieldsets[:2],
        (
            "Place in the organisation",
            {"fields": ("role", "function", "manager", "region", "job_title", "is_high_performer")},
        ),
        *UserAdmin.fieldsets[2:],
    )
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        (
            "Place in the organisation",
            {"fields": ("first_name", "last_name", "email", "role", "function", "manager", "region")},
        ),
    )

    @admin.display(description="name", ordering="lft")
    def indented_name(self, person: Person) -> str:
        return format_html('<span style="padding-left:{}em">{}</span>', person.level * 1.5, person.full_name)

    def save_model(self, request, obj: Person, form, change: bool) -> None:
        if change and "manager" in form.changed_data:
            person_update(person=obj, manager=obj.manager)
            return
        # The tree position only changes with the manager; everything else is a plain save.
        with mptt_tree_lock(Person, [obj.manager_id], new_tree=obj.manager_id is None):
            super().save_model(request, obj, form, change)

    def delete_model(self, request, obj: Person) -> None:
        with mptt_tree_lock(Person, [obj.pk]):
            super().delete_model(request, obj)
