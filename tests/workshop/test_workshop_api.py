"""The workshop's API: the decision log (list, create) and the drift since the baseline."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from goals.models import Goal
from tests.workshop.conftest import GAPS_AGREED
from workshop.models import Decision
from workshop.services import decision_log, workshop_close

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_decisions_are_listed_by_cycle(api, people, workshop):
    decision_log(actor=people.cro, cycle=workshop.cycle, text="APAC waits a year.", objective=workshop.arr)
    api.force_authenticate(people.rep)
    body = api.get(f"/api/workshop/decisions/?cycle={workshop.cycle.pk}").json()
    assert body["count"] == 1
    [row] = body["results"]
    assert row["text"] == "APAC waits a year." and row["objective"] == workshop.arr.pk
    assert row["author"] == people.cro.pk and row["author_name"] == "Robin Revenue" and row["kind"] == "note"
    assert api.get("/api/workshop/decisions/?cycle=999").status_code == 400


def test_an_executive_logs_a_decision_by_api(api, people, workshop):
    api.force_authenticate(people.ceo)
    response = api.post(
        "/api/workshop/decisions/", {"cycle": workshop.cycle.pk, "text": "Logos go to the CRO.", "kind": "closing"}
    )
    assert response.status_code == 201
    assert response.json()["kind"] == "note"  # read-only: actions log their own kinds
    assert Decision.objects.get().author == people.ceo


def test_bad_decisions_get_field_errors_and_others_get_403(api, people, workshop):
    api.force_authenticate(people.ceo)
    response = api.post("/api/workshop/decisions/", {"cycle": workshop.cycle.pk, "text": "  "})
    assert response.status_code == 400 and "text" in response.json()
    response = api.post(
        "/api/workshop/decisions/", {"cycle": workshop.cycle.pk, "text": "x", "objective": workshop.mapped.pk}
    )
    assert response.status_code == 400 and "objective" in response.json()
    api.force_authenticate(people.rep)
    assert api.post("/api/workshop/decisions/", {"cycle": workshop.cycle.pk, "text": "x"}).status_code == 403
    assert not Decision.objects.exists()


def test_decisions_after_the_workshop_are_a_conflict(api, people, workshop):
    workshop_close(actor=people.ceo, cycle=workshop.cycle, reason=GAPS_AGREED)
    api.force_authenticate(people.ceo)
    assert api.post("/api/workshop/decisions/", {"cycle": workshop.cycle.pk, "text": "Late"}).status_code == 409


def test_drift_of_a_cycle(api, people, workshop):
    api.force_authenticate(people.rep)
    assert api.get("/api/workshop/drift/").status_code == 400
    assert api.get("/api/workshop/drift/?cycle=abc").json() == {"cycle": ["Give the cycle's id: ?cycle=<id>."]}
    assert api.get("/api/workshop/drift/?cycle=999999").status_code == 404
    assert "no baseline yet" in api.get(f"/api/workshop/drift/?cycle={workshop.cycle.pk}").json()["detail"]

    workshop_close(actor=people.ceo, cycle=workshop.cycle, reason=GAPS_AGREED)
    Goal.objects.filter(pk=workshop.mapped.pk).update(target=Decimal(650_000))
    body = api.get(f"/api/workshop/drift/?cycle={workshop.cycle.pk}").json()
    assert body["counts"] == {"target_changed": 1, "parent_changed": 0, "dropped": 0, "removed": 0, "added": 0}
    assert body["baseline_goals"] == 6 and body["frozen_by"] == people.ceo.pk
    [change] = body["changes"]
    assert change == {
        "kind": "target_changed",
        "goal": workshop.mapped.pk,
        "title": "Sales new ARR",
        "owner_name": "Robin Revenue",
        "tier": "executive",
        "unit": "USD",
        "baseline_target": "600000.00",
        "current_target": "650000.00",
        "baseline_parent": workshop.arr.pk,
        "baseline_parent_is_hidden": False,
        "current_parent": workshop.arr.pk,
        "current_parent_is_hidden": False,
    }


def test_anonymous_callers_are_refused(api, workshop):
    assert api.get("/api/workshop/decisions/").status_code in (401, 403)
    assert api.get(f"/api/workshop/drift/?cycle={workshop.cycle.pk}").status_code in (401, 403)
