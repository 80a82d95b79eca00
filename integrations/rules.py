"""Who may do what with metric feeds and CRM connections.

A feed writes check-ins, so it is set up by those who may check in on its goal (the
owner, their managers, admins). Feeds that query the CRM run on the company's CRM
credentials, so they are also kept to people who manage someone (and admins): a rep asks
their manager for one, or pushes their own numbers through a signed webhook. Anyone who
may see the goal sees its feeds' health; CRM connections are administered by staff.
"""

import rules

from accounts.rules import is_staff
from goals.rules import can_check_in, can_view_goal


@rules.predicate
def manages_someone(person) -> bool:
    return person.is_authenticated and person.get_descendant_count() > 0


def _on_goal(predicate):
    @rules.predicate(name=f"feed_{predicate.name}")
    def on_feeds_goal(person, feed) -> bool:
        return predicate.test(person, feed.goal)

    return on_feeds_goal


can_view_feed = _on_goal(can_view_goal)
can_manage_feed = _on_goal(can_check_in)
may_query_crm = is_staff | manages_someone

rules.add_perm("integrations.view_metricfeed", can_view_feed)
rules.add_perm("integrations.change_metricfeed", can_manage_feed)
# Object: the goal a feed would be added to.
rules.add_perm("integrations.add_feed_to_goal", can_check_in)
rules.add_perm("integrations.query_crm", may_query_crm)
rules.add_perm("integrations.manage_crm_connections", is_staff)
