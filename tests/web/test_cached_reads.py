"""What many people read comes from the cache, shared only between people who see the same goals,
and a write shows on the next read (goals/cache.py)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goals import cache as goals_cache
from goals.alignment import scan_cycle
from goals.models import Visibility
from goals.services import checkin_create, goal_create
from tests.factories import GoalFactory
from tests.web.conftest import htmx

pytestmark = pytest.mark.django_db


def subgoals(client, goal):
    with CaptureQueriesContext(connection) as queries:
        response = htmx(client.get, f"/goals/{goal.pk}/subgoals/")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_level_of_the_explorer_is_read_once_then_served_from_the_cache(client, people, cascade):
    client.force_login(people.rep)
    first, cold = subgoals(client, cascade.manager)
    again, warm = subgoals(client, cascade.manager)

    assert again == first
    assert "Riley new ARR" in first
    assert warm < cold


def test_people_who_see_the_same_goals_share_a_cached_level(client, people, cascade):
    client.force_login(people.rep)
    subgoals(client, cascade.manager)
    client.force_login(people.peer_rep)
    _, queries = subgoals(client, cascade.manager)

    # the session, the person, the goal and its visibility check: nothing about the level itself
    assert queries <= 4


def test_a_new_goal_shows_on_the_next_read_of_its_level(client, people, cascade, cycle):
    client.force_login(people.peer_rep)
    subgoals(client, cascade.manager)
    goal_create(
        actor=people.rep,
        cycle=cycle,
        owner=people.rep,
        parent=cascade.manager,
        title="Open the Denver office",
        metric="offices",
        target=Decimal(1),
    )

    html, _ = subgoals(client, cascade.manager)

    assert "Open the Denver office" in html


def test_a_check_in_shows_on_the_next_read_of_the_levels_above(client, people, cascade):
    client.force_login(people.peer_rep)
    before, _ = subgoals(client, cascade.manager)
    checkin_create(actor=people.rep, goal=cascade.rep, value=Decimal(150_000), confidence="on_track")

    after, _ = subgoals(client, cascade.manager)

    assert after != before
    assert 'aria-valuenow="75"' in after


def test_a_private_goal_cached_for_its_manager_never_reaches_others(client, people, cascade, cycle):
    secret = GoalFactory(
        cycle=cycle, owner=people.rep, parent=cascade.manager, title="Leave for a competitor", visibility="private"
    )
    client.force_login(people.manager)
    html, _ = subgoals(client, cascade.manager)
    assert secret.title in html

    client.force_login(people.peer_rep)
    html, _ = subgoals(client, cascade.manager)
    assert secret.title not in html

    client.force_login(people.other_manager)
    html, _ = subgoals(client, cascade.manager)
    assert secret.title not in html


def test_whoever_may_see_a_private_goal_reads_a_cache_entry_of_their_own(people, cascade, cycle):
    GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.manager, visibility=Visibility.PRIVATE)

    assert goals_cache.viewer_scope(people.staff) == "staff"
    assert goals_cache.viewer_scope(people.peer_rep) == "company"
    assert goals_cache.viewer_scope(people.other_manager) == "company"
    assert goals_cache.viewer_scope(people.rep) == f"person:{people.rep.pk}"
    assert goals_cache.viewer_scope(people.manager) == f"person:{people.manager.pk}"
    assert goals_cache.viewer_scope(people.ceo) == f"person:{people.ceo.pk}"


def test_the_explorer_first_view_follows_a_new_corporate_objective(client, people, cascade, cycle):
    client.force_login(people.rep)
    url = f"/cycles/{cycle.pk}/explorer/"
    client.get(url)
    goal_create(
        actor=people.ceo,
        cycle=cycle,
        owner=people.ceo,
        tier="corporate",
        title="Enter Japan",
        metric="revenue",
        target=Decimal(5),
    )

    response = client.get(url)

    assert "Enter Japan" in [goal.title for goal in response.context["objectives"]]


def test_alignment_health_counts_the_flags_of_the_latest_scan(client, people, cascade, cycle):
    scan_cycle(cycle.pk)
    client.force_login(people.rep)
    url = f"/alignment/{cycle.pk}/"
    before = client.get(url).context["health"].open_flags
    GoalFactory(cycle=cycle, owner=people.rep, title="Orphan")  # no parent: the scan flags it
    result = scan_cycle(cycle.pk)

    after = client.get(url).context["health"].open_flags

    assert after == result.open_flags > before


def test_the_version_moves_again_once_the_write_commits(people, cascade, django_capture_on_commit_callbacks):
    start = goals_cache.version()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        checkin_create(actor=people.rep, goal=cascade.rep, value=Decimal(10), confidence="on_track")
    during = goals_cache.version()
    for callback in callbacks:
        callback()

    assert start < during < goals_cache.version()
    assert len(callbacks) >= 1


def test_signing_in_leaves_the_cache_alone(client, people, cascade):
    start = goals_cache.version()
    client.login(username=people.rep.username, password="password")
    assert goals_cache.version() == start


def test_cached_pages_cost_a_fixed_number_of_queries(client, people, cascade, cycle, django_assert_max_num_queries):
    client.force_login(people.peer_rep)
    explorer, health = f"/cycles/{cycle.pk}/explorer/", f"/alignment/{cycle.pk}/"
    for url in (explorer, health):
        client.get(url)
    htmx(client.get, f"/goals/{cascade.manager.pk}/subgoals/")
    with django_assert_max_num_queries(5):  # session, person, cycle, cycles, unread notifications
        client.get(explorer)
    with django_assert_max_num_queries(4):  # session, person, the goal (visibility check)
        htmx(client.get, f"/goals/{cascade.manager.pk}/subgoals/")
    with django_assert_max_num_queries(6):
        client.get(health)
