"""The cascade explorer: one level at a time, search and filters, the alignment map; nothing private leaks."""

import json

import pytest

from goals.models import AlignmentFlag, Goal, Tier, Visibility
from goals.selectors import alignment_map
from tests.factories import AlignmentFlagFactory, GoalFactory
from tests.web.conftest import htmx

pytestmark = pytest.mark.django_db


def explorer_url(demo, query: str = "") -> str:
    return f"/cycles/{demo.cycle.pk}/explorer/{query}"


def test_the_explorer_opens_on_the_current_cycle(client, demo):
    client.force_login(demo.rep)
    response = client.get("/explorer/")
    assert response.status_code == 302
    assert response["Location"] == explorer_url(demo)


def test_the_first_level_shows_the_corporate_objectives_only(client, demo):
    client.force_login(demo.rep)
    response = client.get(explorer_url(demo))
    html = response.content.decode()
    objectives = Goal.objects.filter(cycle=demo.cycle, tier=Tier.CORPORATE)
    for objective in objectives:
        assert objective.title in html
    assert demo.rep_goal.title not in html  # deeper levels load on demand
    assert [goal.pk for goal in response.context["objectives"]] == [goal.pk for goal in objectives]


def test_opening_a_goal_loads_its_sub_goals_with_owner_progress_and_flags(client, demo):
    AlignmentFlagFactory(goal=demo.rep_goal, kind="stale_progress", message="No check-in for 40 days.")
    client.force_login(demo.manager)
    response = htmx(client.get, f"/goals/{demo.manager_goal.pk}/subgoals/")
    html = response.content.decode()
    assert demo.rep_goal.title in html
    assert demo.rep.full_name in html
    assert "Stale progress" in html
    assert 'aria-valuenow="' in html


def test_long_levels_come_a_page_at_a_time(client, demo, settings):
    parent = demo.manager_goal
    for number in range(55):
        GoalFactory(cycle=demo.cycle, owner=demo.rep, parent=parent, title=f"Extra goal {number}")
    client.force_login(demo.manager)
    first = htmx(client.get, f"/goals/{parent.pk}/subgoals/")
    assert len(first.context["nodes"]) == 50
    assert "?offset=50" in first.context["more_url"]
    rest = htmx(client.get, first.context["more_url"])
    assert len(rest.context["nodes"]) == parent.get_children().count() - 50
    assert rest.context["more_url"] == ""


def test_search_finds_goals_by_owner_name(client, demo):
    client.force_login(demo.cro)
    response = client.get(explorer_url(demo), {"q": "alex rivera"})
    titles = {goal.title for goal in response.context["results"]}
    assert titles == set(Goal.objects.filter(cycle=demo.cycle, owner=demo.rep).values_list("title", flat=True))


def test_filters_by_region_tier_and_status_combine(client, demo):
    client.force_login(demo.cro)
    response = client.get(explorer_url(demo), {"region": demo.rep.region, "tier": "rep", "status": "submitted"})
    results = list(response.context["results"])
    assert results
    assert all(g.owner.region == demo.rep.region and g.tier == "rep" and g.status == "submitted" for g in results)


def test_flagged_only_shows_goals_with_open_flags(client, demo):
    AlignmentFlag.objects.all().delete()  # seed_demo's own scan flagged the demo's misalignments
    AlignmentFlagFactory(goal=demo.rep_goal, kind="stale_progress", message="No check-in for 40 days.")
    client.force_login(demo.cro)
    response = client.get(explorer_url(demo), {"flagged": "on"})
    assert [goal.pk for goal in response.context["results"]] == [demo.rep_goal.pk]


def test_search_as_you_type_returns_only_the_results_area(client, demo):
    client.force_login(demo.cro)
    response = htmx(client.get, explorer_url(demo), {"q": "Boston"}, target="explorer-body")
    html = response.content.decode()
    assert "<html" not in html
    assert "match" in html


