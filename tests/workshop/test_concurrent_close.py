"""Executives pressing "Close the workshop" at the same moment freeze one baseline (PostgreSQL only)."""

import threading

import pytest
from django.db import close_old_connections, connection

from core.exceptions import StateConflict
from goals.models import Cycle
from tests.workshop.conftest import GAPS_AGREED
from workshop.models import Baseline, BaselineGoal, Decision
from workshop.services import workshop_close

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency needs PostgreSQL: SQLite serialises writers itself (runs in the PostgreSQL CI run)")


def test_closing_at_once_freezes_one_baseline(people, workshop):
    barrier = threading.Barrier(3)
    closed, refused, errors = [], [], []

    def close(actor) -> None:
        try:
            barrier.wait()
            closed.append(
                workshop_close(actor=actor, cycle=Cycle.objects.get(pk=workshop.cycle.pk), reason=GAPS_AGREED)
            )
        except StateConflict as conflict:
            refused.append(conflict)
        except BaseException as error:
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=close, args=(actor,)) for actor in (people.ceo, people.cro, people.staff)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert (len(closed), len(refused)) == (1, 2)
    assert Baseline.objects.count() == 1
    assert BaselineGoal.objects.count() == 6
    assert Decision.objects.filter(kind="closing").count() == 1
