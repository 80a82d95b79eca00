"""Lists, detail pages and trees cost the same number of queries whatever their size (no N+1)."""

import pytest

from tests.factories import AlignmentFlagFactory, AssumptionFactory, CheckInFactory, GoalFactory, PersonFactory

pytestmark = pytest.mark.django_db

# The ceilings asserted below; the same for 5 goals as for 30.
GOAL_LIST_QUERIES = 3  # count, page (with owner, cycle, flag counts, hidden parents), linked assumptions
FILTERED_GOAL_LIST_QUERIES = 4  # and one to check that the ?parent= goal is one the caller may see
GOAL_DETAIL_QUERIES = 2  # the goal, its linked assumptions
SUBTREE_QUERIES = 5  # the goal and its assumptions, the descendants, their flag counts, their assumptions
PEOPLE_LIST_QUERIES = 2  # count, page
FLAG_LIST_QUERIES = 2
CHECKIN_LIST_QUERIES = 3  # the goal, count, page
EXPORT_QUERIES = 2  # the cycle, the rows


def make_goals(cascade, people, count: int) -> None:
    assumption = AssumptionFactory(cycle=cascade.manager.cycle, owner=people.ceo)
    for number in range(count):
        goal = GoalFactory(
            cycle=cascade.manager.cycle, owner=people.rep, parent=cascade.manager, title=f"Deal {number}"
        )
        goal.assumptions.add(assumption)
        AlignmentFlagFactory(goal=goal)


@pytest.mark.parametrize("count", [5, 30])
def test_the_goal_list_costs_the_same_queries_for_5_or_30_goals(
    api_as, people, cascade, count, django_assert_max_num_queries
):
    make_goals(cascade, people, count)
    client = api_as(people.peer_rep)
    with django_assert_max_num_queries(GOAL_LIST_QUERIES):
        response = client.get("/api/goals/?page_size=500")
    assert response.json()["count"] == count + 5


@pytest.mark.parametrize("count", [5, 30])
def test_a_filtered_and_searched_goal_list_is_bounded_too(
    api_as, people, cascade, count, django_assert_max_num_queries
):
    make_goals(cascade, people, count)
    client = api_as(people.manager)
    with django_assert_max_num_queries(FILTERED_GOAL_LIST_QUERIES):
        response = client.get(f"/api/goals/?parent={cascade.manager.pk}&flag=orphan&search=Deal&page_size=500")
    assert response.json()["count"] == count


def test_a_goal_costs_two_queries(api_as, people, cascade, django_assert_max_num_queries):
    make_goals(cascade, people, 3)
    with django_assert_max_num_queries(GOAL_DETAIL_QUERIES):
        response = api_as(people.rep).get(f"/api/goals/{cascade.manager.pk}/")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 30])
def test_a_subtree_costs_the_same_queries_whatever_its_size(
    api_as, people, cascade, count, django_assert_max_num_queries
):
    make_goals(cascade, people, count)
    with django_assert_max_num_queries(SUBTREE_QUERIES):
        response = api_as(people.rep).get(f"/api/goals/{cascade.objective.pk}/subtree/")
    assert len(response.json()["children"][0]["children"][0]["children"]) == count + 2


@pytest.mark.parametrize("count", [5, 30])
def test_the_people_list_is_bounded(api_as, people, count, django_assert_max_num_queries):
    for _ in range(count):
        PersonFactory(manager=people.manager)
    with django_assert_max_num_queries(PEOPLE_LIST_QUERIES):
        response = api_as(people.rep).get("/api/people/?page_size=500")
    assert response.json()["count"] == count + 8


@pytest.mark.parametrize("count", [5, 30])
def test_the_flag_list_is_bounded(api_as, people, cascade, count, django_assert_max_num_queries):
    make_goals(cascade, people, count)
    with django_assert_max_num_queries(FLAG_LIST_QUERIES):
        response = api_as(people.rep).get("/api/flags/?open=true&page_size=500")
    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [5, 30])
def test_the_checkin_list_is_bounded(api_as, people, cascade, count, django_assert_max_num_queries):
    for _ in range(count):
        CheckInFactory(goal=cascade.rep)
    with django_assert_max_num_queries(CHECKIN_LIST_QUERIES):
        response = api_as(people.rep).get(f"/api/goals/{cascade.rep.pk}/checkins/?page_size=500")
    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [5, 30])
def test_the_cascade_export_is_bounded(api_as, people, cascade, count, django_assert_max_num_queries):
    make_goals(cascade, people, count)
    with django_assert_max_num_queries(EXPORT_QUERIES):
        response = api_as(people.rep).get(f"/api/cycles/{cascade.rep.cycle_id}/export/?format=csv")
    assert response.content.decode().count("\r\n") == count + 6


# --- assumptions, challenges, threads, change requests -----------------------------------

