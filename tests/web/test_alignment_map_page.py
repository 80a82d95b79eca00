"""The alignment map's own page, its search for a goal to focus, and the path to the top in its data."""

import json

import pytest

from goals.models import Goal, Tier, Visibility
from goals.selectors import MAP_SEARCH_RESULTS, alignment_map
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def search(client, demo, query: str) -> list[dict]:
    response = client.get(f"/cycles/{demo.cycle.pk}/map/search/", {"q": query})
    assert response.status_code == 200
    return json.loads(response.content)["results"]


def test_the_map_page_opens_on_the_first_objective_with_every_objective_to_pick(client, demo):
    client.force_login(demo.cro)
    response = client.get(f"/cycles/{demo.cycle.pk}/map/")
    html = response.content.decode()
    objectives = list(Goal.objects.filter(cycle=demo.cycle, tier=Tier.CORPORATE).order_by("tree_id"))
    assert response.context["map_goal_id"] == objectives[0].pk
    assert f'data-initial-goal="{objectives[0].pk}"' in html
    for objective in objectives:
        assert f'<option value="{objective.pk}"' in html
    assert 'id="map-fit"' in html and 'id="map-export-svg"' in html and 'id="map-export-png"' in html
    assert "css/map.css" in html and "js/alignment-map.js" in html


def test_the_header_links_to_the_map_of_the_current_cycle(client, demo):
    client.force_login(demo.rep)
    html = client.get("/").content.decode()
    assert '<a href="/map/">Map</a>' in html
    response = client.get("/map/", {"map": demo.rep_goal.pk})
    assert response["Location"] == f"/cycles/{demo.cycle.pk}/map/?map={demo.rep_goal.pk}"
    html = client.get(response["Location"]).content.decode()
    assert '<a href="/map/" aria-current="page" class="is-active">Map</a>' in html


def test_the_map_page_opens_on_the_goal_in_the_address_and_the_explorer_links_to_it(client, demo):
    client.force_login(demo.rep)
    response = client.get(f"/cycles/{demo.cycle.pk}/map/", {"map": demo.manager_goal.pk})
    assert response.context["map_goal_id"] == demo.manager_goal.pk
    explorer = client.get(f"/cycles/{demo.cycle.pk}/explorer/").content.decode()
    assert f'href="/cycles/{demo.cycle.pk}/map/"' in explorer and 'id="map-full-screen"' in explorer


def test_the_map_data_carries_the_path_to_the_top(client, demo):
    tree = alignment_map(demo.rep_goal, demo.rep)
    assert [step["id"] for step in tree["ancestors"]] == [goal.pk for goal in demo.rep_goal.get_ancestors()]
    assert tree["ancestors"][0]["tier"] == Tier.CORPORATE
    assert tree["parent_id"] == demo.rep_goal.parent_id
    assert tree["started"] is True  # the active cycle: progress colours mean something


def test_the_path_to_the_top_stops_below_a_goal_the_viewer_may_not_see(demo):
    secret = GoalFactory(
        cycle=demo.cycle, owner=demo.rep, parent=demo.rep_goal, title="Quiet step", visibility=Visibility.PRIVATE
    )
    below = GoalFactory(cycle=demo.cycle, owner=demo.rep, parent=secret, title="Below the quiet step")
    tree = alignment_map(below, demo.peer_rep)
    assert tree["ancestors"] == [] and tree["parent_id"] is None
    assert "Quiet step" not in json.dumps(tree)


def test_goals_in_a_cycle_before_it_runs_are_drawn_as_not_started(demo):
    objective = Goal.objects.filter(cycle=demo.workshop_cycle, tier=Tier.CORPORATE).first()
    assert alignment_map(objective, demo.cro)["started"] is False


def test_search_finds_goals_by_title_and_owner_and_opens_the_map_on_their_parent(client, demo):
    client.force_login(demo.manager)
    [found] = [row for row in search(client, demo, demo.rep_goal.title) if row["id"] == demo.rep_goal.pk]
    assert found["map_root"] == demo.rep_goal.parent_id and found["owner"] == demo.rep.full_name
    by_owner = search(client, demo, demo.rep.full_name)
    assert demo.rep_goal.pk in [row["id"] for row in by_owner]
    assert search(client, demo, "   ") == []


def test_search_is_bounded_and_leaves_out_private_goals(client, demo):
    for number in range(MAP_SEARCH_RESULTS + 5):
        GoalFactory(cycle=demo.cycle, owner=demo.rep, parent=demo.rep_goal, title=f"Zebra push {number}")
    GoalFactory(cycle=demo.cycle, owner=demo.rep, title="Zebra secret", visibility=Visibility.PRIVATE)
    client.force_login(demo.peer_rep)
    results = search(client, demo, "zebra")
    assert len(results) == MAP_SEARCH_RESULTS
    assert all("secret" not in row["title"] for row in results)


def test_map_pages_cost_a_fixed_number_of_queries(client, demo, django_assert_max_num_queries):
    for number in range(30):
        GoalFactory(cycle=demo.cycle, owner=demo.rep, parent=demo.rep_goal, title=f"Extra push {number}")
    client.force_login(demo.rep)
    with django_assert_max_num_queries(10):  # 5 once the objectives are cached
        client.get(f"/cycles/{demo.cycle.pk}/map/")
    with django_assert_max_num_queries(6):
        client.get(f"/cycles/{demo.cycle.pk}/map/search/", {"q": "push"})
    with django_assert_max_num_queries(15):
        client.get(f"/goals/{demo.rep_goal.pk}/map/")
