"""Numbers nobody would mean are refused with a message beside the field, on every way in."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from goals.amounts import AMOUNT_TOO_LARGE
from goals.forms import CheckInForm, GoalDraftForm
from goals.models import Goal, Unit
from goals.services import checkin_create, goal_create

pytestmark = pytest.mark.django_db


def draft_form(people, cycle, **fields):
    data = {
        "title": "West new ARR",
        "metric": "new ARR",
        "unit": "USD",
        "baseline": "0",
        "target": "400000",
        "direction": "increase",
        "weight": "1",
        "visibility": "company",
        "rollup": "manual",
        **fields,
    }
    return GoalDraftForm(data, actor=people.rep, cycle=cycle)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"target": "-5"}, "target", "The target cannot be below zero for a goal measured in USD."),
        ({"target": "100000000000000"}, "target", AMOUNT_TOO_LARGE),
        ({"target": "1e20"}, "target", AMOUNT_TOO_LARGE),
        ({"target": "5000000000000"}, "target", AMOUNT_TOO_LARGE),
        ({"baseline": "-1", "target": "0", "unit": "deals"}, "baseline", "cannot be below zero"),
    ],
)
def test_the_goal_form_refuses_numbers_beside_the_field(people, cycle, fields, field, message):
    form = draft_form(people, cycle, **fields)
    if form.is_valid():
        with pytest.raises(ValidationError) as error:
            goal_create(actor=people.rep, cycle=cycle, owner=people.rep, **form.goal_fields())
        errors = error.value.message_dict
    else:
        errors = form.errors
    assert any(message in text for text in errors[field])
    assert "16 digits" not in str(errors)
    assert not Goal.objects.exists()


def test_a_negative_percentage_is_a_real_goal(people, cycle):
    goal = goal_create(
        actor=people.rep,
        cycle=cycle,
        owner=people.rep,
        title="Margin back to zero",
        metric="margin",
        unit=Unit.PERCENT,
        baseline=Decimal(-4),
        target=Decimal(0),
    )
    assert goal.baseline == Decimal(-4)


def test_a_too_long_title_is_refused_and_never_cut(people, cycle):
    form = draft_form(people, cycle, title="x" * 250)
    assert not form.is_valid()
    assert "at most 200 characters" in form.errors["title"][0]
    assert "maxlength" not in str(form["title"])  # a browser would cut it silently


def test_a_negative_check_in_is_refused_unless_the_unit_goes_below_zero(people, cascade):
    with pytest.raises(ValidationError) as error:
        checkin_create(actor=people.rep, goal=cascade.rep, value=Decimal(-10), confidence="on_track")
    assert error.value.message_dict["value"] == ["The check-in cannot be below zero for a goal measured in USD."]
    cascade.rep.unit = Unit.POINTS
    cascade.rep.save()
    assert checkin_create(actor=people.rep, goal=cascade.rep, value=Decimal(-10), confidence="on_track").pk


def test_the_check_in_box_reads_amounts_as_pages_write_them():
    form = CheckInForm({"value": "$180,925.10", "confidence": "on_track"}, unit="USD")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["value"] == Decimal("180925.10")
    assert CheckInForm({"value": "1e20", "confidence": "on_track"}).errors["value"] == [AMOUNT_TOO_LARGE]


def test_the_check_in_box_is_filled_in_the_pages_format():
    money = CheckInForm(initial={"value": Decimal("180925.1")}, unit="USD")
    assert 'value="180,925.10"' in str(money["value"])
    share = CheckInForm(initial={"value": Decimal("8.10")}, unit="%")
    assert 'value="8.1"' in str(share["value"])
