"""Phasing a goal: evenly, by a seasonality profile, as typed amounts that add up, as its parent; who may."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.exceptions import StateConflict
from goals.models import Cycle, Goal, GoalPeriod, GoalPhasing, Phase, Status
from goals.quotas.selectors import goal_phasing
from goals.quotas.services import goal_phasing_clear, goal_phasing_set
from goals.services import goal_update
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db
D = Decimal


def amounts(goal) -> list[Decimal]:
    return [period.amount for period in goal_phasing(Goal.objects.select_related("cycle").get(pk=goal.pk)).periods]


def error_of(excinfo, field: str) -> str:
    return " ".join(excinfo.value.message_dict[field])


def test_an_even_split_gives_each_quarter_the_same_amount(people, cascade):
    phasing = goal_phasing_set(actor=people.manager, goal=cascade.rep, method="even")

    assert (phasing.method, phasing.granularity, phasing.phased_total) == ("even", "quarter", D(200_000))
    assert amounts(cascade.rep) == [D(50_000)] * 4


def test_months_are_optional(people, cascade):
    goal_phasing_set(actor=people.manager, goal=cascade.rep, method="even", granularity="month")

    parts = amounts(cascade.rep)
    assert len(parts) == 12
    assert sum(parts) == D(200_000)
    assert parts.count(D("16666.67")) == 11  # the remainder sits in one month
    assert D("16666.63") in parts


def test_a_seasonality_profile_shapes_the_split(people, cascade):
    goal_phasing_set(actor=people.manager, goal=cascade.rep, method="seasonal", weights=[20, 25, 25, 30])

    assert amounts(cascade.rep) == [D(40_000), D(50_000), D(50_000), D(60_000)]


def test_typed_amounts_that_add_up_to_the_target_are_kept_as_typed(people, cascade):
    goal_phasing_set(
        actor=people.manager, goal=cascade.rep, method="typed", amounts=["30000", "45000.50", "55000", "69999.50"]
    )

    assert amounts(cascade.rep) == [D(30_000), D("45000.50"), D(55_000), D("69999.50")]


def test_typed_amounts_that_fall_short_are_refused_with_the_gap(people, cascade):
    with pytest.raises(ValidationError) as excinfo:
        goal_phasing_set(actor=people.manager, goal=cascade.rep, method="typed", amounts=[50_000, 50_000, 50_000, 0])

    assert error_of(excinfo, "amounts") == (
        "The periods add up to $150,000, $50,000 short: they must add up to the $200,000 target exactly."
    )
    assert not GoalPhasing.objects.filter(goal=cascade.rep).exists()


def test_typed_amounts_over_the_target_are_refused_too(people, cascade):
    with pytest.raises(ValidationError, match=r"\$200,001, \$1 over"):
        goal_phasing_set(
            actor=people.manager, goal=cascade.rep, method="typed", amounts=[50_000, 50_000, 50_000, 50_001]
        )


def test_a_goal_with_a_baseline_phases_the_change_from_it(people, cycle):
    goal = GoalFactory(cycle=cycle, owner=people.rep, unit="accounts", baseline=D(10), target=D(30))

    with pytest.raises(ValidationError) as excinfo:
        goal_phasing_set(actor=people.manager, goal=goal, method="typed", amounts=[5, 5, 5, 15])
    assert "they must add up to 20 accounts, the change from the 10 accounts baseline to the 30 accounts target" in (
        error_of(excinfo, "amounts")
    )
    goal_phasing_set(actor=people.manager, goal=goal, method="typed", amounts=[5, 5, 5, 5])
    assert [p.due_by_end for p in goal_phasing(Goal.objects.get(pk=goal.pk)).periods] == [D(15), D(20), D(25), D(30)]


def test_a_goal_that_brings_a_number_down_types_its_cut_as_negative_amounts(people, cycle):
    goal = GoalFactory(cycle=cycle, owner=people.rep, unit="count", baseline=D(400), target=D(250))

    with pytest.raises(ValidationError, match="the wrong way: the periods bring it down"):
        goal_phasing_set(actor=people.manager, goal=goal, method="typed", amounts=[50, 40, 30, 30])
    goal_phasing_set(actor=people.manager, goal=goal, method="typed", amounts=[-50, -40, -30, -30])

    assert [p.due_by_end for p in goal_phasing(Goal.objects.get(pk=goal.pk)).periods] == [350, 310, 280, 250]


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([1, 2, 3], "Give one value per period: 4 quarters in this cycle, 3 given."),
        (None, "Give a list of 4 amounts, one per period."),
        ("50000,50000", "Give a list of 4 amounts, one per period."),
        (["a lot", 1, 1, 1], "Period 1: 'a lot' is not a number."),
        (["NaN", 1, 1, 1], "Period 1: 'NaN' is not a number."),
        ([50_000, "50000.001", 50_000, "49999.999"], "Period 2: use at most two decimal places."),
        ([-10, 70_000, 70_000, 60_010], "Period 1: -$10 is the wrong way: the periods add to it."),
    ],
)
def test_bad_typed_amounts_get_a_clear_field_error(people, cascade, values, message):
    with pytest.raises(ValidationError) as excinfo:
        goal_phasing_set(actor=people.manager, goal=cascade.rep, method="typed", amounts=values)

    assert error_of(excinfo, "amounts") == message


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([0, 0, 0, 0], "At least one period needs a weight above zero."),
        ([1, -1, 1, 1], "Period 2: a weight cannot be negative."),
        ([1, 1, 1], "Give one value per period: 4 quarters in this cycle, 3 given."),
        (["0.0000001", 1, 1, 1], "Period 1: use at most 15 digits and 6 decimal places."),
    ],
)
def test_bad_profiles_get_a_clear_field_error(people, cascade, weights, message):
    with pytest.raises(ValidationError) as excinfo:
        goal_phasing_set(actor=people.manager, goal=cascade.rep, method="seasonal", weights=weights)

    assert error_of(excinfo, "weights") == message


def test_an_unknown_method_or_granularity_is_a_field_error(people, cascade):
    with pytest.raises(ValidationError) as excinfo:
        goal_phasing_set(actor=people.manager, goal=cascade.rep, method="vibes")
    assert "method" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        goal_phasing_set(actor=people.manager, goal=cascade.rep, method="even", granularity="week")
    assert "granularity" in excinfo.value.message_dict


def test_a_goal_that_holds_its_baseline_has_nothing_to_phase(people, cycle):
    goal = GoalFactory(cycle=cycle, owner=people.rep, unit="%", baseline=D(92), target=D(92))

    with pytest.raises(ValidationError, match="nothing to phase"):
        goal_phasing_set(actor=people.manager, goal=goal, method="even")


def test_a_sub_goal_takes_its_parents_shape_scaled_to_its_target(people, cascade):
    goal_phasing_set(actor=people.cro, goal=cascade.manager, method="seasonal", weights=[1, 1, 1, 2])

    phasing = goal_phasing_set(actor=people.manager, goal=cascade.rep, method="parent")

    assert (phasing.method, phasing.source) == ("parent", "its parent goal")
    assert amounts(cascade.rep) == [D(40_000), D(40_000), D(40_000), D(80_000)]


def test_the_parent_must_be_phased_first(people, cascade):
    with pytest.raises(ValidationError, match="The parent goal is not phased yet"):
        goal_phasing_set(actor=people.manager, goal=cascade.rep, method="parent")
    with pytest.raises(ValidationError, match="no parent goal"):
        goal_phasing_set(actor=people.ceo, goal=cascade.objective, method="parent")


def test_a_later_target_change_keeps_the_shape(people, cascade):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=Status.DRAFT)
    goal_phasing_set(
        actor=people.rep,
        goal=Goal.objects.get(pk=cascade.rep.pk),
        method="typed",
        amounts=[20_000, 40_000, 60_000, 80_000],
    )

    goal_update(actor=people.rep, goal=Goal.objects.get(pk=cascade.rep.pk), target=D(300_000))

    view = goal_phasing(Goal.objects.select_related("cycle").get(pk=cascade.rep.pk))
    assert [p.amount for p in view.periods] == [D(30_000), D(60_000), D(90_000), D(120_000)]
    assert view.rescaled and view.phased_total == D(200_000)


def test_phasing_again_replaces_the_periods(people, cascade):
    goal_phasing_set(actor=people.manager, goal=cascade.rep, method="even", granularity="month")
    goal_phasing_set(actor=people.manager, goal=cascade.rep, method="even")

    assert GoalPeriod.objects.filter(goal=cascade.rep).count() == 4


def test_clearing_the_phasing_brings_back_the_straight_line(people, cascade):
    goal_phasing_set(actor=people.manager, goal=cascade.rep, method="seasonal", weights=[1, 2, 3, 4])

    goal_phasing_clear(actor=people.manager, goal=cascade.rep)

    view = goal_phasing(Goal.objects.select_related("cycle").get(pk=cascade.rep.pk))
    assert not view.is_phased and not GoalPeriod.objects.filter(goal=cascade.rep).exists()
    assert sum(p.amount for p in view.periods) == D(200_000)
    assert view.method_label.startswith("Not phased")


# --- who may ---------------------------------------------------------------------------


def test_the_owner_phases_their_goal_while_drafting_it(people, cascade):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=Status.DRAFT)

    goal_phasing_set(actor=people.rep, goal=Goal.objects.get(pk=cascade.rep.pk), method="even")


def test_once_submitted_the_owner_no_longer_sets_their_own_pace(people, cascade):
    with pytest.raises(PermissionDenied, match="by their managers"):
        goal_phasing_set(actor=people.rep, goal=cascade.rep, method="seasonal", weights=[0, 0, 0, 1])
    with pytest.raises(PermissionDenied):
        goal_phasing_clear(actor=people.rep, goal=cascade.rep)


def test_people_outside_the_chain_may_not_phase(people, cascade):
    for outsider in (people.peer_rep, people.other_manager):
        with pytest.raises(PermissionDenied):
            goal_phasing_set(actor=outsider, goal=cascade.rep, method="even")


def test_the_chain_above_and_admins_phase_approved_goals(people, cascade):
    for actor in (people.manager, people.cro, people.staff):
        goal_phasing_set(actor=actor, goal=cascade.rep, method="even")


def test_an_executive_at_the_top_phases_their_own_objective(people, cascade):
    goal_phasing_set(actor=people.ceo, goal=cascade.objective, method="even")


def test_a_closed_cycle_is_read_only(people, cascade, cycle):
    Cycle.objects.filter(pk=cycle.pk).update(phase=Phase.CLOSED)
    goal = Goal.objects.select_related("cycle").get(pk=cascade.rep.pk)

    with pytest.raises(StateConflict):
        goal_phasing_set(actor=people.staff, goal=goal, method="even")
    with pytest.raises(StateConflict):
        goal_phasing_clear(actor=people.staff, goal=goal)
