"""The demo company comes with a past: its alignment trend, check-in charts and drift show on first sign-in."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import Person
from demo.builder import build_demo_company
from goals.alignment.health import alignment_health
from goals.models import AlignmentSnapshot, CheckIn, Cycle, Goal, Phase
from workshop.selectors import baseline_drift

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        build_demo_company()
    return Cycle.objects.get(phase=Phase.ACTIVE)


def test_the_alignment_trend_has_a_point_for_every_day_since_the_workshop(demo):
    cro = Person.objects.get(username="marcus.oyelaran")

    trend = alignment_health(demo, cro).trend

    today = timezone.localdate()
    first = max(demo.baseline.frozen_at.date(), today - datetime.timedelta(days=90))  # the page shows 90 days
    assert [point.day for point in trend] == [
        first + datetime.timedelta(days=n) for n in range((today - first).days + 1)
    ]
    assert trend[-1].open_flags == alignment_health(demo, cro).open_flags
    assert len({point.open_flags for point in trend}) > 5  # it moves, as a real company's would
    first_day = AlignmentSnapshot.objects.filter(cycle=demo).earliest("day").day
    assert first_day == demo.baseline.frozen_at.date()


def test_the_trend_comes_down_from_the_workshop(demo):
    snapshots = list(AlignmentSnapshot.objects.filter(cycle=demo).order_by("day"))

    first_fortnight = sum(s.open_flags for s in snapshots[:14]) / 14
    last_fortnight = sum(s.open_flags for s in snapshots[-14:]) / 14
    assert first_fortnight > last_fortnight


def test_the_reps_goal_has_a_check_in_history_and_the_cycle_has_drift(demo):
    rep = Person.objects.get(username="alex.rivera")
    cro = Person.objects.get(username="marcus.oyelaran")
    goal = Goal.objects.filter(cycle=demo, owner=rep).first()

    assert CheckIn.objects.filter(goal=goal).count() >= 3
    assert sum(baseline_drift(demo.baseline, cro).counts.values()) > 0
