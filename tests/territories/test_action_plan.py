"""The action plan: items with owner, resources, due date and milestone; overdue ones in their owner's to-do list."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from dashboard.todo import todo_for
from goals.models import Phase
from territories import services
from territories.models import PlanStatus
from territories.selectors import overdue_action_items
from tests.factories import PlanObjectiveFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def mid_cycle(cycle, clock):
    """Forty days into the cycle, so yesterday is in it whatever day the suite's clock stands on."""
    clock.move_to(datetime.datetime.combine(cycle.start + datetime.timedelta(days=40), datetime.time(9), datetime.UTC))


def yesterday() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=1)


def overdue_section(person):
    return next((section for section in todo_for(person) if section.key == "plan-actions"), None)


@pytest.fixture
def overdue(plan, people, cycle):
    return services.action_create(
        actor=people.rep, plan=plan, title="Map Harbor Lending's buying committee", due_date=yesterday(), resources="SE"
    )


def test_an_action_item_has_an_owner_resources_a_due_date_and_a_milestone_flag(plan, people, cycle):
    item = services.action_create(
        actor=people.rep,
        plan=plan,
        title="Executive sponsor call",
        owner=people.manager,
        resources="CFO briefing deck",
        due_date=cycle.end,
        is_milestone=True,
    )
    item.refresh_from_db()
    assert (item.owner, item.resources, item.due_date, item.is_milestone, item.done_at) == (
        people.manager,
        "CFO briefing deck",
        cycle.end,
        True,
        None,
    )


def test_an_overdue_item_shows_in_its_owners_to_do_list_until_it_is_done(overdue, people):
    section = overdue_section(people.rep)
    assert section is not None and section.total == 1
    assert section.items[0].title == "Map Harbor Lending's buying committee"
    assert section.items[0].url.endswith("#section-actions")
    services.action_set_done(actor=people.rep, item=overdue, done=True)
    assert overdue_section(people.rep) is None
    services.action_set_done(actor=people.rep, item=overdue, done=False)
    assert overdue_section(people.rep).total == 1


def test_an_item_due_today_or_later_is_not_overdue(plan, people, cycle):
    services.action_create(actor=people.rep, plan=plan, title="Today", due_date=timezone.localdate())
    assert list(overdue_action_items(people.rep)) == []


def test_a_manager_who_owns_an_item_sees_it_overdue_in_their_own_list(plan, people, cycle):
    services.action_create(
        actor=people.rep, plan=plan, title="Sponsor call", owner=people.manager, due_date=yesterday()
    )
    assert [item.title for item in overdue_action_items(people.manager)] == ["Sponsor call"]
    assert overdue_action_items(people.rep).count() == 0


def test_items_of_closed_cycles_are_not_to_do_any_more(overdue, people, cycle):
    cycle.phase = Phase.CLOSED
    cycle.save()
    assert list(overdue_action_items(people.rep)) == []


def test_only_the_rep_and_their_managers_own_items_they_are_the_people_who_read_the_plan(plan, people, cycle):
    for outsider in (people.peer_rep, people.other_manager, people.staff):
        with pytest.raises(ValidationError) as refused:
            services.action_create(actor=people.rep, plan=plan, title="X", owner=outsider, due_date=cycle.end)
        assert "a manager above them" in refused.value.message_dict["owner"][0]
    services.action_create(actor=people.rep, plan=plan, title="Y", owner=people.cro, due_date=cycle.end)


def test_due_dates_fall_within_the_cycle(plan, people, cycle):
    with pytest.raises(ValidationError) as refused:
        services.action_create(
            actor=people.rep, plan=plan, title="Late", due_date=cycle.end + datetime.timedelta(days=1)
        )
    assert "must fall within" in refused.value.message_dict["due_date"][0]


def test_ticking_items_done_is_working_the_plan_not_revising_it(plan, people, cycle):
    item = services.action_create(actor=people.rep, plan=plan, title="Call", due_date=cycle.end)
    PlanObjectiveFactory(plan=plan, target=D(1))
    services.plan_submit(actor=people.rep, plan=plan)
    services.plan_approve(actor=people.manager, plan=plan)
    item.plan.refresh_from_db()
    services.action_set_done(actor=people.rep, item=item, done=True)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    # Adding an item changes the plan: its next version begins.
    services.action_create(actor=people.rep, plan=plan, title="New step", due_date=cycle.end)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_the_items_owner_ticks_it_but_nobody_outside_the_chain_does(plan, people, cycle):
    item = services.action_create(actor=people.rep, plan=plan, title="Call", owner=people.manager, due_date=cycle.end)
    services.action_set_done(actor=people.manager, item=item, done=True)
    with pytest.raises(PermissionDenied):
        services.action_set_done(actor=people.peer_rep, item=item, done=False)
