"""The demo company holds a workshop under way next year and a closed one, with drift, this year."""

import pytest

from accounts.models import Person
from demo.builder import build_demo_company
from goals.models import Cycle, Phase
from workshop.models import Decision
from workshop.selectors import DriftKind, baseline_drift, baseline_of, workshop_board

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    build_demo_company(reps=20, team_size=5, goals_per_rep=3, checkins_per_goal=2)


def test_next_years_workshop_has_goals_to_map_and_decisions(demo):
    cycle = Cycle.objects.get(phase=Phase.WORKSHOP)
    cro = Person.objects.get(username="marcus.oyelaran")
    board = workshop_board(cycle, cro)
    assert len(board.unmapped) == 3
    assert {column.objective.title for column in board.unsupported} >= {"Make partners 30% of pipeline"}
    assert board.short  # APAC's share of the ARR objective is not mapped yet
    decisions = Decision.objects.filter(cycle=cycle)
    assert decisions.count() >= 5 and decisions.filter(kind="mapping").count() == 2
    assert baseline_of(cycle) is None


def test_this_years_baseline_shows_drift(demo):
    cycle = Cycle.objects.get(phase=Phase.ACTIVE)
    baseline = baseline_of(cycle)
    assert baseline is not None and baseline.frozen_at.date() > cycle.start
    drift = baseline_drift(baseline, Person.objects.get(username="alex.rivera"))
    assert drift.counts[DriftKind.TARGET] == 2
    assert drift.counts[DriftKind.PARENT] == 1
    assert {row.title for row in drift.rows[DriftKind.ADDED]} == {
        "Learn the new CPQ tool",
        "Coach the team on MEDDICC discovery",
    }
    assert Decision.objects.filter(cycle=cycle, kind="closing").exists()
