"""Every room people live in, at the projector's width (1366) and a phone's (390): it opens, runs no
failing script, and never makes the whole page scroll sideways.

Each visit saves a screenshot of what a person sees first (the viewport, not the whole page). With
``CASCADE_SCREENSHOTS_DIR`` set they go there as JPEGs: ``tools/readme_screenshots.py`` uses this to
refresh the README's gallery (docs/screenshots/rooms/) from the demo company.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from assumptions.models import Assumption, Challenge
from cabinet.models import CommitteeQuestion
from goals.models import Cycle, Goal
from territories.models import TerritoryPlan
from tests.browser.conftest import PHONE, SCREENSHOTS

PROJECTOR = {"width": 1366, "height": 768}
WIDTHS = {"desktop": PROJECTOR, "phone": PHONE}


@dataclass(frozen=True)
class Room:
    name: str
    who: str
    path: Callable[[], str]
    caption: str


def active_cycle() -> Cycle:
    return Cycle.objects.get(phase="active")


def rep_goal() -> Goal:
    return Goal.objects.filter(owner__username="alex.rivera", cycle__phase="active", metric="new ARR").first()


def challenged_assumption() -> Assumption:
    return Assumption.objects.filter(challenges__isnull=False).distinct().order_by("pk").first()


ROOMS = [
    Room("home", "jordan.blake", lambda: "/", "Home: a manager's to-do list, goals and check-in"),
    Room("explorer", "marcus.oyelaran", lambda: "/explorer/", "The cascade explorer"),
    Room("map", "marcus.oyelaran", lambda: f"/cycles/{active_cycle().pk}/map/", "The alignment map"),
    Room("goal", "alex.rivera", lambda: rep_goal().get_absolute_url(), "A rep's goal page"),
    Room("draft", "alex.rivera", lambda: "/goals/new/", "Drafting a goal"),
    Room("approvals", "jordan.blake", lambda: "/approvals/", "The approval queue"),
    Room("workshop", "marcus.oyelaran", lambda: "/workshop/", "The workshop board"),
    Room("alignment", "marcus.oyelaran", lambda: "/alignment/", "Alignment health"),
    Room("assumptions", "alex.rivera", lambda: "/assumptions/", "The assumptions board"),
    Room("assumption", "alex.rivera", lambda: challenged_assumption().get_absolute_url(), "An assumption"),
    Room(
        "challenge",
        "jordan.blake",
        lambda: Challenge.objects.order_by("pk").first().get_absolute_url(),
        "A challenge thread",
    ),
    Room("strategy-room", "marcus.oyelaran", lambda: "/cabinet/strategy-room/", "The strategy room"),
    Room(
        "cabinet-question",
        "marcus.oyelaran",
        lambda: CommitteeQuestion.objects.order_by("pk").first().get_absolute_url(),
        "A committee question with the cabinet's recommendations",
    ),
    Room(
        "territory-plan",
        "alex.rivera",
        lambda: TerritoryPlan.objects.get(owner__username="alex.rivera", cycle__phase="active").get_absolute_url(),
        "A territory plan",
    ),
    Room("notifications", "alex.rivera", lambda: "/notifications/", "Notifications"),
    Room("audit", "admin", lambda: "/audit/", "The audit trail"),
]


def save_view(page, name: str) -> None:
    """The viewport as the person sees it first: a JPEG for the README when asked, a PNG artifact otherwise."""
    page.evaluate("window.scrollTo(0, 0)")
    wanted = os.environ.get("CASCADE_SCREENSHOTS_DIR")
    if wanted:
        Path(wanted).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(wanted) / f"{name}.jpg"), type="jpeg", quality=72)
    else:
        (SCREENSHOTS / "rooms").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "rooms" / f"{name}.png"))


@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_room_opens_and_fits(open_page, demo_company, width):
    viewport = WIDTHS[width]
    pages = {}
    problems = []
    for room in ROOMS:
        if room.who not in pages:
            pages[room.who] = open_page(room.who, viewport=viewport)
        page = pages[room.who]
        errors_before = len(page.javascript_errors)
        response = page.goto(room.path())
        page.wait_for_load_state("networkidle")
        if response is None or response.status != 200:
            problems.append(f"{room.name}: HTTP {response and response.status}")
            continue
        overflow = page.evaluate("document.documentElement.scrollWidth") - viewport["width"]
        if overflow > 0:
            problems.append(f"{room.name}: the page scrolls {overflow} px sideways")
        if not page.locator("main h1").first.is_visible():
            problems.append(f"{room.name}: no visible heading")
        if len(page.javascript_errors) > errors_before:
            problems.append(f"{room.name}: script errors {page.javascript_errors[errors_before:]}")
        save_view(page, room.name if width == "desktop" else f"{room.name}-phone")
    assert problems == [], "\n".join(problems)
