"""Helpers for the quota tests: moments inside the test cycle, so expected shares are exact on any day.

The test cycle runs 1 February to 31 January (tests.clock.fiscal_year_start); its quarters
2 to 4 are 92 days each in every year, so the middle of Q3 is day 46 of 92 of it.
"""

import datetime

import pytest

from tests.factories import CheckInFactory
from tests.web.conftest import demo  # noqa: F401 - the demo company, for the demo's quota tests


def moment(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


def mid_q3(cycle) -> datetime.datetime:
    """Half of Q3 gone (15 September for a February year): 60% of an even year's plan is due."""
    return moment(cycle.start.replace(month=8) + datetime.timedelta(days=45))


@pytest.fixture
def in_mid_q3(clock, cycle):
    """The clock stands in the middle of the test cycle's Q3."""
    clock.move_to(mid_q3(cycle))
    return mid_q3(cycle)


def check_in(goal, value, when: datetime.datetime):
    """A check-in at ``when`` that becomes the goal's current value (as the service does)."""
    from goals.models import Goal

    checkin = CheckInFactory(goal=goal, value=value, created=when)
    Goal.objects.filter(pk=goal.pk).update(current=value, last_checkin_at=when)
    goal.refresh_from_db()
    return checkin
