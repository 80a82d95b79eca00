"""The sections of a territory plan, in the checklist's order: one definition for the editor, the API,
the printout, the versions and the review.

Each section is stored as structured fields: text fields on ``TerritoryPlan`` (listed here), and
rows of their own for named accounts (analysis), funnel stages (funnel), objectives and action
items. ``plan_snapshot`` freezes every section when a version is submitted; ``changed_sections``
says which sections a new version changed, so the manager reads what changed first.
"""

from dataclasses import dataclass
from decimal import Decimal

from territories.models import TerritoryPlan


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    number: int
    title: str
    fields: tuple[str, ...]
    intro: str


ANALYSIS = Section(
    "analysis",
    1,
    "Territory analysis",
    ("territory", "market_trends", "customers_buying"),
    "The trends in your geography or market, your top prospects and customers by name, and what they buy.",
)
FUNNEL = Section(
    "funnel",
    2,
    "Funnel math",
    ("quota_goal", "average_deal_size"),
    "Your target comes from your goal in the cascade; Cascade computes the pipeline you need from your deal size "
    "and conversion rates (yours, or your team's where you leave them empty).",
)
DRIVERS = Section(
    "drivers",
    3,
    "What drives customers to buy",
    (
        "high_payoff_traits",
        "verticals_won",
        "pains_solved",
        "compelling_events",
        "best_selling_products",
        "reasons_not_buying",
    ),
    "Who buys, why they buy now, what sells best, and why others walk away.",
)
SWOT = Section(
    "swot",
    4,
    "SWOT and unique value proposition",
    ("strengths", "weaknesses", "opportunities", "threats", "value_proposition"),
    "Where you stand against the competition in this territory, and the one reason to choose us.",
)
OBJECTIVES = Section(
    "objectives",
    5,
    "Objectives",
    (),
    "A few specific, measurable objectives. Each becomes a goal in the cascade in one step, linked under the "
    "manager's goal it fits best and sent for approval.",
)
STRATEGIES = Section(
    "strategies",
    6,
    "Strategies",
    (
        "strategy_penetrate_accounts",
        "strategy_leverage_successes",
        "strategy_new_leads",
        "strategy_conversion",
        "strategy_selling_process",
    ),
    "How you will reach the objectives.",
)
RESOURCES = Section(
    "resources",
    7,
    "Resources",
    ("resources_internal", "resources_in_accounts", "resources_partners", "information_needed", "skills_needed"),
    "Who and what you will work with, and what you still need to learn or find out.",
)
ACTIONS = Section(
    "actions",
    8,
    "Action plan",
    (),
    "Who does what, with what, by when. Overdue items show in their owner's to-do list.",
)

SECTIONS = (ANALYSIS, FUNNEL, DRIVERS, SWOT, OBJECTIVES, STRATEGIES, RESOURCES, ACTIONS)
SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}
# Sections made of text fields only (the editor saves them with one form each).
TEXT_SECTIONS = (DRIVERS, SWOT, STRATEGIES, RESOURCES)


def field_label(name: str) -> str:
    label = str(TerritoryPlan._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def plan_snapshot(plan: TerritoryPlan, *, accounts, stages, objectives, actions) -> dict:
    """Every section of ``plan`` as plain JSON (what a version keeps). Execution (actions done, goals made) is left
    out: working the plan is not revising it."""
    snapshot = {
        section.key: {name: _text(getattr(plan, name)) for name in section.fields if name != "quota_goal"}
        for section in SECTIONS
    }
    snapshot["analysis"]["accounts"] = [
        {
            "kind": account.kind,
            "name": account.name,
            "vertical": account.vertical,
            "expected_value": _text(account.expected_value),
            "stage": account.stage,
            "notes": account.notes,
        }
        for account in accounts
    ]
    goal = plan.quota_goal if plan.quota_goal_id else None
    snapshot["funnel"]["quota_goal"] = {"id": goal.pk, "title": goal.title} if goal else None
    snapshot["funnel"]["stages"] = [
        {
            "name": stage.name,
            "conversion_rate": _text(stage.conversion_rate),
            "open_pipeline": _text(stage.open_pipeline),
        }
        for stage in stages
    ]
    snapshot["objectives"]["objectives"] = [
        {
            "title": objective.title,
            "metric": objective.metric,
            "unit": objective.unit,
            "target": _text(objective.target),
            "due_date": _text(objective.due_date),
            "focus": objective.focus,
        }
        for objective in objectives
    ]
    snapshot["actions"]["action_items"] = [
        {
            "title": item.title,
            "owner": item.owner.full_name,
            "resources": item.resources,
            "due_date": _text(item.due_date),
            "is_milestone": item.is_milestone,
        }
        for item in actions
    ]
    return snapshot


def changed_sections(before: dict | None, after: dict) -> list[Section]:
    """The sections whose content differs between two snapshots (all of them when there is no earlier one)."""
    if before is None:
        return list(SECTIONS)
    return [section for section in SECTIONS if before.get(section.key) != after.get(section.key)]
