#!/usr/bin/env python3
"""The workshop-burst benchmark (issue 14): seed data set L, then measure everything beside its baseline.

    make bench                                      # all of it, writes bench/RESULTS.md
    .venv/bin/python bench/burst_benchmark.py --help

1. Seeds data set L (``seed_demo --reps 9200 --goals-per-rep 10``, about 100,000 goals) into
   a database of its own, timing it and reading the seeding process's peak memory, then
   VACUUM ANALYZE (``--reuse`` keeps the database as it is).
2. Baselines, in the same run as everything else: ``SELECT 1``, a bare indexed SELECT of 50
   goals, and the throughput of the cheapest page (the sign-in page) through gunicorn.
3. The alignment scan, cold and warm (bench/scan_benchmark.py's measurement).
4. The create options (bench/create_options.py): the prototypes of the designs compared.
5. Through gunicorn (gunicorn.conf.py, on loopback) with Redis and a Celery worker:
   pages one at a time (explorer, goal page of the biggest subtree, API list), the mixed
   read load at a target rate, the create burst (20 writers), and the table's size through it.
6. Writes bench/RESULTS.md with the machine, the load average beside every figure and the command.

Everything is bounded in time and talks to 127.0.0.1 only. The machine is shared: runs
are niced, and each figure is read beside a baseline measured in the same run.
"""

import argparse
import csv
import datetime
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

import scan_benchmark  # noqa: E402

PYTHON = sys.executable
SERVER = "postgres://postgres@127.0.0.1:5432"
PASSWORD = "cascade"
WRITERS = 20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="cascade_bench", help="database to seed (default %(default)s)")
    parser.add_argument("--server", default=SERVER, help="PostgreSQL URL without a database (default %(default)s)")
    parser.add_argument(
        "--redis",
        default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        help="Redis for cache and broker (default: REDIS_URL, else %(default)s)",
    )
    parser.add_argument("--port", type=int, default=8118, help="loopback port for gunicorn (default %(default)s)")
    parser.add_argument("--reps", type=int, default=9200)
    parser.add_argument("--goals-per-rep", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=60, help="length of the mixed load and the burst")
    parser.add_argument("--rate", type=float, default=200, help="target request rate of the mixed load")
    parser.add_argument("--reuse", action="store_true", help="measure the database as it is, without seeding")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: options,scan,serving")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's)")
    parser.add_argument("--threads", type=int, help="gunicorn threads per worker (default: gunicorn.conf.py's)")
    parser.add_argument("--write", action="store_true", help="record the figures in bench/RESULTS.md")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    url = f"{args.server}/{args.database}"
    command = " ".join(["bench/burst_benchmark.py", *sys.argv[1:]])

    results: dict = {"started": datetime.datetime.now().isoformat(timespec="minutes"), "load": {}}
    results["load"]["start"] = os.getloadavg()
    if not args.reuse:
        results["seed"] = seed(args, url)
    results["company"] = scan_benchmark.describe_company(url)
    results["baselines"] = database_baselines(url, results["company"]["cycle_id"])
    if "scan" not in skip:
        results["scan"] = measure_scan(url)
    if "options" not in skip:
        results["options"] = measure_options(args.database, args.server)
    if "serving" not in skip:
        results["room"] = make_room(url)
        results["serving"] = measure_serving(args, url, results["company"])
    results["load"]["end"] = os.getloadavg()
    report = render(results, command)
    print(report)
    if args.write:
        (BENCH / "RESULTS.md").write_text(report)
        print("Written to bench/RESULTS.md")
    return 0


# --- seeding ----------------------------------------------------------------------------


