"""Checking in on the goal page updates every figure on it, and says so once."""

from decimal import Decimal

import pytest

from goals.models import Direction, Unit
from tests.web.conftest import htmx

pytestmark = pytest.mark.django_db


def test_a_check_in_on_the_goal_page_answers_with_the_whole_updated_page(client, demo):
    goal = demo.rep_goal
    client.force_login(demo.rep)
    response = htmx(client.post, f"/goals/{goal.pk}/check-in/", {"value": "180,925.10", "confidence": "off_track"})
    html = response.content.decode()
    assert 'id="goal-page"' in html and 'hx-select="#goal-page"' in html
    assert "Check-in saved." in html
    history = html[html.index('id="history-title"') : html.index('id="children-title"')]
    assert "$180,925.10" in history  # the history table and the chart's label
    header = html[html.index("<h1>") : html.index('class="page-header__actions"')]
    assert "Off track" in header  # the confidence badge beside the title
    target_card = html[html.index('id="target-title"') : html.index('id="history-title"')]
    assert "$180,925.10" in target_card


def test_the_saved_message_is_not_shown_again_on_the_next_page(client, demo):
    client.force_login(demo.rep)
    htmx(client.post, f"/goals/{demo.rep_goal.pk}/check-in/", {"value": "612000", "confidence": "on_track"})
    assert "Checked in on" not in client.get("/").content.decode()


def test_a_bad_value_on_the_goal_page_keeps_the_page_and_shows_the_error(client, demo):
    client.force_login(demo.rep)
    response = htmx(client.post, f"/goals/{demo.rep_goal.pk}/check-in/", {"value": "-4", "confidence": "on_track"})
    html = response.content.decode()
    assert 'id="id_value_error"' in html and "below zero" in html
    assert 'value="-4"' in html


def test_a_goal_that_should_fall_reads_as_one(client, demo):
    goal = demo.rep_goal
    goal.unit, goal.baseline, goal.target, goal.current = Unit.PERCENT, Decimal(10), Decimal(7), Decimal("8.1")
    goal.direction = Direction.DECREASE
    goal.save()
    client.force_login(demo.rep)
    home = client.get("/").content.decode()
    assert "8.1%, aiming down to 7%" in home
    assert "8.1% of 7%" not in home
    page = client.get(goal.get_absolute_url()).content.decode()
    assert "Down to 7%" in page
