"""Fixtures shared by the whole suite: a small company where every permission question can be asked."""

import uuid
from decimal import Decimal
from types import SimpleNamespace

import pytest
import time_machine

from accounts.models import Role
from tests.clock import TEST_NOW
from tests.factories import CorporateObjectiveFactory, CycleFactory, GoalFactory, PersonFactory

pytest_plugins = ("celery.contrib.pytest",)


@pytest.fixture(autouse=True)
def clock():
    """Every test runs with the clock stopped at ``tests.clock.TEST_NOW``; move it with
    ``clock.move_to(moment)`` or ``clock.shift(timedelta)``."""
    with time_machine.travel(TEST_NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _own_cache_keys(settings):
    """Each test reads and writes cache keys of its own, so cached reads never cross from one test to the next
    (database ids repeat between tests; a shared Redis is never flushed under another test's feet)."""
    settings.CACHES = {
        name: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex[:12]}"} for name, config in settings.CACHES.items()
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def people(db):
    """ceo > cro > {west manager > rep, peer rep; east manager > east rep}, plus a staff admin.

    The people are re-read after the tree is built so their lft/rght are current.
    """
    ceo = PersonFactory(username="ceo", first_name="Casey", last_name="Chief", role=Role.EXECUTIVE, region="HQ")
    cro = PersonFactory(
        username="cro", first_name="Robin", last_name="Revenue", role=Role.EXECUTIVE, manager=ceo, region="HQ"
    )
    manager = PersonFactory(
        username="manager", first_name="Morgan", last_name="West", role=Role.MANAGER, manager=cro, region="West"
    )
    other_manager = PersonFactory(
        username="other_manager", first_name="Eli", last_name="East", role=Role.MANAGER, manager=cro, region="East"
    )
    rep = PersonFactory(username="rep", first_name="Riley", last_name="Rep", manager=manager, region="West")
    peer_rep = PersonFactory(username="peer_rep", first_name="Pat", last_name="Peer", manager=manager, region="West")
    other_rep = PersonFactory(
        username="other_rep", first_name="Olive", last_name="Other", manager=other_manager, region="East"
    )
    staff = PersonFactory(
        username="staff",
        first_name="Sam",
        last_name="Admin",
        role=Role.ADMIN,
        is_staff=True,
        is_superuser=True,
        region="",
    )
    found = SimpleNamespace(
        ceo=ceo,
        cro=cro,
        manager=manager,
        other_manager=other_manager,
        rep=rep,
        peer_rep=peer_rep,
        other_rep=other_rep,
        staff=staff,
    )
    for person in vars(found).values():
        person.refresh_from_db()
    return found


@pytest.fixture
def cycle(db):
    return CycleFactory(name="FY2027")


@pytest.fixture
def cascade(people, cycle):
    """One corporate objective cascaded to the CRO, the west manager and both west reps."""
    objective = CorporateObjectiveFactory(
        cycle=cycle, owner=people.ceo, title="Grow new ARR 30%", target=Decimal(1_000_000)
    )
    executive = GoalFactory(
        cycle=cycle, owner=people.cro, parent=objective, title="New ARR from sales", target=Decimal(1_000_000)
    )
    manager = GoalFactory(
        cycle=cycle, owner=people.manager, parent=executive, title="West new ARR", target=Decimal(400_000)
    )
    rep = GoalFactory(cycle=cycle, owner=people.rep, parent=manager, title="Riley new ARR", target=Decimal(200_000))
    peer = GoalFactory(cycle=cycle, owner=people.peer_rep, parent=manager, title="Pat new ARR", target=Decimal(200_000))
    goals = SimpleNamespace(objective=objective, executive=executive, manager=manager, rep=rep, peer=peer)
    for goal in vars(goals).values():
        goal.refresh_from_db()
    return goals


# --- Celery -----------------------------------------------------------------------------
# Tests run tasks in-process, except those marked ``worker``: they get a real worker
# thread consuming from the broker (Redis in the PostgreSQL run, memory otherwise).


@pytest.fixture(autouse=True)
def _tasks_run_in_process(request):
    from config.celery import app

    if request.node.get_closest_marker("worker"):
        yield
        return
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture(scope="session")
def celery_config():
    import os

    from django.conf import settings

    return {
        "broker_url": settings.REDIS_URL or "memory://",
        "result_backend": settings.REDIS_URL or "cache+memory://",
        "task_always_eager": False,
        # A queue of our own, so tasks left over from an earlier run never reach this worker.
        "task_default_queue": f"cascade-tests-{os.getpid()}",
        "broker_connection_retry_on_startup": False,
    }


@pytest.fixture(scope="session")
def celery_includes():
    return ["goals.tasks"]


@pytest.fixture(scope="session")
def celery_worker_parameters():
    return {"shutdown_timeout": 30}
