from decimal import Decimal

import pytest

from assumptions.services import assumption_create


@pytest.fixture
def churn(people, cycle, cascade):
    """The CEO's churn assumption, resting under the objective, the manager's and the rep's goals."""
    return assumption_create(
        actor=people.ceo,
        cycle=cycle,
        statement="Mid-market churn stays under 8%",
        rationale="Churn was 7.1% last year.",
        evidence="FY2026 retention report",
        confidence="high",
        goals=[cascade.objective, cascade.manager, cascade.rep],
    )


@pytest.fixture
def lower_target():
    return Decimal(150_000)
