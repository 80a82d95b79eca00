"""A cycle's quarters and months, and splitting an amount into periods to the cent."""

import datetime
from decimal import Decimal

import pytest

from goals.quotas.periods import MAX_PERIODS, add_months, cycle_periods, period_amounts, share_expected_by

D = Decimal
FEB_1 = datetime.date(2026, 2, 1)
JAN_31 = datetime.date(2027, 1, 31)


def test_a_fiscal_year_has_four_quarters_counted_from_its_start():
    quarters = cycle_periods(FEB_1, JAN_31, "quarter")

    assert [(q.label, q.start, q.end) for q in quarters] == [
        ("Q1", FEB_1, datetime.date(2026, 4, 30)),
        ("Q2", datetime.date(2026, 5, 1), datetime.date(2026, 7, 31)),
        ("Q3", datetime.date(2026, 8, 1), datetime.date(2026, 10, 31)),
        ("Q4", datetime.date(2026, 11, 1), JAN_31),
    ]


def test_a_fiscal_year_has_twelve_months_named_by_their_start():
    months = cycle_periods(FEB_1, JAN_31, "month")

    assert len(months) == 12
    assert [months[0].label, months[-1].label] == ["Feb 2026", "Jan 2027"]
    assert months[0].end == datetime.date(2026, 2, 28)
    assert sum(month.days for month in months) == (JAN_31 - FEB_1).days + 1


def test_the_last_period_of_an_odd_length_cycle_ends_with_the_cycle():
    quarters = cycle_periods(datetime.date(2026, 1, 1), datetime.date(2026, 8, 15), "quarter")

    assert [(q.start, q.end) for q in quarters][-1] == (datetime.date(2026, 7, 1), datetime.date(2026, 8, 15))


def test_months_from_the_31st_keep_to_month_ends():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    months = cycle_periods(datetime.date(2026, 1, 31), datetime.date(2026, 6, 29), "month")
    assert [m.start for m in months][:3] == [
        datetime.date(2026, 1, 31),
        datetime.date(2026, 2, 28),
        datetime.date(2026, 3, 31),
    ]


def test_too_many_periods_are_refused():
    with pytest.raises(ValueError, match=f"more than {MAX_PERIODS}"):
        cycle_periods(datetime.date(2020, 1, 1), datetime.date(2023, 6, 30), "month")


def test_an_unknown_granularity_is_refused():
    with pytest.raises(ValueError, match="Unknown granularity"):
        cycle_periods(FEB_1, JAN_31, "week")


def test_amounts_add_up_exactly_and_the_remainder_goes_to_the_largest_period():
    amounts = period_amounts(D(100), [D(1), D(1), D(2), D(1), D(1), D(1)])

    assert sum(amounts) == D(100)
    assert amounts == [D("14.29"), D("14.29"), D("28.55"), D("14.29"), D("14.29"), D("14.29")]


def test_a_decreasing_goal_splits_its_cut_into_negative_amounts():
    amounts = period_amounts(D(-150), [D(1), D(1), D(1), D(1)])

    assert amounts == [D("-37.50")] * 4
    assert sum(amounts) == D(-150)


def test_zero_weights_are_refused():
    with pytest.raises(ValueError):
        period_amounts(D(100), [D(0), D(0)])


def test_the_share_due_counts_earlier_periods_whole_and_the_current_one_by_days():
    periods = [
        (q.start, q.end, before, share)
        for q, (before, share) in zip(
            cycle_periods(FEB_1, JAN_31, "quarter"), [(0.0, 0.1), (0.1, 0.2), (0.3, 0.3), (0.6, 0.4)], strict=True
        )
    ]
    mid_q3 = datetime.date(2026, 9, 15)  # day 46 of Q3's 92

    assert share_expected_by(mid_q3, FEB_1, JAN_31, periods) == pytest.approx(0.45)
    assert share_expected_by(FEB_1 - datetime.timedelta(1), FEB_1, JAN_31, periods) == 0
    assert share_expected_by(JAN_31, FEB_1, JAN_31, periods) == pytest.approx(1)
    assert share_expected_by(JAN_31 + datetime.timedelta(1), FEB_1, JAN_31, periods) == 1


def test_without_phasing_the_share_due_runs_along_a_straight_line():
    day = FEB_1 + datetime.timedelta(days=72)  # 73 days of 365 gone

    assert share_expected_by(day, FEB_1, JAN_31) == pytest.approx(73 / 365)
