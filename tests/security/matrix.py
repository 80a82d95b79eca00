"""The permission matrix's machinery: who asks, how a cell is asked, and how an answer is written down.

A row is one route (by its URL name) with the object it is about and, for each HTTP method it
answers, the outcome expected for each of the seven people in ``ROLES``, written as seven words
in that order, e.g. ``get="login 200 404 200 404 200 200"``:

- a status code: ``200``, ``201``, ``204``, ``302`` (a form post done, or a redirect that is not to
  the sign-in page), ``400`` (allowed, but the body was refused), ``401``, ``403`` (the rules refuse),
  ``404`` (the person may not even learn the object exists), ``405``, ``409`` (allowed, but the
  object's state forbids it);
- ``login``: a 302 to the sign-in page (pages, for anonymous visitors).

Every cell runs in a savepoint that is rolled back, so one row's cells never see each other's writes.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse

# The seven people of a row, in the order its cells are written. ``owner`` is the row's owner
# (the rep unless the row says otherwise); the others are fixed people of the small company:
# another rep in the same team, the owner's manager, a manager of another team, an executive
# above them all but the CEO, and a staff administrator.
ROLES = ("anonymous", "owner", "peer", "manager", "elsewhere", "executive", "staff")
PEOPLE = {
    "peer": "peer_rep",
    "manager": "manager",
    "elsewhere": "other_manager",
    "executive": "cro",
    "staff": "staff",
}
METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Row:
    """One route's expected outcomes, per method and person."""

    route: str
    expect: dict[str, str]
    kwargs: Callable[[Any], dict] = lambda company: {}
    owner: str = "rep"
    bodies: dict[str, Callable[[Any], dict] | dict] = field(default_factory=dict)
    query: str = ""
    variant: str = ""

    @property
    def id(self) -> str:
        return f"{self.route}[{self.variant}]" if self.variant else self.route

    def cells(self) -> dict[str, list[str]]:
        return {method: words.split() for method, words in self.expect.items()}


def row(route: str, *, kwargs=None, owner="rep", bodies=None, query="", variant="", **expect: str) -> Row:
    unknown = set(expect) - set(METHODS)
    assert not unknown, f"{route}: no such method {unknown}"
    for method, words in expect.items():
        assert len(words.split()) == len(ROLES), f"{route} {method}: {len(words.split())} cells, not {len(ROLES)}"
    return Row(
        route=route,
        expect=expect,
        kwargs=kwargs or (lambda company: {}),
        owner=owner,
        bodies=bodies or {},
        query=query,
        variant=variant,
    )


def person_for(company, row: Row, role: str):
    if role == "anonymous":
        return None
    if role == "owner":
        return getattr(company.people, row.owner)
    return getattr(company.people, PEOPLE[role])


def outcome(response) -> str:
    if response.status_code == 302 and response["Location"].startswith(reverse(settings.LOGIN_URL)):
        return "login"
    return str(response.status_code)


def ask(client: Client, method: str, url: str, body: dict, *, api: bool):
    """One request, in a savepoint rolled back afterwards."""
    with transaction.atomic():
        if method == "get":
            response = client.get(url)
        elif api:
            response = getattr(client, method)(url, body, content_type="application/json")
        elif method == "post":
            response = client.post(url, body)
        else:
            response = getattr(client, method)(url)
        transaction.set_rollback(True)
    return response


def observe(company, row: Row) -> dict[str, list[str]]:
    """Ask every cell of the row; the outcomes, in the row's own shape."""
    url = reverse(row.route, kwargs=row.kwargs(company)) + (f"?{row.query}" if row.query else "")
    api = url.startswith("/api/")
    clients = {}
    for role in ROLES:
        client = Client()
        person = person_for(company, row, role)
        if person is not None:
            client.force_login(person)
        clients[role] = client
    seen = {}
    for method in row.expect:
        body = row.bodies.get(method, {})
        body = body(company) if callable(body) else body
        seen[method] = [outcome(ask(clients[role], method, url, body, api=api)) for role in ROLES]
    return seen


def differences(row: Row, seen: dict[str, list[str]]) -> list[str]:
    wrong = []
    for method, expected in row.cells().items():
        for role, want, got in zip(ROLES, expected, seen[method], strict=True):
            if want != got:
                wrong.append(f"{method.upper()} as {role}: expected {want}, got {got}")
    return wrong
