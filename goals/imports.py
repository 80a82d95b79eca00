"""Bulk import of goals from CSV into one cycle: all rows or none, with every bad row reported.

Each row is a goal. Its parent is a goal already in Cascade (``parent``: its id) or a goal
named by ``external_key`` (``parent_external_key``), in this cycle or anywhere in the same
file; its owner is a username. Every row is checked with the same rules as ``goal_create``.
New goals go into the cascade a subtree at a time, under the tree's write lock, and the
roll-ups above them are refreshed once at the end.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import Person
from core.bulk_tree import NewNode, insert_subtree
from core.csv_files import read_csv_rows
from core.exceptions import ImportRejected
from core.history import record_changes
from core.locks import mptt_tree_lock
from core.parsing import parse_id
from goals.models import Cycle, Goal, Rollup, Status, Tier, Visibility
from goals.models.goal import TIER_FOR_ROLE, direction_implied_by
from goals.progress import RollupNode, rolled_up_progress
from goals.rollup import refresh_rollups_upward
from goals.services import _require_open_cycle, _validate_parent
from goals.signals import goals_changed

GOAL_COLUMNS = {
    "external_key",
    "parent",
    "parent_external_key",
    "owner",
    "tier",
    "title",
    "description",
    "metric",
    "unit",
    "baseline",
    "target",
    "direction",
    "current",
    "weight",
    "due_date",
    "visibility",
    "rollup",
}
REQUIRED_COLUMNS = {"owner", "title", "metric", "target"}
# The read-only columns of a cascade export, so that an exported file can be edited and imported.
EXPORT_ONLY_COLUMNS = frozenset({"id", "level", "owner_id", "status", "progress", "rolled_up_progress", "open_flags"})
# Cells copied onto the goal as text; the model's fields parse and check them.
VALUE_COLUMNS = (
    "title",
    "description",
    "metric",
    "unit",
    "baseline",
    "target",
    "direction",
    "current",
    "weight",
    "due_date",
    "visibility",
    "rollup",
)
MODEL_FIELDS = (*VALUE_COLUMNS, "external_key", "tier")
REFRESH_BATCH = 500


@dataclass
class GoalsImportResult:
    created: list[tuple[int, Goal]] = field(default_factory=list)


@dataclass
class _Row:
    line: int
    goal: Goal
    parent: Goal | None = None  # a goal already in Cascade
    parent_line: int | None = None  # a goal of this file


# Progress of a long import: progress(phase, done, total), phase "checking" then "writing".
Progress = Callable[[str, int, int], None]
PROGRESS_EVERY = 500


def _no_progress(phase: str, done: int, total: int) -> None:
    pass


def goals_import(*, actor: Person, cycle: Cycle, text: str, progress: Progress = _no_progress) -> GoalsImportResult:
    """Create every goal in the CSV ``text`` in ``cycle``; raises ImportRejected listing bad rows.

    ``progress`` hears how far it got (an import job shows it while a worker runs it).
    """
    _require_open_cycle(cycle)
    rows = read_csv_rows(text, columns=GOAL_COLUMNS, required=REQUIRED_COLUMNS, ignored=EXPORT_ONLY_COLUMNS)
    parent_ids = _parent_ids(rows)
    parent_keys = {values.get("parent_external_key") for _, values in rows if values} - {None, ""}
    keyed_parents = Goal.objects.filter(cycle=cycle, external_key__in=parent_keys).values_list("pk", flat=True)
    with mptt_tree_lock(Goal, [*parent_ids, *keyed_parents], new_tree=True):
        parsed, errors = _parse(actor, cycle, rows, parent_ids, progress)
        if errors:
            raise ImportRejected([{"row": line, "errors": dict(found)} for line, found in errors.items()])
        return _write(actor, cycle, parsed, progress)


def _parent_ids(rows) -> list[int]:
    ids = (parse_id((values or {}).get("parent")) for _, values in rows)
    return [pk for pk in ids if pk is not None]


def _parse(actor: Person, cycle: Cycle, rows, parent_ids: list[int], progress: Progress = _no_progress):
    errors: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    usernames = {values["owner"] for _, values in rows if values and values.get("owner")}
    owners = {person.username: person for person in Person.objects.filter(username__in=usernames)}
    # A goal the actor may not see is, to this import, a goal that does not exist: the same message for both.
    parents_by_id = Goal.objects.visible_to(actor).select_related("owner", "cycle").in_bulk(parent_ids)
    keys = {values.get(name) for _, values in rows if values for name in ("external_key", "parent_external_key")}
    keys.discard("")
    keys.discard(None)
    taken_keys = {
        goal.external_key: goal
        for goal in Goal.objects.filter(cycle=cycle, external_key__in=keys).select_related("owner", "cycle")
    }
    existing_keys = {key: goal for key, goal in taken_keys.items() if actor.has_perm("goals.view_goal", goal)}

    parsed: dict[int, _Row] = {}
    line_of_key: dict[str, int] = {}
    pending_parent_keys: dict[int, str] = {}
    for done, (line, values) in enumerate(rows):
        if done % PROGRESS_EVERY == 0:
            progress("checking", done, len(rows))
        if values is None:
            errors[line]["file"].append("This row has more values than the header has columns.")
            continue
        row_errors = errors[line]
        owner = owners.get(values["owner"])
        if owner is None:
            row_errors["owner"].append(f"There is nobody with username {values['owner']!r}.")
        tier = values.get("tier", "").lower() or (TIER_FOR_ROLE.get(owner.role) if owner else None)
        if owner is not None and tier is None:
            row_errors["owner"].append(f"{owner.full_name} has no sales role, so cannot own goals.")
        elif tier is not None and tier not in Tier.values:
            row_errors["tier"].append(f"Unknown tier {values['tier']!r}; use one of {', '.join(Tier.values)}.")
        if owner is not None and tier == Tier.CORPORATE and not actor.has_perm("goals.add_corporate_objective"):
            row_errors["tier"].append("Only executives create corporate objectives.")
        if owner is not None and not actor.has_perm("goals.add_goal_for", owner):
            row_errors["owner"].append(
                f"You can draft goals for yourself and for people under you only, not for {owner.full_name}."
            )

        goal = Goal(cycle=cycle, owner=owner, tier=tier or "", status=Status.DRAFT)
        for name in VALUE_COLUMNS:
            if values.get(name):
                setattr(goal, name, values[name])
        goal.external_key = values.get("external_key", "")
        row = _Row(line=line, goal=goal)

        key = goal.external_key
        if key:
            if key in line_of_key:
                row_errors["external_key"].append(f"{key!r} is already on row {line_of_key[key]}.")
            elif key in taken_keys:
                # Never the goal's id or title: it may be a private goal the actor may not see.
                row_errors["external_key"].append(
                    f"{key!r} is already the external key of a goal in {cycle.name}; give this goal another one."
                )
            else:
                line_of_key[key] = line

        parent_id, parent_key = values.get("parent", ""), values.get("parent_external_key", "")
        if parent_id and parent_key:
            # An exported row names its parent both ways; the key then decides (it finds the parent in this cycle).
            by_id = parents_by_id.get(parse_id(parent_id))
            if by_id is None or by_id.external_key != parent_key:
                row_errors["parent"].append(
                    f"Goal {parent_id} does not have the external key {parent_key!r}; give the parent one way only."
                )
            parent_id = ""
        if parent_id:
            parent = parents_by_id.get(parse_id(parent_id))
            if parent is None:
                row_errors["parent"].append(missing_parent_message(parent_id))
            else:
                row.parent = parent
        elif parent_key and not row_errors.get("parent"):
            if parent_key in existing_keys:
                row.parent = existing_keys[parent_key]
            else:
                pending_parent_keys[line] = parent_key
        if row.parent is not None:
            goal.parent = row.parent
            _collect(row_errors, lambda row=row: _validate_parent(actor, row.parent))
        if (row.parent is not None or line in pending_parent_keys) and tier == Tier.CORPORATE:
            row_errors["parent"].append("A corporate objective is the top of its cascade: it has no parent.")

        _collect(row_errors, lambda goal=goal: goal.clean_fields(exclude=["cycle", "owner", "parent", "tier"]))
        # clean() compares numbers and dates: a cell that did not parse goes back to the field's default
        # first (its error is already listed), so the other checks still run on real values.
        for name in VALUE_COLUMNS:
            if row_errors.get(name):
                setattr(goal, name, Goal._meta.get_field(name).get_default())
        if not values.get("direction") and not row_errors.get("baseline") and not row_errors.get("target"):
            goal.direction = direction_implied_by(goal.baseline, goal.target)
        if owner is not None and tier in Tier.values:
            _collect(row_errors, goal.clean)
        if goal.current is None or not values.get("current"):
            goal.current = goal.baseline if isinstance(goal.baseline, Decimal) else Decimal(0)
        parsed[line] = row

    for line, key in pending_parent_keys.items():
        if key not in line_of_key:
            errors[line]["parent_external_key"].append(
                f"No goal has external key {key!r}, in {cycle.name} or in this file."
            )
        else:
            parsed[line].parent_line = line_of_key[key]
    _check_loops(parsed, errors)
    return parsed, {line: found for line, found in errors.items() if found}


def missing_parent_message(raw_id: str) -> str:
    """One message for a parent that does not exist and one the actor may not see (no private goal shows)."""
    return f"There is no goal with id {raw_id!r}."


def _collect(row_errors, check) -> None:
    try:
        check()
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            row_errors[name].extend(messages)


def _check_loops(parsed: dict[int, _Row], errors) -> None:
    for line, row in parsed.items():
        seen = [line]
        current = row.parent_line
        while current is not None and current not in seen:
            seen.append(current)
            current = parsed[current].parent_line if current in parsed else None
        if current is not None:
            loop = " → ".join(f"row {number}" for number in [*seen[seen.index(current) :], current])
            errors[line]["parent_external_key"].append(f"These parents would form a loop: {loop}.")


def _write(
    actor: Person, cycle: Cycle, parsed: dict[int, _Row], progress: Progress = _no_progress
) -> GoalsImportResult:
    nodes = {
        line: NewNode(
            fields={
                "cycle": cycle,
                "owner": row.goal.owner,
                "status": Status.DRAFT,
                **{name: getattr(row.goal, name) for name in MODEL_FIELDS},
            }
        )
        for line, row in parsed.items()
    }
    roots: list[tuple[NewNode, Goal | None]] = []
    for line, row in parsed.items():
        if row.parent_line is not None:
            nodes[row.parent_line].children.append(nodes[line])
        else:
            roots.append((nodes[line], row.parent))
    # A new goal has only new sub-goals, so its roll-up is known before it goes in.
    for line, value in _new_rollups(parsed).items():
        nodes[line].fields["rolled_up_progress"] = value

    result = GoalsImportResult()
    with transaction.atomic():
        written = 0
        progress("writing", 0, len(parsed))
        for root, parent in roots:
            nodes_in = insert_subtree(Goal, root, parent=parent)
            before, written = written, written + len(nodes_in)
            if written // PROGRESS_EVERY != before // PROGRESS_EVERY:
                progress("writing", written, len(parsed))
        existing_parents = sorted({parent.pk for _, parent in roots if parent is not None})
        for start in range(0, len(existing_parents), REFRESH_BATCH):
            refresh_rollups_upward(existing_parents[start : start + REFRESH_BATCH])
        result.created = [(line, nodes[line].instance) for line in parsed]
        record_changes((goal for _, goal in result.created), actor=actor, reason="Imported from CSV", created=True)
        goals_changed.send(
            sender=Goal,
            goal_ids={goal.pk for _, goal in result.created} | set(existing_parents),
            cycle_ids={cycle.pk},
        )
    return result


def _new_rollups(parsed: dict[int, _Row]) -> dict[int, float]:
    depth: dict[int, int] = {}

    def depth_of(line: int) -> int:
        chain = []
        while line not in depth and line is not None:
            chain.append(line)
            line = parsed[line].parent_line
        known = -1 if line is None else depth[line]
        for number in reversed(chain):
            known += 1
            depth[number] = known
        return depth[chain[0]] if chain else known

    return rolled_up_progress(
        RollupNode(
            id=line,
            parent_id=row.parent_line,
            level=depth_of(line),
            own_progress=row.goal.progress,
            weight=float(row.goal.weight),
            manual=row.goal.rollup == Rollup.MANUAL,
            counted=row.goal.visibility == Visibility.COMPANY,
        )
        for line, row in parsed.items()
    )
