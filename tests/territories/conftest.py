"""Fixtures for territory plans: Riley's plan under the small company's cascade, and a marketer for joint plans."""

from decimal import Decimal

import pytest

from accounts.models import Function, Role
from territories.models import FunnelStage
from territories.services import plan_create
from tests.api.conftest import anonymous, api_as  # noqa: F401 - the API tests' clients, here too
from tests.factories import PersonFactory


@pytest.fixture
def plan(people, cascade, cycle):
    """Riley's plan for the cycle: target from "Riley new ARR" ($200,000), $20,000 deals, three stages."""
    plan = plan_create(actor=people.rep, cycle=cycle)
    plan.average_deal_size = Decimal(20_000)
    plan.save()
    plan.stages.all().delete()
    FunnelStage.objects.bulk_create(
        [
            FunnelStage(plan=plan, position=0, name="Qualified", conversion_rate=Decimal(50)),
            FunnelStage(plan=plan, position=1, name="Proposal", conversion_rate=Decimal(60)),
            FunnelStage(plan=plan, position=2, name="Negotiation", conversion_rate=Decimal(70)),
        ]
    )
    return plan


@pytest.fixture
def marketer(people):
    """Mira from marketing: a manager reporting to the CEO, outside the sales chain."""
    person = PersonFactory(
        username="marketer",
        first_name="Mira",
        last_name="Market",
        role=Role.MANAGER,
        manager=people.ceo,
        region="West",
        function=Function.MARKETING,
    )
    person.refresh_from_db()
    for other in vars(people).values():
        other.refresh_from_db()
    return person
