"""The main navigation: one list every page's header is drawn from.

To add a page to the header, append a ``NavItem`` to ``MAIN_NAVIGATION`` (keep the
order people read the product in). ``url_name`` is what the link points at;
``active_for`` lists the URL namespaces or view names under which the item is shown as
the current page (defaults to the namespace of ``url_name``); ``shown_to`` hides the
item from people it is of no use to.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    active_for: tuple[str, ...] = field(default=())
    shown_to: Callable | None = None

    @property
    def matches(self) -> tuple[str, ...]:
        if self.active_for:
            return self.active_for
        return (self.url_name.split(":")[0],) if ":" in self.url_name else (self.url_name,)


def manages_someone(person) -> bool:
    """People with reports (and admins) review goals; reps have no approval queue."""
    return person.is_staff or person.get_descendant_count() > 0


MAIN_NAVIGATION: list[NavItem] = [
    NavItem("Home", "home", active_for=("home",)),
    NavItem(
        "Explorer",
        "goals:explorer-default",
        active_for=("goals:explorer-default", "goals:explorer", "goals:detail", "goals:create", "goals:edit"),
    ),
    NavItem("Map", "goals:map-default", active_for=("goals:map-default", "goals:map")),
    NavItem("Approvals", "goals:approvals", active_for=("goals:approvals",), shown_to=manages_someone),
    NavItem("Workshop", "workshop:board-default", active_for=("workshop",)),
    NavItem("Assumptions", "assumptions:board", active_for=("assumptions",)),
    NavItem("Alignment", "alignment:health-default", active_for=("alignment",)),
    NavItem("Cabinet", "cabinet:home", active_for=("cabinet",)),
    NavItem("Plans", "territories:home", active_for=("territories",)),
    NavItem(
        "Integrations",
        "integrations:overview",
        active_for=("integrations:overview", "integrations:connection-create", "integrations:connection-edit"),
        shown_to=lambda person: person.is_staff,
    ),
    NavItem("Audit", "audit:trail", active_for=("audit",), shown_to=lambda person: person.is_staff),
]


def navigation_for(request) -> list[dict]:
    """The header's links for this request, with the current one marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    match = getattr(request, "resolver_match", None)
    here = {match.view_name, match.namespace} if match else set()
    items = []
    for item in MAIN_NAVIGATION:
        if item.shown_to is not None and not item.shown_to(user):
            continue
        items.append({"label": item.label, "url": reverse(item.url_name), "active": bool(here & set(item.matches))})
    return items
