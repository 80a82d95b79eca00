#!/usr/bin/env python3
"""Benchmark of a 50,000-row goals import run as an import job, on PostgreSQL (issue 13, defect 7).

    .venv/bin/python bench/import_benchmark.py            # seed a fresh database, time the import
    .venv/bin/python bench/import_benchmark.py --write    # and record the figures in bench/RESULTS.md

1. Creates a database of its own (``--database``), migrates it and seeds the demo company.
2. Writes a CSV of ``--rows`` goals into this year's cycle: team goals under the CRO's goal,
   each with rep goals under it by ``parent_external_key`` (the shape a CRM export has).
3. Queues it as an import job and runs the job as a worker does (``run_import_job``), in a
   fresh Python process, noting when each phase (checking rows, writing goals) starts.
Timings are never asserted in tests; this script is how they are checked.
"""

import argparse
import datetime
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SERVER = "postgres://postgres@127.0.0.1:5432"
SECTION = "## Goals import: 50,000 rows as an import job"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="cascade_bench_import", help="database to use (default %(default)s)")
    parser.add_argument("--server", default=SERVER, help="PostgreSQL URL without a database (default %(default)s)")
    parser.add_argument("--rows", type=int, default=50_000, help="goals in the file (default %(default)s)")
    parser.add_argument("--write", action="store_true", help="record the figures in bench/RESULTS.md")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    url = f"{args.server}/{args.database}"
    if args.measure:
        print(json.dumps(measure(args.rows)))
        return 0

    import psycopg

    with psycopg.connect(f"{args.server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{args.database}"')
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(DATABASE_URL=url, LOG_LEVEL="WARNING", DJANGO_SETTINGS_MODULE="config.settings")
    subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PYTHON, "manage.py", "seed_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    load_before = os.getloadavg()
    out = subprocess.run(
        [PYTHON, __file__, "--measure", "--rows", str(args.rows)], cwd=ROOT, env=env, check=True, capture_output=True
    )
    result = json.loads(out.stdout.decode().strip().splitlines()[-1])
    result["load_before"], result["load_after"] = load_before, os.getloadavg()
    with psycopg.connect(url) as conn:
        result["postgres"] = conn.execute("SHOW server_version").fetchone()[0]
    report = render(result)
    print(report)
    if args.write:
        write(report)
        print("Written to bench/RESULTS.md")
    return 0


def measure(rows: int) -> dict:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from accounts.models import Person, Role
    from goals.import_jobs import import_job_create, run_import_job
    from goals.models import Cycle, Goal, Phase, Tier

    cycle = Cycle.objects.get(phase=Phase.ACTIVE)
    admin = Person.objects.get(username="admin")
    parent = Goal.objects.filter(cycle=cycle, tier=Tier.EXECUTIVE).order_by("pk").first()
    managers = list(Person.objects.filter(role=Role.MANAGER).order_by("pk").values_list("username", flat=True))
    reps = list(Person.objects.filter(role=Role.REP).order_by("pk").values_list("username", flat=True))
    per_team = 100
    lines = ["external_key,parent,parent_external_key,owner,title,metric,unit,target,weight"]
    for team in range(rows // per_team):
        lines.append(f"T{team},{parent.pk},,{managers[team % len(managers)]},Team {team} new ARR,new ARR,USD,990000,1")
        for n in range(per_team - 1):
            rep = reps[(team * per_team + n) % len(reps)]
            lines.append(f"R{team}.{n},,T{team},{rep},Deal {team}.{n},new ARR,USD,10000,1")
    text = "\n".join(lines) + "\n"

    job = import_job_create(actor=admin, kind="goals", cycle=cycle, text=text)
    phases: dict[str, float] = {}
    started = time.monotonic()

    from django.core.cache import cache

    real_set = cache.set

    def watching_set(key, value, *args, **kwargs):
        if isinstance(value, dict) and "phase" in value:
            phases.setdefault(value["phase"], time.monotonic() - started)
        return real_set(key, value, *args, **kwargs)

    cache.set = watching_set
    try:
        job = run_import_job(job.pk)
    finally:
        cache.set = real_set
    seconds = time.monotonic() - started
    assert job.status == "succeeded", job.errors
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM goals_goal WHERE cycle_id = %s", [cycle.pk])
        goals_in_cycle = cursor.fetchone()[0]
    return {
        "rows": len(lines) - 1,
        "created": job.result["created"],
        "seconds": seconds,
        "checking_started": phases.get("checking", 0.0),
        "writing_started": phases.get("writing", seconds),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "goals_in_cycle": goals_in_cycle,
        "bytes": len(text.encode()),
    }


def render(result: dict) -> str:
    checking = result["writing_started"] - result["checking_started"]
    writing = result["seconds"] - result["writing_started"]
    return "\n".join(
        [
            SECTION,
            "",
            f"Recorded {datetime.date.today():%d %b %Y} with `bench/import_benchmark.py --write` "
            f"(PostgreSQL {result['postgres']}, Python {platform.python_version()}, {os.cpu_count()} cores; "
            f"load {result['load_before'][0]:.1f} before, {result['load_after'][0]:.1f} after).",
            "",
            f"A CSV of {result['rows']:,} goals ({result['bytes'] / 1e6:.1f} MB: {result['rows'] // 100} team goals "
            "under one executive goal, 99 rep goals under each by `parent_external_key`) imported by an admin into "
            f"the demo company's active cycle as an import job, as a worker runs it: **{result['seconds']:.0f} s** "
            f"in all ({result['rows'] / result['seconds']:,.0f} rows/s), of which checking every row "
            f"{checking:.0f} s and writing the goals (bulk inserts a subtree at a time, audit rows, roll-ups) "
            f"{writing:.0f} s; {result['created']:,} goals created, peak RSS {result['peak_rss_mb']:.0f} MB.",
            "",
            "Imports of more than `IMPORT_SYNC_MAX_ROWS` rows (2,000 by default, a few seconds) run this way; the "
            "web request answers at once (202 and the job), the page follows the progress, and gunicorn's 30 s "
            "timeout never applies.",
            "",
        ]
    )


def write(report: str) -> None:
    path = ROOT / "bench" / "RESULTS.md"
    text = path.read_text()
    if SECTION in text:
        start = text.index(SECTION)
        following = text.find("\n## ", start + len(SECTION))
        text = text[:start] + report + (text[following + 1 :] if following != -1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + report
    path.write_text(text)


if __name__ == "__main__":
    raise SystemExit(main())
