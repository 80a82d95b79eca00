"""``{% goal_feeds goal %}``: the goal page's metric feeds card (integrations/_goal_feeds.html), one query."""

from django import template

from integrations.selectors import goal_feeds

register = template.Library()


@register.inclusion_tag("integrations/_goal_feeds_card.html", takes_context=True)
def goal_feeds_card(context, goal):
    user = context["request"].user
    return {
        "goal": goal,
        "feeds": goal_feeds(goal),
        "can_add": user.has_perm("integrations.add_feed_to_goal", goal),
    }
