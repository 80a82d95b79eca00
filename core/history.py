"""The audit trail's recording side: who changed what, when, from what to what, and why.

Built on django-simple-history: each audited model declares ``history = AuditedHistory(...)``
naming the fields worth a record (never mptt's ``lft``/``rght``/``tree_id``/``level`` or
derived figures such as ``rolled_up_progress``), and gets a historical table with one row
per change: the values after it, ``history_user`` (the actor), ``history_date`` and
``history_change_reason``. Rows have no foreign key to the object, so they stay when it is
deleted.

- A save whose ``update_fields`` touch no audited field writes no row (a sign-in's
  ``last_login``, a check-in's ``current``), so each change costs one insert at most.
- The actor comes from the request (simple-history's middleware; DRF's token users too, as
  DRF sets the request's user), and services name it explicitly with ``attribute_change``
  for tasks and the API.
- Paths that skip ``save()`` record their rows themselves, one query per batch:
  ``record_changes`` for instances in memory (``bulk_update``, bulk inserts) and
  ``record_queryset`` for a set-based ``update()`` (``INSERT ... SELECT``).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connections, models, router
from django.db.models import OuterRef, Q, Subquery, Value
from django.utils import timezone
from simple_history.models import HistoricalRecords

REASON_MAX_LENGTH = 2000


class AuditedHistory(HistoricalRecords):
    """simple-history limited to ``audited_fields``, with a change reason of any length."""

    def __init__(self, *, audited_fields: Iterable[str], **kwargs):
        self.audited_fields = frozenset(audited_fields)
        kwargs.setdefault("history_change_reason_field", models.TextField(null=True, blank=True))
        kwargs.setdefault("user_related_name", "+")
        kwargs.setdefault("user_db_constraint", False)  # a person's history outlives them
        super().__init__(**kwargs)

    def fields_included(self, model):
        # Named, not "all but excluded": mptt adds its fields after the class is prepared, and other
        # fields added to a model later are audited only when someone decides they should be.
        return [field for field in model._meta.fields if field.primary_key or field.name in self.audited_fields]

    def create_history_model(self, model, inherited):
        self.excluded_fields = [
            field.name
            for field in model._meta.fields
            if not field.primary_key and field.name not in self.audited_fields
        ]
        return super().create_history_model(model, inherited)

    def post_save(self, instance, created, using=None, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not created and update_fields is not None and not (set(update_fields) & self.audited_fields):
            return
        super().post_save(instance, created, using=using, **kwargs)


def attribute_change(instance: models.Model, actor=None, reason: str = "") -> models.Model:
    """Name who makes the next save of ``instance`` and why (the request's user is the default)."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor
    if reason:
        instance._change_reason = reason[:REASON_MAX_LENGTH]
    return instance


def record_changes(
    instances: Iterable[models.Model], *, actor=None, reason: str = "", created: bool = False, batch_size: int = 2000
) -> None:
    """History rows for ``instances`` changed (or ``created``) without ``save()``: one insert per batch."""
    instances = list(instances)
    if not instances:
        return
    manager = type(instances[0]).history
    manager.bulk_history_create(
        instances,
        batch_size=batch_size,
        update=not created,
        default_user=actor if getattr(actor, "is_authenticated", False) else None,
        default_change_reason=reason[:REASON_MAX_LENGTH],
        default_date=timezone.now(),
    )


def record_queryset(
    queryset: models.QuerySet, *, actor=None, reason: str = "", history_type: str = "~", when: datetime | None = None
) -> int:
    """History rows for every object of ``queryset``, as they stand now, in one ``INSERT ... SELECT``.

    Call it right after a set-based ``update()``, with the same filter: the database copies
    the audited columns itself, so recording a thousand changes costs one query.
    """
    model = queryset.model
    history_model = model.history.model
    tracked = [field.attname for field in history_model.tracked_fields]
    user_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    rows = (
        queryset.order_by()
        .annotate(
            _history_date=Value(when or timezone.now(), output_field=models.DateTimeField()),
            _history_type=Value(history_type, output_field=models.CharField()),
            _history_user_id=Value(user_id, output_field=models.BigIntegerField()),
            _history_change_reason=Value(reason[:REASON_MAX_LENGTH], output_field=models.TextField()),
        )
        .values_list(*tracked, "_history_date", "_history_type", "_history_user_id", "_history_change_reason")
    )
    connection = connections[router.db_for_write(history_model)]
    try:
        select_sql, params = rows.query.get_compiler(connection=connection).as_sql()
    except EmptyResultSet:  # e.g. pk__in=[]: nothing to record
        return 0
    columns = [history_model._meta.get_field(name).column for name in tracked] + [
        history_model._meta.get_field(name).column
        for name in ("history_date", "history_type", "history_user", "history_change_reason")
    ]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(history_model._meta.db_table)} ({', '.join(quote(column) for column in columns)}) "
        f"{select_sql}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


# --- reading the trail --------------------------------------------------------------------

HISTORY_KINDS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of one change, from its old value to its new one, as people read them."""

    field: str
    label: str
    old: str
    new: str


@dataclass(slots=True)
class HistoryEntry:
    """One row of the audit trail: who did what to which object, when and why."""

    history_id: int
    object_id: int
    when: datetime
    actor_id: int | None
    actor_name: str
    kind: str
    reason: str
    changes: list[FieldChange]
    object_name: str = ""


def previous_rows(history_model, rows: list) -> dict[int, object]:
    """For each historical row, the one just before it for the same object (one query for them all)."""
    if not rows:
        return {}
    pk_name = history_model.instance_type._meta.pk.attname
    earlier = (
        history_model.objects.filter(**{pk_name: OuterRef(pk_name)})
        .filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    pairs = dict(
        history_model.objects.filter(history_id__in=[row.history_id for row in rows])
        .annotate(previous_id=Subquery(earlier))
        .values_list("history_id", "previous_id")
    )
    found = history_model.objects.in_bulk([pk for pk in pairs.values() if pk is not None])
    return {history_id: found.get(previous_id) for history_id, previous_id in pairs.items()}


def history_entries(
    rows: list, previous: dict[int, object], readable: Callable[[models.Field, object], str], actor_names: dict
) -> list[HistoryEntry]:
    """``rows`` as entries, each change from the row before it; ``readable`` turns a value into text."""
    entries = []
    for row in rows:
        before = previous.get(row.history_id)
        changes = []
        for field in row.tracked_fields:
            if field.primary_key:
                continue
            new = getattr(row, field.attname)
            old = getattr(before, field.attname) if before is not None else None
            if before is not None and old == new:
                continue
            if before is None and row.history_type == "+" and new in (None, ""):
                continue
            if row.history_type == "-":
                continue
            changes.append(
                FieldChange(
                    field=field.name,
                    label=str(field.verbose_name).capitalize(),
                    old=readable(field, old) if before is not None else "",
                    new=readable(field, new),
                )
            )
        entries.append(
            HistoryEntry(
                history_id=row.history_id,
                object_id=getattr(row, row.instance_type._meta.pk.attname),
                when=row.history_date,
                actor_id=row.history_user_id,
                actor_name=actor_names.get(row.history_user_id, "Cascade") if row.history_user_id else "Cascade",
                kind=HISTORY_KINDS.get(row.history_type, row.history_type),
                reason=row.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def plain_value(field: models.Field, value) -> str:
    """A value as text: choices by their label, amounts without trailing zeros, dates ISO, empty as a dash."""
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    return str(value)