ASSUMPTION_LIST_QUERIES = 3  # count, page (with challenge counts), the visible linked goals
ASSUMPTION_REVISIONS_QUERIES = 5  # the assumption and its goals, count, page (with authors), visible goal ids
CHALLENGE_LIST_QUERIES = 3  # count, page (endorsement counts, endorsed by me), visible change requests
FILTERED_CHALLENGE_LIST_QUERIES = 5  # and the ?assumption= and ?cycle= checks
COMMENT_THREAD_QUERIES = 3  # the ?challenge= check, count, page
CHANGE_REQUEST_LIST_QUERIES = 2  # count, page


def make_assumption_world(cascade, people, count: int):
    """``count`` assumptions, each challenged with endorsements, proposed changes and a nested thread."""
    from tests.factories import ChallengeFactory, ChangeRequestFactory, CommentFactory, EndorsementFactory

    cycle = cascade.manager.cycle
    first_challenge = None
    for number in range(count):
        assumption = AssumptionFactory(cycle=cycle, owner=people.cro, statement=f"Assumption {number:03}")
        assumption.goals.add(cascade.manager, cascade.rep)
        challenge = ChallengeFactory(assumption=assumption, author=people.rep)
        first_challenge = first_challenge or challenge
        EndorsementFactory(challenge=challenge, person=people.manager)
        EndorsementFactory(challenge=challenge, person=people.peer_rep)
        ChangeRequestFactory(challenge=challenge, goal=cascade.rep)
        ChangeRequestFactory(challenge=challenge, goal=cascade.peer)
    comment = None
    for number in range(count):
        comment = CommentFactory(challenge=first_challenge, author=people.rep, parent=comment if number % 3 else None)
    return first_challenge


@pytest.mark.parametrize("count", [5, 30])
def test_the_assumption_list_is_bounded(api_as, people, cascade, count, django_assert_max_num_queries):
    make_assumption_world(cascade, people, count)
    with django_assert_max_num_queries(ASSUMPTION_LIST_QUERIES):
        response = api_as(people.rep).get("/api/assumptions/?page_size=500")
    assert response.json()["count"] == count
    assert all(len(row["goals"]) == 2 for row in response.json()["results"])


@pytest.mark.parametrize("count", [5, 30])
def test_an_assumptions_history_is_bounded(api_as, people, cascade, count, django_assert_max_num_queries):
    client = api_as(people.cro)
    created = client.post(
        "/api/assumptions/", {"cycle": cascade.rep.cycle_id, "statement": "Churn stays low"}, format="json"
    ).json()
    for number in range(count):
        goals = [cascade.rep.pk] if number % 2 else [cascade.manager.pk]
        client.patch(f"/api/assumptions/{created['id']}/", {"rationale": f"r{number}", "goals": goals}, format="json")
    with django_assert_max_num_queries(ASSUMPTION_REVISIONS_QUERIES):
        response = api_as(people.rep).get(f"/api/assumptions/{created['id']}/revisions/?page_size=500")
    assert response.json()["count"] == count + 1


@pytest.mark.parametrize("count", [5, 30])
def test_the_challenge_list_is_bounded(api_as, people, cascade, count, django_assert_max_num_queries):
    make_assumption_world(cascade, people, count)
    with django_assert_max_num_queries(CHALLENGE_LIST_QUERIES):
        response = api_as(people.other_rep).get("/api/challenges/?page_size=500")
    assert response.json()["count"] == count
    assert all(row["endorsement_count"] == 2 for row in response.json()["results"])


@pytest.mark.parametrize("count", [5, 30])
def test_a_filtered_challenge_list_is_bounded(api_as, people, cascade, count, django_assert_max_num_queries):
    challenge = make_assumption_world(cascade, people, count)
    url = f"/api/challenges/?assumption={challenge.assumption_id}&cycle={cascade.rep.cycle_id}&status=open"
    with django_assert_max_num_queries(FILTERED_CHALLENGE_LIST_QUERIES):
        response = api_as(people.rep).get(url)
    assert response.json()["count"] == 1


@pytest.mark.parametrize("count", [5, 30])
def test_a_comment_thread_is_bounded(api_as, people, cascade, count, django_assert_max_num_queries):
    challenge = make_assumption_world(cascade, people, count)
    with django_assert_max_num_queries(COMMENT_THREAD_QUERIES):
        response = api_as(people.rep).get(f"/api/comments/?challenge={challenge.pk}&page_size=500")
    assert response.json()["count"] == count


@pytest.mark.parametrize("count", [5, 30])
def test_the_change_request_list_is_bounded(api_as, people, cascade, count, django_assert_max_num_queries):
    make_assumption_world(cascade, people, count)
    with django_assert_max_num_queries(CHANGE_REQUEST_LIST_QUERIES):
        response = api_as(people.manager).get("/api/change-requests/?mine=true&page_size=500")
    assert response.json()["count"] == count * 2
