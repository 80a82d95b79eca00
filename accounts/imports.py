"""Bulk import of people from CSV: all rows or none, with every bad row reported.

A row names a person by ``username`` and their manager by the manager's username, who
may be in Cascade already or anywhere in the same file. Usernames already in Cascade are
updated with the columns the file has; the others are created. The whole import runs
under the people tree's write lock; new people go in a subtree at a time.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.models import Function, Person, Role
from core.bulk_tree import NewNode, insert_subtree
from core.csv_files import read_csv_rows
from core.exceptions import ImportRejected
from core.history import attribute_change, record_changes
from core.locks import mptt_tree_lock

PEOPLE_COLUMNS = {
    "username",
    "full_name",
    "first_name",
    "last_name",
    "email",
    "role",
    "manager",
    "region",
    "function",
    "job_title",
    "password",
}
TEXT_FIELDS = ("first_name", "last_name", "email", "region", "job_title")


@dataclass
class PeopleImportResult:
    created: list[tuple[int, Person]] = field(default_factory=list)
    updated: list[tuple[int, Person]] = field(default_factory=list)


@dataclass
class _Row:
    line: int
    values: dict[str, str]
    person: Person
    is_new: bool
    manager_username: str | None  # None: no manager; the username otherwise
    manager_changed: bool = False
    password: str = ""


def people_import(*, actor: Person, text: str) -> PeopleImportResult:
    """Create or update everyone in the CSV ``text``; raises ImportRejected listing bad rows."""
    if not actor.has_perm("accounts.add_person"):
        raise PermissionDenied("Only admins import people.")
    rows = read_csv_rows(text, columns=PEOPLE_COLUMNS, required={"username"})
    with mptt_tree_lock(Person, [], new_tree=True):
        # The lock on new trees serialises imports; each tree we write is locked below.
        directory = {username: (pk, manager_id) for pk, username, manager_id in _directory()}
        usernames = {values["username"] for _, values in rows if values}
        referenced = {values.get("manager") for _, values in rows if values and values.get("manager")}
        wanted = [directory[name][0] for name in (usernames | referenced) if name in directory]
        with mptt_tree_lock(Person, wanted):
            existing = {person.username: person for person in Person.objects.filter(pk__in=wanted)}
            parsed, errors = _parse(rows, existing, directory)
            _check_managers(parsed, existing, directory, errors)
            if errors:
                raise ImportRejected([{"row": line, "errors": found} for line, found in errors.items()])
            return _write(actor, parsed, existing)


def _directory():
    return Person.objects.order_by().values_list("pk", "username", "manager__username")


def _parse(rows, existing: dict[str, Person], directory) -> tuple[dict[str, _Row], dict[int, dict[str, list[str]]]]:
    errors: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    parsed: dict[str, _Row] = {}
    seen: dict[str, int] = {}
    for line, values in rows:
        if values is None:
            errors[line]["file"].append("This row has more values than the header has columns.")
            continue
        username = values["username"]
        if not username:
            errors[line]["username"].append("Every row needs a username.")
            continue
        if username in seen:
            errors[line]["username"].append(f"{username} is already on row {seen[username]}.")
            continue
        seen[username] = line
        person = existing.get(username)
        is_new = person is None
        if is_new:
            person = Person(username=username, role=Role.REP)
        for name in TEXT_FIELDS:
            if name in values:
                setattr(person, name, values[name])
        if values.get("full_name") and not ({"first_name", "last_name"} & values.keys()):
            first, _, last = values["full_name"].partition(" ")
            person.first_name, person.last_name = first, last.strip()
        role = values.get("role", "").lower()
        if role:
            if role not in Role.values:
                errors[line]["role"].append(f"Unknown role {values['role']!r}; use one of {', '.join(Role.values)}.")
            else:
                person.role = role
        function = values.get("function", "").lower().replace(" ", "_")
        if function:
            if function not in Function.values:
                errors[line]["function"].append(
                    f"Unknown function {values['function']!r}; use one of {', '.join(Function.values)}."
                )
            else:
                person.function = function
        if "manager" in values:
            manager_username = values["manager"] or None
        else:
            manager_username = None if is_new else directory[username][1]
        if manager_username == username:
            errors[line]["manager"].append("A person cannot be their own manager.")
            continue
        row = _Row(line=line, values=values, person=person, is_new=is_new, manager_username=manager_username)
        row.password = values.get("password", "")
        if row.password:
            try:
                validate_password(row.password, user=person)
            except ValidationError as error:
                errors[line]["password"].extend(error.messages)
        try:
            # Managers are checked across the whole file in _check_managers, usernames above.
            person.clean_fields(exclude=["password", "manager", "lft", "rght", "tree_id", "level"])
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors[line][name].extend(messages)
        parsed[username] = row
    return parsed, errors


def _check_managers(parsed: dict[str, _Row], existing: dict[str, Person], directory, errors) -> None:
    """Every manager exists (in Cascade or the file), manages people, and no chain loops."""
    final_manager = {username: manager for username, (_, manager) in directory.items()}
    final_manager.update({username: row.manager_username for username, row in parsed.items()})
    reports_of: dict[str, list[str]] = defaultdict(list)
    for person, manager in final_manager.items():
        if manager is not None:
            reports_of[manager].append(person)
    for username, row in parsed.items():
        name = row.manager_username
        row.manager_changed = row.is_new or directory[username][1] != name
        if not row.is_new and row.person.role not in (Role.MANAGER, Role.EXECUTIVE):
            reports = reports_of.get(username)
            if reports:
                errors[row.line]["role"].append(
                    f"{username} would still manage {', '.join(sorted(reports)[:5])}"
                    f"{' and others' if len(reports) > 5 else ''}; a {row.person.get_role_display().lower()} "
                    "cannot manage anyone, so give them another manager first."
                )
        if name is None:
            continue
        if name in parsed:
            role = parsed[name].person.role
        elif name in existing:
            role = existing[name].role
        else:
            errors[row.line]["manager"].append(f"There is nobody with username {name!r}, in Cascade or in this file.")
            continue
        if role not in (Role.MANAGER, Role.EXECUTIVE):
            errors[row.line]["manager"].append(f"{name} is not a manager or an executive, so cannot manage anyone.")
            continue
        chain, current = [username], name
        while current is not None and current not in chain:
            chain.append(current)
            current = final_manager.get(current)
        if current is not None:
            loop = " → ".join([*chain[chain.index(current) :], current])
            errors[row.line]["manager"].append(f"These managers would form a loop: {loop}.")


def _write(actor: Person, parsed: dict[str, _Row], existing: dict[str, Person]) -> PeopleImportResult:
    result = PeopleImportResult()
    with transaction.atomic():
        # New people, a subtree at a time under their manager (already in Cascade) or as a new chain.
        nodes: dict[str, NewNode] = {}
        for username, row in parsed.items():
            if row.is_new:
                person = row.person
                fields = {
                    "username": username,
                    "role": person.role,
                    "function": person.function,
                    "password": make_password(row.password or None),
                    **{name: getattr(person, name) for name in TEXT_FIELDS},
                }
                nodes[username] = NewNode(fields=fields)
        roots: list[tuple[NewNode, Person | None]] = []
        for username, node in nodes.items():
            manager = parsed[username].manager_username
            if manager in nodes:
                nodes[manager].children.append(node)
            else:
                roots.append((node, existing.get(manager) if manager else None))
        for node, manager in roots:
            insert_subtree(Person, node, parent=manager)
        for username, node in nodes.items():
            result.created.append((parsed[username].line, node.instance))
        record_changes((person for _, person in result.created), actor=actor, reason="Imported from CSV", created=True)

        # People already in Cascade: their details, then their place in the chain.
        for row in parsed.values():
            if row.is_new:
                continue
            person = row.person
            if row.password:
                person.set_password(row.password)
            if row.manager_changed:
                name = row.manager_username
                manager = (nodes[name].instance if name in nodes else existing.get(name)) if name else None
                person.refresh_from_db(fields=["lft", "rght", "tree_id", "level"])
                if manager is not None:
                    manager.refresh_from_db(fields=["lft", "rght", "tree_id", "level"])
                person.manager = manager
            attribute_change(person, actor, "Imported from CSV")
            person.save()
            result.updated.append((row.line, person))
    return result