def test_a_bad_filter_value_is_shown_next_to_the_filter(client, demo):
    client.force_login(demo.cro)
    response = client.get(explorer_url(demo), {"tier": "emperor"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice. emperor is not one of the available choices." in html
    assert 'id="id_tier_error"' in html


def test_private_goals_stay_out_of_the_tree_counts_and_search(client, demo):
    secret = GoalFactory(
        cycle=demo.cycle,
        owner=demo.rep,
        parent=demo.manager_goal,
        title="Secret side project",
        visibility=Visibility.PRIVATE,
    )
    client.force_login(demo.peer_rep)
    subgoals = htmx(client.get, f"/goals/{demo.manager_goal.pk}/subgoals/").content.decode()
    assert "Secret side project" not in subgoals
    search = client.get(explorer_url(demo), {"q": "secret"})
    assert list(search.context["results"]) == []
    level = client.get(f"/goals/{demo.manager_goal.parent_id}/subgoals/").context["nodes"]
    visible_count = next(node.subgoal_count for node in level if node.pk == demo.manager_goal.pk)
    assert visible_count == demo.manager_goal.get_children().exclude(pk=secret.pk).count()
    client.force_login(demo.manager)
    assert "Secret side project" in htmx(client.get, f"/goals/{demo.manager_goal.pk}/subgoals/").content.decode()


def test_goals_outside_the_objectives_trees_are_listed_apart(client, demo):
    client.force_login(demo.cro)
    response = client.get(explorer_url(demo))
    unlinked = Goal.objects.filter(cycle=demo.cycle, parent__isnull=True).exclude(tier=Tier.CORPORATE)
    assert response.context["unlinked_count"] == unlinked.count() > 0
    group = htmx(client.get, f"/cycles/{demo.cycle.pk}/explorer/unlinked/")
    assert {goal.pk for goal in group.context["nodes"]} == set(unlinked.values_list("pk", flat=True))
    elsewhere = htmx(client.get, f"/cycles/{demo.cycle.pk}/explorer/elsewhere/")
    assert all(goal.parent.cycle_id != demo.cycle.pk for goal in elsewhere.context["nodes"])
    assert "Under:" in elsewhere.content.decode()


def test_focus_opens_the_tree_down_to_a_goal(client, demo):
    client.force_login(demo.rep)
    response = client.get(explorer_url(demo), {"focus": demo.rep_goal.pk})
    html = response.content.decode()
    assert 'class="tree-node tree-node--rep is-focused"' in html
    for ancestor in demo.rep_goal.get_ancestors():
        assert ancestor.title in html


def test_the_alignment_map_is_bounded_and_says_what_was_left_out(demo):
    objective = demo.rep_goal.get_root()
    tree = alignment_map(objective, demo.cro, limit=8)
    assert tree["node_count"] <= 8

    def walk(node):
        yield node
        for child in node["children"]:
            yield from walk(child)

    nodes = list(walk(tree))
    assert len(nodes) == tree["node_count"]
    cut_short = [node for node in nodes if node["subgoal_count"] > len(node["children"])]
    assert cut_short  # deeper levels are left for the map to load on demand


def test_the_alignment_map_data_leaves_out_private_goals(client, demo):
    GoalFactory(
        cycle=demo.cycle, owner=demo.rep, parent=demo.rep_goal, title="Private detail", visibility=Visibility.PRIVATE
    )
    client.force_login(demo.peer_rep)
    response = client.get(f"/goals/{demo.rep_goal.pk}/map/")
    data = json.loads(response.content)
    assert data["children"] == []
    assert data["subgoal_count"] == 0
    assert "Private detail" not in response.content.decode()


def test_a_private_goal_has_no_map_for_others(client, demo):
    secret = GoalFactory(cycle=demo.cycle, owner=demo.rep, parent=demo.manager_goal, visibility=Visibility.PRIVATE)
    client.force_login(demo.peer_rep)
    assert client.get(f"/goals/{secret.pk}/map/").status_code == 404
    assert client.get(f"/goals/{secret.pk}/subgoals/").status_code == 404


def test_explorer_pages_cost_a_fixed_number_of_queries(client, demo, django_assert_max_num_queries):
    client.force_login(demo.rep)
    objective = demo.rep_goal.get_root()
    executive = demo.manager_goal.parent
    with django_assert_max_num_queries(10):
        client.get(explorer_url(demo))
    for level in (objective, executive, demo.manager_goal):
        with django_assert_max_num_queries(6):
            htmx(client.get, f"/goals/{level.pk}/subgoals/")
    with django_assert_max_num_queries(10):  # 9, and the header's unread notification count
        client.get(explorer_url(demo), {"q": "new", "tier": "rep"})
    with django_assert_max_num_queries(18):
        client.get(explorer_url(demo), {"focus": demo.rep_goal.pk})
    with django_assert_max_num_queries(15):
        client.get(f"/goals/{objective.pk}/map/")
