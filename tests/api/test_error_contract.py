"""Every error under /api/ is JSON with the documented shape: ids, bodies and failures the views never see."""

import json

import pytest
from django.test import Client
from rest_framework.test import APIClient

from goals.models import Goal

pytestmark = pytest.mark.django_db


def signed_in(person) -> APIClient:
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(person)
    return client


@pytest.mark.parametrize(
    "path", ["/api/goals/abc/", "/api/goals/1.5/", "/api/feeds/0.5/readings/", "/api/no-such-thing/"]
)
def test_a_path_that_names_nothing_is_a_json_404(people, path):
    response = signed_in(people.rep).get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_an_unexpected_failure_is_a_json_500(people, monkeypatch):
    from goals.api.views import cycles

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(cycles.CycleViewSet, "list", broken)

    response = signed_in(people.rep).get("/api/cycles/")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Something went wrong on our side; the error was logged. Try again later."}


def test_a_body_over_the_upload_limit_is_a_json_413(people, cascade, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"title": "x" * 2000, "parent": cascade.manager.pk})

    response = signed_in(people.rep).post("/api/goals/", body, content_type="application/json")

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert "1000 bytes" in response.json()["detail"]


def test_a_form_body_over_the_upload_limit_is_a_json_413(people, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = Client(raise_request_exception=False)
    client.force_login(people.rep)

    response = client.post("/api/goals/", {"title": "x" * 2000})

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("path", ["/api/goals/", "/api/auth/token/", "/api/people/import/", "/api/auth/tokens/"])
def test_a_deeply_nested_body_is_a_400(people, path):
    body = "[" * 100_000 + "]" * 100_000

    response = signed_in(people.staff).post(path, body, content_type="application/json")

    assert response.status_code == 400
    assert "nested" in response.json()["detail"]


def test_a_parent_that_is_not_a_whole_number_is_refused(people, cascade, cycle):
    before = Goal.objects.count()

    response = signed_in(people.rep).post(
        "/api/goals/",
        {"cycle": cycle.pk, "parent": cascade.rep.pk + 0.5, "title": "Half a goal", "metric": "ARR", "target": "1"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["parent"] == ["Give the id as a whole number."]
    assert Goal.objects.count() == before


@pytest.mark.parametrize("value", ["1.5", True, "1e0", [1]])
def test_a_parent_of_another_type_is_refused_with_the_field_message(people, cascade, cycle, value):
    response = signed_in(people.rep).post(
        "/api/goals/",
        {"cycle": cycle.pk, "parent": value, "title": "Odd parent", "metric": "ARR", "target": "1"},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["parent"]


def test_a_fractional_id_in_a_list_of_ids_is_refused(people, cascade, cycle):
    from tests.factories import AssumptionFactory

    assumption = AssumptionFactory(cycle=cycle)
    response = signed_in(people.cro).patch(
        f"/api/goals/{cascade.executive.pk}/", {"assumptions": [assumption.pk + 0.25]}, format="json"
    )

    assert response.status_code == 400
    assert "assumptions" in response.json()


def test_a_whole_number_written_as_a_float_still_counts(people, cascade, cycle):
    response = signed_in(people.rep).post(
        "/api/goals/",
        {"cycle": cycle.pk, "parent": float(cascade.rep.pk), "title": "Whole", "metric": "ARR", "target": "1"},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["parent"] == cascade.rep.pk


def test_an_export_that_fails_answers_in_json_not_csv(people):
    response = signed_in(people.rep).get("/api/cycles/0/export/?format=csv")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "No Cycle matches the given query."}
