"""Alignment flags over the API: read-only, filtered by cycle, kind, open and owner."""

import pytest

from goals.models import FlagKind
from tests.factories import AlignmentFlagFactory, CycleFactory, GoalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def flags(people, cascade):
    return {
        "open": AlignmentFlagFactory(goal=cascade.rep, kind=FlagKind.STALE_PROGRESS, message="No check-in for 30 days"),
        "resolved": AlignmentFlagFactory(goal=cascade.peer, kind=FlagKind.ORPHAN, resolved_at="2026-05-01T00:00:00Z"),
        "manager": AlignmentFlagFactory(goal=cascade.manager, kind=FlagKind.TARGET_SHORTFALL),
    }


def ids(client, query=""):
    response = client.get(f"/api/flags/{query}")
    assert response.status_code == 200, response.json()
    return {flag["id"] for flag in response.json()["results"]}


def test_everyone_reads_flags_with_what_to_do_about_them(api_as, people, flags):
    response = api_as(people.other_rep).get(f"/api/flags/{flags['open'].pk}/")
    body = response.json()
    assert body["kind"] == "stale_progress"
    assert body["message"] == "No check-in for 30 days"
    assert body["remedy"] == "Post a check-in with the current value and your confidence."
    assert body["is_open"] is True


def test_flags_filter_by_kind_open_owner_and_cycle(api_as, people, flags):
    client = api_as(people.rep)
    assert ids(client, "?kind=orphan") == {flags["resolved"].pk}
    assert ids(client, "?open=true") == {flags["open"].pk, flags["manager"].pk}
    assert ids(client, "?open=false") == {flags["resolved"].pk}
    assert ids(client, f"?owner={people.manager.pk}") == {flags["manager"].pk}
    other_cycle = CycleFactory(name="FY2026")
    AlignmentFlagFactory(goal=GoalFactory(cycle=other_cycle, owner=people.rep))
    assert len(ids(client, f"?cycle={flags['open'].cycle_id}")) == 3


def test_a_bad_flag_filter_is_400(api_as, people, flags):
    response = api_as(people.rep).get("/api/flags/?kind=weird")
    assert response.status_code == 400
    assert "kind" in response.json()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_flags_are_read_only(api_as, people, flags, method):
    url = "/api/flags/" if method == "post" else f"/api/flags/{flags['open'].pk}/"
    assert getattr(api_as(people.staff), method)(url, {}).status_code == 405
