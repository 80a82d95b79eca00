"""Splitting an objective's target among the goals mapped under it: the methods of goals, and by hand."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.exceptions import StateConflict
from tests.workshop.conftest import reload
from workshop.models import Decision, DecisionKind
from workshop.services import MANUAL, workshop_allocate, workshop_map

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_under_arr(people, workshop):
    workshop_map(actor=people.ceo, goal=workshop.unmapped, objective=workshop.arr)
    return reload(workshop.mapped), reload(workshop.unmapped)


def test_an_even_split_reuses_the_cascades_allocation_and_is_logged(people, workshop, two_under_arr):
    workshop_allocate(actor=people.ceo, objective=workshop.arr, method="even")
    assert [reload(goal).target for goal in two_under_arr] == [Decimal(500_000), Decimal(500_000)]
    decision = Decision.objects.get(kind=DecisionKind.ALLOCATION)
    assert decision.objective == workshop.arr
    assert "$500,000" in decision.text and "evenly" in decision.text


def test_the_executive_types_each_goals_share(people, workshop, two_under_arr):
    sales, expansion = two_under_arr
    workshop_allocate(
        actor=people.ceo,
        objective=workshop.arr,
        method=MANUAL,
        shares={sales.pk: "700000", expansion.pk: Decimal("300000.00")},
    )
    assert reload(sales).target == Decimal(700_000)
    assert reload(expansion).target == Decimal(300_000)


def test_shares_that_do_not_add_up_are_refused_with_the_gap(people, workshop, two_under_arr):
    sales, expansion = two_under_arr
    with pytest.raises(ValidationError) as error:
        workshop_allocate(
            actor=people.ceo, objective=workshop.arr, method=MANUAL, shares={sales.pk: 700_000, expansion.pk: 200_000}
        )
    message = error.value.message_dict["shares"][0]
    assert "$900,000" in message and "$100,000 short of" in message and "$1,000,000" in message
    assert reload(sales).target == Decimal(600_000)  # nothing changed


def test_each_bad_share_gets_its_own_error(people, workshop, two_under_arr):
    sales, expansion = two_under_arr
    with pytest.raises(ValidationError) as error:
        workshop_allocate(actor=people.ceo, objective=workshop.arr, method=MANUAL, shares={sales.pk: "-5"})
    errors = error.value.message_dict
    assert errors[f"share_{sales.pk}"] == ["A share cannot be negative."]
    assert errors[f"share_{expansion.pk}"] == ["Enter Expansion ARR's share."]
    with pytest.raises(ValidationError) as error:
        workshop_allocate(
            actor=people.ceo, objective=workshop.arr, method=MANUAL, shares={sales.pk: "lots", expansion.pk: "1.234"}
        )
    assert error.value.message_dict == {
        f"share_{sales.pk}": ["Enter a number."],
        f"share_{expansion.pk}": ["Use at most two decimal places."],
    }


def test_percentages_and_empty_objectives_cannot_be_split(people, workshop):
    with pytest.raises(ValidationError, match="Percentages"):
        workshop_allocate(actor=people.ceo, objective=workshop.nrr, method=MANUAL, shares={})
    with pytest.raises(ValidationError) as error:
        workshop_allocate(actor=people.cro, objective=workshop.logos, method="even")
    assert "method" in error.value.message_dict


def test_an_unknown_method_is_a_field_error(people, workshop, two_under_arr):
    with pytest.raises(ValidationError) as error:
        workshop_allocate(actor=people.ceo, objective=workshop.arr, method="lottery")
    assert "method" in error.value.message_dict


def test_an_objective_is_split_by_its_owner_or_above(people, workshop, two_under_arr):
    # The CRO reports to the CEO, who owns the ARR objective.
    with pytest.raises(PermissionDenied):
        workshop_allocate(actor=people.cro, objective=workshop.arr, method="even")
    with pytest.raises(PermissionDenied):
        workshop_allocate(actor=people.manager, objective=workshop.arr, method="even")
    workshop_allocate(actor=people.staff, objective=workshop.arr, method="weights")


def test_no_allocation_after_the_workshop(people, workshop, two_under_arr):
    workshop.cycle.phase = "active"
    workshop.cycle.save()
    with pytest.raises(StateConflict):
        workshop_allocate(actor=people.ceo, objective=reload(workshop.arr), method="even")
