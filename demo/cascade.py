"""The goal cascades of the demo company: last year (closed), this year (active), next year (workshop).

This year's cascade includes the misalignments a real one has, so the alignment scan
has something to find: an orphan or two, a goal linked to last year's plan, a rep goal
hanging straight off a corporate objective, a manager goal under a rep goal, a rep
linked into another manager's team, a team whose targets fall short of its manager's,
reps who stopped checking in, and goals resting on a challenged assumption.
"""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from accounts.models import Person
from core.bulk_tree import NewNode, insert_new_tree
from demo.organisation import AREA_NAMES, Organisation, Team
from goals.models import CheckIn, Cycle, Goal, Phase, Rollup, Status, Tier, Unit, Visibility
from goals.models.goal import direction_implied_by
from goals.rollup import recompute_rollups

D = Decimal
ZERO = Decimal(0)
RETURN_REASONS = [
    "The target is below your run rate from last year; aim higher.",
    "Link this to the team's pipeline goal rather than the ARR one.",
    "Split this into a logo goal and an expansion goal.",
    "Add a due date before the end of Q3 so we can review it.",
]


def round_to(amount: float, step: int) -> Decimal:
    return D(round(amount / step) * step)


def fiscal_years(today: datetime.date) -> list[tuple[str, datetime.date, datetime.date]]:
    """Last, this and next fiscal year; Northwind's year runs February to January."""
    start_year = today.year if today.month >= 2 else today.year - 1
    years = []
    for offset in (-1, 0, 1):
        start = datetime.date(start_year + offset, 2, 1)
        end = datetime.date(start_year + offset + 1, 1, 31)
        years.append((f"FY{end.year}", start, end))
    return years


def create_cycles(today: datetime.date) -> tuple[Cycle, Cycle, Cycle]:
    (prior_name, prior_start, prior_end), (name, start, end), (next_name, next_start, next_end) = fiscal_years(today)
    prior = Cycle.objects.create(name=prior_name, start=prior_start, end=prior_end, phase=Phase.CLOSED)
    active = Cycle.objects.create(name=name, start=start, end=end, phase=Phase.ACTIVE)
    upcoming = Cycle.objects.create(name=next_name, start=next_start, end=next_end, phase=Phase.WORKSHOP)
    return prior, active, upcoming


# What reps sign up for, in the order a rep's goal list fills up.
# (key, manager goal it supports, title, metric, unit, weight)
REP_GOALS = [
    ("arr", "arr", "Close new ARR in {territory}", "new ARR", Unit.USD, 3),
    ("logos", "logos", "Win new logos in {territory}", "new logos", Unit.ACCOUNTS, 2),
    ("pipeline", "pipeline", "Build qualified pipeline in {territory}", "qualified pipeline", Unit.USD, 2),
    ("meetings", "arr", "Run discovery meetings with economic buyers", "discovery meetings", Unit.MEETINGS, 1),
    ("expansion", "arr", "Expand existing accounts in {territory}", "accounts expanded", Unit.ACCOUNTS, 1),
    ("partner", "pipeline", "Register partner-sourced deals", "partner-sourced deals", Unit.DEALS, 1),
    ("renewals", "logos", "Renew accounts on multi-year terms", "multi-year renewals", Unit.ACCOUNTS, 1),
    ("forecast", "arr", "Call every quarter within 10% of forecast", "forecast accuracy", Unit.PERCENT, 1),
    ("references", "logos", "Recruit customer references", "customer references", Unit.COUNT, 1),
    ("certification", "arr", "Complete the MEDDICC certification", "certification modules", Unit.POINTS, 1),
]


@dataclass
class Plan:
    """One fiscal year's cascade before it is inserted."""

    cycle: Cycle
    trees: list[NewNode] = field(default_factory=list)
    nodes_by_key: dict[str, NewNode] = field(default_factory=dict)


