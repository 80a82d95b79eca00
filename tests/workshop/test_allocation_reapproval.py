"""A split by hand at the workshop sends a changed, agreed target back to its owner, as any split does."""

from decimal import Decimal

import pytest

from goals.models import Goal, Status
from tests.factories import GoalFactory
from workshop.services import workshop_allocate

pytestmark = pytest.mark.django_db
D = Decimal


def reload(goal):
    return Goal.objects.get(pk=goal.pk)


def test_a_split_by_hand_at_the_workshop_sends_agreed_targets_back_too(people, workshop):
    Goal.objects.filter(pk=workshop.mapped.pk).update(status=Status.APPROVED)
    other = GoalFactory(cycle=workshop.cycle, owner=people.ceo, parent=workshop.arr, title="CEO deals", target=D(1))
    workshop_allocate(
        actor=people.ceo,
        objective=reload(workshop.arr),
        method="manual",
        shares={workshop.mapped.pk: "700000", other.pk: "300000"},
    )
    mapped = reload(workshop.mapped)
    assert (mapped.target, mapped.status) == (D(700_000), Status.RETURNED)
    assert "from $600,000 to $700,000" in mapped.return_reason
