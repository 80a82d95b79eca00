"""Refusals, conflicts and failures show a styled page or a message, never a stack trace."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.web.error_pages_urls")]


def test_a_missing_page_is_a_styled_404(client, people):
    client.force_login(people.rep)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"There is nothing here" in response.content
    assert b'aria-label="Main"' in response.content


def test_a_refused_action_is_a_403_that_says_why(client, people):
    client.force_login(people.rep)
    response = client.get("/test/refuse/")
    assert response.status_code == 403
    assert b"Only the goal&#x27;s owner submits it for approval." in response.content


def test_a_state_conflict_sends_the_person_back_with_the_reason(client, people):
    client.force_login(people.rep)
    response = client.post("/test/conflict/", HTTP_REFERER="http://testserver/goals/1/", follow=False)
    assert response.status_code == 302
    assert response["Location"] == "http://testserver/goals/1/"
    shown = client.get("/accounts/password_change/")
    assert b"FY2026 is closed: its goals are read-only." in shown.content


def test_a_state_conflict_in_an_htmx_request_redirects_the_whole_page(client, people):
    client.force_login(people.rep)
    response = client.post("/test/conflict/", HTTP_HX_REQUEST="true", HTTP_REFERER="http://testserver/goals/1/")
    assert response["HX-Redirect"] == "http://testserver/goals/1/"


def test_a_state_conflict_never_redirects_off_site(client, people):
    client.force_login(people.rep)
    response = client.post("/test/conflict/", HTTP_REFERER="https://evil.example/")
    assert response["Location"] == "/test/conflict/"


def test_a_crash_shows_the_styled_500_page(client, people):
    client.raise_request_exception = False
    client.force_login(people.rep)
    response = client.get("/test/crash/")
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert b"Traceback" not in response.content
