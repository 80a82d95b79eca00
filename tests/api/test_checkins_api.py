"""Check-ins over the API: posting one sets the goal's current value; the caller is the author."""

from decimal import Decimal

import pytest

from goals.models import CheckIn
from tests.factories import CheckInFactory

pytestmark = pytest.mark.django_db


def test_the_owner_posts_a_check_in_that_becomes_current(api_as, people, cascade):
    response = api_as(people.rep).post(
        f"/api/goals/{cascade.rep.pk}/checkins/",
        {"value": "50000", "confidence": "at_risk", "note": "Two deals slipped"},
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["goal"], body["author"], body["value"]) == (cascade.rep.pk, people.rep.pk, "50000.00")
    cascade.rep.refresh_from_db()
    assert cascade.rep.current == Decimal(50_000)
    assert cascade.rep.confidence == "at_risk"
    cascade.manager.refresh_from_db()
    assert cascade.manager.rolled_up_progress == pytest.approx(0.125)


def test_the_author_is_always_the_caller(api_as, people, cascade):
    body = {"value": "10", "confidence": "on_track", "author": people.ceo.pk}
    response = api_as(people.manager).post(f"/api/goals/{cascade.rep.pk}/checkins/", body)
    assert response.json()["author"] == people.manager.pk


def test_anyone_who_sees_the_goal_reads_its_check_ins_newest_first(api_as, people, cascade):
    CheckInFactory(goal=cascade.rep, value=10, created="2026-03-01T00:00:00Z")
    CheckInFactory(goal=cascade.rep, value=20, created="2026-04-01T00:00:00Z")
    body = api_as(people.other_rep).get(f"/api/goals/{cascade.rep.pk}/checkins/").json()
    assert [checkin["value"] for checkin in body["results"]] == ["20.00", "10.00"]
    one = body["results"][0]["id"]
    assert api_as(people.other_rep).get(f"/api/goals/{cascade.rep.pk}/checkins/{one}/").status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"confidence": "on_track"}, "value"),
        ({"value": "x"}, "value"),
        ({"value": "1", "confidence": "meh"}, "confidence"),
    ],
)
def test_a_bad_check_in_is_400_naming_the_field(api_as, people, cascade, body, field):
    response = api_as(people.rep).post(f"/api/goals/{cascade.rep.pk}/checkins/", body)
    assert response.status_code == 400
    assert field in response.json()
    assert not CheckIn.objects.exists()


def test_a_check_in_from_outside_the_chain_is_refused(api_as, people, cascade):
    response = api_as(people.other_manager).post(f"/api/goals/{cascade.rep.pk}/checkins/", {"value": "1"})
    assert response.status_code == 403
    assert not CheckIn.objects.exists()


def test_a_check_in_on_any_status_is_allowed_while_the_cycle_is_open(api_as, people, cascade):
    for status in ("draft", "submitted", "returned", "approved"):
        type(cascade.rep).objects.filter(pk=cascade.rep.pk).update(status=status)
        response = api_as(people.rep).post(f"/api/goals/{cascade.rep.pk}/checkins/", {"value": "1"})
        assert response.status_code == 201, status


def test_a_check_in_in_a_closed_cycle_is_a_conflict(api_as, people, cascade, cycle):
    cycle.phase = "closed"
    cycle.save()
    response = api_as(people.rep).post(f"/api/goals/{cascade.rep.pk}/checkins/", {"value": "1"})
    assert response.status_code == 409


def test_check_ins_of_another_goal_are_not_found_under_this_one(api_as, people, cascade):
    other = CheckInFactory(goal=cascade.peer)
    assert api_as(people.rep).get(f"/api/goals/{cascade.rep.pk}/checkins/{other.pk}/").status_code == 404
