"""The workshop pages cost a fixed number of queries, however large the cascade."""

import pytest
from django.urls import reverse

from goals.models import Goal
from tests.factories import CorporateObjectiveFactory, GoalFactory
from tests.workshop.conftest import GAPS_AGREED
from workshop.services import workshop_close

pytestmark = pytest.mark.django_db

BOARD_QUERIES = 14


@pytest.fixture
def big_workshop(people, workshop):
    """Eight more objectives, each with a dozen executive goals and teams under them; thirty goals unmapped."""
    for n in range(8):
        objective = CorporateObjectiveFactory(cycle=workshop.cycle, owner=people.ceo, title=f"Objective {n}")
        for m in range(12):
            goal = GoalFactory(cycle=workshop.cycle, owner=people.cro, parent=objective, title=f"Exec {n}.{m}")
            GoalFactory(cycle=workshop.cycle, owner=people.manager, parent=goal, title=f"Team {n}.{m}")
    for n in range(30):
        GoalFactory(cycle=workshop.cycle, owner=people.ceo, title=f"Unmapped {n}", status="draft")
    return workshop


def test_the_board_costs_the_same_for_a_large_cascade(client, people, workshop, django_assert_max_num_queries):
    client.force_login(people.ceo)
    url = reverse("workshop:board", args=[workshop.cycle.pk])
    with django_assert_max_num_queries(BOARD_QUERIES):
        assert client.get(url).status_code == 200


def test_the_board_of_a_large_cascade(client, people, big_workshop, django_assert_max_num_queries):
    client.force_login(people.ceo)
    url = reverse("workshop:board", args=[big_workshop.cycle.pk])
    with django_assert_max_num_queries(BOARD_QUERIES):
        html = client.get(url).content.decode()
    assert "Exec 7.11" in html and "Unmapped 29" in html and "Team 0.0" not in html


def test_mapping_by_htmx_costs_a_bounded_number_of_queries(client, people, big_workshop, django_assert_max_num_queries):
    client.force_login(people.ceo)
    goal = Goal.objects.get(title="Unmapped 3")
    with django_assert_max_num_queries(60):
        response = client.post(
            reverse("workshop:map", args=[big_workshop.cycle.pk]),
            {"goal": goal.pk, "objective": big_workshop.arr.pk},
            headers={"HX-Request": "true"},
        )
    assert 'id="count-unmapped">31<' in response.content.decode()


def test_baseline_and_drift_pages_cost_the_same_for_a_large_cascade(
    client, people, big_workshop, django_assert_max_num_queries
):
    workshop_close(actor=people.ceo, cycle=big_workshop.cycle, reason=GAPS_AGREED)
    Goal.objects.filter(cycle=big_workshop.cycle, title__startswith="Team").update(target=5)
    client.force_login(people.rep)
    with django_assert_max_num_queries(8):
        html = client.get(reverse("workshop:baseline", args=[big_workshop.cycle.pk])).content.decode()
    assert "Exec 7.11" in html
    with django_assert_max_num_queries(18):
        html = client.get(reverse("workshop:drift", args=[big_workshop.cycle.pk])).content.decode()
    assert 'id="drift-count-target_changed">96<' in html
