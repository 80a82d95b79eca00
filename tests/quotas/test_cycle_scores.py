"""Closing a cycle scores its goals; owners look back; last cycle's results shape the next cycle's splits."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.exceptions import StateConflict
from goals.models import Cycle, Goal, GoalScore, Phase, Status
from goals.quotas.selectors import goal_phasing
from goals.quotas.services import goal_phasing_set, goal_retrospective_set, record_cycle_scores
from goals.services import cycle_close
from tests.factories import CheckInFactory, CycleFactory, GoalFactory
from tests.quotas.conftest import moment

pytestmark = pytest.mark.django_db
D = Decimal


def score_of(goal) -> GoalScore:
    return GoalScore.objects.get(goal=goal)


def test_closing_records_attainment_and_a_score_capped_at_120_percent(people, cascade, cycle):
    Goal.objects.filter(pk=cascade.rep.pk).update(current=D(300_000))  # 150% of 200K
    Goal.objects.filter(pk=cascade.peer.pk).update(current=D(150_000))  # 75%

    cycle_close(actor=people.staff, cycle=cycle)

    rep, peer = score_of(cascade.rep), score_of(cascade.peer)
    assert (rep.outcome, rep.attainment, rep.score, rep.final_value) == ("achieved", D("1.5"), D("1.2"), D(300_000))
    assert (peer.outcome, peer.attainment, peer.score) == ("missed", D("0.75"), D("0.75"))


def test_goals_dropped_at_close_get_no_score(people, cascade, cycle):
    draft = GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.manager, status=Status.DRAFT)

    cycle_close(actor=people.staff, cycle=cycle)

    assert Goal.objects.get(pk=draft.pk).status == Status.DROPPED
    assert not GoalScore.objects.filter(goal=draft).exists()


def test_a_goal_that_went_the_wrong_way_attains_nothing(people, cycle):
    goal = GoalFactory(cycle=cycle, owner=people.rep, unit="count", baseline=D(400), target=D(250), current=D(420))
    decrease = GoalFactory(cycle=cycle, owner=people.rep, unit="count", baseline=D(400), target=D(250), current=D(280))

    cycle_close(actor=people.staff, cycle=cycle)

    assert score_of(goal).attainment == 0
    assert score_of(decrease).attainment == D("0.8")


def test_month_actuals_come_from_the_check_ins(people, cascade, cycle):
    start = cycle.start
    for day, value in ((start.replace(day=20), 10_000), (start.replace(month=3, day=31), 25_000)):
        CheckInFactory(goal=cascade.rep, value=D(value), created=moment(day))
    Goal.objects.filter(pk=cascade.rep.pk).update(current=D(40_000))

    cycle_close(actor=people.staff, cycle=cycle)

    actuals = [D(gain) for gain in score_of(cascade.rep).month_actuals]
    assert actuals[:3] == [D(10_000), D(15_000), D(0)]
    assert actuals[-1] == D(15_000)  # the final value, reached after the last check-in, counts in the last month
    assert sum(actuals) == D(40_000)
    assert score_of(cascade.peer).month_actuals == []  # no check-ins: the months are unknown


def test_recording_twice_records_nothing_new(people, cascade, cycle):
    cycle_close(actor=people.staff, cycle=cycle)

    assert record_cycle_scores(Cycle.objects.get(pk=cycle.pk)) == 0
    assert GoalScore.objects.filter(goal__cycle=cycle).count() == 5


# --- retrospectives --------------------------------------------------------------------


@pytest.fixture
def closed(people, cascade, cycle):
    cycle_close(actor=people.staff, cycle=cycle)
    return Goal.objects.select_related("cycle", "owner").get(pk=cascade.rep.pk)


def test_the_owner_writes_a_retrospective_once_the_cycle_closed(people, closed):
    score = goal_retrospective_set(actor=people.rep, goal=closed, retrospective="  Q3 slipped: two deals pushed.  ")

    assert score.retrospective == "Q3 slipped: two deals pushed."
    assert score.retrospective_at is not None
    assert goal_retrospective_set(actor=people.rep, goal=closed, retrospective="").retrospective_at is None


def test_only_the_owner_writes_it(people, closed):
    for other in (people.manager, people.staff, people.peer_rep):
        with pytest.raises(PermissionDenied):
            goal_retrospective_set(actor=other, goal=closed, retrospective="Not mine to say.")


def test_a_retrospective_is_short(people, closed):
    with pytest.raises(ValidationError) as excinfo:
        goal_retrospective_set(actor=people.rep, goal=closed, retrospective="x" * 2001)

    assert excinfo.value.message_dict["retrospective"] == ["Keep it short: at most 2000 characters (2001 now)."]


def test_no_retrospective_while_the_cycle_is_open(people, cascade):
    with pytest.raises(StateConflict, match="still open"):
        goal_retrospective_set(actor=people.rep, goal=cascade.rep, retrospective="Too early.")


def test_no_retrospective_without_a_score(people, cycle):
    dropped = GoalFactory(cycle=cycle, owner=people.rep, status=Status.DRAFT)
    cycle_close(actor=people.staff, cycle=cycle)

    with pytest.raises(StateConflict, match="no score"):
        goal_retrospective_set(actor=people.rep, goal=Goal.objects.get(pk=dropped.pk), retrospective="Hm.")


# --- the next cycle --------------------------------------------------------------------


@pytest.fixture
def last_year(people, cycle):
    """Last year, closed: the rep's ARR grew mostly in the last quarter; the peer's is private."""
    prior = CycleFactory(
        name="FY-prior",
        start=cycle.start.replace(year=cycle.start.year - 1),
        end=cycle.start - datetime.timedelta(days=1),
        phase=Phase.CLOSED,
    )
    rep_goal = GoalFactory(cycle=prior, owner=people.rep, metric="New ARR", current=D(100_000), status=Status.ACHIEVED)
    for month, value in ((3, 10_000), (6, 20_000), (9, 30_000)):
        CheckInFactory(goal=rep_goal, value=D(value), created=moment(prior.start.replace(month=month + 1, day=15)))
    other = GoalFactory(cycle=prior, owner=people.peer_rep, metric="new ARR", current=D(80_000), status=Status.MISSED)
    CheckInFactory(goal=other, value=D(40_000), created=moment(prior.start.replace(month=4, day=15)))
    record_cycle_scores(prior)
    return prior


def test_a_prior_cycle_profile_follows_the_owners_own_actuals(people, cascade, last_year):
    phasing = goal_phasing_set(actor=people.manager, goal=cascade.rep, method="prior_cycle")

    assert phasing.source == f"{last_year.name} actuals of new ARR (Riley Rep's)"
    parts = [p.amount for p in goal_phasing(Goal.objects.select_related("cycle").get(pk=cascade.rep.pk)).periods]
    assert parts == [D(20_000), D(20_000), D(20_000), D(140_000)]  # 10K, 10K, 10K, 70K of 100K last year


def test_without_actuals_of_their_own_the_company_shape_is_used(people, cycle, last_year):
    newcomer_goal = GoalFactory(cycle=cycle, owner=people.other_rep, metric="new ARR", target=D(180_000))

    phasing = goal_phasing_set(actor=people.other_manager, goal=newcomer_goal, method="prior_cycle")

    assert phasing.source.endswith("(the company's)")
    parts = [p.amount for p in goal_phasing(Goal.objects.select_related("cycle").get(pk=newcomer_goal.pk)).periods]
    assert parts == [D(50_000), D(10_000), D(10_000), D(110_000)]  # 50K, 10K, 10K, 110K of 180K


def test_a_prior_cycle_profile_needs_actuals_of_the_metric(people, cycle, last_year):
    goal = GoalFactory(cycle=cycle, owner=people.rep, metric="meetings", unit="meetings", target=D(40))

    with pytest.raises(ValidationError, match="No goal measuring meetings in meetings has FY-prior actuals"):
        goal_phasing_set(actor=people.manager, goal=goal, method="prior_cycle")


def test_a_prior_cycle_profile_needs_a_prior_cycle(people, cascade):
    with pytest.raises(ValidationError, match="no cycle before"):
        goal_phasing_set(actor=people.manager, goal=cascade.rep, method="prior_cycle")


def test_private_goals_do_not_shape_the_company_profile(people, cycle, last_year):
    Goal.objects.filter(cycle=last_year, owner=people.peer_rep).update(visibility="private")
    goal = GoalFactory(cycle=cycle, owner=people.other_rep, metric="new ARR", target=D(100_000))

    goal_phasing_set(actor=people.other_manager, goal=goal, method="prior_cycle")

    parts = [p.amount for p in goal_phasing(Goal.objects.select_related("cycle").get(pk=goal.pk)).periods]
    assert parts == [D(10_000), D(10_000), D(10_000), D(70_000)]


def test_prior_cycle_allocation_reads_the_recorded_scores(people, cascade, last_year):
    Goal.objects.filter(cycle=last_year).update(current=D(1))  # what the goals say now does not count

    from goals.services import goal_allocate_target

    goal_allocate_target(actor=people.manager, goal=Goal.objects.get(pk=cascade.manager.pk), method="prior_cycle")

    assert [Goal.objects.get(pk=g.pk).target for g in (cascade.rep, cascade.peer)] == [
        D("222222.22"),
        D("177777.78"),
    ]