def seed(args, url: str) -> dict:
    import psycopg

    print(f"Creating the database {args.database} ...", flush=True)
    with psycopg.connect(f"{args.server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{args.database}"')
    env = django_env(url)
    manage(env, "migrate", "--no-input", "-v", "0")
    print(f"Seeding --reps {args.reps} --goals-per-rep {args.goals_per_rep} (a few minutes) ...", flush=True)
    load = os.getloadavg()
    started = time.monotonic()
    # A process of its own, so its peak memory is the seeding's and nothing else's.
    peak_mb = django_side(env, str(args.reps), str(args.goals_per_rep))["peak_rss_mb"]
    seconds = time.monotonic() - started
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    print(f"  seeded in {seconds:.0f} s, peak {peak_mb:.0f} MB", flush=True)
    return {"seconds": seconds, "peak_rss_mb": peak_mb, "load": load, "load_after": os.getloadavg()}


def make_room(url: str) -> dict:
    """The nightly job (goals/room.py), as it runs before a drafting day: room for sub-goals under every goal."""
    import psycopg

    print("Making room for sub-goals (the nightly job) ...", flush=True)
    load = os.getloadavg()
    room = django_side(django_env(url), "--make-room")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE goals_goal")
    print(f"  {room['renumbered']:,} goals renumbered in {room['seconds']:.1f} s", flush=True)
    return {**room, "load": load}


def django_side(env: dict, *args: str) -> dict:
    """Run bench/burst_benchmark_seed.py with ``args`` in a process of its own; its answer (the last line, JSON)."""
    done = subprocess.run(
        [PYTHON, str(BENCH / "burst_benchmark_seed.py"), *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def django_env(url: str, redis: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(DATABASE_URL=url, LOG_LEVEL="WARNING", DJANGO_SETTINGS_MODULE="config.settings")
    if redis:
        env["REDIS_URL"] = redis
    return env


# --- baselines in the database ----------------------------------------------------------


def timed(function, runs: int) -> dict:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - started)
    return summary_ms(seconds)


def summary_ms(seconds: list[float]) -> dict:
    ordered = sorted(seconds)
    return {
        "runs": len(ordered),
        "p50": statistics.median(ordered) * 1000,
        "p95": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000,
        "load": os.getloadavg(),
    }


def database_baselines(url: str, cycle_id: int) -> dict:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        select_one = timed(lambda: conn.execute("SELECT 1").fetchone(), 300)
        bare = timed(
            lambda: conn.execute(
                "SELECT * FROM goals_goal WHERE cycle_id = %s ORDER BY tree_id, lft LIMIT 50", [cycle_id]
            ).fetchall(),
            100,
        )
    return {"select_1": select_one, "bare_select_50": bare}


# --- the scan and the create options ----------------------------------------------------


def measure_scan(url: str) -> dict:
    print("Timing the alignment scan ...", flush=True)
    load = os.getloadavg()
    cold = [scan_benchmark.run_measure(url, "cold", 1)[0] for _ in range(3)]
    warm = scan_benchmark.run_measure(url, "warm", 3)
    return {
        "cold": scan_benchmark.summarise(cold),
        "warm": scan_benchmark.summarise(warm),
        "load": load,
        "load_after": os.getloadavg(),
    }


def measure_options(database: str, server: str) -> dict:
    print("Prototyping the create options (bench/create_options.py) ...", flush=True)
    result = subprocess.run(
        [PYTHON, str(BENCH / "create_options.py"), "--database", database, "--server", server, "--json"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- serving: gunicorn, Redis, a worker -------------------------------------------------


class Services:
    """gunicorn and a Celery worker on loopback for the length of a ``with`` block, niced."""

    def __init__(self, args, url: str, workers: int | None = None, threads: int | None = None, cpus: str = ""):
        self.env = django_env(url, args.redis)
        # ``cpus`` pins gunicorn and the worker to those cores (taskset), to compare one core with two.
        self.pin = ["taskset", "-c", cpus] if cpus else []
        self.env.update(
            GUNICORN_BIND=f"127.0.0.1:{args.port}",
            GUNICORN_ACCESS_LOG="",
            DB_CONN_MAX_AGE="60",
            ALLOWED_HOSTS="127.0.0.1",
        )
        if workers:
            self.env["GUNICORN_WORKERS"] = str(workers)
        if threads:
            self.env["GUNICORN_THREADS"] = str(threads)
        self.port = args.port
        self.processes: list[subprocess.Popen] = []

    def __enter__(self) -> "Services":
        gunicorn = Path(PYTHON).with_name("gunicorn")
        celery = Path(PYTHON).with_name("celery")
        self.processes.append(
            subprocess.Popen(
                [*self.pin, "nice", "-n", "5", str(gunicorn), "-c", "gunicorn.conf.py", "config.wsgi:application"],
                cwd=ROOT,
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )
        self.processes.append(
            subprocess.Popen(
                [
                    *self.pin,
                    "nice",
                    "-n",
                    "5",
                    str(celery),
                    "-A",
                    "config",
                    "worker",
                    "--concurrency",
                    "1",
                    "-l",
                    "WARNING",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/accounts/login/", timeout=5)
                return self
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    self.__exit__()
                    raise RuntimeError("gunicorn did not start within 60 s") from None
                time.sleep(0.5)

    def __exit__(self, *exc) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def plan(url: str, redis: str, company: dict) -> dict:
    """What the load reads and writes, and who signs in (computed in a Django process)."""
    found = django_side(django_env(url, redis), "--plan", str(WRITERS))
    return {**found, "cycle": company["cycle_id"], "password": PASSWORD}


def locust(
    host: str, user: str, users: int, seconds: int, plan_path: Path, rate: float = 0, timeout: float = 0, cpus: str = ""
):
    """Run locust headless against ``host`` and return the statistics per request name."""
    folder = Path(tempfile.mkdtemp(prefix="cascade-locust-"))
    env = {**os.environ, "BENCH_PLAN": str(plan_path), "BENCH_RATE": str(rate)}
    if timeout:
        env["BENCH_TIMEOUT"] = str(timeout)
    load = os.getloadavg()
    subprocess.run(
        [
            *(["taskset", "-c", cpus] if cpus else []),
            "nice", "-n", "5",
            str(Path(PYTHON).with_name("locust")),
            "-f", str(BENCH / "locustfile.py"),
            "--headless", "--only-summary", "--skip-log",
            "--host", host,
            # Paced users join evenly over one pacing period, so that the offered load is steady:
            # started together, each would fire at the same instant of every period.
            "--users", str(users), "--spawn-rate", str(users * rate if rate else max(users, 1)),
            "--run-time", f"{seconds}s", "--stop-timeout", "10",
            "--csv", str(folder / "run"),
            user,
        ],
        cwd=ROOT,
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=seconds + 120,
    )  # fmt: skip
    rows = {}
    with open(folder / "run_stats.csv") as handle:
        for row in csv.DictReader(handle):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "p50": float(row["50%"] or 0),
                "p95": float(row["95%"] or 0),
                "p99": float(row["99%"] or 0),
                "max": float(row["Max Response Time"] or 0),
            }
    shutil.rmtree(folder, ignore_errors=True)
    return {"rows": rows, "load": load, "load_after": os.getloadavg(), "users": users, "seconds": seconds}


def rows_written(url: str) -> tuple[int, int]:
    """The goal table's rows inserted and updated so far (PostgreSQL's counters)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(
            "SELECT n_tup_ins, n_tup_upd FROM pg_stat_user_tables WHERE relname = 'goals_goal'"
        ).fetchone()


def table_bytes(url: str) -> tuple[int, int, int]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(
            "SELECT pg_total_relation_size('goals_goal'), pg_relation_size('goals_goal'), "
            "(SELECT n_dead_tup FROM pg_stat_user_tables WHERE relname = 'goals_goal')"
        ).fetchone()


def measure_serving(args, url: str, company: dict) -> dict:
    import psycopg

    host = f"http://127.0.0.1:{args.port}"
    served: dict = {}
    plan_path = Path(tempfile.mkstemp(prefix="cascade-plan-", suffix=".json")[1])
    plan_path.write_text(json.dumps(plan(url, args.redis, company)))
    with Services(args, url, args.workers, args.threads):
        print("Serving: baselines and pages one at a time ...", flush=True)
        served["trivial_one"] = locust(host, "TrivialUser", 1, 15, plan_path)
        served["pages_one"] = locust(host, "ReaderUser", 1, 30, plan_path)
        print("Serving: capacity (closed loop) ...", flush=True)
        served["trivial_capacity"] = locust(host, "TrivialUser", 20, 20, plan_path)
        served["reader_capacity"] = locust(host, "ReaderUser", 40, 30, plan_path)
        print(f"Serving: mixed read load at {args.rate:.0f} req/s for {args.seconds} s ...", flush=True)
        users = 100
        served["mixed"] = locust(host, "ReaderUser", users, args.seconds, plan_path, rate=args.rate / users)
        served["mixed"]["target_rps"] = args.rate
        print("Serving: creates, one writer alone ...", flush=True)
        served["create_one"] = locust(host, "WriterUser", 1, 20, plan_path)
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE goals_goal")
        before = table_bytes(url)
        rows_before = rows_written(url)
        sizes: list[tuple[int, int, int]] = []
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(2):
                sizes.append(table_bytes(url))

        sampler = threading.Thread(target=sample)
        sampler.start()
        print(f"Serving: the create burst, {WRITERS} writers for {args.seconds} s ...", flush=True)
        served["burst"] = locust(host, "WriterUser", WRITERS, args.seconds, plan_path)
        print(f"Serving: {WRITERS} writers offering 12 creates/s ...", flush=True)
        served["burst_paced"] = locust(host, "WriterUser", WRITERS, args.seconds, plan_path, rate=12 / WRITERS)
        stop.set()
        sampler.join()
        served["table"] = {"vacuumed": before, "peak": max(sizes or [before]), "after": table_bytes(url)}
        time.sleep(1)  # PostgreSQL publishes a table's counters within a second of each transaction
        written = zip(rows_before, rows_written(url), strict=True)
        served["rows_written"] = [after - earlier for earlier, after in written]
    if (os.cpu_count() or 1) >= 2:
        # The same readers against gunicorn held to one core, locust on the other: what one core
        # serves, beside the two-core figures above (where locust shares the cores).
        print("Serving: readers on one core (taskset) ...", flush=True)
        with Services(args, url, args.workers, args.threads, cpus="0"):
            served["one_core_trivial"] = locust(host, "TrivialUser", 20, 20, plan_path, cpus="1")
            served["one_core_readers"] = locust(host, "ReaderUser", 40, 30, plan_path, cpus="1")
    served["integrity"] = django_side(django_env(url), "--integrity")
    plan_path.unlink()
    return served


# --- the report -------------------------------------------------------------------------


def render(results: dict, command: str) -> str:
    from render_results import render_report

    return render_report(results, command, scan_benchmark.machine())


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_NOFILE, (4096, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))
    sys.exit(main())
