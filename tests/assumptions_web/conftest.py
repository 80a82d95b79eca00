"""Fixtures for the assumptions pages: the small company of tests/conftest.py with an assumption to argue about."""

from decimal import Decimal

import pytest

from assumptions import services


@pytest.fixture
def assumption(people, cascade, cycle):
    """The CRO's assumption that the executive goal rests on, written down through the service."""
    return services.assumption_create(
        actor=people.cro,
        cycle=cycle,
        statement="Enterprise deal size grows 10%",
        rationale="The platform tier bundles analytics.",
        evidence="Pilot deals closed 14% above list.",
        confidence="high",
        goals=[cascade.executive],
    )


@pytest.fixture
def challenge(people, cascade, assumption):
    """The rep's open challenge, proposing a lower target for their own goal."""
    return services.challenge_open(
        actor=people.rep,
        assumption=assumption,
        claim="Buyers trade the tier against discount",
        evidence="Nine deals, discount up from 18% to 24%.",
        course_correction="Plan on 5%.",
        proposed_changes=[services.ProposedChange(goal=cascade.rep, proposed_target=Decimal(190_000), note="5% less")],
    )


def signed_in(client, person):
    client.force_login(person)
    return client


def html(response) -> str:
    return response.content.decode()
