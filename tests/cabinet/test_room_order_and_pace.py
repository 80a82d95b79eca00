"""The strategy room sorts and filters its objectives by pace and forecast, on the page and in the API."""

import pytest

from cabinet.strategy_room import elapsed_share
from goals.models import Goal
from tests.clock import TEST_TODAY
from tests.factories import CorporateObjectiveFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def objectives(people, cycle):
    """Three objectives a quarter of the way in terms of the cycle's elapsed share: ahead, behind and off pace."""
    elapsed = elapsed_share(cycle, TEST_TODAY)
    made = {}
    for title, progress in [("Ahead", elapsed + 0.2), ("Off pace", elapsed * 0.1), ("Behind", elapsed - 0.08)]:
        goal = CorporateObjectiveFactory(cycle=cycle, owner=people.ceo, title=title)
        Goal.objects.filter(pk=goal.pk).update(rolled_up_progress=max(0.0, progress))
        made[title] = goal
    return made


def titles_on_page(client, person, cycle, query=""):
    client.force_login(person)
    response = client.get(f"/cabinet/strategy-room/?cycle={cycle.pk}{query}")
    assert response.status_code == 200
    return [room.objective.title for room in response.context["room"].shown], response


def titles_in_api(client, person, cycle, query=""):
    client.force_login(person)
    response = client.get(f"/api/cabinet/strategy-room/?cycle={cycle.pk}{query}")
    return response


def test_by_default_every_objective_shows_in_the_cascades_order(client, people, cycle, objectives):
    shown, _ = titles_on_page(client, people.rep, cycle)
    assert sorted(shown) == ["Ahead", "Behind", "Off pace"]


def test_furthest_behind_first_and_lowest_forecast_first(client, people, cycle, objectives):
    assert titles_on_page(client, people.rep, cycle, "&order=behind")[0] == ["Off pace", "Behind", "Ahead"]
    assert titles_on_page(client, people.rep, cycle, "&order=forecast")[0] == ["Off pace", "Behind", "Ahead"]


def test_only_the_trailing_objectives_and_the_summary_still_counts_all(client, people, cycle, objectives):
    shown, response = titles_on_page(client, people.rep, cycle, "&pace=trailing&order=behind")
    assert shown == ["Off pace", "Behind"]
    assert len(response.context["room"].objectives) == 3
    assert titles_on_page(client, people.rep, cycle, "&pace=on_pace")[0] == ["Ahead"]


def test_a_bad_choice_is_shown_beside_its_field_and_the_room_stays_whole(client, people, cycle, objectives):
    shown, response = titles_on_page(client, people.rep, cycle, "&order=fastest")
    assert sorted(shown) == ["Ahead", "Behind", "Off pace"]
    assert "Select a valid choice" in response.content.decode()


def test_the_api_orders_and_filters_the_same_way(client, people, cycle, objectives):
    response = titles_in_api(client, people.rep, cycle, "&pace=trailing&order=forecast")
    assert response.status_code == 200
    assert [row["title"] for row in response.json()["objectives"]] == ["Off pace", "Behind"]


def test_the_api_answers_a_bad_choice_with_400_and_the_field(client, people, cycle, objectives):
    response = titles_in_api(client, people.rep, cycle, "&pace=slow")
    assert response.status_code == 400
    assert "pace" in response.json()
