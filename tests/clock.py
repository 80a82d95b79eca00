"""The suite's one clock.

Every test runs with the clock stopped at ``TEST_NOW`` (time-machine patches ``datetime``,
``time`` and the C clock, so Django, Celery and the database layer all agree). Tests that
need another moment move it with the ``clock`` fixture (``clock.move_to(...)``,
``clock.shift(...)``) or pass ``now=`` to the service under test; dates a test builds are
derived from ``TEST_NOW``, never written as calendar dates, so the suite means the same on
any day.

``CASCADE_TEST_NOW`` (an ISO 8601 instant) moves the whole suite's clock: CI runs the suite
again a year ahead and on the last evening of a fiscal year, and any test whose outcome
changes with the date fails there first.
"""

import datetime
import os

DEFAULT_TEST_NOW = "2026-11-23T08:00:00+00:00"


def _parse(value: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"CASCADE_TEST_NOW must name its time zone (e.g. ...Z): {value!r}")
    return moment.astimezone(datetime.UTC)


TEST_NOW = _parse(os.environ.get("CASCADE_TEST_NOW") or DEFAULT_TEST_NOW)
TEST_TODAY = TEST_NOW.date()


def fiscal_year_start(day: datetime.date) -> datetime.date:
    """The 1 February on or before ``day``: the demo company's and the factories' fiscal year."""
    year = day.year if day.month >= 2 else day.year - 1
    return datetime.date(year, 2, 1)


def fiscal_year_end(day: datetime.date) -> datetime.date:
    start = fiscal_year_start(day)
    return datetime.date(start.year + 1, 1, 31)


def days_ago(days: float, *, hours: float = 0) -> datetime.datetime:
    return TEST_NOW - datetime.timedelta(days=days, hours=hours)


def short_date(day: datetime.date | datetime.datetime) -> str:
    """A date as the product writes it for people: "8 Nov 2026"."""
    return f"{day.day} {day:%b %Y}"
