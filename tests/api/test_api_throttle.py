"""Every API call counts against the caller's scoped rate (API_THROTTLE_RATE); beyond it, 429 with a detail."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_person_beyond_the_api_rate_gets_429_and_others_do_not(api_as, people, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "4/minute", "token": None}}
    rep = api_as(people.rep)
    for _ in range(4):
        assert rep.get("/api/people/me/").status_code == 200

    refused = rep.get("/api/people/me/")

    assert refused.status_code == 429
    assert "detail" in refused.json()
    assert api_as(people.peer_rep).get("/api/people/me/").status_code == 200


def test_the_default_rate_leaves_an_integrator_room_to_page_through_a_large_cascade(settings):
    count, _, period = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["api"].partition("/")

    # 100,000 goals at 500 a page are 200 requests; the default allows far more per hour.
    assert period == "hour"
    assert int(count) >= 1000
