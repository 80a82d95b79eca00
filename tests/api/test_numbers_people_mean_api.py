"""The API and the CSV import refuse the numbers the pages refuse, with the same field messages."""

import pytest

from goals.amounts import AMOUNT_TOO_LARGE

pytestmark = pytest.mark.django_db


def test_api_and_import_refuse_the_same_numbers(api_as, people, cycle, cascade):
    client = api_as(people.rep)
    body = {"cycle": cycle.pk, "title": "ARR", "metric": "new ARR"}
    assert client.post("/api/goals/", {**body, "target": "1e20"}).json()["target"] == [AMOUNT_TOO_LARGE]
    negative = client.post("/api/goals/", {**body, "target": "-5"})
    assert negative.status_code == 400
    assert negative.json()["target"] == ["The target cannot be below zero for a goal measured in USD."]
    too_long = client.post("/api/goals/", {**body, "target": "5", "title": "x" * 201})
    assert too_long.status_code == 400 and "title" in too_long.json()
    checkin = client.post(f"/api/goals/{cascade.rep.pk}/checkins/", {"value": "-3", "confidence": "on_track"})
    assert checkin.status_code == 400 and "below zero" in checkin.json()["value"][0]

    csv = f"owner,title,metric,target\n{people.rep.username},Big,new ARR,100000000000000\n"
    imported = client.post(f"/api/goals/import/?cycle={cycle.pk}", csv, content_type="text/csv")
    assert imported.status_code == 400
    assert AMOUNT_TOO_LARGE in str(imported.json())


def test_the_import_refuses_a_long_title_and_a_negative_target_by_row(api_as, people, cycle):
    csv = (
        "owner,title,metric,target\n"
        f"{people.rep.username},{'x' * 201},new ARR,5\n"
        f"{people.rep.username},Fine title,new ARR,-5\n"
    )
    response = api_as(people.rep).post(f"/api/goals/import/?cycle={cycle.pk}", csv, content_type="text/csv")
    assert response.status_code == 400
    rows = {row["row"]: row["errors"] for row in response.json()["rows"]}
    assert "at most 200 characters" in rows[2]["title"][0]
    assert rows[3]["target"] == ["The target cannot be below zero for a goal measured in USD."]
