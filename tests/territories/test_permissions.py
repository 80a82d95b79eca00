"""Who may do what with a rep's plan, for every kind of person, through the API and the pages.

The rep edits their own plan only; the managers above read and review it; staff read it; everyone
else gets 404, as if it did not exist.
"""

from decimal import Decimal as D

import pytest

from territories import services
from territories.models import PlanReview, PlanStatus
from tests.factories import PlanObjectiveFactory

pytestmark = pytest.mark.django_db

EVERYONE = ["rep", "peer_rep", "manager", "other_manager", "other_rep", "cro", "ceo", "staff"]
READERS = {"rep", "manager", "cro", "ceo", "staff"}
REVIEWERS = {"manager", "cro", "ceo"}


@pytest.fixture
def submitted(plan, people):
    PlanObjectiveFactory(plan=plan, target=D(1))
    services.plan_submit(actor=people.rep, plan=plan)
    plan.refresh_from_db()
    return plan


@pytest.mark.parametrize("who", EVERYONE)
def test_the_plan_is_private_to_the_reps_chain_and_staff(api_as, client, people, plan, who):
    person = getattr(people, who)
    response = api_as(person).get(f"/api/territory-plans/{plan.pk}/")
    listed = [row["id"] for row in api_as(person).get("/api/territory-plans/").json()["results"]]
    client.force_login(person)
    page = client.get(f"/territory-plans/{plan.pk}/")
    printable = client.get(f"/territory-plans/{plan.pk}/print/")
    if who in READERS:
        assert response.status_code == page.status_code == printable.status_code == 200
        assert listed == [plan.pk]
    else:
        assert response.status_code == page.status_code == printable.status_code == 404
        assert listed == []
        assert "Riley" not in page.content.decode()


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_rep_edits_their_plan(api_as, client, people, plan, who):
    person = getattr(people, who)
    response = api_as(person).patch(
        f"/api/territory-plans/{plan.pk}/", {"swot": {"strengths": "Written by " + who}}, format="json"
    )
    client.force_login(person)
    page = client.post(f"/territory-plans/{plan.pk}/sections/swot/", {"swot-strengths": "Page by " + who})
    plan.refresh_from_db()
    if who == "rep":
        assert response.status_code == 200 and page.status_code == 302
        assert plan.strengths == "Page by rep"
    else:
        expected = 403 if who in READERS else 404
        assert response.status_code == page.status_code == expected
        assert plan.strengths == ""


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_rep_submits_their_plan(api_as, people, plan, who):
    PlanObjectiveFactory(plan=plan, target=D(1))
    response = api_as(getattr(people, who)).post(f"/api/territory-plans/{plan.pk}/submit/", {}, format="json")
    plan.refresh_from_db()
    if who == "rep":
        assert response.status_code == 200 and plan.status == PlanStatus.SUBMITTED
    else:
        assert response.status_code == (403 if who in READERS else 404)
        assert plan.status == PlanStatus.DRAFT


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_managers_above_approve(api_as, client, people, submitted, who):
    response = api_as(getattr(people, who)).post(f"/api/territory-plans/{submitted.pk}/approve/", {}, format="json")
    submitted.refresh_from_db()
    if who in REVIEWERS:
        assert response.status_code == 200 and submitted.status == PlanStatus.APPROVED
    else:
        assert response.status_code == (403 if who in READERS else 404)
        assert submitted.status == PlanStatus.SUBMITTED


@pytest.mark.parametrize("who", EVERYONE)
def test_only_the_managers_above_return_through_the_page(client, people, submitted, who):
    client.force_login(getattr(people, who))
    response = client.post(
        f"/territory-plans/{submitted.pk}/review/", {"decision": "return", "body": "Please revise.", "section": ""}
    )
    submitted.refresh_from_db()
    if who in REVIEWERS:
        assert response.status_code == 302 and submitted.status == PlanStatus.RETURNED
    else:
        assert response.status_code == (403 if who in READERS else 404)
        assert submitted.status == PlanStatus.SUBMITTED


@pytest.mark.parametrize("who", EVERYONE)
def test_the_rep_and_the_managers_above_comment(api_as, people, plan, who):
    response = api_as(getattr(people, who)).post(
        f"/api/territory-plans/{plan.pk}/reviews/", {"body": "A thought", "section": "swot"}, format="json"
    )
    if who in REVIEWERS | {"rep"}:
        assert response.status_code == 201
        assert PlanReview.objects.get().author == getattr(people, who)
    else:
        assert response.status_code == (403 if who in READERS else 404)
        assert not PlanReview.objects.exists()


@pytest.mark.parametrize("who", EVERYONE)
def test_the_plans_rows_are_as_private_as_the_plan(api_as, people, plan, who):
    objective = PlanObjectiveFactory(plan=plan)
    client = api_as(getattr(people, who))
    for path in ("objectives/", f"objectives/{objective.pk}/", "accounts/", "action-items/", "reviews/", "versions/"):
        response = client.get(f"/api/territory-plans/{plan.pk}/{path}")
        assert response.status_code == (200 if who in READERS else 404), path


def test_the_page_shows_each_person_only_the_actions_they_may_take(client, people, submitted):
    client.force_login(people.rep)
    html = client.get(f"/territory-plans/{submitted.pk}/").content.decode()
    assert "Save section" not in html  # submitted: waiting for the review
    assert 'id="review-plan"' not in html
    client.force_login(people.manager)
    html = client.get(f"/territory-plans/{submitted.pk}/").content.decode()
    assert 'id="review-plan"' in html and "Save section" not in html and "Make it a goal" not in html
    client.force_login(people.staff)
    html = client.get(f"/territory-plans/{submitted.pk}/").content.decode()
    assert 'id="review-plan"' not in html and "Save section" not in html