class CascadeBuilder:
    def __init__(
        self,
        org: Organisation,
        rng: random.Random,
        *,
        goals_per_rep: int,
        checkins_per_goal: int,
        now: datetime.datetime,
    ):
        self.org = org
        self.rng = rng
        self.goals_per_rep = max(1, min(goals_per_rep, len(REP_GOALS)))
        self.checkins_per_goal = max(1, checkins_per_goal)
        self.now = now
        # A rep's form this year; last year's is close to it.
        self.performance = {rep.pk: min(1.6, max(0.35, rng.gauss(1.0, 0.22))) for rep in org.reps}
        self.stale_reps = {rep.pk for rep in org.reps if rng.random() < 0.06}
        self.new_hires = {rep.pk for rep in org.reps if rng.random() < 0.1}
        self.quota = {rep.pk: round_to(rng.uniform(550_000, 950_000), 10_000) for rep in org.reps}

    # --- helpers ------------------------------------------------------------------------

    def goal(
        self,
        cycle: Cycle,
        owner: Person,
        tier: str,
        title: str,
        metric: str,
        unit: str,
        target: Decimal,
        *,
        baseline: Decimal = ZERO,
        current: Decimal = ZERO,
        weight: int = 1,
        status: str = Status.APPROVED,
        **extra,
    ) -> NewNode:
        fields = {
            "cycle_id": cycle.pk,
            "owner_id": owner.pk,
            "tier": tier,
            "title": title,
            "metric": metric,
            "unit": unit,
            "baseline": baseline,
            "target": target,
            "current": current,
            "weight": D(weight),
            "status": status,
            "due_date": cycle.end,
            "direction": direction_implied_by(baseline, target),
            # Submitted some days ago, told apart without drawing from the shared random sequence.
            "submitted_at": self.now - datetime.timedelta(days=1 + len(title) % 9)
            if status == Status.SUBMITTED
            else None,
            **extra,
        }
        return NewNode(fields)

    def elapsed(self, cycle: Cycle) -> float:
        span = (cycle.end - cycle.start).days
        return min(1.0, max(0.05, (self.now.date() - cycle.start).days / span))

    def progress_value(self, node: NewNode, fraction: float) -> Decimal:
        baseline, target = node.fields["baseline"], node.fields["target"]
        value = baseline + (target - baseline) * D(str(round(fraction, 4)))
        if node.fields["unit"] in (Unit.USD, Unit.EUR, Unit.GBP):
            return value.quantize(D(1))
        return value.quantize(D("0.01")) if node.fields["unit"] == Unit.PERCENT else value.quantize(D(1))

    def schedule_checkins(self, node: NewNode, cycle: Cycle, owner_id: int, stale: bool) -> None:
        """Plan a check-in history that ends at the goal's current value."""
        start = timezone.make_aware(datetime.datetime.combine(cycle.start, datetime.time(9)))
        last = self.now - datetime.timedelta(
            days=self.rng.randint(26, 60) if stale else self.rng.randint(0, 10), hours=self.rng.randint(0, 8)
        )
        if last <= start:
            return
        current, target, baseline = node.fields["current"], node.fields["target"], node.fields["baseline"]
        history = []
        for k in range(1, self.checkins_per_goal + 1):
            share = k / self.checkins_per_goal
            value = baseline + (current - baseline) * D(str(round(share * self.rng.uniform(0.9, 1.0), 4)))
            history.append((start + (last - start) * share, value.quantize(D("0.01"))))
        history[-1] = (last, current)
        expected = baseline + (target - baseline) * D(str(round(self.elapsed(cycle), 4)))
        pace = float((current - baseline) / (expected - baseline)) if expected != baseline else 1.0
        confidence = "on_track" if pace >= 0.95 else "at_risk" if pace >= 0.75 else "off_track"
        node.extra["checkins"] = [(when, value, confidence, owner_id) for when, value in history]
        node.fields["last_checkin_at"] = last
        node.fields["confidence"] = confidence

    # --- last year ----------------------------------------------------------------------

    def prior_year(self, cycle: Cycle) -> Plan:
        plan = Plan(cycle)
        ex = self.org.executives
        objective = self.goal(cycle, ex["ceo"], Tier.CORPORATE, "", "new ARR", Unit.USD, D(0))
        plan.trees.append(objective)
        areas = {
            key: objective.add(self.goal(cycle, ex[key], Tier.EXECUTIVE, "", "new ARR", Unit.USD, D(0)))
            for key in AREA_NAMES
        }
        team_nodes = []
        for team in self.org.teams:
            team_node = areas[team.area].add(
                self.goal(cycle, team.manager, Tier.MANAGER, "", "new ARR", Unit.USD, D(0))
            )
            plan.nodes_by_key[f"team:{team.manager.pk}"] = team_node
            team_nodes.append((team, team_node))
            for rep in team.reps:
                if rep.pk in self.new_hires:
                    continue
                quota = round_to(float(self.quota[rep.pk]) * 0.85, 10_000)
                form = min(1.5, max(0.3, self.performance[rep.pk] + self.rng.gauss(0, 0.12)))
                current = round_to(float(quota) * form, 1_000)
                team_node.add(
                    self.goal(
                        cycle,
                        rep,
                        Tier.REP,
                        "Close my new ARR quota",
                        "new ARR",
                        Unit.USD,
                        quota,
                        current=current,
                    )
                )
        self._sum_up(objective)
        objective.fields["title"] = "Grow new ARR 25%"
        for key, node in areas.items():
            node.fields["title"] = f"{AREA_NAMES[key]} new ARR"
        for team, node in team_nodes:
            node.fields["title"] = f"{team.region} new ARR"
        for node in objective.preorder():
            achieved = node.fields["current"] >= node.fields["target"]
            node.fields["status"] = Status.ACHIEVED if achieved else Status.MISSED
        return plan

    def _sum_up(self, node: NewNode) -> None:
        """Parents in the same unit target and stand at the sum of their children."""
        for child in node.children:
            self._sum_up(child)
        same_unit = [
            c
            for c in node.children
            if c.fields["unit"] == node.fields["unit"]
            and c.fields.get("visibility", Visibility.COMPANY) == Visibility.COMPANY
        ]
        if same_unit and node.fields["target"] == 0:
            node.fields["target"] = sum((c.fields["target"] for c in same_unit), D(0))
            node.fields["current"] = sum((c.fields["current"] for c in same_unit), D(0))

    # --- this year ----------------------------------------------------------------------

    def active_year(self, cycle: Cycle, prior: Plan) -> Plan:
        plan = Plan(cycle)
        ex = self.org.executives
        elapsed = self.elapsed(cycle)
        objectives = {
            "arr": self.goal(
                cycle,
                ex["ceo"],
                Tier.CORPORATE,
                "",
                "new ARR",
                Unit.USD,
                D(0),
                description="Our headline number: new annual recurring revenue from new and existing "
                "customers, booked this fiscal year.",
            ),
            "grr": self.goal(
                cycle,
                ex["vp_cs"],
                Tier.CORPORATE,
                "Keep gross revenue retention at 92% or better",
                "gross revenue retention",
                Unit.PERCENT,
                D(92),
                baseline=D(89),
                current=D("90.4"),
            ),
            "logos": self.goal(cycle, ex["cro"], Tier.CORPORATE, "", "new enterprise logos", Unit.ACCOUNTS, D(0)),
            "partners": self.goal(
                cycle,
                ex["vp_partners"],
                Tier.CORPORATE,
                "Source 25% of pipeline through partners",
                "partner share of pipeline",
                Unit.PERCENT,
                D(25),
                baseline=D(12),
                current=D("18.5"),
                rollup=Rollup.MANUAL,
            ),
            "pipeline": self.goal(cycle, ex["vp_marketing"], Tier.CORPORATE, "", "qualified pipeline", Unit.USD, D(0)),
        }
        plan.trees.extend(objectives.values())
        plan.nodes_by_key.update({f"objective:{key}": node for key, node in objectives.items()})

        # Executive goals that are not sums of a sales area.
        cro_win_rate = objectives["arr"].add(
            self.goal(
                cycle,
                ex["cro"],
                Tier.EXECUTIVE,
                "Raise the win rate from 22% to 27%",
                "win rate",
                Unit.PERCENT,
                D(27),
                baseline=D(22),
                current=D("24.6"),
                weight=1,
            )
        )
        churn = objectives["grr"].add(
            self.goal(
                cycle,
                ex["vp_cs"],
                Tier.EXECUTIVE,
                "Cut mid-market churn from 9% to 7%",
                "mid-market churn",
                Unit.PERCENT,
                D(7),
                baseline=D(9),
                current=D("8.1"),
                weight=2,
            )
        )
        renewals = objectives["grr"].add(
            self.goal(
                cycle,
                ex["vp_cs"],
                Tier.EXECUTIVE,
                "Renew every account in the top-50 book",
                "top-50 renewals",
                Unit.ACCOUNTS,
                D(50),
                current=D(round(50 * elapsed * 0.9)),
            )
        )
        resellers = objectives["partners"].add(
            self.goal(
                cycle,
                ex["vp_partners"],
                Tier.EXECUTIVE,
                "Sign 12 new reseller partners",
                "reseller partners signed",
                Unit.COUNT,
                D(12),
                current=D(7),
            )
        )
        marketing = objectives["pipeline"].add(
            self.goal(cycle, ex["vp_marketing"], Tier.EXECUTIVE, "", "marketing-sourced pipeline", Unit.USD, D(0))
        )
        plan.nodes_by_key.update(
            {"exec:churn": churn, "exec:renewals": renewals, "exec:win_rate": cro_win_rate, "exec:resellers": resellers}
        )
        for node in (cro_win_rate, churn, renewals, resellers):
            self.schedule_checkins(node, cycle, node.fields["owner_id"], stale=False)

        area_goals: dict[str, dict[str, NewNode]] = {}
        for key, area in AREA_NAMES.items():
            vp = ex[key]
            area_goals[key] = {
                "arr": objectives["arr"].add(
                    self.goal(cycle, vp, Tier.EXECUTIVE, f"{area} new ARR", "new ARR", Unit.USD, D(0), weight=3)
                ),
                "logos": objectives["logos"].add(
                    self.goal(cycle, vp, Tier.EXECUTIVE, f"{area} new logos", "new logos", Unit.ACCOUNTS, D(0))
                ),
                "pipeline": objectives["pipeline"].add(
                    self.goal(cycle, vp, Tier.EXECUTIVE, f"{area} pipeline", "qualified pipeline", Unit.USD, D(0))
                ),
            }
        plan.nodes_by_key.update(
            {f"area:{key}:{kind}": node for key, goals in area_goals.items() for kind, node in goals.items()}
        )
        director_goals: dict[int, dict[str, NewNode]] = {}
        for key, directors in self.org.directors.items():
            for director in directors:
                director_goals[director.pk] = {
                    kind: area_goals[key][kind].add(
                        self.goal(
                            cycle,
                            director,
                            Tier.MANAGER,
                            f"{director.job_title}: {kind}",
                            metric,
                            unit,
                            D(0),
                            weight=weight,
                        )
                    )
                    for kind, metric, unit, weight in (
                        ("arr", "new ARR", Unit.USD, 3),
                        ("logos", "new logos", Unit.ACCOUNTS, 2),
                        ("pipeline", "qualified pipeline", Unit.USD, 2),
                    )
                }

        for index, team in enumerate(self.org.teams):
            above = director_goals[team.director.pk] if team.director else area_goals[team.area]
            self._team(plan, cycle, team, above, shortfall=index % 7 == 2)

        self._sum_up(objectives["arr"])
        self._sum_up(objectives["logos"])
        self._sum_up(objectives["pipeline"])
        # Marketing sources a third of the pipeline next to the sales teams.
        marketing.fields["target"] = round_to(float(objectives["pipeline"].fields["target"]) / 2, 100_000)
        marketing.fields["current"] = round_to(float(marketing.fields["target"]) * elapsed * 0.93, 1_000)
        marketing.fields["title"] = "Generate marketing-sourced pipeline"
        self.schedule_checkins(marketing, cycle, ex["vp_marketing"].pk, stale=False)
        objectives["arr"].fields["title"] = "Grow new ARR 30%"
        objectives["logos"].fields["title"] = "Win new enterprise logos"
        objectives["pipeline"].fields["title"] = "Build qualified pipeline"
        for key, goals in area_goals.items():
            area = AREA_NAMES[key]
            goals["arr"].fields["title"] = f"{area} new ARR"
            goals["logos"].fields["title"] = f"{area} new logos"
            goals["pipeline"].fields["title"] = f"{area} pipeline"
        for goals in director_goals.values():
            for kind, node in goals.items():
                node.fields["title"] = node.fields["title"].replace(
                    f": {kind}", {"arr": " new ARR", "logos": " new logos", "pipeline": " pipeline"}[kind]
                )
        for node in [
            *objectives.values(),
            *(g for goals in area_goals.values() for g in goals.values()),
            *(g for goals in director_goals.values() for g in goals.values()),
        ]:
            if node.fields["tier"] != Tier.CORPORATE:
                self.schedule_checkins(node, cycle, node.fields["owner_id"], stale=False)

        self._misalign(plan, cycle, prior)
        return plan

    def _team(self, plan: Plan, cycle: Cycle, team: Team, above: dict[str, NewNode], shortfall: bool) -> None:
        elapsed = self.elapsed(cycle)
        manager_goals = {
            kind: above[kind].add(self.goal(cycle, team.manager, Tier.MANAGER, "", metric, unit, D(0), weight=weight))
            for kind, metric, unit, weight in (
                ("arr", "new ARR", Unit.USD, 3),
                ("logos", "new logos", Unit.ACCOUNTS, 2),
                ("pipeline", "qualified pipeline", Unit.USD, 2),
            )
        }
        plan.nodes_by_key.update({f"team:{team.manager.pk}:{kind}": node for kind, node in manager_goals.items()})
        for seat, rep in enumerate(team.reps):
            form = self.performance[rep.pk]
            territory = team.territories[seat]
            quota = self.quota[rep.pk]
            for index, (key, parent_kind, title, metric, unit, weight) in enumerate(REP_GOALS[: self.goals_per_rep]):
                baseline, target = D(0), D(0)
                if key == "arr":
                    target = quota
                elif key == "pipeline":
                    target = quota * 3
                elif key == "forecast":
                    baseline, target = D(75), D(90)
                elif key == "certification":
                    target = D(6)
                else:
                    target = D(
                        self.rng.randint(
                            *{
                                "logos": (2, 5),
                                "meetings": (30, 60),
                                "expansion": (3, 8),
                                "partner": (3, 8),
                                "renewals": (2, 6),
                                "references": (2, 4),
                            }[key]
                        )
                    )
                text = title.format(territory=territory)
                status = self._status(seat, index, team)
                node = self.goal(
                    cycle, rep, Tier.REP, text, metric, unit, target, baseline=baseline, weight=weight, status=status
                )
                if node.fields["status"] == Status.RETURNED:
                    node.fields["return_reason"] = self.rng.choice(RETURN_REASONS)
                fraction = elapsed * form * self.rng.uniform(0.85, 1.15)
                node.fields["current"] = self.progress_value(node, fraction)
                self.schedule_checkins(node, cycle, rep.pk, stale=rep.pk in self.stale_reps)
                manager_goals[parent_kind].add(node)
                plan.nodes_by_key[f"rep:{rep.pk}:{key}"] = node
        for kind, node in manager_goals.items():
            self._sum_up(node)
            if shortfall and kind == "arr":
                # This manager promised more than the team signed up for.
                node.fields["target"] = round_to(float(node.fields["target"]) * 1.25, 10_000)
        manager_goals["arr"].fields["title"] = f"{team.region} new ARR"
        manager_goals["logos"].fields["title"] = f"{team.region} new logos"
        manager_goals["pipeline"].fields["title"] = f"{team.region} pipeline"
        for node in manager_goals.values():
            self.schedule_checkins(node, cycle, team.manager.pk, stale=False)
        if self.rng.random() < 0.4:
            manager_goals["arr"].add(
                self.goal(
                    cycle,
                    team.manager,
                    Tier.MANAGER,
                    "Develop two reps ready for a team-lead role",
                    "reps promotion-ready",
                    Unit.COUNT,
                    D(2),
                    current=D(1),
                    visibility=Visibility.PRIVATE,
                    rollup=Rollup.MANUAL,
                    weight=0,
                )
            )

    def _status(self, seat: int, index: int, team: Team) -> str:
        if team is self.org.teams[0] and seat < 3:
            # The demo's own team: something to approve, something still being drafted.
            return {
                (0, 1): Status.SUBMITTED,
                (0, 2): Status.DRAFT,
                (1, 1): Status.SUBMITTED,
                (2, 0): Status.SUBMITTED,
            }.get((seat, index), Status.APPROVED)
        roll = self.rng.random()
        if roll < 0.85:
            return Status.APPROVED
        if roll < 0.93:
            return Status.SUBMITTED
        return Status.DRAFT if roll < 0.97 else Status.RETURNED

    def _misalign(self, plan: Plan, cycle: Cycle, prior: Plan) -> None:
        teams, ex = self.org.teams, self.org.executives
        first, second = teams[0], teams[min(1, len(teams) - 1)]
        rep_a = first.reps[min(3, len(first.reps) - 1)]
        rep_b = second.reps[min(2, len(second.reps) - 1)]
        rep_c = first.reps[min(5, len(first.reps) - 1)]

        # orphans: drafted and never linked
        plan.trees.append(
            self.goal(
                cycle,
                ex["cfo"],
                Tier.EXECUTIVE,
                "Hold the average discount under 15%",
                "average discount",
                Unit.PERCENT,
                D(15),
                baseline=D(19),
                current=D("16.8"),
                status=Status.SUBMITTED,
            )
        )
        plan.trees.append(
            self.goal(
                cycle,
                rep_a,
                Tier.REP,
                "Learn the new CPQ tool",
                "training modules",
                Unit.POINTS,
                D(8),
                current=D(3),
                status=Status.DRAFT,
            )
        )
        # cross_cycle: still linked to last year's team goal
        last_year_team = prior.nodes_by_key.get(f"team:{first.manager.pk}")
        if last_year_team is not None:
            last_year_team.add(
                self.goal(
                    cycle,
                    rep_c,
                    Tier.REP,
                    "Close the Globex renewal slipped from last year",
                    "new ARR",
                    Unit.USD,
                    D(180_000),
                    current=D(60_000),
                )
            )
        # tier_skip: a rep goal straight under a corporate objective
        plan.nodes_by_key["objective:logos"].add(
            self.goal(
                cycle,
                rep_b,
                Tier.REP,
                "Land a Fortune 500 logo in my territory",
                "new logos",
                Unit.ACCOUNTS,
                D(1),
                weight=0,
            )
        )
        # tier_inverted: a manager goal under one of their rep's goals
        rep_goal = plan.nodes_by_key.get(f"rep:{second.reps[0].pk}:arr")
        if rep_goal is not None:
            rep_goal.add(
                self.goal(
                    cycle,
                    second.manager,
                    Tier.MANAGER,
                    "Coach the team on MEDDICC discovery",
                    "coaching sessions",
                    Unit.COUNT,
                    D(12),
                    current=D(7),
                    weight=0,
                )
            )
        # outside_chain: a rep linked into another manager's team goal
        if second is not first:
            moved = plan.nodes_by_key.get(f"rep:{rep_b.pk}:pipeline") or plan.nodes_by_key.get(f"rep:{rep_b.pk}:arr")
            target_parent = plan.nodes_by_key[f"team:{first.manager.pk}:pipeline"]
            for parent in plan.nodes_by_key.values():
                if moved in parent.children:
                    parent.children.remove(moved)
                    break
            target_parent.add(moved)

    # --- next year ----------------------------------------------------------------------

    def next_year(self, cycle: Cycle, active: Plan) -> Plan:
        plan = Plan(cycle)
        ex = self.org.executives
        arr_target = round_to(float(active.nodes_by_key["objective:arr"].fields["target"]) * 1.25, 1_000_000)
        arr = self.goal(
            cycle,
            ex["ceo"],
            Tier.CORPORATE,
            "Grow new ARR 25%",
            "new ARR",
            Unit.USD,
            arr_target,
        )
        nrr = self.goal(
            cycle,
            ex["vp_cs"],
            Tier.CORPORATE,
            "Lift net revenue retention to 110%",
            "net revenue retention",
            Unit.PERCENT,
            D(110),
            baseline=D(104),
            current=D(104),
        )
        expand = self.goal(
            cycle, ex["cro"], Tier.CORPORATE, "Open two new sales regions", "regions launched", Unit.COUNT, D(2)
        )
        plan.trees.extend([arr, nrr, expand])
        partners = self.goal(
            cycle,
            ex["vp_partners"],
            Tier.CORPORATE,
            "Make partners 30% of pipeline",
            "partner share of pipeline",
            Unit.PERCENT,
            D(30),
            baseline=D(19),
            current=D(19),
        )
        plan.trees.append(partners)
        share = {"vp_na": D("0.5"), "vp_emea": D("0.32"), "vp_apac": D("0.18")}
        for key, area in (("vp_na", "North America"), ("vp_emea", "EMEA")):
            amount = round_to(float(arr_target * share[key]), 100_000)
            arr.add(
                self.goal(
                    cycle,
                    ex[key],
                    Tier.EXECUTIVE,
                    f"{area} new ARR",
                    "new ARR",
                    Unit.USD,
                    amount,
                    status=Status.SUBMITTED,
                )
            )
        expand.add(
            self.goal(
                cycle,
                ex["vp_marketing"],
                Tier.EXECUTIVE,
                "Build launch pipeline in two new regions",
                "launch pipeline",
                Unit.USD,
                D(4_000_000),
                status=Status.DRAFT,
            )
        )
        # Not mapped yet: the workshop's job.
        apac = round_to(float(arr_target * share["vp_apac"]), 100_000)
        plan.trees.append(
            self.goal(
                cycle,
                ex["vp_apac"],
                Tier.EXECUTIVE,
                "APAC new ARR",
                "new ARR",
                Unit.USD,
                apac,
                status=Status.DRAFT,
            )
        )
        plan.trees.append(
            self.goal(
                cycle,
                ex["vp_cs"],
                Tier.EXECUTIVE,
                "Grow expansion ARR from the installed base",
                "expansion ARR",
                Unit.USD,
                D(6_000_000),
                status=Status.DRAFT,
            )
        )
        plan.trees.append(
            self.goal(
                cycle,
                ex["vp_partners"],
                Tier.EXECUTIVE,
                "Launch a marketplace listing on two hyperscalers",
                "marketplace listings",
                Unit.COUNT,
                D(2),
                status=Status.DRAFT,
            )
        )
        return plan


def insert_plan(plan: Plan) -> list[NewNode]:
    """Insert every tree of ``plan`` and the check-ins planned on its nodes.

    Check-ins go in a batch at a time, built as they are written and dropped from the plan:
    a 100,000-goal company has 600,000 of them, and holding them all as model instances at
    once was most of the seeding's memory.
    """
    inserted: list[NewNode] = []
    for root in plan.trees:
        inserted.extend(insert_new_tree(Goal, root))
    batch: list[CheckIn] = []
    for node in inserted:
        for when, value, confidence, author_id in node.extra.pop("checkins", ()):
            batch.append(
                CheckIn(goal_id=node.instance.pk, created=when, value=value, confidence=confidence, author_id=author_id)
            )
        if len(batch) >= CHECKIN_BATCH:
            CheckIn.objects.bulk_create(batch)
            batch = []
    CheckIn.objects.bulk_create(batch)
    recompute_rollups({node.instance.tree_id for node in inserted})
    return inserted


CHECKIN_BATCH = 5000
