"""A private corporate objective never shows in the decision log, pickers or drift to those who may not see it."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from goals.models import Goal, Visibility
from goals.services import goal_move
from tests.factories import CorporateObjectiveFactory, GoalFactory
from tests.workshop.conftest import GAPS_AGREED, reload
from workshop.models import Decision
from workshop.services import decision_log, workshop_allocate, workshop_close, workshop_map, workshop_unmap

pytestmark = pytest.mark.django_db

SECRET = "Acquire Contoso quietly"


@pytest.fixture
def secret(people, workshop):
    """The CEO's private objective: the CRO, below the CEO, may not see it; staff may."""
    return CorporateObjectiveFactory(
        cycle=workshop.cycle, owner=people.ceo, title=SECRET, target=Decimal(500_000), visibility=Visibility.PRIVATE
    )


def api_for(person) -> APIClient:
    client = APIClient()
    client.force_authenticate(person)
    return client


def test_mapping_under_a_private_objective_logs_it_by_its_owner_only(people, workshop, secret):
    workshop_map(actor=people.staff, goal=reload(workshop.unmapped), objective=secret)
    workshop_unmap(actor=people.staff, goal=reload(workshop.unmapped))
    texts = [decision.text for decision in Decision.objects.order_by("id")]
    assert texts == [
        "Mapped Expansion ARR (Robin Revenue) under a private objective of Casey Chief.",
        "Took Expansion ARR (Robin Revenue) off a private objective of Casey Chief.",
    ]


def test_splitting_a_private_objectives_target_logs_it_by_its_owner_only(people, workshop, secret):
    GoalFactory(cycle=workshop.cycle, owner=people.cro, parent=secret, title="Contoso ARR", target=Decimal(1))
    workshop_allocate(actor=people.ceo, objective=reload(secret), method="even")
    [decision] = Decision.objects.all()
    assert SECRET not in decision.text
    assert decision.text.startswith("Split a private objective of Casey Chief ($500,000")


def test_decisions_about_a_private_objective_are_not_listed_to_others(people, workshop, secret):
    decision_log(actor=people.ceo, cycle=workshop.cycle, text="Contoso talks start in March.", objective=secret)
    decision_log(actor=people.ceo, cycle=workshop.cycle, text="APAC waits a year.")
    url = f"/api/workshop/decisions/?cycle={workshop.cycle.pk}"
    seen_by_rep = api_for(people.rep).get(url).json()
    assert [row["text"] for row in seen_by_rep["results"]] == ["APAC waits a year."]
    assert seen_by_rep["count"] == 1
    assert api_for(people.ceo).get(url).json()["count"] == 2
    assert api_for(people.staff).get(url).json()["count"] == 2
    hidden = Decision.objects.get(objective=secret)
    assert api_for(people.rep).get(f"/api/workshop/decisions/{hidden.pk}/").status_code == 404


def test_the_board_shows_no_private_objective_to_others(client, people, workshop, secret):
    decision_log(actor=people.ceo, cycle=workshop.cycle, text="Contoso talks start in March.", objective=secret)
    client.force_login(people.cro)  # an executive: sees the decision form and its objective picker
    html = client.get(f"/workshop/{workshop.cycle.pk}/").content.decode()
    assert SECRET not in html
    assert "Contoso talks" not in html
    client.force_login(people.ceo)
    assert SECRET in client.get(f"/workshop/{workshop.cycle.pk}/").content.decode()


def test_a_decision_cannot_name_a_private_objective_out_of_sight(people, workshop, secret):
    response = api_for(people.cro).post(
        "/api/workshop/decisions/", {"cycle": workshop.cycle.pk, "text": "x", "objective": secret.pk}
    )
    assert response.status_code == 400 and "objective" in response.json()


def test_drift_hides_the_id_of_a_private_parent(people, workshop, secret):
    baseline = workshop_close(actor=people.ceo, cycle=workshop.cycle, reason=GAPS_AGREED)
    goal_move(actor=people.staff, goal=reload(workshop.unmapped), parent=reload(secret))
    body = api_for(people.rep).get(f"/api/workshop/drift/?cycle={workshop.cycle.pk}").json()
    [moved] = [row for row in body["changes"] if row["kind"] == "parent_changed"]
    assert (moved["current_parent"], moved["current_parent_is_hidden"]) == (None, True)
    assert (moved["baseline_parent"], moved["baseline_parent_is_hidden"]) == (None, False)
    assert secret.pk not in [row["current_parent"] for row in body["changes"]]
    assert baseline.goals.filter(goal_pk=secret.pk).exists()
    seen_by_ceo = api_for(people.ceo).get(f"/api/workshop/drift/?cycle={workshop.cycle.pk}").json()
    [moved] = [row for row in seen_by_ceo["changes"] if row["kind"] == "parent_changed"]
    assert (moved["current_parent"], moved["current_parent_is_hidden"]) == (secret.pk, False)


def test_goal_list_agrees_with_drift(people, workshop, secret):
    goal_move(actor=people.staff, goal=reload(workshop.unmapped), parent=reload(secret))
    row = api_for(people.rep).get(f"/api/goals/{workshop.unmapped.pk}/").json()
    assert (row["parent"], row["parent_is_hidden"]) == (None, True)
    assert Goal.objects.get(pk=workshop.unmapped.pk).parent_id == secret.pk
