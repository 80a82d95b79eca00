"""Previewing the flags one goal would raise, before it is saved (the goal form's "what the scan will say")."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Sum
from django.utils import timezone

from accounts.models import Person
from goals.alignment import rules
from goals.alignment.rules import Finding
from goals.models import FINAL_STATUSES, TIER_RANK, FlagKind, Goal, GoalPeriod, Phase, Rollup, Status, Tier, Visibility
from goals.quotas.pace import ON_PACE, goal_pace


def flags_for_draft(
    goal: Goal, *, assumptions: Iterable[Any] | None = None, now: datetime.datetime | None = None
) -> list[Finding]:
    """The flags ``goal`` would have open if it were saved as it stands.

    ``goal`` may be unsaved (a new draft: ``goal_id`` of the findings is None) or a saved
    goal with unsaved changes. ``assumptions`` (assumptions or their ids) replaces the
    goal's saved links when the form changes them. The rules are those of the scan
    (``goals.alignment.rules``), checked for this one goal in at most six queries: the
    parent with its cycle and owner, the owner's place in the chain, the cycle, the
    sub-goals' sum, the assumptions and the failing metric feeds. Flags that concern other goals (the parent's
    target shortfall, say) appear on the next scan.
    """
    if goal.status == Status.DROPPED:
        return []
    now = now or timezone.now()
    cycle = goal.cycle
    parent = Goal.objects.select_related("cycle", "owner").filter(pk=goal.parent_id).first() if goal.parent_id else None
    findings: list[Finding] = []

    def flag(kind: str, described: tuple[str, str]) -> None:
        findings.append(Finding(goal.pk, kind, *described, goal_is_private=goal.visibility == Visibility.PRIVATE))

    if parent is None and goal.tier != Tier.CORPORATE:
        flag(FlagKind.ORPHAN, rules.describe_orphan(goal.tier))
    if parent is not None:
        if parent.cycle_id != goal.cycle_id:
            flag(
                FlagKind.CROSS_CYCLE,
                rules.describe_cross_cycle(cycle.name, parent.title, parent.visibility, parent.tier, parent.cycle.name),
            )
        gap = TIER_RANK[goal.tier] - TIER_RANK[parent.tier]
        if gap > 1:
            flag(FlagKind.TIER_SKIP, rules.describe_tier_skip(goal.tier, parent.tier, parent.title, parent.visibility))
        elif gap < 0:
            flag(
                FlagKind.TIER_INVERTED,
                rules.describe_tier_inverted(goal.tier, parent.tier, parent.title, parent.visibility),
            )
        if parent.tier != Tier.CORPORATE and parent.owner_id != goal.owner_id and not goal.is_joint_target:
            owner = Person.objects.get(pk=goal.owner_id)  # fresh: lft/rght move as people change managers
            if not parent.owner.is_ancestor_of(owner):
                flag(
                    FlagKind.OUTSIDE_CHAIN,
                    rules.describe_outside_chain(
                        owner.full_name, parent.owner.full_name, parent.title, parent.visibility, parent.tier
                    ),
                )

    if goal.pk is not None:
        sub_goals = (
            Goal.objects.filter(parent_id=goal.pk, cycle_id=goal.cycle_id, unit=goal.unit)
            .filter(visibility=Visibility.COMPANY, weight__gt=0)
            .exclude(status=Status.DROPPED)
            .aggregate(total=Sum("target"), count=Count("id"))
        )
        if sub_goals["count"] and rules.target_shortfall_applies(
            goal.unit, goal.baseline, goal.target, sub_goals["total"], goal.direction
        ):
            flag(
                FlagKind.TARGET_SHORTFALL,
                rules.describe_target_shortfall(
                    goal.unit, goal.baseline, goal.target, sub_goals["total"], sub_goals["count"], goal.direction
                ),
            )

    checks_in = not (goal.tier == Tier.CORPORATE and goal.rollup == Rollup.AUTO)
    if (
        cycle.phase == Phase.ACTIVE
        and goal.status not in FINAL_STATUSES
        and checks_in
        and goal.created is not None
        and rules.stale_progress_applies(goal.last_checkin_at, goal.created, cycle.checkin_interval_days, now)
    ):
        flag(
            FlagKind.STALE_PROGRESS,
            rules.describe_stale_progress(goal.last_checkin_at, goal.created, cycle.checkin_interval_days, now),
        )

    fresh = goal.last_checkin_at is not None and not rules.stale_progress_applies(
        goal.last_checkin_at, goal.created or now, cycle.checkin_interval_days, now
    )
    if (
        goal.pk is not None
        and cycle.phase == Phase.ACTIVE
        and goal.status not in FINAL_STATUSES
        and checks_in
        and fresh
    ):
        today = timezone.localdate(now)
        periods = GoalPeriod.objects.filter(goal_id=goal.pk).order_by("index")
        shape = [(period.start, period.end, period.share_before, period.share) for period in periods]
        pace = goal_pace(goal, cycle, shape, (), today)
        phased = any(start <= pace.as_of <= end for start, end, _, _ in shape)  # the rule judges phased goals
        if phased and pace.forecast is not None and pace.forecast < ON_PACE:
            flag(
                FlagKind.BEHIND_PACE,
                rules.describe_behind_pace(
                    goal.unit, goal.baseline, goal.target, goal.current, pace.as_of, pace.as_of_share, pace.forecast
                ),
            )

    at_risk = _assumptions_at_risk(goal, assumptions)
    if at_risk:
        flag(FlagKind.ASSUMPTION_AT_RISK, rules.describe_assumption_at_risk(at_risk))

    failing_feeds = _failing_feeds(goal)
    if failing_feeds:
        flag(FlagKind.FEED_FAILING, rules.describe_feed_failing(failing_feeds, now, timezone.get_current_timezone()))

    order = list(rules.RULES)
    return sorted(findings, key=lambda finding: order.index(finding.kind))


def _failing_feeds(goal: Goal) -> list[tuple]:
    """(name, failing since, last error) of the saved goal's failing metric feeds, read through the relation."""
    if goal.pk is None or goal.status in FINAL_STATUSES or rules.metric_feed_relation() is None:
        return []
    return list(
        goal.metric_feeds.filter(enabled=True, failing_since__isnull=False).values_list(
            "name", "failing_since", "last_error"
        )
    )


def _assumptions_at_risk(goal: Goal, assumptions: Iterable[Any] | None) -> list[tuple[str, str]]:
    relation = rules.assumption_relation()
    if relation is None:
        return []
    if assumptions is None:
        if goal.pk is None:
            return []
        linked = goal.assumptions.all()
    else:
        ids = [getattr(item, "pk", item) for item in assumptions]
        if not ids:
            return []
        linked = relation.related_model.objects.filter(pk__in=ids)
    return list(linked.filter(status__in=rules.AT_RISK_ASSUMPTION_STATUSES).values_list("statement", "status"))
