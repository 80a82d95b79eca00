"""Reads of notifications: a person's inbox and its unread count (one query each)."""

from django.db.models import QuerySet

from accounts.models import Person
from notifications.models import MutedKind, Notification


def inbox(person: Person, *, unread_only: bool = False) -> QuerySet[Notification]:
    """``person``'s notifications, newest first; nobody else's, ever."""
    notifications = Notification.objects.for_person(person).select_related("actor").order_by("-created", "-id")
    return notifications.unread() if unread_only else notifications


def unread_count(person: Person) -> int:
    if not person.is_authenticated:
        return 0
    return Notification.objects.for_person(person).unread().count()


def muted_kinds(person: Person) -> set[str]:
    return set(MutedKind.objects.filter(person=person).values_list("kind", flat=True))
