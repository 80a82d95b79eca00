"""Phasing, pace and scores on pages: ``{% load quotas %}``.

{% quota_panel %}                  on the goal page: score (closed cycles), pace and forecast, phasing,
                                   and the sub-goals' figures this quarter (reads goal, checkins, children)
{% pace_badge goal %}              "Forecast 87%" coloured by pace, for goals annotated by with_pace
{{ 1.07|ratio }}                   "107%": a ratio not clamped to 0..100%
"""

from django import template
from django.utils import timezone

from goals.quotas.forms import RetrospectiveForm
from goals.quotas.pace import PaceStatus
from goals.quotas.selectors import goal_pace_of, goal_phasing, goal_score, subgoals_this_quarter

register = template.Library()


@register.filter
def ratio(value) -> str:
    """0.874 -> "87%", 1.3 -> "130%"; "" for None."""
    if value is None or value == "":
        return ""
    return f"{round(float(value) * 100)}%"


@register.inclusion_tag("goals/quotas/_pace_badge.html")
def pace_badge(goal) -> dict:
    status = getattr(goal, "pace_status", "")
    return {
        "status": status,
        "label": PaceStatus.labels.get(status, ""),
        "forecast": getattr(goal, "pace_forecast", None),
    }


@register.inclusion_tag("goals/quotas/_panel.html", takes_context=True)
def quota_panel(context) -> dict:
    """The goal page's quota cards, in a fixed number of queries (phasing 2, check-ins 0 or 1,
    sub-goals 2, score 1)."""
    goal, request = context["goal"], context["request"]
    viewer = request.user
    today = timezone.localdate()
    phasing = goal_phasing(goal, today)
    pace = goal_pace_of(goal, phasing, context.get("checkins"), today)
    quarter, subgoals = subgoals_this_quarter(goal, viewer, today) if context.get("children") else (None, [])
    score = goal_score(goal) if goal.cycle.is_closed else None
    can_write_retrospective = score is not None and viewer.has_perm("goals.write_retrospective", goal)
    return {
        "goal": goal,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "phasing": phasing,
        "pace": pace,
        "quarter": quarter,
        "subgoals": subgoals,
        "score": score,
        "can_phase": viewer.has_perm("goals.phase_goal", goal),
        "can_write_retrospective": can_write_retrospective,
        "retrospective_form": RetrospectiveForm(initial={"retrospective": score.retrospective})
        if can_write_retrospective
        else None,
    }
