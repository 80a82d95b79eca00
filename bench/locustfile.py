"""Load for bench/burst_benchmark.py (locust, headless, loopback only; never run against another host).

The benchmark writes a plan (JSON, path in ``BENCH_PLAN``): the cycle, goals to read, the
people to sign in as and the writers' tokens and parents. Users:

- ``TrivialUser``: the sign-in page, the cheapest page there is: the baseline for throughput.
- ``ReaderUser``: a person (signed in beforehand: a session cookie from the plan) reading what
  everyone reads in a workshop week: the explorer's first view and a level below it, a goal
  page, the goal list over the API, home.
- ``WriterUser``: a person drafting goals under their manager's goals over the API.

``BENCH_RATE`` paces each user (requests per second, ``constant_throughput``); 0 or unset
means as fast as answers come back (a closed loop).
"""

import itertools
import json
import os
import random

from locust import FastHttpUser, constant, constant_throughput, task

PLAN = json.loads(open(os.environ["BENCH_PLAN"]).read()) if os.environ.get("BENCH_PLAN") else {}  # noqa: SIM115
RATE = float(os.environ.get("BENCH_RATE", "0") or 0)
READERS = itertools.cycle(PLAN.get("readers", []))
WRITERS = itertools.cycle(PLAN.get("writers", []))


# Seconds a client waits for an answer before giving up (the overload runs use a short one).
TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "60") or 60)


def pacing():
    return constant_throughput(RATE) if RATE > 0 else constant(0)


class TrivialUser(FastHttpUser):
    wait_time = pacing()
    network_timeout = connection_timeout = TIMEOUT

    @task
    def sign_in_page(self):
        self.client.get("/accounts/login/", name="trivial: sign-in page")


class ReaderUser(FastHttpUser):
    wait_time = pacing()
    network_timeout = connection_timeout = TIMEOUT

    def on_start(self):
        session = next(READERS)  # signed in by the benchmark beforehand
        self.headers = {"Cookie": f"sessionid={session}"}
        self.rng = random.Random(session)

    @task(3)
    def explorer(self):
        self.client.get(f"/cycles/{PLAN['cycle']}/explorer/", headers=self.headers, name="explorer first view")

    @task(3)
    def explorer_level(self):
        goal = self.rng.choice(PLAN["levels"])
        headers = {**self.headers, "HX-Request": "true"}
        self.client.get(f"/goals/{goal}/subgoals/", headers=headers, name="explorer level")

    @task(2)
    def goal_page(self):
        goal = self.rng.choice(PLAN["goal_pages"])
        self.client.get(f"/goals/{goal}/", headers=self.headers, name="goal page")

    @task(3)
    def api_list(self):
        page = self.rng.randint(1, 20)
        self.client.get(f"/api/goals/?cycle={PLAN['cycle']}&page={page}", headers=self.headers, name="API goal list")

    @task(1)
    def home(self):
        self.client.get("/", headers=self.headers, name="home")


class WriterUser(FastHttpUser):
    wait_time = pacing()
    network_timeout = connection_timeout = TIMEOUT

    def on_start(self):
        writer = next(WRITERS)
        self.token, self.parents, self.number = writer["token"], writer["parents"], 0
        self.rng = random.Random(self.token)

    @task
    def create_goal(self):
        self.number += 1
        body = {
            "cycle": PLAN["cycle"],
            "parent": self.rng.choice(self.parents),
            "title": f"Benchmark draft {self.number} of {self.token[:6]}",
            "metric": "discovery meetings",
            "unit": "meetings",
            "target": "40",
        }
        with self.client.post(
            "/api/goals/",
            json=body,
            headers={"Authorization": f"Token {self.token}"},
            name="goal create",
            catch_response=True,
        ) as response:
            if response.status_code != 201:
                response.failure(f"{response.status_code}: {response.text[:200]}")
