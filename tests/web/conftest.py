"""Fixtures for page tests: the demo company (Northwind Cloud, default size) and helpers."""

from types import SimpleNamespace

import pytest

from accounts.models import Person
from demo.builder import build_demo_company
from goals.models import Cycle, Goal, Phase


@pytest.fixture
def demo(db):
    """Northwind Cloud at its demo size (64 people, about 250 goals), with its well-known logins."""
    build_demo_company()
    people = {p.username: p for p in Person.objects.filter(username__in=DEMO_LOGINS)}
    active = Cycle.objects.get(phase=Phase.ACTIVE)
    rep = people["alex.rivera"]
    return SimpleNamespace(
        rep=rep,
        manager=people["jordan.blake"],
        cro=people["marcus.oyelaran"],
        admin=people["admin"],
        peer_rep=Person.objects.filter(manager=rep.manager).exclude(pk=rep.pk).order_by("pk").first(),
        other_manager=Person.objects.filter(role="manager").exclude(pk=rep.manager_id).order_by("pk").first(),
        cycle=active,
        workshop_cycle=Cycle.objects.get(phase=Phase.WORKSHOP),
        closed_cycle=Cycle.objects.get(phase=Phase.CLOSED),
        rep_goal=Goal.objects.get(cycle=active, owner=rep, metric="new ARR"),
        manager_goal=Goal.objects.get(cycle=active, owner=rep.manager, metric="new ARR", visibility="company"),
    )


DEMO_LOGINS = ["alex.rivera", "jordan.blake", "marcus.oyelaran", "admin"]


def htmx(client_method, url, data=None, target: str = "", **extra):
    """Call a page the way htmx does (HX-Request, and HX-Target when given)."""
    headers = {"HTTP_HX_REQUEST": "true", **({"HTTP_HX_TARGET": target} if target else {}), **extra}
    return client_method(url, data or {}, **headers)
