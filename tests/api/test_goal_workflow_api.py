"""Submit, approve and return over the API: the owner submits, their chain decides."""

import pytest

from goals.models import Goal, Status

pytestmark = pytest.mark.django_db


def with_status(goal, status):
    Goal.objects.filter(pk=goal.pk).update(status=status)
    return goal.pk


def test_the_owner_submits_a_draft(api_as, people, cascade):
    pk = with_status(cascade.rep, Status.DRAFT)
    response = api_as(people.rep).post(f"/api/goals/{pk}/submit/")
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"


def test_the_manager_approves_a_submitted_goal(api_as, people, cascade):
    pk = with_status(cascade.rep, Status.SUBMITTED)
    response = api_as(people.manager).post(f"/api/goals/{pk}/approve/")
    assert response.json()["status"] == "approved"


def test_the_manager_returns_a_goal_with_a_reason(api_as, people, cascade):
    pk = with_status(cascade.rep, Status.SUBMITTED)
    response = api_as(people.manager).post(f"/api/goals/{pk}/return/", {"reason": "Aim for 250k"})
    assert response.json()["status"] == "returned"
    assert response.json()["return_reason"] == "Aim for 250k"


def test_a_return_without_a_reason_is_400_on_reason(api_as, people, cascade):
    pk = with_status(cascade.rep, Status.SUBMITTED)
    for body in ({"reason": "  "}, {}):
        response = api_as(people.manager).post(f"/api/goals/{pk}/return/", body)
        assert response.status_code == 400
        assert "reason" in response.json()
    assert Goal.objects.get(pk=pk).status == Status.SUBMITTED


def test_approving_a_draft_is_a_conflict(api_as, people, cascade):
    pk = with_status(cascade.rep, Status.DRAFT)
    response = api_as(people.manager).post(f"/api/goals/{pk}/approve/")
    assert response.status_code == 409
    assert response.json() == {"detail": "Only submitted goals can be approved; this one is draft."}


def test_submitting_twice_is_a_conflict(api_as, people, cascade):
    pk = with_status(cascade.rep, Status.SUBMITTED)
    assert api_as(people.rep).post(f"/api/goals/{pk}/submit/").status_code == 409


def test_a_rep_cannot_approve_their_own_goal(api_as, people, cascade):
    pk = with_status(cascade.rep, Status.SUBMITTED)
    response = api_as(people.rep).post(f"/api/goals/{pk}/approve/")
    assert response.status_code == 403
    assert Goal.objects.get(pk=pk).status == Status.SUBMITTED
