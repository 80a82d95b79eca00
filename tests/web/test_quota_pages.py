"""Phasing, pace and scores on the pages: the goal page's cards, the phasing page, retrospectives, the explorer."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.formatting import format_amount
from goals.models import Goal, GoalPhasing, GoalScore
from goals.quotas.periods import cycle_periods, period_amounts
from goals.quotas.services import goal_phasing_set
from goals.services import cycle_close
from tests.factories import GoalFactory
from tests.quotas.conftest import check_in, mid_q3

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def q3(people, cascade, cycle, clock):
    """Mid Q3: the rep is behind their seasonal plan, the peer far behind an even one."""
    clock.move_to(mid_q3(cycle))
    goal_phasing_set(actor=people.manager, goal=cascade.rep, method="seasonal", weights=[1, 2, 3, 4])
    check_in(cascade.rep, D(63_000), timezone.now())
    check_in(cascade.peer, D(20_000), timezone.now())
    return cascade


def page(client, person, url):
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_goal_page_shows_where_the_goal_should_be_where_it_is_and_its_forecast(client, people, q3):
    html = page(client, people.rep, q3.rep.get_absolute_url())

    assert "Pace and forecast" in html and "Behind pace" in html
    assert "$90,000" in html  # should be by today: 45% of $200,000
    assert "$63,000" in html
    assert "At this pace it ends near <strong>$140,000</strong>, 70% of its plan" in html
    assert "By a seasonality profile, from a typed profile." in html
    assert '<tr class="is-current" aria-current="date">' in html
    assert "/phasing/" not in html  # an approved goal is phased by the rep's managers, not the rep


def test_a_manager_sees_each_reps_quarter_target_pace_and_forecast(client, people, q3):
    html = page(client, people.manager, q3.manager.get_absolute_url())

    days = [D(quarter.days) for quarter in cycle_periods(q3.peer.cycle.start, q3.peer.cycle.end, "quarter")]
    straight_line_q3 = period_amounts(D(200_000), days)[2]

    assert "Sub-goals in Q3" in html
    assert "$60,000" in html  # Riley's Q3: 30% of $200,000
    assert format_amount(straight_line_q3, "USD") in html  # Pat's goal is not phased: Q3's 92 days of the year
    assert "Forecast 70%" in html
    assert "badge--pace-far_behind" in html


def test_the_manager_phases_a_reps_goal_from_the_phasing_page(client, people, q3):
    client.force_login(people.manager)
    url = f"/goals/{q3.peer.pk}/phasing/"
    assert "Q4 (1 Nov" in client.get(url).content.decode()

    response = client.post(
        url,
        {
            "granularity": "quarter",
            "method": "typed",
            "period_0": "20000",
            "period_1": "40000",
            "period_2": "60000",
            "period_3": "80000",
        },
    )

    assert response.status_code == 302 and response["Location"].endswith("#phasing")
    assert GoalPhasing.objects.get(goal=q3.peer).method == "typed"


def test_typed_periods_that_do_not_add_up_are_shown_on_the_form_and_nothing_is_saved(client, people, q3):
    client.force_login(people.manager)

    response = client.post(
        f"/goals/{q3.peer.pk}/phasing/",
        {
            "granularity": "quarter",
            "method": "typed",
            "period_0": "1",
            "period_1": "2",
            "period_2": "3",
            "period_3": "4",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "The periods add up to $10, $199,990 short: they must add up to the $200,000 target exactly." in html
    assert 'value="4"' in html  # what was typed stays
    assert not GoalPhasing.objects.filter(goal=q3.peer).exists()


def test_a_missing_weight_is_shown_beside_its_period(client, people, q3):
    client.force_login(people.manager)

    response = client.post(
        f"/goals/{q3.peer.pk}/phasing/",
        {
            "granularity": "quarter",
            "method": "seasonal",
            "period_0": "1",
            "period_1": "",
            "period_2": "x",
            "period_3": "1",
        },
    )

    html = response.content.decode()
    assert "Give Q2 a weight." in html
    assert "Enter a number." in html
    assert 'aria-invalid="true"' in html


def test_months_on_the_phasing_page(client, people, q3):
    client.force_login(people.manager)

    html = client.get(f"/goals/{q3.peer.pk}/phasing/?granularity=month").content.decode()
    assert html.count('name="period_') == 12
    client.post(f"/goals/{q3.peer.pk}/phasing/", {"granularity": "month", "method": "even"})
    assert GoalPhasing.objects.get(goal=q3.peer).granularity == "month"


def test_the_phasing_page_is_refused_to_people_who_may_not_phase(client, people, q3):
    client.force_login(people.rep)

    response = client.get(f"/goals/{q3.rep.pk}/phasing/")

    assert response.status_code == 403
    assert "by their managers" in response.content.decode()


def test_removing_the_phasing(client, people, q3):
    client.force_login(people.manager)

    response = client.post(f"/goals/{q3.rep.pk}/phasing/clear/")

    assert response.status_code == 302
    assert not GoalPhasing.objects.filter(goal=q3.rep).exists()


# --- scores ----------------------------------------------------------------------------


@pytest.fixture
def closed(people, cascade, cycle):
    Goal.objects.filter(pk=cascade.rep.pk).update(current=D(230_000))
    cycle_close(actor=people.staff, cycle=cycle)
    return cascade


def test_a_closed_goal_shows_its_score_and_its_owner_writes_a_retrospective(client, people, closed):
    html = page(client, people.rep, closed.rep.get_absolute_url())
    assert "Final score" in html and "115%" in html
    assert "Save retrospective" in html

    response = client.post(f"/goals/{closed.rep.pk}/retrospective/", {"retrospective": "Two renewals came early."})

    assert response.status_code == 302
    assert GoalScore.objects.get(goal=closed.rep).retrospective == "Two renewals came early."
    assert "Two renewals came early." in page(client, people.manager, closed.rep.get_absolute_url())


def test_others_read_the_score_without_a_form(client, people, closed):
    html = page(client, people.manager, closed.rep.get_absolute_url())

    assert "Final score" in html and "Save retrospective" not in html
    assert "Riley Rep has not written a retrospective." in html
    client.force_login(people.manager)
    assert client.post(f"/goals/{closed.rep.pk}/retrospective/", {"retrospective": "Mine?"}).status_code == 403


def test_a_long_retrospective_is_refused_beside_the_field(client, people, closed):
    client.force_login(people.rep)

    response = client.post(f"/goals/{closed.rep.pk}/retrospective/", {"retrospective": "x" * 2001})

    assert response.status_code == 200
    assert "Keep it short: at most 2000 characters (2001 now)." in response.content.decode()


def test_the_closed_goal_page_costs_a_fixed_number_of_queries(client, people, closed, django_assert_max_num_queries):
    client.force_login(people.manager)
    # the open goal page's (tests/web/test_goal_page.py) and the score
    with django_assert_max_num_queries(22):
        assert client.get(closed.manager.get_absolute_url()).status_code == 200


# --- the explorer ----------------------------------------------------------------------


def test_the_explorer_shows_forecasts_and_filters_by_pace(client, people, q3, cycle):
    client.force_login(people.manager)

    behind = client.get(f"/cycles/{cycle.pk}/explorer/?pace=behind&tier=rep").content.decode()
    assert "Riley new ARR" in behind and "Pat new ARR" in behind and "Forecast 70%" in behind
    far = client.get(f"/cycles/{cycle.pk}/explorer/?pace=far_behind&tier=rep").content.decode()
    assert "Pat new ARR" in far and "Riley new ARR" not in far


def test_the_explorer_orders_by_forecast(client, people, q3, cycle):
    client.force_login(people.manager)

    lowest = client.get(f"/cycles/{cycle.pk}/explorer/?tier=rep&sort=forecast").content.decode()
    highest = client.get(f"/cycles/{cycle.pk}/explorer/?tier=rep&sort=-forecast").content.decode()

    assert lowest.index("Pat new ARR") < lowest.index("Riley new ARR")
    assert highest.index("Riley new ARR") < highest.index("Pat new ARR")


def test_a_bad_pace_filter_is_shown_next_to_the_filter(client, people, q3, cycle):
    client.force_login(people.manager)

    html = client.get(f"/cycles/{cycle.pk}/explorer/?pace=sideways").content.decode()

    assert "Select a valid choice" in html


def test_the_explorer_adds_no_query_per_goal_for_forecasts(client, people, q3, cycle):
    client.force_login(people.manager)

    def queries_for_subgoals() -> int:
        with CaptureQueriesContext(connection) as captured:
            html = client.get(f"/goals/{q3.manager.pk}/subgoals/").content.decode()
        assert "Forecast" in html
        return len(captured)

    few = queries_for_subgoals()
    for number in range(15):
        goal = GoalFactory(cycle=cycle, owner=people.rep, parent=q3.manager, title=f"Deal {number}")
        check_in(goal, D(number * 1000), timezone.now())
    assert queries_for_subgoals() == few


@pytest.mark.parametrize("login", ["rep", "manager", "cro", "admin"])
def test_every_quota_page_renders_on_the_demo(client, demo, login):
    closed_goal = Goal.objects.filter(cycle=demo.closed_cycle, owner=demo.manager).first()
    person = getattr(demo, login)
    client.force_login(person)
    pages = [
        f"/cycles/{demo.cycle.pk}/explorer/?pace=behind&sort=forecast",
        f"/cycles/{demo.closed_cycle.pk}/explorer/?sort=-forecast",
        closed_goal.get_absolute_url(),
        demo.manager_goal.get_absolute_url(),
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
    phasing = client.get(f"/goals/{demo.manager_goal.pk}/phasing/")
    assert phasing.status_code == (200 if person.has_perm("goals.phase_goal", demo.manager_goal) else 403)


def test_admins_read_phasing_and_scores_in_the_admin_site(client, demo):
    client.force_login(demo.admin)
    phasing = GoalPhasing.objects.filter(goal__cycle=demo.cycle).first()
    score = GoalScore.objects.filter(goal__cycle=demo.closed_cycle).first()

    for url in (
        "/admin/goals/goalphasing/",
        f"/admin/goals/goalphasing/{phasing.pk}/change/",
        "/admin/goals/goalscore/",
        f"/admin/goals/goalscore/{score.pk}/change/",
    ):
        assert client.get(url).status_code == 200, url
