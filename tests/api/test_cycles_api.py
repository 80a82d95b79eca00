"""Cycles over the API: everyone reads them, admins administer them, phases only move forward."""

import csv
import io

import pytest

from goals.models import Cycle, Goal, Status

pytestmark = pytest.mark.django_db

NEW_CYCLE = {"name": "FY2028", "start": "2027-02-01", "end": "2028-01-31", "checkin_interval_days": 14}


def test_everyone_reads_cycles(api_as, people, cycle):
    body = api_as(people.rep).get("/api/cycles/").json()
    assert body["results"] == [
        {
            "id": cycle.pk,
            "name": "FY2027",
            "start": cycle.start.isoformat(),
            "end": cycle.end.isoformat(),
            "phase": "active",
            "checkin_interval_days": 14,
        }
    ]
    assert api_as(people.rep).get("/api/cycles/?phase=closed").json()["count"] == 0


def test_staff_create_a_cycle(api_as, people):
    response = api_as(people.staff).post("/api/cycles/", NEW_CYCLE)
    assert response.status_code == 201
    assert response.json()["phase"] == "planning"
    assert Cycle.objects.filter(name="FY2028").exists()


@pytest.mark.parametrize("who", ["ceo", "manager", "rep"])
def test_only_staff_create_and_change_cycles(api_as, people, cycle, who):
    client = api_as(getattr(people, who))
    assert client.post("/api/cycles/", NEW_CYCLE).status_code == 403
    assert client.patch(f"/api/cycles/{cycle.pk}/", {"name": "Mine"}).status_code == 403
    assert not Cycle.objects.filter(name__in=["FY2028", "Mine"]).exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**NEW_CYCLE, "end": "2026-01-01"}, "end"),
        ({**NEW_CYCLE, "name": "FY2027"}, "name"),
        ({**NEW_CYCLE, "start": "soon"}, "start"),
        ({**NEW_CYCLE, "checkin_interval_days": 0}, "checkin_interval_days"),
        ({**NEW_CYCLE, "phase": "someday"}, "phase"),
    ],
)
def test_a_bad_cycle_is_400_naming_the_field(api_as, people, cycle, body, field):
    response = api_as(people.staff).post("/api/cycles/", body)
    assert response.status_code == 400
    assert field in response.json()


def test_staff_change_a_cycles_dates(api_as, people, cycle):
    response = api_as(people.staff).patch(f"/api/cycles/{cycle.pk}/", {"checkin_interval_days": 7})
    assert response.json()["checkin_interval_days"] == 7


def test_a_closed_cycle_cannot_be_changed(api_as, people, cycle):
    cycle.phase = "closed"
    cycle.save()
    response = api_as(people.staff).patch(f"/api/cycles/{cycle.pk}/", {"name": "FY27"})
    assert response.status_code == 409


def test_an_executive_opens_the_workshop(api_as, people):
    planning = Cycle.objects.create(name="FY2028", start="2027-02-01", end="2028-01-31")
    response = api_as(people.ceo).post(f"/api/cycles/{planning.pk}/phase/", {"phase": "workshop"})
    assert response.status_code == 200
    assert response.json()["phase"] == "workshop"


def test_a_rep_cannot_change_the_phase(api_as, people, cycle):
    assert api_as(people.rep).post(f"/api/cycles/{cycle.pk}/phase/", {"phase": "closed"}).status_code == 403


def test_a_phase_goes_forward_only(api_as, people, cycle):
    response = api_as(people.staff).post(f"/api/cycles/{cycle.pk}/phase/", {"phase": "planning"})
    assert response.status_code == 409


def test_an_unknown_phase_is_400(api_as, people, cycle):
    response = api_as(people.staff).post(f"/api/cycles/{cycle.pk}/phase/", {"phase": "holiday"})
    assert response.status_code == 400
    assert "phase" in response.json()


def test_closing_a_cycle_settles_its_goals(api_as, people, cascade, cycle):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=Status.DRAFT)
    response = api_as(people.staff).post(f"/api/cycles/{cycle.pk}/phase/", {"phase": "closed"})
    assert response.json()["phase"] == "closed"
    cascade.rep.refresh_from_db()
    assert cascade.rep.status == Status.DROPPED


def test_an_unknown_cycle_is_404(api_as, people):
    assert api_as(people.rep).get("/api/cycles/999999/").status_code == 404
    assert api_as(people.rep).get("/api/cycles/999999/export/").status_code == 404


def test_cycles_cannot_be_deleted_over_the_api(api_as, people, cycle):
    assert api_as(people.staff).delete(f"/api/cycles/{cycle.pk}/").status_code == 405


def test_the_cascade_exports_as_json_in_tree_order(api_as, people, cascade, cycle):
    response = api_as(people.rep).get(f"/api/cycles/{cycle.pk}/export/?format=json")
    assert response.status_code == 200
    body = response.json()
    assert body["cycle"]["name"] == "FY2027"
    assert [row["title"] for row in body["goals"]] == [
        "Grow new ARR 30%",
        "New ARR from sales",
        "West new ARR",
        "Riley new ARR",
        "Pat new ARR",
    ]
    rep = body["goals"][3]
    assert (rep["parent"], rep["owner"], rep["target"], rep["level"]) == (cascade.manager.pk, "rep", "200000.00", 3)


def test_the_cascade_exports_as_csv_with_the_import_columns(api_as, people, cascade, cycle):
    response = api_as(people.rep).get(f"/api/cycles/{cycle.pk}/export/?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 5
    assert rows[3]["owner"] == "rep" and rows[3]["parent"] == str(cascade.manager.pk)
    assert {"external_key", "parent_external_key", "metric", "unit", "baseline", "target", "weight"} <= rows[0].keys()


def test_an_unknown_export_format_is_404(api_as, people, cycle):
    assert api_as(people.rep).get(f"/api/cycles/{cycle.pk}/export/?format=xlsx").status_code == 404


def test_the_csv_export_never_hands_a_spreadsheet_a_formula(api_as, people, cascade, cycle):
    from goals.models import Goal

    Goal.objects.filter(pk=cascade.rep.pk).update(title='=HYPERLINK("http://evil.example","Click")', baseline=-5)
    Goal.objects.filter(pk=cascade.peer.pk).update(title="@SUM(A1:A9)")

    response = api_as(people.rep).get(f"/api/cycles/{cycle.pk}/export/?format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))

    titles = [row["title"] for row in rows]
    assert '\'=HYPERLINK("http://evil.example","Click")' in titles and "'@SUM(A1:A9)" in titles
    assert rows[3]["baseline"] == "-5.00"
    assert "Grow new ARR 30%" in titles
