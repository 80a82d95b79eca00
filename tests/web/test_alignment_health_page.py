"""The alignment health page: counts anyone may read, people's own flags, and "Scan now" for executives and admins."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goals.alignment import scan_cycle
from goals.models import AlignmentFlag, Phase, Visibility
from tests.factories import CycleFactory, GoalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def flagged(people, cascade, cycle):
    GoalFactory(cycle=cycle, owner=people.rep, title="Learn the CPQ tool")
    GoalFactory(cycle=cycle, owner=people.manager, title="Private orphan", visibility=Visibility.PRIVATE)
    scan_cycle(cycle.pk)
    return cascade


def page(client, person, cycle):
    client.force_login(person)
    response = client.get(f"/alignment/{cycle.pk}/")
    assert response.status_code == 200
    return response


def test_the_page_shows_counts_by_kind_team_and_tier_and_the_worst_subtrees(client, people, flagged, cycle):
    response = page(client, people.peer_rep, cycle)

    health = response.context["health"]
    assert health.open_flags == 2  # the manager's private orphan is not the peer's to see
    html = response.content.decode()
    assert "Open flags by kind" in html and "By team" in html and "By tier" in html
    assert "Link the goal to a parent goal so it counts toward a corporate objective." in html  # the remedy
    assert "Private orphan" not in html
    assert "New ARR from sales" in html  # the worst subtree: the CRO's goal with its shortfall


def test_owners_see_their_own_flags_with_what_to_do(client, people, flagged, cycle):
    html = page(client, people.rep, cycle).content.decode()

    assert "Flags on your goals" in html
    assert "Learn the CPQ tool" in html
    assert "A rep goal linked to no parent goal: it counts toward no corporate objective." in html


@pytest.mark.parametrize("who, sees_button", [("rep", False), ("manager", False), ("cro", True), ("staff", True)])
def test_scan_now_is_offered_to_executives_and_admins(client, people, flagged, cycle, who, sees_button):
    html = page(client, getattr(people, who), cycle).content.decode()

    assert ("Scan now" in html) is sees_button


def test_scan_now_runs_the_scan_and_says_what_changed(client, people, cascade, cycle):
    GoalFactory(cycle=cycle, owner=people.rep, title="Learn the CPQ tool")
    client.force_login(people.cro)

    response = client.post(f"/alignment/{cycle.pk}/scan/", follow=True)

    assert response.redirect_chain == [(f"/alignment/{cycle.pk}/", 302)]
    assert "Scanned FY2027: 2 new, 0 resolved, 0 updated; 2 open." in response.content.decode()
    assert AlignmentFlag.objects.open().count() == 2


def test_a_rep_cannot_run_the_scan(client, people, cascade, cycle):
    client.force_login(people.rep)

    assert client.post(f"/alignment/{cycle.pk}/scan/").status_code == 403
    assert client.get(f"/alignment/{cycle.pk}/scan/").status_code == 405
    assert not AlignmentFlag.objects.exists()


def test_the_page_opens_on_the_active_cycle(client, people, cycle):
    CycleFactory(name="FY2026", phase=Phase.CLOSED, start=datetime.date(2025, 2, 1), end=datetime.date(2026, 1, 31))
    client.force_login(people.rep)

    assert client.get("/alignment/").url == f"/alignment/{cycle.pk}/"


def test_without_any_cycle_the_page_says_so(client, people):
    client.force_login(people.rep)

    assert "There is no planning cycle yet" in client.get("/alignment/").content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client, cycle):
    assert client.get(f"/alignment/{cycle.pk}/").url.startswith("/accounts/login/")


def test_an_unknown_cycle_is_a_404(client, people):
    client.force_login(people.rep)

    assert client.get("/alignment/987654/").status_code == 404


def test_the_page_costs_the_same_queries_however_many_flags(client, people, flagged, cycle):
    client.force_login(people.rep)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/alignment/{cycle.pk}/").status_code == 200
        return len(captured)

    few = queries()
    for n in range(20):
        GoalFactory(cycle=cycle, owner=people.rep, title=f"Orphan {n}")
    scan_cycle(cycle.pk)

    assert queries() == few <= 10


def test_the_trend_draws_once_there_are_two_days(client, people, flagged, cycle):
    yesterday = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=1)
    scan_cycle(cycle.pk, now=yesterday)
    scan_cycle(cycle.pk)

    html = page(client, people.rep, cycle).content.decode()

    assert "<polyline" in html
