"""The demo company's goals read true: no title names an amount its target can leave behind, directions fit."""

import re

import pytest

from demo.builder import build_demo_company
from goals.models import Direction, Goal

pytestmark = pytest.mark.django_db

AMOUNT_IN_TITLE = re.compile(r"[$€£]\s?\d|\b\d[\d,.]*\s?(?:[KMB]\b|new logos|logos|accounts|deals|meetings)")


@pytest.fixture
def demo_goals(db):
    build_demo_company()
    return list(Goal.objects.select_related("cycle", "owner"))


def test_no_demo_title_names_an_amount_that_a_target_split_would_leave_stale(demo_goals):
    stale_prone = [goal.title for goal in demo_goals if AMOUNT_IN_TITLE.search(goal.title)]
    assert stale_prone == []


def test_demo_goals_move_the_way_their_numbers_say(demo_goals):
    assert all(goal._amount_errors() == {} for goal in demo_goals)
    churn = next(goal for goal in demo_goals if goal.metric == "mid-market churn")
    assert churn.direction == Direction.DECREASE
    assert 0 < churn.progress < 1
