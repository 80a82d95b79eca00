"""The strategy room: each objective's progress over time, pace, flags, assumptions, course corrections, drift."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assumptions.models import AssumptionStatus
from cabinet.models import ObjectiveSnapshot
from cabinet.strategy_room import Pace, elapsed_share, pace_of, strategy_room
from goals.services import goal_retarget
from tests.clock import TEST_TODAY
from tests.factories import (
    AlignmentFlagFactory,
    AssumptionFactory,
    ChallengeFactory,
    ChangeRequestFactory,
    CorporateObjectiveFactory,
    EndorsementFactory,
    GoalFactory,
    PersonFactory,
)
from workshop.services import baseline_freeze

pytestmark = pytest.mark.django_db


def _room(cycle, viewer):
    room = strategy_room(cycle, viewer)
    return room, {objective.objective.pk: objective for objective in room.objectives}


def test_pace_compares_rolled_up_progress_with_the_share_of_the_cycle_gone_by(cycle):
    assert elapsed_share(cycle, cycle.start - datetime.timedelta(days=1)) == 0
    assert elapsed_share(cycle, cycle.end) == 1
    assert pace_of(0.6, 0.5) == Pace.AHEAD
    assert pace_of(0.47, 0.5) == Pace.ON_PACE
    assert pace_of(0.40, 0.5) == Pace.BEHIND
    assert pace_of(0.30, 0.5) == Pace.OFF_PACE
    assert pace_of(0.0, 0.0) == Pace.NOT_STARTED


def test_each_objective_shows_its_rolled_up_progress_and_pace(people, cycle, cascade):
    GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.manager, target=Decimal(100), current=Decimal(100))
    cascade.objective.refresh_from_db()
    room, objectives = _room(cycle, people.other_rep)
    objective = objectives[cascade.objective.pk]
    assert objective.progress == cascade.objective.rolled_up_progress > 0
    assert objective.elapsed == elapsed_share(cycle, TEST_TODAY) == room.elapsed
    assert objective.pace == pace_of(objective.progress, objective.elapsed)


def test_open_flags_are_counted_in_the_objectives_subtree_only(people, cycle, cascade):
    AlignmentFlagFactory(goal=cascade.rep)
    AlignmentFlagFactory(goal=cascade.manager, kind="target_shortfall", severity="critical")
    AlignmentFlagFactory(goal=cascade.peer, resolved_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    other_objective = CorporateObjectiveFactory(cycle=cycle, owner=people.ceo, title="Keep churn low")
    AlignmentFlagFactory(goal=GoalFactory(cycle=cycle, owner=people.cro, parent=other_objective))
    _, objectives = _room(cycle, people.other_rep)
    assert (objectives[cascade.objective.pk].open_flags, objectives[cascade.objective.pk].critical_flags) == (2, 1)
    assert objectives[other_objective.pk].open_flags == 1


def test_private_goals_never_enter_a_count_or_a_list_others_see(people, cycle, cascade):
    private = GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.manager, visibility="private", title="Secret")
    AlignmentFlagFactory(goal=private)
    assumption = AssumptionFactory(cycle=cycle, owner=people.cro)
    ChangeRequestFactory(goal=private, status="pending", challenge=ChallengeFactory(assumption=assumption))
    _, outsider = _room(cycle, people.other_rep)
    _, manager = _room(cycle, people.manager)
    assert outsider[cascade.objective.pk].open_flags == 0
    assert outsider[cascade.objective.pk].course_correction_count == 0
    assert outsider[cascade.objective.pk].course_corrections == []
    assert manager[cascade.objective.pk].open_flags == 1
    assert [c.goal.title for c in manager[cascade.objective.pk].course_corrections] == ["Secret"]


def test_a_private_objective_is_not_in_the_room_of_people_outside_its_chain(people, cycle):
    secret = CorporateObjectiveFactory(cycle=cycle, owner=people.cro, visibility="private", title="Acquire a rival")
    _, outsider = _room(cycle, people.rep)
    _, ceo = _room(cycle, people.ceo)
    assert secret.pk not in outsider and secret.pk in ceo


def test_assumptions_show_by_status_with_open_challenges_and_endorsements(people, cycle, cascade):
    churn = AssumptionFactory(cycle=cycle, owner=people.cro, statement="Churn stays under 8%", status="challenged")
    churn.goals.set([cascade.rep])
    deal = AssumptionFactory(cycle=cycle, owner=people.cro, statement="Deal size grows", status="upheld")
    deal.goals.set([cascade.executive])
    challenge = ChallengeFactory(assumption=churn, author=people.peer_rep)
    EndorsementFactory(challenge=challenge, person=people.other_rep)
    EndorsementFactory(challenge=challenge, person=people.manager)
    _, objectives = _room(cycle, people.other_rep)
    objective = objectives[cascade.objective.pk]
    assert [(count.status, count.count) for count in objective.assumption_counts] == [
        (AssumptionStatus.CHALLENGED, 1),
        (AssumptionStatus.UPHELD, 1),
    ]
    assert (objective.open_challenges, objective.endorsements) == (1, 2)


def test_pending_course_corrections_are_listed_under_their_objective(people, cycle, cascade):
    assumption = AssumptionFactory(cycle=cycle, owner=people.cro)
    challenge = ChallengeFactory(assumption=assumption, status="accepted")
    ChangeRequestFactory(goal=cascade.rep, status="pending", challenge=challenge)
    ChangeRequestFactory(goal=cascade.peer, status="applied", challenge=challenge)
    room, objectives = _room(cycle, people.other_rep)
    objective = objectives[cascade.objective.pk]
    assert objective.course_correction_count == 1 and room.course_corrections == 1
    assert [change.goal for change in objective.course_corrections] == [cascade.rep]


def test_drift_since_the_workshops_baseline_reuses_the_drift_report(people, cycle, cascade):
    room, _ = _room(cycle, people.rep)
    assert room.baseline is None and room.drift is None
    baseline_freeze(cycle, people.ceo)
    goal_retarget(goal=cascade.objective, target=Decimal(1_200_000))
    GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.manager, title="Added later")
    room, objectives = _room(cycle, people.rep)
    assert room.drift.counts["target_changed"] == 1 and room.drift.counts["added"] == 1
    objective = objectives[cascade.objective.pk]
    assert (objective.baseline_target, objective.target_drift) == (Decimal(1_000_000), Decimal(200_000))


def test_the_drift_counts_are_kept_until_the_next_change_to_a_goal(people, cycle, cascade):
    baseline_freeze(cycle, people.ceo)
    goal_retarget(goal=cascade.objective, target=Decimal(1_200_000))
    first, _ = _room(cycle, people.rep)
    with CaptureQueriesContext(connection) as again:
        second, _ = _room(cycle, people.rep)
    assert second.drift.counts == first.drift.counts
    counts = [query for query in again.captured_queries if query["sql"].startswith("SELECT COUNT(")]
    assert not [query for query in counts if "workshop_baselinegoal" in query["sql"]]

    goal_retarget(goal=cascade.rep, target=Decimal(250_000))
    third, _ = _room(cycle, people.rep)
    assert third.drift.counts["target_changed"] == first.drift.counts["target_changed"] + 1


def test_progress_over_time_comes_from_the_daily_snapshots_and_todays_figure(people, cycle, cascade):
    for days_ago, progress in ((3, 0.1), (2, 0.2), (1, 0.25)):
        ObjectiveSnapshot.objects.create(
            objective=cascade.objective,
            cycle=cycle,
            day=TEST_TODAY - datetime.timedelta(days=days_ago),
            rolled_up_progress=progress,
            progress=0,
        )
    _, objectives = _room(cycle, people.rep)
    history = objectives[cascade.objective.pk].history
    in_cycle = [point for point in history if not point.is_live]
    assert [point.progress for point in in_cycle] == [
        p for d, p in ((3, 0.1), (2, 0.2), (1, 0.25)) if TEST_TODAY - datetime.timedelta(days=d) >= cycle.start
    ]
    assert history[-1].is_live and history[-1].progress == cascade.objective.rolled_up_progress
    assert objectives[cascade.objective.pk].chart.polyline.count(",") == len(history)


def test_the_committee_role_and_its_shadow_show_under_the_objective(people, cycle, cascade, seated, committee):
    _, objectives = _room(cycle, people.manager)
    [seat] = objectives[cascade.objective.pk].committee
    assert seat.role == committee.cro and [shadow.holder for shadow in seat.shadows] == [people.rep]


def _grow(cycle, people, objectives: int, goals_each: int, tag: str):
    """More objectives, each with goals, flags, assumptions and course corrections."""
    for n in range(objectives):
        objective = CorporateObjectiveFactory(cycle=cycle, owner=people.ceo, title=f"{tag} objective {n}")
        assumption = AssumptionFactory(cycle=cycle, owner=people.cro, status="challenged")
        challenge = ChallengeFactory(assumption=assumption, status="accepted")
        EndorsementFactory(challenge=ChallengeFactory(assumption=assumption), person=PersonFactory())
        parent = GoalFactory(cycle=cycle, owner=people.cro, parent=objective)
        for m in range(goals_each):
            goal = GoalFactory(cycle=cycle, owner=people.manager, parent=parent, title=f"{tag} goal {n}.{m}")
            AlignmentFlagFactory(goal=goal)
            assumption.goals.add(goal)
            ChangeRequestFactory(goal=goal, status="pending", challenge=challenge)
        ObjectiveSnapshot.objects.create(
            objective=objective, cycle=cycle, day=cycle.start, rolled_up_progress=0.1, progress=0.1
        )


def test_the_room_costs_the_same_queries_whatever_the_number_of_goals(
    people, cycle, cascade, seated, django_assert_max_num_queries
):
    baseline_freeze(cycle, people.ceo)
    _grow(cycle, people, objectives=2, goals_each=2, tag="Few")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            strategy_room(cycle, people.other_rep)
        return len(captured)

    few = queries()
    _grow(cycle, people, objectives=4, goals_each=12, tag="Many")
    assert queries() == few
    with django_assert_max_num_queries(16):
        room = strategy_room(cycle, people.other_rep)
    assert len(room.objectives) == 7
