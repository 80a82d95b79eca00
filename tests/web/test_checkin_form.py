"""Checking in from a page: the value becomes the goal's current value; bad input keeps what was typed."""

from decimal import Decimal

import pytest

from tests.web.conftest import htmx

pytestmark = pytest.mark.django_db


def test_the_owner_checks_in_and_the_goal_moves(client, demo):
    client.force_login(demo.rep)
    response = client.post(
        f"/goals/{demo.rep_goal.pk}/check-in/", {"value": "612000", "confidence": "on_track", "note": "Two deals in."}
    )
    assert response.status_code == 302
    demo.rep_goal.refresh_from_db()
    assert demo.rep_goal.current == Decimal("612000")
    assert demo.rep_goal.confidence == "on_track"
    assert demo.rep_goal.checkins.first().note == "Two deals in."


def test_a_check_in_from_home_comes_back_to_home(client, demo):
    client.force_login(demo.rep)
    response = client.post(
        f"/goals/{demo.rep_goal.pk}/check-in/", {"value": "612000", "confidence": "at_risk", "next": "/"}
    )
    assert response["Location"] == "/"


def test_a_check_in_with_htmx_from_home_replaces_the_panel_with_the_new_previous_check_in(client, demo):
    client.force_login(demo.rep)
    response = htmx(
        client.post, f"/goals/{demo.rep_goal.pk}/check-in/", {"value": "612000", "confidence": "at_risk", "next": "/"}
    )
    html = response.content.decode()
    assert 'id="checkin-panel"' in html
    assert "<html" not in html
    assert "Check-in saved." in html
    assert "$612,000" in html


def test_a_bad_value_is_refused_next_to_the_field_keeping_the_input(client, demo):
    before = demo.rep_goal.checkins.count()
    client.force_login(demo.rep)
    response = client.post(
        f"/goals/{demo.rep_goal.pk}/check-in/", {"value": "lots", "confidence": "at_risk", "note": "Keep me"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_value_error"' in html
    assert 'value="lots"' in html
    assert "Keep me" in html
    assert demo.rep_goal.checkins.count() == before


def test_a_peer_cannot_check_in_on_someone_elses_goal(client, demo):
    before = demo.rep_goal.checkins.count()
    client.force_login(demo.peer_rep)
    response = client.post(f"/goals/{demo.rep_goal.pk}/check-in/", {"value": "1", "confidence": "on_track"})
    assert response.status_code == 403
    assert demo.rep_goal.checkins.count() == before


def test_the_manager_may_check_in_for_their_rep(client, demo):
    client.force_login(demo.manager)
    response = client.post(f"/goals/{demo.rep_goal.pk}/check-in/", {"value": "700000", "confidence": "on_track"})
    assert response.status_code == 302
    assert demo.rep_goal.checkins.first().author == demo.manager
