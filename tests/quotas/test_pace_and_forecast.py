"""Where a goal should be today, where it is, and where it is heading: one goal, and a whole cycle in SQL."""

import datetime
import math
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from goals.models import Goal, Status
from goals.quotas.pace import ON_PACE, PaceStatus, pace_status, with_pace
from goals.quotas.selectors import cycle_pace, goal_pace_of
from goals.quotas.services import goal_phasing_set
from tests.factories import GoalFactory
from tests.quotas.conftest import check_in, mid_q3, moment

pytestmark = pytest.mark.django_db
D = Decimal


def pace_of(goal):
    return goal_pace_of(Goal.objects.select_related("cycle").get(pk=goal.pk))


def test_an_unphased_goal_should_be_along_a_straight_line(people, cascade, cycle, clock):
    clock.move_to(moment(cycle.start + datetime.timedelta(days=72)))  # 73 days gone
    days = (cycle.end - cycle.start).days + 1
    check_in(cascade.rep, D(40_000), timezone.now())

    pace = pace_of(cascade.rep)

    assert pace.expected_share == pytest.approx(73 / days)
    assert pace.expected_value == (D(200_000) * D(73) / D(days)).quantize(D("0.01"))
    assert pace.current == D(40_000) and pace.progress == pytest.approx(0.2)
    assert pace.forecast == pytest.approx(0.2 / (73 / days))


def test_a_seasonal_goal_is_judged_by_its_own_seasons(people, cascade, in_mid_q3):
    goal_phasing_set(actor=people.manager, goal=cascade.rep, method="seasonal", weights=[1, 2, 3, 4])
    check_in(cascade.rep, D(81_000), in_mid_q3)  # 45% of the plan is due: 10% + 20% + half of Q3's 30%

    pace = pace_of(cascade.rep)

    assert pace.expected_share == pytest.approx(0.45)
    assert pace.expected_value == D(90_000)
    assert pace.gap == D(-9_000)
    assert pace.forecast == pytest.approx(0.9)
    assert pace.forecast_value == D(180_000)
    assert pace.status == PaceStatus.ON_PACE


def test_the_same_number_is_behind_on_an_even_plan(people, cascade, in_mid_q3):
    check_in(cascade.rep, D(81_000), in_mid_q3)  # 60% of a straight line... roughly: 227 of 365 days

    pace = pace_of(cascade.rep)

    assert pace.forecast < ON_PACE
    assert pace.status == PaceStatus.BEHIND


def test_the_pace_is_measured_at_the_last_check_in(people, cascade, cycle, in_mid_q3):
    goal_phasing_set(actor=people.manager, goal=cascade.rep, method="seasonal", weights=[1, 2, 3, 4])
    check_in(cascade.rep, D(54_000), moment(cycle.start.replace(month=8, day=31)))  # Q3 day 31 of 92: 40% due

    pace = pace_of(cascade.rep)

    assert pace.as_of == cycle.start.replace(month=8, day=31)
    assert pace.as_of_share == pytest.approx(0.3 + 0.3 * 31 / 92)
    assert pace.as_of_value == D("80217.39")
    assert pace.forecast == pytest.approx(0.27 / (0.3 + 0.3 * 31 / 92))
    assert pace.expected_value == D(90_000)  # where it should be today, mid Q3


def test_pace_thresholds():
    assert [pace_status(f) for f in (None, 1.2, 0.85, 0.84, 0.6, 0.59, -0.1)] == [
        "",
        "on_pace",
        "on_pace",
        "behind",
        "behind",
        "far_behind",
        "far_behind",
    ]


def test_no_forecast_before_a_tenth_of_the_plan_is_due(people, cascade, cycle, clock):
    clock.move_to(moment(cycle.start + datetime.timedelta(days=20)))

    pace = pace_of(cascade.rep)

    assert pace.applies and pace.forecast is None and pace.status == ""


def test_a_goal_that_holds_its_baseline_has_no_pace(people, cycle, in_mid_q3):
    goal = GoalFactory(cycle=cycle, owner=people.rep, unit="%", baseline=D(92), target=D(92), current=D(93))

    assert not pace_of(goal).applies
    assert pace_of(goal).forecast is None


def test_a_decreasing_goal_is_paced_toward_its_cut(people, cycle, in_mid_q3):
    goal = GoalFactory(cycle=cycle, owner=people.rep, unit="count", baseline=D(400), target=D(200), current=D(400))
    goal_phasing_set(actor=people.manager, goal=goal, method="even")
    check_in(goal, D(300), in_mid_q3)  # cut 100 of 200 where 62.5% (125) was due

    pace = pace_of(goal)

    assert pace.expected_value == D(275)
    assert pace.progress == pytest.approx(0.5)
    assert pace.forecast == pytest.approx(0.8)
    assert pace.status == PaceStatus.BEHIND


