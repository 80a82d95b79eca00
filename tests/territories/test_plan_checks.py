"""The quarterly plan check: from the second quarter on, each submitted plan older than the quarter is checked once,
its rep is prompted, and answers by revising (a new version) or by saying it still holds."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from core.exceptions import StateConflict
from goals.models import Phase
from notifications.models import Kind, Notification
from territories import services
from territories.models import CheckOutcome, PlanCheck, TerritoryPlan, add_months
from territories.selectors import open_plan_checks
from territories.tasks import request_plan_checks_task
from tests.factories import PlanObjectiveFactory

pytestmark = pytest.mark.django_db


def moment(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


@pytest.fixture
def submitted(plan, people, cycle, clock, django_capture_on_commit_callbacks):
    """Riley's plan, submitted and approved ten days into the cycle (and those notifications delivered)."""
    clock.move_to(moment(cycle.start + datetime.timedelta(days=10)))
    PlanObjectiveFactory(plan=plan)
    with django_capture_on_commit_callbacks(execute=True):
        services.plan_submit(actor=people.rep, plan=plan)
        services.plan_approve(actor=people.manager, plan=plan)
    plan.refresh_from_db()
    return plan


def quarter_start(cycle, quarter: int) -> datetime.date:
    return add_months(cycle.start, 3 * (quarter - 1))


def test_nothing_is_checked_in_the_first_quarter(submitted, cycle, clock):
    clock.move_to(moment(quarter_start(cycle, 2) - datetime.timedelta(days=1)))
    assert services.plan_checks_request() == []


def test_the_second_quarter_opens_one_check_per_plan_and_tells_the_rep(
    submitted, people, cycle, clock, django_capture_on_commit_callbacks
):
    clock.move_to(moment(quarter_start(cycle, 2) + datetime.timedelta(days=1)))
    with django_capture_on_commit_callbacks(execute=True):
        [opened] = services.plan_checks_request()
    check = PlanCheck.objects.get(pk=opened)
    assert (check.plan, check.quarter, check.due_on) == (submitted, 2, quarter_start(cycle, 2))
    assert list(open_plan_checks(people.rep)) == [check]
    [notification] = Notification.objects.filter(recipient=people.rep, kind=Kind.PLAN_CHECK_DUE)
    assert notification.title.startswith("Q2 plan check")
    assert notification.url == f"/territory-plans/{submitted.pk}/#plan-check"
    # The beat runs daily: a second run the same quarter opens nothing and tells nobody again.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.plan_checks_request() == []
    assert Notification.objects.filter(recipient=people.rep, kind=Kind.PLAN_CHECK_DUE).count() == 1


def test_plans_written_during_the_quarter_and_drafts_are_not_checked(people, plan, cycle, clock):
    other = services.plan_create(actor=people.peer_rep, cycle=cycle)  # a draft, never submitted
    clock.move_to(moment(quarter_start(cycle, 2) + datetime.timedelta(days=5)))
    PlanObjectiveFactory(plan=plan)
    services.plan_submit(actor=people.rep, plan=plan)  # written this quarter
    clock.shift(datetime.timedelta(days=1))
    assert services.plan_checks_request() == []
    assert not PlanCheck.objects.filter(plan=other).exists()


def test_each_quarter_has_its_own_check(submitted, cycle, clock):
    clock.move_to(moment(quarter_start(cycle, 2)))
    services.plan_checks_request()
    clock.move_to(moment(quarter_start(cycle, 3)))
    services.plan_checks_request()
    clock.move_to(moment(quarter_start(cycle, 4) + datetime.timedelta(days=20)))
    services.plan_checks_request()
    assert list(PlanCheck.objects.filter(plan=submitted).values_list("quarter", flat=True)) == [2, 3, 4]


def test_saying_the_plan_still_holds_answers_the_check(submitted, people, cycle, clock):
    clock.move_to(moment(quarter_start(cycle, 3) + datetime.timedelta(days=2)))
    services.plan_checks_request()
    check = PlanCheck.objects.get(plan=submitted)
    with pytest.raises(PermissionDenied):
        services.plan_check_complete(actor=people.manager, check=check)
    services.plan_check_complete(actor=people.rep, check=check, note="Pipeline on track.")
    check.refresh_from_db()
    assert (check.outcome, check.note, check.completed_at) == (
        CheckOutcome.UNCHANGED,
        "Pipeline on track.",
        timezone.now(),
    )
    assert list(open_plan_checks(people.rep)) == []
    with pytest.raises(StateConflict, match="answered already"):
        services.plan_check_complete(actor=people.rep, check=check)


def test_submitting_a_revised_version_answers_the_check(submitted, people, cycle, clock):
    clock.move_to(moment(quarter_start(cycle, 2) + datetime.timedelta(days=2)))
    services.plan_checks_request()
    services.plan_update(actor=people.rep, plan=submitted, threats="A new entrant")
    services.plan_submit(actor=people.rep, plan=submitted, note="Threats changed")
    check = PlanCheck.objects.get(plan=submitted)
    assert (check.outcome, check.note) == (CheckOutcome.REVISED, "Threats changed")
    assert TerritoryPlan.objects.get(pk=submitted.pk).version == 2


@pytest.mark.parametrize("phase", [Phase.PLANNING, Phase.WORKSHOP, Phase.CLOSED])
def test_only_active_cycles_are_checked(submitted, cycle, clock, phase):
    cycle.phase = phase
    cycle.save()
    clock.move_to(moment(quarter_start(cycle, 3)))
    assert services.plan_checks_request() == []


def test_the_beat_task_opens_the_checks(submitted, cycle, clock):
    clock.move_to(moment(quarter_start(cycle, 4)))
    assert request_plan_checks_task.delay().get() == 1
    assert request_plan_checks_task.delay().get() == 0


def test_the_quarter_of_a_day_follows_the_cycle_not_the_calendar(cycle):
    assert services.quarter_of(cycle, cycle.start) == (1, cycle.start)
    assert services.quarter_of(cycle, quarter_start(cycle, 3) - datetime.timedelta(days=1)) == (
        2,
        quarter_start(cycle, 2),
    )
    assert services.quarter_of(cycle, cycle.end) == (4, quarter_start(cycle, 4))
    assert services.quarter_of(cycle, cycle.end + datetime.timedelta(days=1)) is None


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_plan_check(celery_worker, plan, people, cycle, clock):
    clock.move_to(moment(cycle.start + datetime.timedelta(days=10)))
    PlanObjectiveFactory(plan=plan, target=D(1))
    services.plan_submit(actor=people.rep, plan=plan)
    clock.move_to(moment(quarter_start(cycle, 3) + datetime.timedelta(days=1)))
    assert request_plan_checks_task.delay().get(timeout=30) == 1
    assert PlanCheck.objects.filter(plan=plan, quarter=3).exists()
