#!/usr/bin/env python3
"""What each alignment rule adds to a full scan, against whatever database DATABASE_URL points at (run by hand).

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/cascade_bench   # seeded with data set L
    nice .venv/bin/python bench/rule_costs.py --runs 5

For this year's cycle, times every rule of ``goals.alignment.rules.RULES`` on its own (median of
``--runs``, after one warm-up run) with the number of findings and SQL queries, then the whole
``evaluate`` beside it. Rules share work through ``ScanScope.shared`` (the parent join serves four
rules), so each rule is timed with a fresh scope: the figures are each rule's cost if it ran alone,
an upper bound on what it adds to the scan. Timings are never asserted in tests; this is how they are checked.
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

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from goals.alignment import rules  # noqa: E402
from goals.models import Cycle, Goal  # noqa: E402


def timed(function, runs: int) -> tuple[float, int, int]:
    """Median seconds over ``runs`` calls after a warm-up, the findings and the queries of the last call."""
    function()
    seconds = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            found = function()
            seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), len(found), len(queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    now = timezone.now()
    cycle = Cycle.objects.filter(start__lte=now.date(), end__gte=now.date()).order_by("start").first()
    if cycle is None:
        sys.exit("No cycle holds today: seed the database first (seed_demo --reps 9200 --goals-per-rep 10).")
    goals = Goal.objects.filter(cycle=cycle).count()
    print(f"{connection.vendor}, cycle {cycle.name}: {goals:,} goals, {args.runs} runs each (median)\n")
    print(f"{'rule':<22} {'seconds':>8} {'findings':>9} {'queries':>8}")
    for kind, rule in rules.RULES.items():
        seconds, found, queries = timed(lambda rule=rule: rule(rules.ScanScope(cycle=cycle, now=now)), args.runs)
        print(f"{kind:<22} {seconds:>8.3f} {found:>9,} {queries:>8}")
    seconds, found, queries = timed(lambda: rules.evaluate(rules.ScanScope(cycle=cycle, now=now)), args.runs)
    print(f"{'all rules (evaluate)':<22} {seconds:>8.3f} {found:>9,} {queries:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
