"""Flag messages read like a sales deck and always fit, whatever people typed."""

from decimal import Decimal

import pytest

from accounts.models import Role
from assumptions.models import AssumptionStatus
from goals.alignment.wording import format_amount
from goals.models import AlignmentFlag, FlagKind
from tests.factories import AssumptionFactory, GoalFactory, PersonFactory


@pytest.mark.parametrize(
    "value, unit, written",
    [
        (1_200_000, "USD", "$1.2M"),
        (8_050_000, "USD", "$8.05M"),
        (680_000, "EUR", "€680K"),
        (999_999, "GBP", "£1M"),
        (128_000_000, "USD", "$128M"),
        (950, "USD", "$950"),
        (Decimal("12.5"), "%", "12.5%"),
        (12, "accounts", "12 accounts"),
        (1_500, "count", "1,500"),
    ],
)
def test_amounts_are_written_the_way_a_sales_deck_writes_them(value, unit, written):
    assert format_amount(value, unit) == written


@pytest.mark.django_db
def test_long_titles_and_names_are_shortened_and_the_flag_fits(people, cascade, cycle, scanned):
    outsider = PersonFactory(
        username="outsider", first_name="A" * 150, last_name="B" * 150, role=Role.MANAGER, manager=people.cro
    )
    parent = GoalFactory(cycle=cycle, owner=outsider, parent=cascade.executive, title="Very long title " * 12)
    GoalFactory(cycle=cycle, owner=people.rep, parent=parent, title="Riley pipeline")

    message = scanned(cycle)[("Riley pipeline", FlagKind.OUTSIDE_CHAIN)].message

    assert len(message) <= AlignmentFlag._meta.get_field("message").max_length
    assert '("Very long title Very long title' in message and '…")' in message


@pytest.mark.django_db
def test_many_assumptions_at_risk_are_counted_past_three(people, cascade, cycle, scanned):
    for n in range(5):
        assumption = AssumptionFactory(
            cycle=cycle, owner=people.cro, statement=f"Belief {n}", status=AssumptionStatus.CHALLENGED
        )
        assumption.goals.set([cascade.rep])

    message = scanned(cycle)[("Riley new ARR", FlagKind.ASSUMPTION_AT_RISK)].message

    assert message == ('Rests on 5 assumptions at risk: "Belief 0" (challenged), "Belief 1" (challenged) and 3 more.')
