"""Every main page renders for every kind of person in the demo company (no 500s, no stack traces)."""

import pytest

from goals.models import Goal, Status, Tier

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("login", ["rep", "manager", "cro", "admin"])
def test_every_main_page_renders(client, demo, login):
    objective = Goal.objects.filter(cycle=demo.cycle, tier=Tier.CORPORATE).first()
    draft = Goal.objects.filter(cycle=demo.cycle, status=Status.DRAFT).first()
    pages = [
        "/",
        f"/cycles/{demo.cycle.pk}/explorer/",
        f"/cycles/{demo.workshop_cycle.pk}/explorer/",
        f"/cycles/{demo.closed_cycle.pk}/explorer/",
        f"/cycles/{demo.cycle.pk}/explorer/?q=new&region={demo.rep.region}&tier=rep&status=approved&flagged=on",
        f"/goals/{objective.pk}/",
        f"/goals/{demo.rep_goal.pk}/",
        f"/goals/{draft.pk}/",
        f"/goals/{objective.pk}/map/",
        "/goals/new/",
        f"/goals/new/?cycle={demo.workshop_cycle.pk}",
        "/approvals/",
    ]
    client.force_login(getattr(demo, login))
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page


def test_an_admin_without_a_sales_role_is_told_why_they_cannot_own_a_goal(client, demo):
    client.force_login(demo.admin)
    response = client.post(
        "/goals/new/",
        {
            "cycle": demo.cycle.pk,
            "title": "Admin goal",
            "metric": "things",
            "unit": "count",
            "baseline": "0",
            "target": "1",
            "weight": "1",
            "visibility": "company",
            "rollup": "auto",
            "action": "save",
        },
    )
    assert response.status_code == 200
    assert "has no sales role, so cannot own goals" in response.content.decode()
