"""behind_pace: on its pace so far (against its phasing), a goal ends under 85% of its plan."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from goals.alignment.wording import format_day
from goals.models import AlignmentSnapshot, Cycle, FlagKind, Goal, Phase, Rollup, Severity, Status
from goals.quotas.services import goal_phasing_set
from tests.alignment.conftest import kinds_on
from tests.factories import CorporateObjectiveFactory, GoalFactory
from tests.quotas.conftest import check_in, mid_q3

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def seasonal(people, cascade, clock, cycle):
    """Mid Q3, the rep's goal phased 10/20/30/40: 45% ($90K of $200K) is due by today."""
    clock.move_to(mid_q3(cycle))
    goal_phasing_set(actor=people.manager, goal=cascade.rep, method="seasonal", weights=[1, 2, 3, 4])
    return cascade.rep


def test_a_goal_behind_its_phasing_is_flagged_with_its_numbers(cycle, seasonal, scanned):
    check_in(seasonal, D(63_000), timezone.now())

    flag = scanned(cycle, now=timezone.now() + datetime.timedelta(days=2))[("Riley new ARR", FlagKind.BEHIND_PACE)]

    assert flag.severity == Severity.WARNING
    assert flag.message == (
        f"At $63K on its last check-in ({format_day(timezone.now())}), where its plan expected $90K by then: "
        "at that pace it makes about 70% of the $200K target."
    )


def test_the_message_stays_the_same_until_the_next_check_in(cycle, seasonal, scanned):
    from goals.alignment import scan_cycle

    check_in(seasonal, D(63_000), timezone.now())
    scan_cycle(cycle.pk)

    result = scan_cycle(cycle.pk, now=timezone.now() + datetime.timedelta(days=9))

    assert not result.changed


def test_far_behind_is_critical(cycle, seasonal, scanned):
    check_in(seasonal, D(45_000), timezone.now())

    assert scanned(cycle)[("Riley new ARR", FlagKind.BEHIND_PACE)].severity == Severity.CRITICAL


def test_a_goal_on_pace_by_its_seasons_is_not_flagged(cycle, seasonal, scanned):
    check_in(seasonal, D(81_000), timezone.now())  # 90% of what its phasing expects, though 56% of a straight line

    scanned(cycle)

    assert FlagKind.BEHIND_PACE not in kinds_on(seasonal)


def test_catching_up_resolves_the_flag(cycle, seasonal, scanned):
    check_in(seasonal, D(50_000), timezone.now())
    scanned(cycle)
    check_in(seasonal, D(95_000), timezone.now())

    scanned(cycle)

    assert FlagKind.BEHIND_PACE not in kinds_on(seasonal)


def test_a_decreasing_goal_reads_as_a_cut(people, cycle, clock, scanned):
    clock.move_to(mid_q3(cycle))
    goal = GoalFactory(
        cycle=cycle, owner=people.rep, title="Cut open tickets", unit="count", baseline=D(400), target=D(200)
    )  # phased below: only phased goals are judged by pace
    goal_phasing_set(actor=people.manager, goal=goal, method="even")
    check_in(goal, D(330), timezone.now())

    flag = scanned(cycle)[("Cut open tickets", FlagKind.BEHIND_PACE)]

    assert flag.message.endswith(
        "where its plan expected 275 by then: at that pace it makes about 56% of the planned cut from 400 to 200."
    )


def test_a_stale_number_says_nothing_about_pace(cycle, seasonal, scanned):
    check_in(seasonal, D(10_000), timezone.now() - datetime.timedelta(days=15))

    flags = scanned(cycle)

    assert ("Riley new ARR", FlagKind.STALE_PROGRESS) in flags
    assert ("Riley new ARR", FlagKind.BEHIND_PACE) not in flags


def test_a_goal_never_checked_in_is_left_to_stale_progress(cascade, cycle, clock, scanned):
    clock.move_to(mid_q3(cycle))

    scanned(cycle)

    assert FlagKind.BEHIND_PACE not in kinds_on(cascade.rep)


def test_too_early_in_the_cycle_nothing_is_behind(people, cascade, cycle, clock, scanned):
    clock.move_to(datetime.datetime.combine(cycle.start + datetime.timedelta(days=20), datetime.time(12), datetime.UTC))
    goal_phasing_set(actor=people.manager, goal=cascade.rep, method="even")
    check_in(cascade.rep, D(0), timezone.now())

    scanned(cycle)

    assert FlagKind.BEHIND_PACE not in kinds_on(cascade.rep)


def test_only_active_cycles_are_paced(cycle, seasonal, scanned):
    check_in(seasonal, D(10_000), timezone.now())
    Cycle.objects.filter(pk=cycle.pk).update(phase=Phase.WORKSHOP)

    scanned(Cycle.objects.get(pk=cycle.pk))

    assert FlagKind.BEHIND_PACE not in kinds_on(seasonal)


def test_a_goal_without_phasing_is_not_flagged_however_far_behind_its_straight_line(cascade, cycle, clock, scanned):
    clock.move_to(mid_q3(cycle))
    check_in(cascade.peer, D(1_000), timezone.now())

    scanned(cycle)

    assert FlagKind.BEHIND_PACE not in kinds_on(cascade.peer)


def test_final_goals_goals_that_hold_and_rolled_up_objectives_are_left_alone(people, cycle, clock, scanned):
    clock.move_to(mid_q3(cycle))
    achieved = GoalFactory(cycle=cycle, owner=people.rep, status=Status.ACHIEVED)
    holding = GoalFactory(cycle=cycle, owner=people.rep, unit="%", baseline=D(92), target=D(92), current=D(80))
    objective = CorporateObjectiveFactory(cycle=cycle, owner=people.ceo, rollup=Rollup.AUTO)
    for goal in (achieved, objective):
        goal_phasing_set(actor=people.staff, goal=goal, method="even")
    for goal in (achieved, holding, objective):
        check_in(goal, goal.baseline, timezone.now())

    scanned(cycle)

    for goal in (achieved, holding, objective):
        assert FlagKind.BEHIND_PACE not in kinds_on(goal), goal.title


def test_a_private_goals_flag_stays_out_of_the_company_trend(people, cycle, seasonal, scanned):
    Goal.objects.filter(pk=seasonal.pk).update(visibility="private")
    check_in(seasonal, D(10_000), timezone.now())

    scanned(cycle)

    assert FlagKind.BEHIND_PACE in kinds_on(seasonal)
    assert AlignmentSnapshot.objects.get(cycle=cycle).open_by_kind.get(FlagKind.BEHIND_PACE, 0) == 0


def test_a_warm_scan_on_the_same_day_changes_nothing(cycle, seasonal, scanned):
    from goals.alignment import scan_cycle

    check_in(seasonal, D(50_000), timezone.now())
    scan_cycle(cycle.pk)

    result = scan_cycle(cycle.pk, now=timezone.now() + datetime.timedelta(hours=1))

    assert not result.changed
