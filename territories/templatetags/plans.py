"""Template helpers of the plan pages: ``{% load plans %}``."""

from django import template

from core.formatting import format_amount

register = template.Library()


@register.filter
def get(mapping, key):
    """``{{ forms|get:section.key }}``: a dictionary's value by a key computed in the template."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def money(value, currency: str = "USD") -> str:
    """``{{ funnel.gap|money:plan.currency }}`` -> "$2,419,047.62"; empty for None."""
    return "" if value is None else format_amount(value, currency)


@register.filter
def rate(value) -> str:
    """A fraction as a percentage with one decimal: 0.21 -> "21%", 0.4375 -> "43.8%"."""
    if value is None:
        return ""
    percent = round(float(value) * 100, 1)
    return f"{percent:g}%"


@register.filter
def reviews_for(page, section_key: str) -> list:
    """``{{ page|reviews_for:section.key }}``: the review's comments on one section."""
    return page.reviews_for(section_key)


@register.filter
def plan_field_label(name: str) -> str:
    """The label of a plan field, by name: "market_trends" -> "Key trends in the geography or market"."""
    from territories.sections import field_label

    return field_label(name)


@register.filter
def attr(obj, name: str):
    """``{{ plan|attr:name }}``: a field's value by a name computed in the template."""
    return getattr(obj, name, "")


@register.inclusion_tag("territories/_goal_origin.html", takes_context=True)
def goal_origin(context, goal) -> dict:
    """Where a goal came from, on its page: an objective of a territory plan, or a joint plan's joint target.

    One query (two for a joint target); the plan is named only to those who may read it.
    """
    import rules

    from territories.models import JointTarget, PlanObjective

    viewer = context["request"].user
    objective = PlanObjective.objects.filter(goal_id=goal.pk).select_related("plan__owner", "plan__cycle").first()
    target = None
    if goal.is_joint_target:
        target = (
            JointTarget.objects.filter(goal_id=goal.pk)
            .select_related("co_owner", "plan__leader", "plan__cycle")
            .first()
        )
    return {
        "objective": objective,
        "plan_visible": objective is not None
        and rules.has_perm("territories.view_territoryplan", viewer, objective.plan),
        "target": target,
        "joint_visible": target is not None and rules.has_perm("territories.view_jointplan", viewer, target.plan),
    }