def test_the_band_comes_from_the_spread_of_pace_between_check_ins(people, cascade, cycle, in_mid_q3):
    goal_phasing_set(actor=people.manager, goal=cascade.rep, method="even")
    # Q1 ends at 25% of the plan, Q2 at 50%: the rep did 60K (120% pace), then 20K (40% pace), then 10K more
    check_in(cascade.rep, D(60_000), moment(cycle.start.replace(month=4, day=30)))
    check_in(cascade.rep, D(80_000), moment(cycle.start.replace(month=7, day=31)))
    check_in(cascade.rep, D(90_000), in_mid_q3)

    pace = pace_of(cascade.rep)

    assert pace.expected_share == pytest.approx(0.625)
    assert pace.forecast == pytest.approx(0.45 / 0.625)
    assert pace.stretches == 3
    low, high = pace.band
    assert low < pace.forecast < high
    assert low >= pace.progress  # never below where the goal stands
    spread = high - pace.forecast
    assert spread == pytest.approx(pace.forecast - low)
    # paces 1.2, 0.4, 0.4 over 25%, 25%, 12.5% of the plan: mean 0.72, variance 0.096 / 0.625
    assert spread == pytest.approx((1 - 0.625) * math.sqrt(0.096 / 0.625))


def test_a_single_check_in_gives_no_band(people, cascade, in_mid_q3):
    check_in(cascade.rep, D(90_000), in_mid_q3)

    assert pace_of(cascade.rep).band is None


def test_check_ins_close_together_read_as_one_stretch(people, cascade, cycle, in_mid_q3):
    day = cycle.start.replace(month=6, day=1)
    for hour, value in ((9, 40_000), (10, 45_000), (11, 50_000)):
        check_in(cascade.rep, D(value), moment(day, hour))
    check_in(cascade.rep, D(90_000), in_mid_q3)

    pace = pace_of(cascade.rep)

    assert pace.stretches == 2


def test_sql_and_python_agree_on_every_goal_of_a_cycle(people, cascade, cycle, in_mid_q3):
    goal_phasing_set(actor=people.manager, goal=cascade.rep, method="seasonal", weights=[1, 2, 3, 4])
    goal_phasing_set(actor=people.cro, goal=cascade.manager, method="even", granularity="month")
    decreasing = GoalFactory(cycle=cycle, owner=people.peer_rep, unit="count", baseline=D(50), target=D(20))
    dropped = GoalFactory(cycle=cycle, owner=people.peer_rep, status=Status.DROPPED)
    for goal, value, days_ago in ((cascade.rep, 81_000, 0), (cascade.manager, 150_000, 40), (decreasing, 41, 100)):
        check_in(goal, D(value), in_mid_q3 - datetime.timedelta(days=days_ago))

    rows = {
        row.pk: row for row in with_pace(Goal.objects.filter(cycle=cycle), timezone.localdate()).select_related("cycle")
    }

    for goal in Goal.objects.filter(cycle=cycle).select_related("cycle"):
        python = goal_pace_of(goal)
        sql = rows[goal.pk]
        assert sql.pace_expected_share == pytest.approx(python.expected_share), goal.title
        assert (sql.pace_as_of, sql.pace_as_of_share) == (python.as_of, pytest.approx(python.as_of_share))
        assert sql.pace_forecast == (pytest.approx(python.forecast) if python.forecast is not None else None)
        assert sql.pace_status == python.status
    assert rows[dropped.pk].pace_forecast is None


def test_a_cycle_paced_whole_costs_one_query(people, cascade, cycle, in_mid_q3):
    for number in range(20):
        goal = GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.manager, title=f"Deal {number}")
        goal_phasing_set(actor=people.manager, goal=goal, method="seasonal", weights=[1, 1, 2, number + 1])

    with CaptureQueriesContext(connection) as queries:
        goals = list(cycle_pace(cycle, people.manager))

    assert len(queries) == 1
    assert len(goals) == 25
    forecasts = [goal.pace_forecast for goal in goals if goal.pace_forecast is not None]
    assert forecasts == sorted(forecasts)


def test_behind_includes_far_behind(people, cascade, cycle, in_mid_q3):
    check_in(cascade.rep, D(100_000), in_mid_q3)  # behind
    check_in(cascade.peer, D(10_000), in_mid_q3)  # far behind

    behind = {goal.title for goal in cycle_pace(cycle, people.manager, status="behind")}
    far = {goal.title for goal in cycle_pace(cycle, people.manager, status="far_behind")}

    assert {"Riley new ARR", "Pat new ARR"} <= behind
    assert "Pat new ARR" in far and "Riley new ARR" not in far


def test_the_pace_list_shows_only_goals_the_viewer_may_see(people, cascade, cycle, in_mid_q3):
    Goal.objects.filter(pk=cascade.rep.pk).update(visibility="private")

    assert cascade.rep.pk not in {goal.pk for goal in cycle_pace(cycle, people.other_rep)}
    assert cascade.rep.pk in {goal.pk for goal in cycle_pace(cycle, people.manager)}


def test_mid_q3_is_where_the_tests_stand(cycle):
    assert mid_q3(cycle).date() == cycle.start.replace(month=9, day=15)
