"""Everything that changes a person or the management chain."""

from typing import Any

from django.db import transaction

from accounts.models import Person, Role
from accounts.signals import reporting_line_changed
from core.locks import mptt_tree_lock

# Fields a caller may set through person_create / person_update.
PERSON_FIELDS = {
    "username",
    "first_name",
    "last_name",
    "email",
    "role",
    "region",
    "function",
    "job_title",
    "is_high_performer",
    "is_staff",
    "is_active",
}


def person_create(
    *, username: str, password: str | None = None, manager: Person | None = None, role: str = Role.REP, **fields: Any
) -> Person:
    """Add a person to the organisation, under ``manager`` (or as the top of a new chain)."""
    unknown = set(fields) - PERSON_FIELDS
    if unknown:
        raise TypeError(f"Unknown person fields: {sorted(unknown)}")
    with mptt_tree_lock(Person, [manager.pk if manager else None], new_tree=manager is None):
        if manager is not None:
            manager.refresh_from_db()
        person = Person(username=username, role=role, manager=manager, **fields)
        if password:
            person.set_password(password)
        else:
            person.set_unusable_password()
        person.full_clean()
        person.save()
    return person


def person_update(*, person: Person, **changes: Any) -> Person:
    """Change a person's details; a new ``manager`` moves them (and everyone under them)."""
    unknown = set(changes) - PERSON_FIELDS - {"manager", "password"}
    if unknown:
        raise TypeError(f"Unknown person fields: {sorted(unknown)}")
    password = changes.pop("password", None)
    if "manager" not in changes:
        with transaction.atomic():
            for name, value in changes.items():
                setattr(person, name, value)
            if password:
                person.set_password(password)
            person.full_clean()
            person.save()
        return person

    manager: Person | None = changes.pop("manager")
    node_ids = [person.pk, manager.pk if manager else None]
    with mptt_tree_lock(Person, node_ids, new_tree=manager is None):
        person.refresh_from_db(fields=["lft", "rght", "tree_id", "level"])
        if manager is not None:
            manager.refresh_from_db()
        for name, value in changes.items():
            setattr(person, name, value)
        moved = person.manager_id != (manager.pk if manager else None)
        person.manager = manager
        if password:
            person.set_password(password)
        person.full_clean()
        person.save()
        if moved:
            reporting_line_changed.send(sender=Person, person=person)
    return person
