"""The approval queue: a manager approves or returns their people's goals, one by one or in bulk."""

import pytest

from goals.models import Goal, Status
from tests.web.conftest import htmx

pytestmark = pytest.mark.django_db


def waiting_for(manager):
    return Goal.objects.filter(owner__manager=manager, status=Status.SUBMITTED, cycle__phase="active")


def test_the_queue_lists_the_submitted_goals_of_the_managers_people(client, demo):
    client.force_login(demo.manager)
    response = client.get("/approvals/")
    assert {g.pk for g in response.context["page"]} == set(waiting_for(demo.manager).values_list("pk", flat=True))
    assert response.context["page"].object_list


def test_a_rep_has_nothing_to_approve_and_no_approvals_link(client, demo):
    client.force_login(demo.rep)
    response = client.get("/approvals/")
    assert list(response.context["page"]) == []
    assert ">Approvals</a>" not in response.content.decode()


def test_approving_one_goal_from_its_row(client, demo):
    goal = waiting_for(demo.manager).first()
    client.force_login(demo.manager)
    response = htmx(client.post, "/approvals/review/", {"goals": goal.pk, "decision": "approve"})
    goal.refresh_from_db()
    assert goal.status == Status.APPROVED
    assert "review-done" in response.content.decode()


def test_returning_one_goal_needs_a_reason(client, demo):
    goal = waiting_for(demo.manager).first()
    client.force_login(demo.manager)
    refused = htmx(client.post, "/approvals/review/", {"goals": goal.pk, "decision": "return", "reason": ""})
    assert "Say why the goals go back" in refused.content.decode()
    goal.refresh_from_db()
    assert goal.status == Status.SUBMITTED
    htmx(client.post, "/approvals/review/", {"goals": goal.pk, "decision": "return", "reason": "Aim higher"})
    goal.refresh_from_db()
    assert goal.status == Status.RETURNED
    assert goal.return_reason == "Aim higher"


def test_approving_in_bulk(client, demo):
    goals = list(waiting_for(demo.manager))
    assert len(goals) >= 2
    client.force_login(demo.manager)
    response = client.post("/approvals/review/", {"goals": [g.pk for g in goals], "decision": "approve"})
    assert response.status_code == 302
    assert not waiting_for(demo.manager).exists()
    assert f"Approved {len(goals)} goals." in client.get("/approvals/").content.decode()


def test_a_bulk_return_without_a_reason_keeps_the_selection_and_changes_nothing(client, demo):
    goals = list(waiting_for(demo.manager))
    client.force_login(demo.manager)
    response = client.post("/approvals/review/", {"goals": [g.pk for g in goals], "decision": "return"})
    html = response.content.decode()
    assert 'id="id_reason_error"' in html
    for goal in goals:
        assert f'name="goals" value="{goal.pk}" aria-label="Select {goal.title}" checked' in html
    assert waiting_for(demo.manager).count() == len(goals)


def test_nobody_reviews_goals_outside_their_queue(client, demo):
    goal = waiting_for(demo.manager).first()
    client.force_login(demo.other_manager)
    response = client.post("/approvals/review/", {"goals": [goal.pk], "decision": "approve"})
    assert "no longer waiting for you" in response.content.decode()
    goal.refresh_from_db()
    assert goal.status == Status.SUBMITTED


def test_the_queue_costs_a_fixed_number_of_queries(client, demo, django_assert_max_num_queries):
    client.force_login(demo.cro)  # everything under the CRO: the longest queue of the demo
    with django_assert_max_num_queries(6):
        response = client.get("/approvals/")
    assert len(response.context["page"].object_list) > 3
