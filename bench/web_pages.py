"""Time the main pages against whatever database DATABASE_URL points at (run by hand).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cascade_bench \\
        .venv/bin/python manage.py seed_demo --reset --reps 9200 --goals-per-rep 10
    DATABASE_URL=... .venv/bin/python bench/web_pages.py

Prints, per page and login, the status, the number of SQL queries and the median of
five requests. Run ANALYZE after a bulk seed so PostgreSQL plans with real statistics.
"""

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
from goals.models import Cycle, Goal, Tier  # noqa: E402

REPEATS = 5


def pages() -> list[str]:
    cycle = Cycle.objects.get(phase="active")
    objective = Goal.objects.filter(cycle=cycle, tier=Tier.CORPORATE).order_by("tree_id").first()
    widest = objective.get_children().order_by("lft").first()
    rep_goal = Goal.objects.filter(cycle=cycle, owner__username="alex.rivera").first()
    explorer = f"/cycles/{cycle.pk}/explorer/"
    return [
        "/",
        explorer,
        f"/goals/{objective.pk}/subgoals/",
        f"/goals/{widest.pk}/subgoals/",
        f"/goals/{objective.pk}/map/",
        f"/goals/{rep_goal.pk}/map/",
        f"/cycles/{cycle.pk}/map/",
        f"/cycles/{cycle.pk}/map/search/?q=boston",
        f"/goals/{widest.pk}/",
        f"{explorer}?q=boston",
        f"{explorer}?tier=rep&status=submitted",
        f"{explorer}?focus={rep_goal.pk}",
        "/goals/new/",
        "/approvals/",
    ]


def main() -> None:
    settings.ALLOWED_HOSTS = ["*"]
    print(f"{Goal.objects.count():,} goals, {Person.objects.count():,} people on {connection.vendor}")
    client = Client()
    urls = pages()
    for username in ("alex.rivera", "jordan.blake", "marcus.oyelaran"):
        client.force_login(Person.objects.get(username=username))
        for url in urls:
            timings = []
            for _ in range(REPEATS):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url)
                    timings.append(time.perf_counter() - started)
            median = statistics.median(timings) * 1000
            print(f"{username:16} {response.status_code} {len(queries):3} queries {median:8.1f} ms  {url}")


if __name__ == "__main__":
    main()
