"""A private goal shows to its owner's chain and staff, and through no list, search, tree, export or id to others.

The rep's private draft "Quiet bet on Globex" sits under the west manager's goal, with a check-in, a flag,
a feed, and a company-visible sub-goal of its own. Every read below is asked by the west manager (in the
chain: the title must show, so the check can fail) and by the peer rep and the east manager (outside it:
neither the title nor the goal's id may show).
"""

import re

import pytest
from django.test import Client

from goals.models import Visibility
from tests.factories import GoalFactory
from tests.security.company import Company

pytestmark = pytest.mark.django_db

SECRET = "Quiet bet on Globex"


@pytest.fixture
def company(people, cycle, cascade):
    company = Company(people, cycle, cascade)
    company.checkin  # noqa: B018 - built for the check-in and flag lists
    company.flag  # noqa: B018
    company.feed  # noqa: B018
    return company


def reads(c: Company) -> dict[str, str]:
    """Every place the private goal could surface, by name."""
    cycle, under = c.cycle.pk, c.cascade.manager.pk
    return {
        "goal list": f"/api/goals/?cycle={cycle}&page_size=500",
        "goal search": "/api/goals/?search=Globex",
        "goal list by parent": f"/api/goals/?parent={under}",
        "subtree of the parent": f"/api/goals/{under}/subtree/",
        "flags": f"/api/flags/?cycle={cycle}",
        "export as JSON": f"/api/cycles/{cycle}/export/?format=json",
        "export as CSV": f"/api/cycles/{cycle}/export/?format=csv",
        "pace of the cycle": f"/api/cycles/{cycle}/pace/",
        "feeds": "/api/feeds/",
        "explorer sub-goals": f"/goals/{under}/subgoals/",
        "alignment map": f"/goals/{under}/map/",
        "parent page": f"/goals/{under}/",
    }


def client_for(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


def shows_private_goal(response, goal) -> bool:
    text = response.content.decode()
    return SECRET in text or re.search(rf'"(id|goal|pk)":\s*{goal.pk}\b|/goals/{goal.pk}/', text) is not None


@pytest.mark.parametrize("outsider", ["peer_rep", "other_manager"])
def test_no_read_shows_a_private_goal_to_people_outside_its_chain(company, outsider):
    goal = company.private_goal
    manager, stranger = client_for(company.people.manager), client_for(getattr(company.people, outsider))
    unseen_by_manager, leaks = [], []
    for name, url in reads(company).items():
        seen = manager.get(url)
        assert seen.status_code == 200, (name, seen.status_code)
        if not shows_private_goal(seen, goal):
            unseen_by_manager.append(name)
        answer = stranger.get(url)
        if answer.status_code == 200 and shows_private_goal(answer, goal):
            leaks.append(name)
    assert not unseen_by_manager, f"The owner's manager should see the private goal in: {unseen_by_manager}"
    assert not leaks, f"The private goal leaks to {outsider} through: {leaks}"


def test_a_goal_under_a_private_goal_hides_its_parent_from_outsiders(company):
    child = GoalFactory(
        cycle=company.cycle,
        owner=company.people.rep,
        parent=company.private_goal,
        title="Globex pilot",
        visibility=Visibility.COMPANY,
    )
    peer = client_for(company.people.peer_rep)

    detail = peer.get(f"/api/goals/{child.pk}/").json()
    path = peer.get(f"/api/goals/{child.pk}/path/")

    assert detail["parent"] is None and detail["parent_is_hidden"] is True
    assert not shows_private_goal(path, company.private_goal)
    manager_view = client_for(company.people.manager).get(f"/api/goals/{child.pk}/").json()
    assert manager_view["parent"] == company.private_goal.pk
