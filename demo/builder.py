"""Builds Northwind Cloud, the demo company, at any size."""

import random
import time
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import Person
from demo.cabinet import seed_cabinet
from demo.cascade import CascadeBuilder, create_cycles, insert_plan
from demo.challenges import create_challenges
from demo.history import seed_alignment_history
from demo.integrations import seed_integrations
from demo.notifications import seed_notifications
from demo.organisation import DEMO_PASSWORD, build_organisation
from demo.salesdepth import seed_sales_depth
from demo.strategy import create_assumptions
from demo.territories import seed_territory_plans
from demo.workshop import seed_workshops
from goals.alignment import scan_cycle
from goals.models import AlignmentFlag, Goal
from notifications.delivery import paused


@dataclass
class DemoSummary:
    people: int
    goals: int
    active_cycle_goals: int
    open_flags: int
    seconds: float
    logins: list[tuple[str, str]]
    password: str = DEMO_PASSWORD


@paused()  # nothing is announced (no burst of email) while the company is built; its notifications are seeded
def build_demo_company(
    *, reps: int = 48, team_size: int = 8, goals_per_rep: int = 3, checkins_per_goal: int = 6, seed: int = 2027
) -> DemoSummary:
    started = time.monotonic()
    rng = random.Random(seed)
    now = timezone.now()
    with transaction.atomic():
        org = build_organisation(reps=reps, team_size=team_size, rng=rng)
        prior_cycle, active_cycle, next_cycle = create_cycles(now.date())
        builder = CascadeBuilder(org, rng, goals_per_rep=goals_per_rep, checkins_per_goal=checkins_per_goal, now=now)
        prior = builder.prior_year(prior_cycle)
        active = builder.active_year(active_cycle, prior)
        upcoming = builder.next_year(next_cycle, active)
        for plan in (prior, active, upcoming):
            insert_plan(plan)
        high_performers = [pk for pk, form in builder.performance.items() if form >= 1.3]
        Person.objects.filter(pk__in=high_performers).update(is_high_performer=True)
        create_challenges(org, active, create_assumptions(org, active))
        # Before the workshop's baseline is frozen, so the plans' goals are part of this year's cascade as agreed.
        seed_territory_plans(org, active_cycle, now)
        seed_integrations(org, active_cycle, now)
        seed_sales_depth(org, prior_cycle, active_cycle, now, seed=seed)
        seed_workshops(org, active_cycle, next_cycle, now)

    # The company shows its deliberate misalignments as flags right away, not at the next beat.
    for cycle in (active_cycle, next_cycle):
        scan_cycle(cycle.pk)
    baseline_day = active_cycle.baseline.frozen_at.date()
    seed_alignment_history(active_cycle, since=baseline_day, today=timezone.localdate(), rng=rng)
    seed_notifications(org, active_cycle, rng)
    seed_cabinet(org, builder.performance, prior_cycle, active_cycle, now, rng)

    team = org.teams[0]
    logins = [
        (team.reps[0].username, f"sales rep, {team.region}"),
        (team.manager.username, f"their manager, {team.region}"),
        (org.executives["cro"].username, "Chief Revenue Officer"),
        (org.executives["vp_cs"].username, "VP Customer Success, owns the challenged churn assumption"),
        (org.admin.username, "administrator (also /admin/)"),
    ]
    return DemoSummary(
        people=Person.objects.count(),
        goals=Goal.objects.count(),
        active_cycle_goals=Goal.objects.filter(cycle=active_cycle).count(),
        open_flags=AlignmentFlag.objects.open().count(),
        seconds=time.monotonic() - started,
        logins=logins,
    )
