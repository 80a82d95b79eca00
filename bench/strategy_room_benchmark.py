#!/usr/bin/env python3
"""Time the strategy room against whatever database DATABASE_URL points at (run by hand, niced).

    createdb -h 127.0.0.1 -U postgres cascade_cabinet_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/cascade_cabinet_bench
    nice .venv/bin/python manage.py migrate && nice .venv/bin/python manage.py seed_demo --reps 9200 --goals-per-rep 10
    nice .venv/bin/python bench/strategy_room_benchmark.py

Runs VACUUM ANALYZE (as autovacuum would after a bulk load), then for a rep, their manager
and the CRO measures the strategy room's read model (``cabinet.strategy_room.strategy_room``),
its page and its API: the number of SQL queries (the same for every size of company; the
tests hold the ceiling) and the median wall time of ``--runs`` requests. Timings are never
asserted in tests; this script is how they are checked.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import Person  # noqa: E402
from cabinet.strategy_room import strategy_room  # noqa: E402
from goals.models import Cycle, Goal  # noqa: E402

LOGINS = ("alex.rivera", "jordan.blake", "marcus.oyelaran")


def timed(call, runs: int) -> tuple[int, float]:
    """(queries of one call, median milliseconds of ``runs`` calls)."""
    with CaptureQueriesContext(connection) as captured:
        call()
    queries = len(captured)  # now: the next request clears the connection's query log
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        timings.append(time.perf_counter() - started)
    return queries, statistics.median(timings) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5, help="timed calls per measurement (default %(default)s)")
    parser.add_argument("--no-vacuum", action="store_true", help="skip VACUUM ANALYZE")
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    if connection.vendor == "postgresql" and not args.no_vacuum:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    cycle = Cycle.objects.get(phase="active")
    print(
        f"{Goal.objects.filter(cycle=cycle).count():,} goals in {cycle.name} ({Goal.objects.count():,} in all), "
        f"{Person.objects.count():,} people, on {connection.vendor}; load average {os.getloadavg()[0]:.1f}"
    )
    client = Client()
    print(f"{'who':16} {'what':12} {'queries':>7} {'median':>10}")
    for username in LOGINS:
        person = Person.objects.get(username=username)
        client.force_login(person)
        measurements = {
            "read model": lambda person=person: strategy_room(cycle, person),
            "page": lambda: client.get(f"/cabinet/strategy-room/?cycle={cycle.pk}"),
            "API": lambda: client.get(f"/api/cabinet/strategy-room/?cycle={cycle.pk}"),
        }
        for what, call in measurements.items():
            queries, median = timed(call, args.runs)
            print(f"{username:16} {what:12} {queries:7} {median:8.0f} ms")


if __name__ == "__main__":
    main()
