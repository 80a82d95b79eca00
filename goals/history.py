"""The audit trail of one goal, as its page shows it: every recorded change, newest first, private goals masked."""

from django.db import models

from accounts.models import Person
from core.history import HistoryEntry, history_entries, plain_value
from goals.models import Cycle, Goal

GOAL_HISTORY_SHOWN = 30
HIDDEN_GOAL = "a goal you cannot see"


def goal_history(goal: Goal, viewer: Person, limit: int = GOAL_HISTORY_SHOWN) -> list[HistoryEntry]:
    """The last ``limit`` changes of ``goal`` with what each changed (four queries, whatever the history).

    A goal named in a change (a parent, the goal it was carried over from) that ``viewer`` may
    not see reads as "a goal you cannot see", never its title or id.
    """
    rows = list(Goal.history.filter(id=goal.pk).order_by("-history_date", "-history_id")[: limit + 1])
    previous = {row.history_id: rows[index + 1] if index + 1 < len(rows) else None for index, row in enumerate(rows)}
    rows = rows[:limit]
    people = _people_named(rows, previous.values())
    readable = _readable_values(rows, previous.values(), viewer, people, {goal.cycle_id: goal.cycle.name})
    return history_entries(rows, previous, readable, people)


def _ids(rows, field: str) -> set[int]:
    return {getattr(row, field) for row in rows if row is not None and getattr(row, field) is not None}


def _people_named(rows, previous) -> dict[int, str]:
    ids = _ids(rows, "history_user_id") | _ids([*rows, *previous], "owner_id")
    return {person.pk: person.full_name for person in Person.objects.filter(pk__in=ids)}


def _readable_values(rows, previous, viewer: Person, people: dict[int, str], cycles: dict[int, str]):
    everything = [*rows, *previous]
    goal_ids = _ids(everything, "parent_id") | _ids(everything, "carried_over_from_id")
    titles = dict(Goal.objects.filter(pk__in=goal_ids).visible_to(viewer).values_list("pk", "title"))
    other_cycles = _ids(everything, "cycle_id") - set(cycles)  # a goal keeps its cycle: normally none
    if other_cycles:
        cycles = {**cycles, **dict(Cycle.objects.filter(pk__in=other_cycles).values_list("pk", "name"))}

    def readable(field: models.Field, value) -> str:
        if value is None or not field.is_relation:
            return plain_value(field, value)
        if field.related_model is Goal:
            return titles.get(value, HIDDEN_GOAL)
        if field.related_model is Cycle:
            return cycles.get(value, f"cycle {value}")
        return people.get(value, f"person {value}")

    return readable
