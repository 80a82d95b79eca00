"""The beliefs behind Northwind's plan for this year, linked to the goals that rest on them."""

from assumptions.models import Assumption, AssumptionStatus, Confidence
from demo.cascade import Plan
from demo.organisation import Organisation

# (owner, statement, rationale, evidence, confidence, status, goals that rest on it)
ASSUMPTIONS = [
    (
        "vp_cs",
        "Mid-market churn stays under 8%",
        "The onboarding programme launched last spring cut early-life churn; we expect the effect to hold all year.",
        "FY churn cohort analysis (Q4 board pack); onboarding NPS up from 31 to 44.",
        Confidence.MEDIUM,
        AssumptionStatus.CHALLENGED,
        ["objective:grr", "exec:churn"],
    ),
    (
        "cro",
        "Average enterprise deal size grows 10% with the new platform tier",
        "The platform tier bundles analytics that enterprise buyers paid for separately last year.",
        "Pilot deals in Q4 closed 14% above the list average (8 deals).",
        Confidence.HIGH,
        AssumptionStatus.ACTIVE,
        ["objective:arr", "exec:win_rate"],
    ),
    (
        "vp_partners",
        "Resellers source a quarter of pipeline once the partner programme launches",
        "Peers who launched tiered partner programmes reached 20-30% partner-sourced pipeline within a year.",
        "Analyst benchmark on partner ecosystems; our own partner pilot in DACH.",
        Confidence.LOW,
        AssumptionStatus.UNDER_REVIEW,
        ["objective:partners", "exec:resellers"],
    ),
    (
        "vp_emea",
        "EMEA manufacturing demand holds despite the industrial slowdown",
        "Manufacturing customers buy us to cut costs, which matters more in a downturn, not less.",
        "Win/loss interviews H2; manufacturing pipeline flat quarter on quarter.",
        Confidence.MEDIUM,
        AssumptionStatus.ACTIVE,
        ["area:vp_emea:arr"],
    ),
    (
        "vp_marketing",
        "Field events convert to pipeline at twice the rate of webinars",
        "In-person events reach economic buyers; webinars mostly reach practitioners.",
        "Attribution report: events 2.3x webinar pipeline per lead over the last 4 quarters.",
        Confidence.HIGH,
        AssumptionStatus.UPHELD,
        ["objective:pipeline"],
    ),
    (
        "vp_na",
        "Public-sector budgets in North America reopen in Q3",
        "Budget cycles suggested frozen projects would restart with the new fiscal year.",
        "Retired: the continuing resolution kept budgets frozen; see the Q2 review.",
        Confidence.LOW,
        AssumptionStatus.RETIRED,
        ["area:vp_na:pipeline"],
    ),
]


def create_assumptions(org: Organisation, plan: Plan) -> list[Assumption]:
    created = []
    for owner, statement, rationale, evidence, confidence, status, goal_keys in ASSUMPTIONS:
        assumption = Assumption.objects.create(
            cycle=plan.cycle,
            owner=org.executives[owner],
            statement=statement,
            rationale=rationale,
            evidence=evidence,
            confidence=confidence,
            status=status,
        )
        assumption.goals.set([plan.nodes_by_key[key].instance for key in goal_keys if key in plan.nodes_by_key])
        created.append(assumption)
    return created
