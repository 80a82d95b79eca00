"""POST /api/cycles/{id}/scan/ and GET /api/cycles/{id}/alignment/ (API.md)."""

import pytest

from goals import tasks
from goals.alignment import scan_cycle
from goals.models import AlignmentFlag, FlagKind, Visibility
from tests.factories import GoalFactory
from tests.outbox import record_published

pytestmark = pytest.mark.django_db


@pytest.fixture
def orphans(people, cascade, cycle):
    GoalFactory(cycle=cycle, owner=people.rep, title="Rep orphan")
    GoalFactory(cycle=cycle, owner=people.manager, title="Private orphan", visibility=Visibility.PRIVATE)
    return cascade


def test_an_executive_runs_the_scan_and_gets_what_it_changed(api_as, people, orphans, cycle):
    response = api_as(people.cro).post(f"/api/cycles/{cycle.pk}/scan/")

    assert response.status_code == 200
    body = response.json()
    assert body["cycle"] == cycle.pk
    assert (body["opened"], body["updated"], body["resolved"], body["open_flags"]) == (3, 0, 0, 3)
    assert AlignmentFlag.objects.open().filter(cycle=cycle).count() == 3


def test_scanning_again_changes_nothing(api_as, people, orphans, cycle):
    api_as(people.staff).post(f"/api/cycles/{cycle.pk}/scan/")

    body = api_as(people.staff).post(f"/api/cycles/{cycle.pk}/scan/").json()

    assert (body["opened"], body["updated"], body["resolved"], body["open_flags"]) == (0, 0, 0, 3)


def test_with_a_worker_the_scan_is_queued(
    api_as, people, orphans, cycle, monkeypatch, django_capture_on_commit_callbacks
):
    published = record_published(monkeypatch)
    conf = tasks.scan_cycle_task.app.conf
    eager, conf.task_always_eager = conf.task_always_eager, False
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = api_as(people.staff).post(f"/api/cycles/{cycle.pk}/scan/")
    finally:
        conf.task_always_eager = eager

    assert response.status_code == 202
    body = response.json()
    assert body == {"cycle": cycle.pk, "task_id": body["task_id"], "delayed": False}
    assert published == [("goals.tasks.scan_cycle_task", (cycle.pk,), None)]


@pytest.mark.parametrize("who", ["rep", "manager"])
def test_reps_and_managers_may_not_run_the_scan(api_as, people, orphans, cycle, who):
    response = api_as(getattr(people, who)).post(f"/api/cycles/{cycle.pk}/scan/")

    assert response.status_code == 403
    assert response.json() == {"detail": "Only executives and admins run the alignment scan."}
    assert not AlignmentFlag.objects.exists()


def test_anonymous_callers_are_refused(anonymous, cycle):
    assert anonymous.post(f"/api/cycles/{cycle.pk}/scan/").status_code == 401
    assert anonymous.get(f"/api/cycles/{cycle.pk}/alignment/").status_code == 401


def test_an_unknown_cycle_is_not_found(api_as, people):
    assert api_as(people.staff).post("/api/cycles/987654/scan/").status_code == 404
    assert api_as(people.rep).get("/api/cycles/987654/alignment/").status_code == 404


def test_alignment_health_counts_what_the_caller_may_see(api_as, people, orphans, cycle):
    scan_cycle(cycle.pk)

    seen_by_peer = api_as(people.peer_rep).get(f"/api/cycles/{cycle.pk}/alignment/").json()
    seen_by_manager = api_as(people.manager).get(f"/api/cycles/{cycle.pk}/alignment/").json()

    assert seen_by_peer["open_flags"] == 2
    assert seen_by_peer["by_kind"] == dict.fromkeys(FlagKind.values, 0) | {"orphan": 1, "target_shortfall": 1}
    assert seen_by_peer["by_team"] == [{"team": "HQ", "open_flags": 1}, {"team": "West", "open_flags": 1}]
    assert seen_by_peer["by_tier"] == {"corporate": 0, "executive": 1, "manager": 0, "rep": 1}
    assert seen_by_peer["by_severity"] == {"critical": 1, "warning": 1, "info": 0}
    assert seen_by_manager["open_flags"] == 3
    assert seen_by_manager["by_tier"]["manager"] == 1


def test_alignment_health_has_the_trend_and_the_worst_subtrees(api_as, people, orphans, cycle):
    scan_cycle(cycle.pk)

    body = api_as(people.rep).get(f"/api/cycles/{cycle.pk}/alignment/").json()

    assert [point["open_flags"] for point in body["trend"]] == [2]
    assert body["trend"][0]["by_kind"] == {"orphan": 1, "target_shortfall": 1}
    assert body["worst_subtrees"] == [
        {
            "goal": orphans.executive.pk,
            "title": "New ARR from sales",
            "tier": "executive",
            "owner_name": "Robin Revenue",
            "open_flags": 1,
        }
    ]
    assert body["last_changed_at"] is not None


def test_a_bad_trend_window_is_a_clear_400(api_as, people, cycle):
    response = api_as(people.rep).get(f"/api/cycles/{cycle.pk}/alignment/?days=forever")

    assert response.status_code == 400
    assert response.json() == {"days": ["A valid integer is required."]}
    assert api_as(people.rep).get(f"/api/cycles/{cycle.pk}/alignment/?days=0").status_code == 400


def test_alignment_health_costs_a_handful_of_queries(api_as, people, orphans, cycle, django_assert_max_num_queries):
    scan_cycle(cycle.pk)
    client = api_as(people.rep)

    with django_assert_max_num_queries(6):
        assert client.get(f"/api/cycles/{cycle.pk}/alignment/").status_code == 200


def test_both_actions_are_in_the_schema(anonymous):
    paths = anonymous.get("/api/schema/?format=json").json()["paths"]

    assert {"200", "202", "403"} <= set(paths["/api/cycles/{id}/scan/"]["post"]["responses"])
    assert "days" in {p["name"] for p in paths["/api/cycles/{id}/alignment/"]["get"]["parameters"]}
