"""The cascade's own listeners: cached reads go stale when goals, cycles or people change (goals/cache.py)."""

from django.db.models.signals import post_delete, post_save

from goals import cache as goals_cache
from goals.models import AlignmentFlag, Cycle, Goal
from goals.signals import goal_status_changed, goals_changed

# Saving these fields of a person changes nothing a cached page shows.
PERSON_FIELDS_NOT_SHOWN = {"last_login", "password"}


def _on_goals_changed(sender, **kwargs) -> None:
    goals_cache.bump()


def _on_goal_status_changed(sender, **kwargs) -> None:
    goals_cache.bump()


def _on_row_saved(sender, **kwargs) -> None:
    # Saves outside the services too (factories, the admin, a shell); bulk writes go through
    # the services, which announce goals_changed, or the scan, which bumps itself.
    goals_cache.bump()


def _on_person_saved(sender, update_fields=None, **kwargs) -> None:
    # Names, regions and reporting lines show on cached rows and decide who sees what.
    if update_fields is not None and set(update_fields) <= PERSON_FIELDS_NOT_SHOWN:
        return
    goals_cache.bump()


def connect() -> None:
    from django.contrib.auth import get_user_model

    goals_changed.connect(_on_goals_changed, dispatch_uid="goals-cache-on-goals-changed")
    goal_status_changed.connect(_on_goal_status_changed, dispatch_uid="goals-cache-on-status-changed")
    for model in (Cycle, Goal, AlignmentFlag):
        label = model._meta.label_lower
        post_save.connect(_on_row_saved, sender=model, dispatch_uid=f"goals-cache-on-saved-{label}")
        post_delete.connect(_on_row_saved, sender=model, dispatch_uid=f"goals-cache-on-deleted-{label}")
    person = get_user_model()
    post_save.connect(_on_person_saved, sender=person, dispatch_uid="goals-cache-on-person-saved")
    post_delete.connect(_on_person_saved, sender=person, dispatch_uid="goals-cache-on-person-deleted")
