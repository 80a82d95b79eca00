"""Fixtures for the Shadow Cabinet: the small company of tests/conftest.py with a committee and a cabinet."""

import datetime
from types import SimpleNamespace

import pytest

from cabinet import services
from tests.api.conftest import anonymous, api_as
from tests.clock import TEST_TODAY

__all__ = ["anonymous", "api_as"]


@pytest.fixture
def committee(people, cascade):
    """Two committee roles: the CRO's (with the objective in its portfolio) and the CEO's."""
    cro = services.committee_role_create(
        actor=people.staff,
        title="Chief Revenue Officer: new ARR",
        holder=people.cro,
        remit="The headline number and its split.",
        objectives=[cascade.objective],
    )
    ceo = services.committee_role_create(
        actor=people.staff, title="Chief Executive Officer: the plan", holder=people.ceo
    )
    return SimpleNamespace(cro=cro, ceo=ceo)


@pytest.fixture
def high_performers(people):
    """The three reps, marked by their managers (the other team's by the CRO)."""
    services.high_performer_mark(actor=people.manager, person=people.rep, reason="Beat the number by 30%.")
    services.high_performer_mark(actor=people.manager, person=people.peer_rep, reason="Cleanest forecast calls.")
    services.high_performer_mark(actor=people.cro, person=people.other_rep, reason="Top of the East region.")
    for person in (people.rep, people.peer_rep, people.other_rep):
        person.refresh_from_db()
    return people


@pytest.fixture
def seated(people, cycle, committee, high_performers):
    """The rep shadows the CRO, the peer rep the CEO, both for the rest of the cycle (accepted)."""
    rep = services.seat_offer(actor=people.cro, cycle=cycle, role=committee.cro, holder=people.rep)
    peer = services.seat_offer(actor=people.cro, cycle=cycle, role=committee.ceo, holder=people.peer_rep)
    return SimpleNamespace(
        rep=services.seat_accept(actor=people.rep, seat=rep),
        peer=services.seat_accept(actor=people.peer_rep, seat=peer),
    )


def in_days(days: int) -> datetime.date:
    return TEST_TODAY + datetime.timedelta(days=days)


@pytest.fixture
def question(people, cycle, committee, cascade):
    """A question before the committee with three options, due in two weeks."""
    return services.question_create(
        actor=people.cro,
        cycle=cycle,
        title="Move $2M of target from EMEA to APAC",
        description="APAC is ahead of plan.",
        options=["Move $2M", "Move $1M", "Keep the split"],
        due_date=in_days(14),
        role=committee.cro,
        objectives=[cascade.objective],
    )


def option(question, label: str):
    return question.options.get(label=label)
