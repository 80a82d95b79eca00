"""Where the time of a sign-in goes (run by hand, against whatever DATABASE_URL points at).

    DATABASE_URL=sqlite:////tmp/cascade_demo.sqlite3 .venv/bin/python manage.py seed_demo --reset
    DATABASE_URL=sqlite:////tmp/cascade_demo.sqlite3 .venv/bin/python bench/sign_in_benchmark.py

For each demo login (a rep, a manager, the CRO) it signs in ``--runs`` times with the real
password through POST /accounts/login/ (Django's test client: the whole middleware stack,
no network) and prints, as medians:

- the wall time of the POST and its CPU time (``process_time``: what the server itself spent,
  apart from waiting for a core on a shared machine);
- the time inside the password hasher's ``verify`` (how many times it ran per sign-in);
- the SQL queries of the POST and their time;
- the page the POST redirects to (GET /), timed apart: a browser's "sign-in took 2 s" is both.

Then the cost of one ``verify`` by each of Django's hashers at their defaults, for comparison.
The machine's load average is printed beside the figures: its 2 cores are shared.
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
from django.contrib.auth import hashers  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from demo.builder import DEMO_PASSWORD  # noqa: E402

LOGINS = {"rep": "alex.rivera", "manager": "jordan.blake", "executive": "marcus.oyelaran"}


class HasherClock:
    """Counts and times every password verification while it is installed."""

    def __init__(self):
        self.calls = 0
        self.seconds = 0.0
        self._original = hashers.check_password

    def __enter__(self):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return self._original(*args, **kwargs)
            finally:
                self.calls += 1
                self.seconds += time.perf_counter() - started

        hashers.check_password = timed
        # AbstractBaseUser.check_password imports the function by name: patch it there too.
        import django.contrib.auth.base_user as base_user

        self._base_user = base_user
        self._base_original = base_user.check_password
        base_user.check_password = timed
        return self

    def __exit__(self, *exc):
        hashers.check_password = self._original
        self._base_user.check_password = self._base_original


class QueryClock:
    """Counts and times the SQL a block runs (an execute wrapper: Django clears its query log per request)."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - started


def sign_in_once(username: str) -> dict:
    client = Client()
    client.get("/accounts/login/")
    queries = QueryClock()
    with connection.execute_wrapper(queries), HasherClock() as hasher:
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert response.status_code == 302, f"{username} did not sign in ({response.status_code})"
    started = time.perf_counter()
    home = client.get(response["Location"])
    home_wall = time.perf_counter() - started
    assert home.status_code == 200
    return {
        "wall": wall,
        "cpu": cpu,
        "hasher": hasher.seconds,
        "hasher_calls": hasher.calls,
        "queries": queries.count,
        "query_time": queries.seconds,
        "home": home_wall,
    }


def hasher_costs(runs: int) -> list[tuple[str, float, float]]:
    rows = []
    for hasher in (hashers.PBKDF2PasswordHasher(), hashers.ScryptPasswordHasher(), _argon2()):
        if hasher is None:
            continue
        encoded = hasher.encode(DEMO_PASSWORD, hasher.salt())
        walls, cpus = [], []
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            hasher.verify(DEMO_PASSWORD, encoded)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        rows.append((type(hasher).__name__, statistics.median(walls), statistics.median(cpus)))
    return rows


def _argon2():
    try:
        hasher = hashers.Argon2PasswordHasher()
        hasher._load_library()
        return hasher
    except ValueError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]
    print(f"load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())}; {connection.vendor}")
    print(f"password hasher in use: {hashers.get_hasher().algorithm}")
    print("| who | POST wall | POST CPU | in the hasher (calls) | queries (time) | then GET / |")
    print("|---|---|---|---|---|---|")
    for role, username in LOGINS.items():
        sign_in_once(username)  # the first sign-in may upgrade a stored hash: not the steady state
        runs = [sign_in_once(username) for _ in range(args.runs)]

        def median(key, runs=runs):
            return statistics.median(run[key] for run in runs)

        print(
            f"| {role} | {median('wall') * 1000:.0f} ms | {median('cpu') * 1000:.0f} ms "
            f"| {median('hasher') * 1000:.0f} ms ({median('hasher_calls'):.0f}) "
            f"| {median('queries'):.0f} ({median('query_time') * 1000:.0f} ms) | {median('home') * 1000:.0f} ms |"
        )
    print()
    print("| hasher (Django defaults) | verify wall | verify CPU |")
    print("|---|---|---|")
    for name, wall, cpu in hasher_costs(args.runs):
        print(f"| {name} | {wall * 1000:.0f} ms | {cpu * 1000:.0f} ms |")
    print(f"load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
