"""The check-in chart: values across the cycle, target and baseline lines, goals that go down too."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

from goals.charts import checkin_chart


def fake_goal(baseline, target):
    cycle = SimpleNamespace(start=datetime.date(2026, 2, 1), end=datetime.date(2027, 1, 31))
    return SimpleNamespace(cycle=cycle, baseline=Decimal(baseline), target=Decimal(target), unit="%")


def checkin(day, value, pk):
    return SimpleNamespace(created=datetime.datetime(2026, *day, tzinfo=datetime.UTC), value=Decimal(value), pk=pk)


def test_no_check_ins_means_no_chart():
    assert checkin_chart(fake_goal(0, 10), [], today=datetime.date(2026, 6, 1)) is None


def test_points_run_left_to_right_in_time_order_whatever_the_input_order():
    points = [checkin((9, 1), 6, 2), checkin((3, 1), 2, 1)]
    chart = checkin_chart(fake_goal(0, 10), points, today=datetime.date(2026, 10, 1))
    assert [p.checkin.pk for p in chart.points] == [1, 2]
    assert chart.points[0].x < chart.points[1].x
    assert chart.points[0].y > chart.points[1].y  # higher value, higher on the page
    assert chart.target.y < chart.baseline.y
    assert chart.target.label == "Target 10%"


def test_a_goal_that_goes_down_puts_its_target_below_its_baseline():
    chart = checkin_chart(fake_goal(10, 8), [checkin((5, 1), 9.5, 1)], today=datetime.date(2026, 6, 1))
    assert chart.target.y > chart.baseline.y
    assert chart.baseline.y < chart.points[0].y < chart.target.y


def test_today_is_marked_only_inside_the_cycle():
    inside = checkin_chart(fake_goal(0, 10), [checkin((5, 1), 1, 1)], today=datetime.date(2026, 6, 1))
    outside = checkin_chart(fake_goal(0, 10), [checkin((5, 1), 1, 1)], today=datetime.date(2028, 6, 1))
    assert inside.today_x is not None
    assert outside.today_x is None
