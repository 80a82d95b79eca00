"""Phasing, pace, forecast and scores over the API: shapes, every refusal, privacy and query ceilings."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from goals.models import Cycle, Goal, GoalPhasing, Phase, Status
from goals.quotas.services import goal_phasing_set
from goals.services import cycle_close
from tests.factories import GoalFactory
from tests.quotas.conftest import check_in, mid_q3

pytestmark = pytest.mark.django_db
D = Decimal

PACE_LIST_QUERIES = 3  # the cycle, count, page (pace computed in the same query)
SCORE_LIST_QUERIES = 3  # the cycle, count, page


def phasing_url(goal) -> str:
    return f"/api/goals/{goal.pk}/phasing/"


def test_an_unphased_goal_shows_its_straight_line(api_as, people, cascade):
    body = api_as(people.rep).get(phasing_url(cascade.rep)).json()

    assert body["is_phased"] is False and body["method"] == "" and body["weights"] == []
    assert body["planned_change"] == "200000.00"
    assert [p["label"] for p in body["periods"]] == ["Q1", "Q2", "Q3", "Q4"]
    assert sum(D(p["amount"]) for p in body["periods"]) == D(200_000)


def test_put_phases_a_goal_and_get_reads_it_back(api_as, people, cascade):
    client = api_as(people.manager)
    response = client.put(
        phasing_url(cascade.rep), {"method": "typed", "amounts": ["20000", "40000", "60000", "80000"]}, format="json"
    )

    assert response.status_code == 200, response.content
    body = client.get(phasing_url(cascade.rep)).json()
    assert body["is_phased"] is True and body["method"] == "typed" and body["set_by"] == people.manager.pk
    assert [p["amount"] for p in body["periods"]] == ["20000.00", "40000.00", "60000.00", "80000.00"]
    assert [p["due_by_end"] for p in body["periods"]][-1] == "200000.00"
    assert body["periods"][0]["start"] == cascade.rep.cycle.start.isoformat()


def test_months_and_seasonal_weights(api_as, people, cascade):
    weights = [1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3]
    response = api_as(people.manager).put(
        phasing_url(cascade.rep), {"method": "seasonal", "granularity": "month", "weights": weights}, format="json"
    )

    body = response.json()
    assert len(body["periods"]) == 12
    assert body["periods"][-1]["amount"] == "37500.00"  # 3 of 16


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({}, "method", "This field is required."),
        ({"method": "vibes"}, "method", '"vibes" is not a valid choice.'),
        ({"method": "even", "granularity": "week"}, "granularity", '"week" is not a valid choice.'),
        ({"method": "typed"}, "amounts", "Give a list of 4 amounts, one per period."),
        (
            {"method": "typed", "amounts": [1, 2]},
            "amounts",
            "Give one value per period: 4 quarters in this cycle, 2 given.",
        ),
        (
            {"method": "typed", "amounts": [50_000, 50_000, 50_000, 40_000]},
            "amounts",
            "The periods add up to $190,000, $10,000 short: they must add up to the $200,000 target exactly.",
        ),
        ({"method": "seasonal", "weights": [0, 0, 0, 0]}, "weights", "At least one period needs a weight above zero."),
        ({"method": "prior_cycle"}, "method", "There is no cycle before FY2027 to take last year's shape from."),
        ({"method": "parent"}, "method", "The parent goal is not phased yet: phase it first, or phase this goal."),
    ],
)
def test_bad_phasing_input_is_a_400_naming_the_field(api_as, people, cascade, payload, field, message):
    response = api_as(people.manager).put(phasing_url(cascade.rep), payload, format="json")

    assert response.status_code == 400
    assert message in str(response.json()[field])
    assert not GoalPhasing.objects.filter(goal=cascade.rep).exists()


def test_numbers_that_are_not_numbers_are_refused_per_period(api_as, people, cascade):
    response = api_as(people.manager).put(
        phasing_url(cascade.rep), {"method": "typed", "amounts": ["lots", 1, 1, "1.001"]}, format="json"
    )

    assert response.status_code == 400
    errors = response.json()["amounts"]
    assert set(errors) == {"0", "3"}


def test_phasing_is_refused_to_people_outside_the_chain(api_as, people, cascade):
    response = api_as(people.peer_rep).put(phasing_url(cascade.rep), {"method": "even"}, format="json")

    assert response.status_code == 403
    assert "managers" in response.json()["detail"]


def test_a_private_goal_is_404_to_people_outside_its_chain(api_as, people, cascade):
    Goal.objects.filter(pk=cascade.rep.pk).update(visibility="private")

    for url in (phasing_url(cascade.rep), f"/api/goals/{cascade.rep.pk}/pace/", f"/api/goals/{cascade.rep.pk}/score/"):
        assert api_as(people.other_rep).get(url).status_code == 404
    assert api_as(people.other_rep).put(phasing_url(cascade.rep), {"method": "even"}).status_code == 404


def test_a_closed_cycle_is_a_409(api_as, people, cascade, cycle):
    Cycle.objects.filter(pk=cycle.pk).update(phase=Phase.CLOSED)

    assert api_as(people.staff).put(phasing_url(cascade.rep), {"method": "even"}, format="json").status_code == 409
    assert api_as(people.staff).delete(phasing_url(cascade.rep)).status_code == 409


def test_delete_takes_the_phasing_away(api_as, people, cascade):
    goal_phasing_set(actor=people.manager, goal=cascade.rep, method="even")

    assert api_as(people.manager).delete(phasing_url(cascade.rep)).status_code == 204
    assert not GoalPhasing.objects.filter(goal=cascade.rep).exists()


def test_anonymous_callers_get_401(anonymous, cascade, cycle):
    for url in (phasing_url(cascade.rep), f"/api/goals/{cascade.rep.pk}/pace/", f"/api/cycles/{cycle.pk}/pace/"):
        assert anonymous.get(url).status_code == 401


# --- pace ------------------------------------------------------------------------------


def test_the_pace_of_a_goal(api_as, people, cascade, cycle, clock):
    clock.move_to(mid_q3(cycle))
    goal_phasing_set(actor=people.manager, goal=cascade.rep, method="seasonal", weights=[1, 2, 3, 4])
    check_in(cascade.rep, D(63_000), timezone.now())

    body = api_as(people.peer_rep).get(f"/api/goals/{cascade.rep.pk}/pace/").json()

    assert body["today"] == mid_q3(cycle).date().isoformat()
    assert body["expected_share"] == pytest.approx(0.45)
    assert (body["expected_value"], body["current"], body["forecast_value"]) == ("90000.00", "63000.00", "140000.00")
    assert body["forecast"] == pytest.approx(0.7)
    assert body["status"] == "behind"
    assert body["band_low"] is None and body["stretches"] == 1


def test_the_cycle_pace_list_filters_and_sorts_by_forecast(
    api_as, people, cascade, cycle, clock, django_assert_max_num_queries
):
    clock.move_to(mid_q3(cycle))
    for goal, value in ((cascade.rep, 150_000), (cascade.peer, 30_000), (cascade.manager, 200_000)):
        check_in(goal, D(value), timezone.now())
    client = api_as(people.manager)

    with django_assert_max_num_queries(PACE_LIST_QUERIES):
        rows = client.get(f"/api/cycles/{cycle.pk}/pace/").json()["results"]
    assert [row["title"] for row in rows] == [
        "Grow new ARR 30%",
        "New ARR from sales",
        "Pat new ARR",
        "West new ARR",
        "Riley new ARR",
    ]

    behind = client.get(f"/api/cycles/{cycle.pk}/pace/?status=behind&tier=rep").json()["results"]
    assert [row["title"] for row in behind] == ["Pat new ARR"]
    highest = client.get(f"/api/cycles/{cycle.pk}/pace/?ordering=-forecast&owner={people.rep.pk}").json()["results"]
    assert [row["title"] for row in highest] == ["Riley new ARR"]


@pytest.mark.parametrize("count", [5, 30])
def test_the_pace_list_costs_the_same_for_5_or_30_goals(
    api_as, people, cascade, cycle, count, django_assert_max_num_queries
):
    for number in range(count):
        goal = GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.manager, title=f"Deal {number}")
        goal_phasing_set(actor=people.manager, goal=goal, method="even", granularity="month")

    with django_assert_max_num_queries(PACE_LIST_QUERIES):
        response = api_as(people.manager).get(f"/api/cycles/{cycle.pk}/pace/?page_size=500")
    assert response.json()["count"] == count + 5


def test_bad_pace_list_filters_are_a_400(api_as, people, cycle):
    response = api_as(people.rep).get(f"/api/cycles/{cycle.pk}/pace/?status=sideways&ordering=title")

    assert response.status_code == 400
    assert set(response.json()) == {"status", "ordering"}
    assert api_as(people.rep).get("/api/cycles/999999/pace/").status_code == 404


def test_the_pace_list_leaves_out_private_goals_others_may_not_see(api_as, people, cascade, cycle):
    Goal.objects.filter(pk=cascade.rep.pk).update(visibility="private")

    titles = {row["title"] for row in api_as(people.other_rep).get(f"/api/cycles/{cycle.pk}/pace/").json()["results"]}

    assert "Riley new ARR" not in titles and "Pat new ARR" in titles


# --- scores ----------------------------------------------------------------------------


@pytest.fixture
def closed(people, cascade, cycle):
    Goal.objects.filter(pk=cascade.rep.pk).update(current=D(260_000))
    cycle_close(actor=people.staff, cycle=cycle)
    return cycle


def test_a_goals_score_and_its_retrospective(api_as, people, cascade, closed):
    url = f"/api/goals/{cascade.rep.pk}/score/"
    body = api_as(people.peer_rep).get(url).json()
    assert (body["outcome"], body["attainment"], body["score"]) == ("achieved", "1.3000", "1.2000")

    response = api_as(people.rep).put(url, {"retrospective": "Two big renewals landed early."}, format="json")
    assert response.status_code == 200
    assert response.json()["retrospective"] == "Two big renewals landed early."


def test_only_the_owner_writes_the_retrospective_not_even_an_admin(api_as, people, cascade, closed):
    url = f"/api/goals/{cascade.rep.pk}/score/"
    for other in (people.manager, people.staff):
        assert api_as(other).put(url, {"retrospective": "Mine to say?"}, format="json").status_code == 403


def test_bad_retrospectives_are_refused(api_as, people, cascade, closed):
    url = f"/api/goals/{cascade.rep.pk}/score/"
    too_long = api_as(people.rep).put(url, {"retrospective": "x" * 2001}, format="json")
    missing = api_as(people.rep).put(url, {}, format="json")

    assert too_long.status_code == 400 and "at most 2000 characters" in too_long.json()["retrospective"][0]
    assert missing.status_code == 400 and "retrospective" in missing.json()


def test_no_score_while_the_cycle_is_open(api_as, people, cascade):
    response = api_as(people.rep).get(f"/api/goals/{cascade.rep.pk}/score/")
    assert response.status_code == 404
    assert "has not closed" in response.json()["detail"]
    put = api_as(people.rep).put(f"/api/goals/{cascade.rep.pk}/score/", {"retrospective": "Early"}, format="json")
    assert put.status_code == 409


@pytest.mark.parametrize("count", [5, 30])
def test_the_cycle_scores_list(api_as, people, cascade, cycle, count, django_assert_max_num_queries):
    for number in range(count):
        GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.manager, title=f"Deal {number}", current=D(number))
    Goal.objects.filter(pk=cascade.peer.pk).update(visibility="private")
    cycle_close(actor=people.staff, cycle=cycle)

    with django_assert_max_num_queries(SCORE_LIST_QUERIES):
        body = api_as(people.other_rep).get(f"/api/cycles/{cycle.pk}/scores/?page_size=500").json()
    assert body["count"] == count + 4  # the peer's private goal is not listed
    missed = api_as(people.manager).get(f"/api/cycles/{cycle.pk}/scores/?outcome=missed&owner={people.peer_rep.pk}")
    assert [row["title"] for row in missed.json()["results"]] == ["Pat new ARR"]
    assert api_as(people.manager).get(f"/api/cycles/{cycle.pk}/scores/?outcome=maybe").status_code == 400


def test_the_schema_documents_the_quota_endpoints(api_as, people):
    paths = api_as(people.rep).get("/api/schema/?format=json").json()["paths"]

    for path in (
        "/api/goals/{id}/phasing/",
        "/api/goals/{id}/pace/",
        "/api/goals/{id}/score/",
        "/api/cycles/{id}/pace/",
        "/api/cycles/{id}/scores/",
    ):
        assert path in paths
    assert set(paths["/api/goals/{id}/phasing/"]) >= {"get", "put", "delete"}


def test_a_dropped_goal_has_no_pace(api_as, people, cycle):
    goal = GoalFactory(cycle=cycle, owner=people.rep, status=Status.DROPPED)

    body = api_as(people.rep).get(f"/api/goals/{goal.pk}/pace/").json()

    assert body["applies"] is False and body["forecast"] is None and body["status"] == ""


def test_the_pace_of_a_goal_after_its_cycle_ended_is_its_result(api_as, people, cascade, cycle, clock):
    clock.move_to(datetime.datetime.combine(cycle.end + datetime.timedelta(days=3), datetime.time(12), datetime.UTC))
    check_in(cascade.rep, D(170_000), timezone.now())

    body = api_as(people.rep).get(f"/api/goals/{cascade.rep.pk}/pace/").json()

    assert body["expected_share"] == 1 and body["forecast"] == pytest.approx(0.85)
