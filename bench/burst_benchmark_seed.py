#!/usr/bin/env python3
"""Django-side helpers of bench/burst_benchmark.py, each run in a process of its own (DATABASE_URL set).

burst_benchmark_seed.py REPS GOALS_PER_REP   seed data set L; print the process's peak memory (JSON)
burst_benchmark_seed.py --plan WRITERS       print what the load reads, who signs in, the writers' tokens
burst_benchmark_seed.py --integrity          check the goal trees after the burst (JSON)
burst_benchmark_seed.py --make-room          the nightly job: room for sub-goals in the cycles in play (JSON)
"""

import json
import os
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from accounts.models import Person, Role  # noqa: E402
from accounts.tokens import api_token_create  # noqa: E402
from core.tree_integrity import tree_problems  # noqa: E402
from goals.models import Cycle, Goal, PendingGoal, Phase, Tier, Visibility  # noqa: E402


def seed(reps: int, goals_per_rep: int) -> dict:
    call_command("seed_demo", "--reps", str(reps), "--goals-per-rep", str(goals_per_rep), verbosity=0)
    return {"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def plan(writers: int) -> dict:
    cycle = Cycle.objects.get(phase=Phase.ACTIVE)
    goals = Goal.objects.filter(cycle=cycle, visibility=Visibility.COMPANY)
    objectives = list(goals.filter(tier=Tier.CORPORATE).values_list("pk", flat=True))
    executives = list(goals.filter(tier=Tier.EXECUTIVE, parent__isnull=False).values_list("pk", flat=True)[:20])
    managers = list(goals.filter(tier=Tier.MANAGER).order_by("pk").values_list("pk", flat=True)[::40][:50])
    # "The goal page of a 25k-goal subtree": the goal with the most goals under it below an objective.
    biggest = (
        goals.filter(tier=Tier.EXECUTIVE).extra(select={"size": "rght - lft"}).order_by("-size").values("pk", "size")[0]
    )
    reps = list(goals.filter(tier=Tier.REP).order_by("pk").values_list("pk", flat=True)[::500][:30])
    readers = list(Person.objects.filter(role=Role.REP).order_by("pk").values_list("username", flat=True)[::97][:60])
    readers += list(Person.objects.filter(role=Role.MANAGER).order_by("pk").values_list("username", flat=True)[:10])
    readers += ["marcus.oyelaran", "admin"]
    # Signed in beforehand: password hashing at sign-in is not what this benchmark measures.
    sessions = [_session_for(Person.objects.get(username=username)) for username in readers]
    writer_people = Person.objects.filter(role=Role.REP, manager__isnull=False).order_by("pk")[::389][:writers]
    writer_plans = []
    for person in writer_people:
        parents = (
            list(goals.filter(owner_id=person.manager_id, tier=Tier.MANAGER).values_list("pk", flat=True)) or objectives
        )
        _, key = api_token_create(person=person, name="burst benchmark")
        writer_plans.append({"token": key, "parents": parents, "username": person.username})
    return {
        "levels": objectives + executives + managers,
        "goal_pages": [biggest["pk"], *managers[:10], *reps],
        "biggest_subtree": {"goal": biggest["pk"], "goals_below": biggest["size"] // 2},
        "readers": sessions,
        "writers": writer_plans,
    }


def _session_for(person: Person) -> str:
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(person.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = person.get_session_auth_hash()
    session.create()
    return session.session_key


def integrity() -> dict:
    problems = tree_problems(Goal)
    return {
        "problems": len(problems),
        "first_problems": problems[:5],
        "benchmark_drafts": Goal.objects.filter(title__startswith="Benchmark draft").count(),
        "waiting": PendingGoal.objects.count(),
        "goals": Goal.objects.count(),
    }


def make_room() -> dict:
    import time

    from goals.room import make_room_in_cycle

    started = time.monotonic()
    open_cycles = Cycle.objects.exclude(phase=Phase.CLOSED).values_list("pk", flat=True)
    renumbered = sum(make_room_in_cycle(pk) for pk in open_cycles)
    return {"seconds": time.monotonic() - started, "renumbered": renumbered}


def main() -> int:
    if sys.argv[1] == "--make-room":
        result = make_room()
    elif sys.argv[1] == "--plan":
        result = plan(int(sys.argv[2]))
    elif sys.argv[1] == "--integrity":
        result = integrity()
    else:
        result = seed(int(sys.argv[1]), int(sys.argv[2]))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
