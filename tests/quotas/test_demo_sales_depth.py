"""The demo company phases its quotas, shows a mix of paces, and closed last year with scores."""

from decimal import Decimal

import pytest

from accounts.models import Person
from goals.models import AlignmentFlag, FlagKind, Goal, GoalPeriod, GoalPhasing, GoalScore, Phase, Tier
from goals.quotas.selectors import cycle_pace

pytestmark = pytest.mark.django_db


def test_new_arr_is_phased_by_last_years_shape_down_the_cascade(demo):
    objective = Goal.objects.get(cycle=demo.cycle, tier=Tier.CORPORATE, metric="new ARR")
    phasing = GoalPhasing.objects.get(goal=objective)

    assert phasing.method == "prior_cycle"
    assert phasing.source == f"{demo.closed_cycle.name} actuals of new ARR (the company's)"
    shape = list(GoalPeriod.objects.filter(goal=objective).order_by("index").values_list("share", flat=True))
    assert shape[3] > shape[0]  # Q4 weighs more than Q1, as last year
    assert GoalPhasing.objects.get(goal=demo.rep_goal).method == "parent"
    rep_shape = list(GoalPeriod.objects.filter(goal=demo.rep_goal).order_by("index").values_list("share", flat=True))
    assert rep_shape == pytest.approx(shape)


def test_the_demo_uses_every_kind_of_phasing(demo):
    methods = set(GoalPhasing.objects.filter(goal__cycle=demo.cycle).values_list("method", flat=True))

    assert methods == {"prior_cycle", "parent", "typed", "even", "seasonal"}
    assert GoalPhasing.objects.filter(goal__cycle=demo.cycle, granularity="month").count() == 1


def test_the_showcased_team_has_reps_on_pace_and_behind(demo):
    team = {
        goal.owner.username: goal.pace_status
        for goal in cycle_pace(demo.cycle, demo.manager).filter(
            owner__manager=demo.manager, metric="new ARR", tier=Tier.REP
        )
    }

    assert "on_pace" in team.values()
    assert {"behind", "far_behind"} & set(team.values())
    behind = AlignmentFlag.objects.open().filter(cycle=demo.cycle, kind=FlagKind.BEHIND_PACE)
    assert behind.filter(goal__owner__manager=demo.manager).exists()
    assert behind.count() < Goal.objects.filter(cycle=demo.cycle).count() / 2


def test_last_year_closed_with_scores_month_actuals_and_retrospectives(demo):
    scores = GoalScore.objects.filter(goal__cycle=demo.closed_cycle)

    assert scores.count() == Goal.objects.filter(cycle=demo.closed_cycle).count()
    rep_scores = scores.filter(goal__tier=Tier.REP)
    assert all(len(actuals) == 12 for actuals in rep_scores.values_list("month_actuals", flat=True))
    assert {"achieved", "missed"} == set(scores.values_list("outcome", flat=True))
    assert scores.exclude(retrospective="").filter(goal__owner__manager=demo.manager).count() >= 2
    for score in rep_scores[:20]:
        assert sum(Decimal(gain) for gain in score.month_actuals) == score.final_value - score.baseline


def test_a_manager_sees_each_reps_quarter_target_pace_and_forecast(client, demo):
    client.force_login(demo.manager)

    html = client.get(demo.manager_goal.get_absolute_url()).content.decode()

    assert "Sub-goals in Q" in html
    reps = Person.objects.filter(manager=demo.manager)
    shown = [rep.full_name for rep in reps if rep.full_name in html]
    assert len(shown) >= 5
    assert "Forecast " in html and "badge--pace-" in html


def test_the_phase_of_the_demo_cycles(demo):
    assert demo.cycle.phase == Phase.ACTIVE and demo.closed_cycle.phase == Phase.CLOSED
