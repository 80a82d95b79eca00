"""The suite's clock: every test starts at TEST_NOW, whatever the day it runs."""

import datetime
import time

import pytest
from django.utils import timezone

from tests.clock import TEST_NOW, _parse, fiscal_year_end, fiscal_year_start


def test_every_test_starts_at_the_suites_instant():
    assert timezone.now() == TEST_NOW
    assert datetime.date.today() == TEST_NOW.date()
    assert int(time.time()) == int(TEST_NOW.timestamp())


def test_a_test_moves_the_clock_for_itself_alone(clock):
    clock.shift(datetime.timedelta(days=40))

    assert timezone.now() == TEST_NOW + datetime.timedelta(days=40)


def test_the_next_test_is_back_at_the_suites_instant():
    assert timezone.now() == TEST_NOW


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (datetime.date(2026, 11, 23), datetime.date(2026, 2, 1), datetime.date(2027, 1, 31)),
        (datetime.date(2027, 1, 31), datetime.date(2026, 2, 1), datetime.date(2027, 1, 31)),
        (datetime.date(2027, 2, 1), datetime.date(2027, 2, 1), datetime.date(2028, 1, 31)),
    ],
)
def test_the_fiscal_year_runs_february_to_january(day, start, end):
    assert (fiscal_year_start(day), fiscal_year_end(day)) == (start, end)


def test_a_moved_clock_must_name_its_time_zone():
    assert _parse("2028-01-31T23:30:00Z") == datetime.datetime(2028, 1, 31, 23, 30, tzinfo=datetime.UTC)
    with pytest.raises(ValueError, match="time zone"):
        _parse("2028-01-31T23:30:00")
