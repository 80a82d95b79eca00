"""Writes a person makes to their own notifications: reading them and muting kinds."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Person
from notifications.models import Kind, MutedKind, Notification


def notification_mark_read(*, actor: Person, notification: Notification) -> Notification:
    """Mark one of the actor's notifications read (reading it twice keeps the first time)."""
    if notification.recipient_id != actor.pk:
        raise PermissionDenied("This notification is someone else's.")
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


def notifications_mark_all_read(*, actor: Person) -> int:
    """Mark every unread notification of the actor read; returns how many."""
    return Notification.objects.for_person(actor).unread().update(read_at=timezone.now())


def muted_kinds_set(*, actor: Person, kinds: Iterable[str]) -> set[str]:
    """Mute exactly ``kinds`` for the actor (unmuting the rest); returns the muted set."""
    kinds = set(kinds)
    unknown = kinds - set(Kind.values)
    if unknown:
        raise ValidationError({"muted": f"Unknown kinds of notification: {', '.join(sorted(unknown))}."})
    with transaction.atomic():
        MutedKind.objects.filter(person=actor).exclude(kind__in=kinds).delete()
        MutedKind.objects.bulk_create(
            [MutedKind(person=actor, kind=kind) for kind in sorted(kinds)], ignore_conflicts=True
        )
    return kinds
