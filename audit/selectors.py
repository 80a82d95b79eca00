"""The audit trail across goals, cycles and people, for staff: filtered, a page (or a CSV) at a time."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Person
from core.history import HistoryEntry, history_entries, plain_value, previous_rows
from goals.models import Cycle, Goal

SUBJECTS = {"goals": Goal, "cycles": Cycle, "people": Person}
SUBJECT_LABELS = {"goals": "Goals", "cycles": "Cycles", "people": "People and permissions"}
EXPORT_CHUNK = 2000


@dataclass
class AuditFilters:
    subject: str = "goals"
    object_id: int | None = None
    actor: Person | None = None
    field: str = ""
    kind: str = ""
    since: date | None = None
    until: date | None = None


def audited_fields(subject: str) -> list[models.Field]:
    model = SUBJECTS[subject]
    return [field for field in model.history.model.tracked_fields if not field.primary_key]


def audit_rows(filters: AuditFilters) -> QuerySet:
    """Historical rows of the subject matching the filters, newest first."""
    model = SUBJECTS[filters.subject]
    rows = model.history.all().order_by("-history_date", "-history_id")
    if filters.object_id is not None:
        rows = rows.filter(**{model._meta.pk.attname: filters.object_id})
    if filters.actor is not None:
        rows = rows.filter(history_user_id=filters.actor.pk)
    if filters.kind:
        rows = rows.filter(history_type=filters.kind)
    if filters.since:
        rows = rows.filter(history_date__gte=timezone.make_aware(datetime.combine(filters.since, time.min)))
    if filters.until:
        rows = rows.filter(history_date__lte=timezone.make_aware(datetime.combine(filters.until, time.max)))
    return rows


def audit_entries(subject: str, rows: list, field: str = "") -> list[HistoryEntry]:
    """Entries for a page of rows, each with its changes and what the object is called (a handful of queries)."""
    history_model = SUBJECTS[subject].history.model
    previous = previous_rows(history_model, rows)
    everything = [*rows, *(row for row in previous.values() if row is not None)]
    readable, names = _readable(subject, everything)
    entries = history_entries(rows, previous, readable, names["people"])
    for entry, row in zip(entries, rows, strict=True):
        entry.object_name = _object_name(subject, row)
    if field:
        entries = [
            entry for entry in entries if entry.kind != "changed" or any(c.field == field for c in entry.changes)
        ]
    return entries


def export_entries(filters: AuditFilters) -> Iterator[HistoryEntry]:
    """Every matching entry, a chunk of rows at a time (so a long trail never sits in memory)."""
    queryset = audit_rows(filters)
    last = None
    while True:
        chunk = (
            queryset
            if last is None
            else queryset.filter(
                models.Q(history_date__lt=last.history_date)
                | models.Q(history_date=last.history_date, history_id__lt=last.history_id)
            )
        )
        rows = list(chunk[:EXPORT_CHUNK])
        if not rows:
            return
        yield from audit_entries(filters.subject, rows, filters.field)
        last = rows[-1]


def _object_name(subject: str, row) -> str:
    if subject == "goals":
        return row.title
    if subject == "cycles":
        return row.name
    return f"{row.first_name} {row.last_name}".strip() or row.username


def _readable(subject: str, rows: list):
    people_ids = {row.history_user_id for row in rows if row.history_user_id}
    goal_ids, cycle_ids = set(), set()
    for row in rows:
        for field in row.tracked_fields:
            value = getattr(row, field.attname)
            if value is None or not field.is_relation:
                continue
            {Goal: goal_ids, Cycle: cycle_ids, Person: people_ids}[field.related_model].add(value)
    names = {
        "people": {person.pk: person.full_name for person in Person.objects.filter(pk__in=people_ids)},
        "goals": dict(Goal.objects.filter(pk__in=goal_ids).values_list("pk", "title")) if goal_ids else {},
        "cycles": dict(Cycle.objects.filter(pk__in=cycle_ids).values_list("pk", "name")) if cycle_ids else {},
    }
    by_model = {Person: names["people"], Goal: names["goals"], Cycle: names["cycles"]}

    def readable(field: models.Field, value) -> str:
        if value is None or not field.is_relation:
            return plain_value(field, value)
        label = {Person: "person", Goal: "goal", Cycle: "cycle"}[field.related_model]
        return by_model[field.related_model].get(value, f"{label} #{value} (deleted)")

    return readable, names
