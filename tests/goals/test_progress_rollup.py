"""Progress is measured one way and rolls up the cascade by weight."""

from decimal import Decimal

import pytest

from goals.models import Goal, Rollup, Status, Visibility
from goals.progress import progress_ratio
from goals.rollup import recompute_cycle_rollups, refresh_rollups_upward, subtree_rolled_up_progress
from goals.services import checkin_create, goal_move, goal_update
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.mark.parametrize(
    ("baseline", "target", "current", "expected"),
    [
        (0, 100, 25, 0.25),
        (50, 150, 100, 0.5),
        (10, 8, 9, 0.5),  # churn going down from 10% to 8%
        (0, 100, 150, 1.0),
        (0, 100, -20, 0.0),
        (92, 92, 92, 1.0),  # hold the line
        (92, 92, 90, 0.0),
    ],
)
def test_progress_is_the_clamped_share_of_the_way_from_baseline_to_target(baseline, target, current, expected):
    assert progress_ratio(D(baseline), D(target), D(current)) == pytest.approx(expected)


def stored(goal) -> float:
    return Goal.objects.get(pk=goal.pk).rolled_up_progress


def test_a_check_in_rolls_up_to_the_corporate_objective(people, cascade):
    checkin_create(actor=people.rep, goal=cascade.rep, value=D(100_000), confidence="on_track")
    assert stored(cascade.rep) == pytest.approx(0.5)
    assert stored(cascade.manager) == pytest.approx(0.25)  # mean of 0.5 and 0
    assert stored(cascade.executive) == pytest.approx(0.25)
    assert stored(cascade.objective) == pytest.approx(0.25)


def test_weights_decide_how_much_each_child_counts(people, cascade):
    Goal.objects.filter(pk=cascade.rep.pk).update(weight=D(3))
    checkin_create(actor=people.rep, goal=cascade.rep, value=D(200_000), confidence="on_track")
    assert stored(cascade.manager) == pytest.approx(0.75)


def test_a_manual_goal_reports_its_own_value(people, cascade):
    goal = Goal.objects.select_related("cycle", "owner").get(pk=cascade.manager.pk)
    goal.status = Status.DRAFT
    goal.save()
    goal_update(actor=people.manager, goal=goal, rollup=Rollup.MANUAL)
    checkin_create(actor=people.rep, goal=cascade.rep, value=D(200_000), confidence="on_track")
    assert stored(cascade.manager) == 0.0
    checkin_create(actor=people.manager, goal=goal, value=D(100_000), confidence="on_track")
    assert stored(cascade.manager) == pytest.approx(0.25)


def test_private_and_dropped_goals_do_not_count(people, cascade, cycle):
    GoalFactory(
        cycle=cycle, owner=people.rep, parent=cascade.manager, visibility=Visibility.PRIVATE, current=D(100_000)
    )
    GoalFactory(cycle=cycle, owner=people.peer_rep, parent=cascade.manager, status=Status.DROPPED, current=D(100_000))
    checkin_create(actor=people.rep, goal=cascade.rep, value=D(100_000), confidence="on_track")
    assert stored(cascade.manager) == pytest.approx(0.25)


def test_moving_a_goal_updates_both_old_and_new_paths(people, cascade, cycle):
    checkin_create(actor=people.rep, goal=cascade.rep, value=D(200_000), confidence="on_track")
    other = GoalFactory(cycle=cycle, owner=people.cro, parent=cascade.objective, title="Other exec goal")
    assert stored(cascade.manager) == pytest.approx(0.5)
    goal_move(actor=people.staff, goal=Goal.objects.select_related("cycle").get(pk=cascade.rep.pk), parent=other)
    assert stored(cascade.manager) == 0.0
    assert stored(other) == pytest.approx(1.0)
    assert stored(cascade.objective) == pytest.approx(0.5)


def test_stored_rollups_match_a_fresh_computation_of_the_subtree(people, cascade, cycle, django_assert_num_queries):
    checkin_create(actor=people.rep, goal=cascade.rep, value=D(150_000), confidence="on_track")
    checkin_create(actor=people.peer_rep, goal=cascade.peer, value=D(20_000), confidence="at_risk")
    objective = Goal.objects.get(pk=cascade.objective.pk)
    with django_assert_num_queries(1):
        fresh = subtree_rolled_up_progress(objective)
    for pk, value in fresh.items():
        assert stored(Goal(pk=pk)) == pytest.approx(value)


def test_refreshing_a_path_costs_queries_per_level_not_per_goal(people, cascade, cycle, django_assert_max_num_queries):
    leaves = [GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.manager) for _ in range(30)]
    Goal.objects.filter(pk__in=[leaf.pk for leaf in leaves]).update(current=D(50_000))
    with django_assert_max_num_queries(1 + 2 * 5):
        refresh_rollups_upward(leaf.pk for leaf in leaves)
    assert stored(cascade.manager) == pytest.approx(30 * 0.5 / 32)


def test_a_full_recompute_heals_a_stale_tree(people, cascade, cycle):
    Goal.objects.filter(pk=cascade.rep.pk).update(current=D(200_000))  # bypasses the services
    assert stored(cascade.objective) == 0.0
    changed = recompute_cycle_rollups(cycle.pk)
    assert changed == 4
    assert stored(cascade.objective) == pytest.approx(0.5)
    assert recompute_cycle_rollups(cycle.pk) == 0
