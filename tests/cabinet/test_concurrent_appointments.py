"""Offers made at the same moment never seat two people in one seat, nor one person in two (PostgreSQL only)."""

import contextlib

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from accounts.models import Person
from cabinet import services
from cabinet.models import CommitteeRole, ShadowSeat
from goals.models import Cycle
from tests.factories import PersonFactory
from tests.postgres.test_concurrent_tree_writes import run_in_threads

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks: SQLite serialises writers itself (runs in the PostgreSQL CI run)")


def test_one_seat_offered_to_six_people_at_once_goes_to_one(people, cycle, committee):
    candidates = [PersonFactory(manager=people.manager) for _ in range(6)]
    for person in candidates:
        services.high_performer_mark(actor=people.manager, person=person, reason="Top")

    def work(index: int) -> None:
        with contextlib.suppress(ValidationError):
            services.seat_offer(
                actor=Person.objects.get(pk=people.cro.pk),
                cycle=Cycle.objects.get(pk=cycle.pk),
                role=CommitteeRole.objects.get(pk=committee.cro.pk),
                holder=Person.objects.get(pk=candidates[index].pk),
            )

    assert run_in_threads(6, work) == []
    assert ShadowSeat.objects.live().filter(role=committee.cro).count() == 1


def test_one_person_offered_six_seats_at_once_takes_one(people, cycle, high_performers):
    roles = [services.committee_role_create(actor=people.staff, title=f"Role {n}", holder=people.cro) for n in range(6)]

    def work(index: int) -> None:
        with contextlib.suppress(ValidationError):
            services.seat_offer(
                actor=Person.objects.get(pk=people.cro.pk),
                cycle=Cycle.objects.get(pk=cycle.pk),
                role=CommitteeRole.objects.get(pk=roles[index].pk),
                holder=Person.objects.get(pk=people.rep.pk),
            )

    assert run_in_threads(6, work) == []
    assert ShadowSeat.objects.live().filter(holder=people.rep).count() == 1
