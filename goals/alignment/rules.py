"""The alignment rules: one function per flag kind, each a query or two over a whole cycle.

A rule takes a ``ScanScope`` (the cycle and the moment of the scan) and returns a
``Finding`` for every goal it flags. It never runs a query per goal: SQL does the
finding, so a rule returns only the goals that are flagged, and the cost of a scan
grows with the number of flags, not with the size of the cascade. Next to each rule,
its ``describe_*`` function writes the flag's severity and message; ``flags_for_draft``
uses the same functions, so a preview in the goal form reads like the flag the scan
will raise.

Dropped goals are not pursued any more: no rule flags them, and none counts them.

Severities:

=====================  ========================================================================
kind                   severity
=====================  ========================================================================
orphan                 warning: the goal counts toward no objective, but nothing is wrong yet
cross_cycle            critical: its progress counts toward another year's plan
tier_skip              warning: the chain of responsibility has a gap
tier_inverted          critical: the cascade is upside down
outside_chain          warning: the goal serves a team its owner does not belong to
target_shortfall       warning; critical when the sub-goals cover less than 75% of the target
stale_progress         warning; critical after more than twice the cycle's check-in interval
assumption_at_risk     warning; critical when an assumption it rests on was retired
feed_failing           warning; critical when its metric feed has failed for more than a day
behind_pace            warning: phased, and on its pace it ends under 85% of its plan; critical under 60%
=====================  ========================================================================

Messages never name a private goal other than the flagged one (see
``wording.goal_reference``), and the sums in ``target_shortfall`` count only sub-goals
that count toward roll-ups, so no private figure shapes a message others can read.
``behind_pace`` gives only the flagged goal's own figures, which whoever reads the flag
may see already.
"""

import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Expression,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from goals.alignment.wording import (
    fit,
    format_amount,
    format_day,
    goal_reference,
    join_words,
    person_name,
    quoted,
    tier_noun,
)
from goals.models import (
    FINAL_STATUSES,
    TIER_RANK,
    AlignmentFlag,
    Cycle,
    Direction,
    FlagKind,
    Goal,
    Phase,
    Rollup,
    Severity,
    Status,
    Tier,
    Unit,
    Visibility,
)
from goals.models.goal import direction_implied_by
from goals.quotas.pace import (
    FAR_BEHIND,
    MIN_EXPECTED_SHARE,
    ON_PACE,
    DayNumber,
    period_holding,
    phased_share_due,
    progress_expression,
)

# Amounts and counts add up; percentages do not (45% + 50% is not 95% of anything).
ADDITIVE_UNITS = tuple(unit for unit in Unit.values if unit != Unit.PERCENT)

# The assumption states a goal should not rest on. Read through ``Goal.assumptions``:
# goals sits below the assumptions app and does not import it (tests check the two agree).
AT_RISK_ASSUMPTION_STATUSES = ("challenged", "under_review", "revised", "retired")
CRITICAL_ASSUMPTION_STATUSES = ("retired",)

MESSAGE_LENGTH = AlignmentFlag._meta.get_field("message").max_length
MAX_LISTED = 3  # assumptions named in one message; the rest are counted

# target_shortfall turns critical when sub-goals cover less than this share of the target.
CRITICAL_COVERAGE = Decimal("0.75")


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule found about one goal: the flag it should have open."""

    goal_id: int | None
    kind: str
    severity: str
    message: str
    goal_is_private: bool = False  # the trend counts company-visible goals only

    def __post_init__(self) -> None:
        # Titles, names and statements are people's text: whatever their length, the flag must fit its column.
        object.__setattr__(self, "message", fit(self.message, MESSAGE_LENGTH))


@dataclass(frozen=True, slots=True)
class ScanScope:
    """What the rules look at: one cycle, at one moment (and what rules share while they look)."""

    cycle: Cycle
    now: datetime.datetime
    shared: dict = field(default_factory=dict, compare=False, repr=False)

    def goals(self):
        """The cycle's goals that are still pursued, unordered (tree order would cost a sort)."""
        return Goal.objects.filter(cycle_id=self.cycle.pk).exclude(status=Status.DROPPED).order_by()


# --- the rules about a goal and its parent ------------------------------------------------
# cross_cycle, tier_skip, tier_inverted and outside_chain each look at a goal next to its
# parent. Each condition is written once, below, as an SQL expression; one pass over the
# cycle joins every goal to its parent and both owners and returns the goals that break at
# least one, so four rules cost one join instead of four.


def _tier_rank(path: str) -> Case:
    return Case(
        *(When(**{path: tier}, then=Value(rank)) for tier, rank in TIER_RANK.items()), output_field=IntegerField()
    )


def _parent_conditions(scope: ScanScope) -> dict[str, Q | Expression]:
    parent_owner_is_above = Q(
        parent__owner__tree_id=F("owner__tree_id"),
        parent__owner__lft__lt=F("owner__lft"),
        parent__owner__rght__gt=F("owner__rght"),
    )
    return {
        # cross_cycle: the parent belongs to another cycle.
        "in_other_cycle": ~Q(parent__cycle_id=scope.cycle.pk),
        # tier_skip when above 1, tier_inverted when below 0: how many tiers below its parent the goal sits.
        "tier_gap": _tier_rank("tier") - _tier_rank("parent__tier"),
        # outside_chain: a parent other than a corporate objective (executives map their goals to
        # objectives of fellow members of the strategy committee), owned by someone who is neither
        # the goal's owner nor above them; people are a nested-set tree, so "above" is a range.
        # Joint targets (shared by sales with marketing or enablement) sit outside the chain on purpose.
        "outside_chain": ~(
            Q(parent__tier=Tier.CORPORATE)
            | Q(parent__owner_id=F("owner_id"))
            | parent_owner_is_above
            | Q(is_joint_target=True)
        ),
    }


def _goals_out_of_line_with_parent(scope: ScanScope) -> list[dict]:
    """Linked goals that break a parent rule, with what each rule needs to say why (one query, shared)."""
    if "out_of_line" not in scope.shared:
        conditions = _parent_conditions(scope)
        scope.shared["out_of_line"] = list(
            scope.goals()
            .filter(parent__isnull=False)
            .annotate(
                in_other_cycle=ExpressionWrapper(conditions["in_other_cycle"], output_field=BooleanField()),
                tier_gap=conditions["tier_gap"],
                outside_chain=ExpressionWrapper(conditions["outside_chain"], output_field=BooleanField()),
            )
            .filter(Q(in_other_cycle=True) | Q(tier_gap__gt=1) | Q(tier_gap__lt=0) | Q(outside_chain=True))
            .values(
                "id",
                "tier",
                "visibility",
                "in_other_cycle",
                "tier_gap",
                "outside_chain",
                "owner__first_name",
                "owner__last_name",
                "owner__username",
                "parent__title",
                "parent__visibility",
                "parent__tier",
                "parent__cycle__name",
                "parent__owner__first_name",
                "parent__owner__last_name",
                "parent__owner__username",
            )
        )
    return scope.shared["out_of_line"]


# --- orphan -----------------------------------------------------------------------------


def orphan(scope: ScanScope) -> list[Finding]:
    """A goal other than a corporate objective, with no parent."""
    rows = (
        scope.goals().filter(parent__isnull=True).exclude(tier=Tier.CORPORATE).values_list("id", "tier", "visibility")
    )
    return [
        Finding(pk, FlagKind.ORPHAN, *describe_orphan(tier), goal_is_private=visibility == Visibility.PRIVATE)
        for pk, tier, visibility in rows
    ]


def describe_orphan(tier: str) -> tuple[str, str]:
    message = f"{tier_noun(tier).capitalize()} linked to no parent goal: it counts toward no corporate objective."
    return Severity.WARNING, message


# --- cross_cycle ------------------------------------------------------------------------


def cross_cycle(scope: ScanScope) -> list[Finding]:
    """A goal whose parent belongs to another cycle."""
    return [
        Finding(
            row["id"],
            FlagKind.CROSS_CYCLE,
            *describe_cross_cycle(
                scope.cycle.name,
                row["parent__title"],
                row["parent__visibility"],
                row["parent__tier"],
                row["parent__cycle__name"],
            ),
            goal_is_private=row["visibility"] == Visibility.PRIVATE,
        )
        for row in _goals_out_of_line_with_parent(scope)
        if row["in_other_cycle"]
    ]


def describe_cross_cycle(
    cycle_name: str, parent_title: str, parent_visibility: str, parent_tier: str, parent_cycle_name: str
) -> tuple[str, str]:
    parent = goal_reference(parent_title, parent_visibility, parent_tier)
    message = (
        f"Linked to {parent} of {parent_cycle_name}, not of {cycle_name}: "
        "its progress counts toward another year's plan."
    )
    return Severity.CRITICAL, message


# --- tier_skip and tier_inverted --------------------------------------------------------


def tier_skip(scope: ScanScope) -> list[Finding]:
    """A goal more than one tier below its parent (a rep goal straight under a corporate objective)."""
    return [
        Finding(
            row["id"],
            FlagKind.TIER_SKIP,
            *describe_tier_skip(row["tier"], row["parent__tier"], row["parent__title"], row["parent__visibility"]),
            goal_is_private=row["visibility"] == Visibility.PRIVATE,
        )
        for row in _goals_out_of_line_with_parent(scope)
        if row["tier_gap"] > 1
    ]


def describe_tier_skip(tier: str, parent_tier: str, parent_title: str, parent_visibility: str) -> tuple[str, str]:
    skipped = [
        Tier(name).label.lower() for name, rank in TIER_RANK.items() if TIER_RANK[parent_tier] < rank < TIER_RANK[tier]
    ]
    parent = goal_reference(parent_title, parent_visibility, parent_tier)
    message = (
        f"{tier_noun(tier).capitalize()} directly under {parent}: "
        f"it skips the {join_words(skipped)} tier{'s' if len(skipped) > 1 else ''}."
    )
    return Severity.WARNING, message


def tier_inverted(scope: ScanScope) -> list[Finding]:
    """A goal under a parent of a lower tier (a manager goal under a rep goal). The same tier is fine."""
    return [
        Finding(
            row["id"],
            FlagKind.TIER_INVERTED,
            *describe_tier_inverted(row["tier"], row["parent__tier"], row["parent__title"], row["parent__visibility"]),
            goal_is_private=row["visibility"] == Visibility.PRIVATE,
        )
        for row in _goals_out_of_line_with_parent(scope)
        if row["tier_gap"] < 0
    ]


def describe_tier_inverted(tier: str, parent_tier: str, parent_title: str, parent_visibility: str) -> tuple[str, str]:
    message = (
        f"{tier_noun(tier).capitalize()} under {goal_reference(parent_title, parent_visibility, parent_tier)}, "
        "a lower tier: a parent goal should sit a tier above its sub-goals."
    )
    return Severity.CRITICAL, message


# --- outside_chain ----------------------------------------------------------------------


def outside_chain(scope: ScanScope) -> list[Finding]:
    """A goal whose parent's owner is neither its owner nor above its owner in the management chain.

    Goals under a corporate objective are left alone: at the alignment workshop executives
    map their goals to objectives owned by fellow members of the strategy committee. So are
    joint targets (``Goal.is_joint_target``), which marketing or enablement people own under a
    regional sales leader's goal.
    """
    findings = []
    for row in _goals_out_of_line_with_parent(scope):
        if not row["outside_chain"]:
            continue
        owner = person_name(row["owner__first_name"], row["owner__last_name"], row["owner__username"])
        parent_owner = person_name(
            row["parent__owner__first_name"], row["parent__owner__last_name"], row["parent__owner__username"]
        )
        described = describe_outside_chain(
            owner, parent_owner, row["parent__title"], row["parent__visibility"], row["parent__tier"]
        )
        private = row["visibility"] == Visibility.PRIVATE
        findings.append(Finding(row["id"], FlagKind.OUTSIDE_CHAIN, *described, goal_is_private=private))
    return findings


def describe_outside_chain(
    owner_name: str, parent_owner_name: str, parent_title: str, parent_visibility: str, parent_tier: str
) -> tuple[str, str]:
    if parent_visibility == Visibility.COMPANY:
        parent = f"{goal_reference(parent_title, parent_visibility, parent_tier)} of {parent_owner_name}, who is not"
    else:
        parent = f"{goal_reference(parent_title, parent_visibility, parent_tier)} of someone who is not"
    return Severity.WARNING, f"Linked to {parent} in {owner_name}'s management chain."


# --- target_shortfall -------------------------------------------------------------------


def target_shortfall(scope: ScanScope) -> list[Finding]:
    """A goal whose sub-goals' targets, in its unit, add up to less than its own target.

    How sub-goals add up, as a sales leader would check a team's quota: the targets of
    the sub-goals measured in the goal's own unit are summed, and the sum should reach
    the goal's target. Only sub-goals that count toward the goal's progress are summed:
    company-visible, not dropped, in the same cycle, and with a weight above 0 (weight is
    how much a sub-goal contributes to its parent; a side goal at weight 0 contributes
    nothing, so its target covers nothing). Among those, a dollar is a dollar: weights
    shape the rolled-up progress, not the amounts. Percentages do not add up, so goals
    measured in % are not checked. For a goal whose direction is decrease (bring a number
    down), the sub-goals fall short when their targets add up to more. A goal that stays
    within a band is not checked: its sub-goals' bands do not add up to it.
    """
    counted_sub_goals = (
        Goal.objects.filter(
            cycle_id=scope.cycle.pk,
            parent__cycle_id=scope.cycle.pk,
            parent__unit__in=ADDITIVE_UNITS,
            unit=F("parent__unit"),
            visibility=Visibility.COMPANY,
            weight__gt=0,
        )
        .exclude(status=Status.DROPPED)
        .exclude(parent__status=Status.DROPPED)
        .order_by()
    )
    rows = (
        counted_sub_goals.values(
            "parent_id", "parent__unit", "parent__baseline", "parent__target", "parent__visibility"
        )
        .annotate(total=Sum("target"), sub_goals=Count("id"))
        .filter(
            Q(parent__direction=Direction.INCREASE, total__lt=F("parent__target"))
            | Q(parent__direction=Direction.DECREASE, total__gt=F("parent__target"))
        )
        .values_list(
            "parent_id",
            "parent__unit",
            "parent__baseline",
            "parent__target",
            "parent__direction",
            "total",
            "sub_goals",
            "parent__visibility",
        )
    )
    return [
        Finding(
            pk,
            FlagKind.TARGET_SHORTFALL,
            *describe_target_shortfall(unit, baseline, target, total, count, direction),
            goal_is_private=visibility == Visibility.PRIVATE,
        )
        for pk, unit, baseline, target, direction, total, count, visibility in rows
    ]


def target_shortfall_applies(
    unit: str, baseline: Decimal, target: Decimal, total: Decimal, direction: str | None = None
) -> bool:
    direction = direction or direction_implied_by(baseline, target)
    if unit not in ADDITIVE_UNITS or direction == Direction.STAY_WITHIN:
        return False
    return total > target if direction == Direction.DECREASE else total < target


def describe_target_shortfall(
    unit: str, baseline: Decimal, target: Decimal, total: Decimal, sub_goals: int, direction: str | None = None
) -> tuple[str, str]:
    direction = direction or direction_implied_by(baseline, target)
    gap = abs(target - total)
    in_unit = "in the same unit" if unit == Unit.COUNT else f"in {unit}"
    counted = f"{sub_goals} sub-goal{'s' if sub_goals != 1 else ''} {in_unit} count{'s' if sub_goals == 1 else ''}"
    if direction != Direction.DECREASE:
        message = (
            f"Sub-goals add up to {format_amount(total, unit)} of the {format_amount(target, unit)} target, "
            f"{format_amount(gap, unit)} short ({counted} toward it)."
        )
        covered = total / target if target else Decimal(1)
    else:
        message = (
            f"Sub-goals bring the number down to {format_amount(total, unit)} together, not to the "
            f"{format_amount(target, unit)} this goal aims for: {format_amount(gap, unit)} of the cut is "
            f"not planned ({counted} toward it)."
        )
        planned_cut, wanted_cut = baseline - total, baseline - target
        covered = planned_cut / wanted_cut if wanted_cut else Decimal(1)
    return (Severity.CRITICAL if covered < CRITICAL_COVERAGE else Severity.WARNING), message


# --- stale_progress ---------------------------------------------------------------------


def stale_progress(scope: ScanScope) -> list[Finding]:
    """No check-in (or, never checked in, since creation) for longer than the cycle's check-in interval.

    Only while the cycle is active, and only for goals still in play. A corporate
    objective that rolls up its sub-goals has nothing of its own to check in.
    """
    if scope.cycle.phase != Phase.ACTIVE:
        return []
    interval = scope.cycle.checkin_interval_days
    rows = (
        scope.goals()
        .exclude(status__in=FINAL_STATUSES)
        .exclude(tier=Tier.CORPORATE, rollup=Rollup.AUTO)
        .annotate(last_activity=Coalesce("last_checkin_at", "created"))
        .filter(last_activity__lt=scope.now - datetime.timedelta(days=interval))
        .values_list("id", "last_checkin_at", "created", "visibility")
    )
    tz = timezone.get_current_timezone()
    return [
        Finding(
            pk,
            FlagKind.STALE_PROGRESS,
            *describe_stale_progress(last_checkin_at, created, interval, scope.now, tz),
            goal_is_private=visibility == Visibility.PRIVATE,
        )
        for pk, last_checkin_at, created, visibility in rows
    ]


def stale_progress_applies(
    last_checkin_at: datetime.datetime | None, created: datetime.datetime, interval_days: int, now: datetime.datetime
) -> bool:
    return (last_checkin_at or created) < now - datetime.timedelta(days=interval_days)


def describe_stale_progress(
    last_checkin_at: datetime.datetime | None,
    created: datetime.datetime,
    interval_days: int,
    now: datetime.datetime,
    tz: datetime.tzinfo | None = None,
) -> tuple[str, str]:
    # The message names a date, not a number of days, so it stays the same from one scan to the next.
    if last_checkin_at is None:
        since = f"No check-in since the goal was created on {format_day(created, tz)}"
    else:
        since = f"No check-in since {format_day(last_checkin_at, tz)}"
    message = f"{since}; this cycle expects one every {interval_days} days."
    overdue = (last_checkin_at or created) < now - datetime.timedelta(days=2 * interval_days)
    return (Severity.CRITICAL if overdue else Severity.WARNING), message


# --- assumption_at_risk -----------------------------------------------------------------


def assumption_relation():
    """``Goal.assumptions``, the link the assumptions app adds; None when that app is not installed."""
    try:
        return Goal._meta.get_field("assumptions")
    except FieldDoesNotExist:
        return None


def assumption_at_risk(scope: ScanScope) -> list[Finding]:
    """A goal resting on an assumption that is challenged, under review, revised or retired.

    A goal that already took the course correction is no longer at risk from that assumption:
    once a change request from one of its challenges was applied to the goal and no challenge
    of the assumption is still open (the owner answered), the flag resolves at the next scan,
    whether or not someone has set the assumption's status back yet.
    """
    if assumption_relation() is None:
        return []
    rows = list(
        scope.goals()
        .filter(assumptions__status__in=AT_RISK_ASSUMPTION_STATUSES)
        .values_list("id", "assumptions__id", "assumptions__statement", "assumptions__status", "visibility")
    )
    corrected = _corrected_goal_assumptions({pk for pk, *_ in rows}, {assumption for _, assumption, *_ in rows})
    by_goal: dict[int, list[tuple[str, str]]] = defaultdict(list)
    private: set[int] = set()
    for pk, assumption_id, statement, status, visibility in rows:
        if (pk, assumption_id) in corrected:
            continue
        by_goal[pk].append((statement, status))
        if visibility == Visibility.PRIVATE:
            private.add(pk)
    return [
        Finding(
            pk, FlagKind.ASSUMPTION_AT_RISK, *describe_assumption_at_risk(assumptions), goal_is_private=pk in private
        )
        for pk, assumptions in by_goal.items()
    ]


def _corrected_goal_assumptions(goal_ids: set[int], assumption_ids: set[int]) -> set[tuple[int, int]]:
    """(goal, assumption) pairs where the goal took an applied course correction from the assumption's
    challenges and none of those challenges is still open (read through the relation: goals does not
    import assumptions)."""
    if not goal_ids:
        return set()
    try:
        change_requests = Goal._meta.get_field("change_requests").related_model.objects
    except FieldDoesNotExist:
        return set()
    return set(
        change_requests.filter(status="applied", goal_id__in=goal_ids, challenge__assumption_id__in=assumption_ids)
        .exclude(challenge__assumption__challenges__status="open")
        .values_list("goal_id", "challenge__assumption_id")
    )


def assumption_status_label(status: str) -> str:
    field = assumption_relation().related_model._meta.get_field("status")
    return str(dict(field.flatchoices).get(status, status)).lower()


def describe_assumption_at_risk(assumptions: list[tuple[str, str]]) -> tuple[str, str]:
    """``assumptions``: (statement, status) of each at-risk assumption the goal rests on."""
    assumptions = sorted(set(assumptions))
    if len(assumptions) == 1:
        statement, status = assumptions[0]
        message = f"Rests on the assumption {quoted(statement)}, which is {assumption_status_label(status)}."
    else:
        listed = [f"{quoted(statement)} ({assumption_status_label(status)})" for statement, status in assumptions]
        if len(listed) > MAX_LISTED:
            listed = [*listed[: MAX_LISTED - 1], f"{len(listed) - MAX_LISTED + 1} more"]
        message = f"Rests on {len(assumptions)} assumptions at risk: {join_words(listed)}."
    critical = any(status in CRITICAL_ASSUMPTION_STATUSES for _, status in assumptions)
    return (Severity.CRITICAL if critical else Severity.WARNING), message


# --- feed_failing -----------------------------------------------------------------------


def metric_feed_relation():
    """``Goal.metric_feeds``, the link the integrations app adds; None when that app is not installed."""
    try:
        return Goal._meta.get_field("metric_feeds")
    except FieldDoesNotExist:
        return None


# A feed failing for longer than this is critical: the goal's progress has not moved since.
FEED_FAILING_CRITICAL_AFTER = datetime.timedelta(days=1)


def feed_failing(scope: ScanScope) -> list[Finding]:
    """A goal whose metric feed keeps failing.

    The integrations app decides when a feed is failing (``failing_since`` is set after a
    number of failed fetches or refused deliveries in a row, and cleared by the next value
    it takes); this rule reads it through ``Goal.metric_feeds`` (goals does not import that
    app). Goals no longer pursued and paused feeds are left alone.
    """
    if metric_feed_relation() is None:
        return []
    rows = (
        scope.goals()
        .exclude(status__in=FINAL_STATUSES)
        .filter(metric_feeds__enabled=True, metric_feeds__failing_since__isnull=False)
        .values_list(
            "id", "visibility", "metric_feeds__name", "metric_feeds__failing_since", "metric_feeds__last_error"
        )
    )
    by_goal: dict[int, list[tuple[str, datetime.datetime, str]]] = defaultdict(list)
    private: set[int] = set()
    for pk, visibility, name, failing_since, last_error in rows:
        by_goal[pk].append((name, failing_since, last_error))
        if visibility == Visibility.PRIVATE:
            private.add(pk)
    tz = timezone.get_current_timezone()
    return [
        Finding(pk, FlagKind.FEED_FAILING, *describe_feed_failing(feeds, scope.now, tz), goal_is_private=pk in private)
        for pk, feeds in by_goal.items()
    ]


def describe_feed_failing(
    feeds: list[tuple[str, datetime.datetime, str]], now: datetime.datetime, tz: datetime.tzinfo | None = None
) -> tuple[str, str]:
    """``feeds``: (name, failing since, last error) of each failing feed of the goal."""
    feeds = sorted(feeds, key=lambda feed: (feed[1], feed[0]))
    name, since, error = feeds[0]
    if len(feeds) == 1:
        message = f"The metric feed {quoted(name)} has been failing since {format_day(since, tz)}"
    else:
        names = join_words([quoted(feed[0]) for feed in feeds][:MAX_LISTED])
        message = f"{len(feeds)} metric feeds ({names}) have been failing, the first since {format_day(since, tz)}"
    message += f": {error}" if error else "."
    critical = now - since > FEED_FAILING_CRITICAL_AFTER
    return (Severity.CRITICAL if critical else Severity.WARNING), message


# --- behind_pace ------------------------------------------------------------------------


def behind_pace(scope: ScanScope) -> list[Finding]:
    """A phased goal that, on its pace so far, ends the cycle under 85% of its planned change (goals.quotas.pace).

    The pace is progress against the share of the plan its phasing expected by the last
    check-in, so a seasonal plan is judged by its own seasons. Only goals with a phasing:
    it is the plan their managers agreed (a goal without one shows a straight-line
    forecast, but nobody said that is its plan). Only while the cycle is active, once a
    tenth of the plan is due, for goals still in play that were checked in within the
    cycle's interval: a stale number says nothing about pace (``stale_progress`` asks for
    a fresh one), and an auto-rolled corporate objective has no number of its own.
    """
    if scope.cycle.phase != Phase.ACTIVE:
        return []
    rows = behind_pace_rows(scope)
    return [
        Finding(
            pk,
            FlagKind.BEHIND_PACE,
            *describe_behind_pace(unit, baseline, target, current, as_of, as_of_share, progress / as_of_share),
            goal_is_private=visibility == Visibility.PRIVATE,
        )
        for pk, unit, baseline, target, current, as_of, as_of_share, progress, visibility in rows
    ]


def behind_pace_rows(scope: ScanScope):
    """The query of ``behind_pace``: phased goals behind pace, with what the message needs (one query)."""
    fresh_since = scope.now - datetime.timedelta(days=scope.cycle.checkin_interval_days)
    # The share due by the last check-in comes from the phased period holding its day; the
    # inner join to that period keeps phased goals only. Compared as p < 85% x share, the
    # share is written once per use and no division is needed.
    share = phased_share_due(DayNumber(F("as_of")), "as_of_period")
    return (
        scope.goals()
        .exclude(status__in=FINAL_STATUSES)
        .exclude(tier=Tier.CORPORATE, rollup=Rollup.AUTO)
        .exclude(target=F("baseline"))
        .filter(last_checkin_at__gte=fresh_since)
        .annotate(as_of=TruncDate("last_checkin_at"))
        .annotate(as_of_period=period_holding(F("as_of")))
        # Only periods that overlap the freshness window can hold a last check-in: saying so
        # lets the database set aside the other periods before it compares dates per goal.
        .filter(
            as_of_period__isnull=False,
            as_of_period__end__gte=timezone.localdate(fresh_since),
            as_of_period__start__lte=timezone.localdate(scope.now),
        )
        .annotate(as_of_share=share, progress=progress_expression())
        .filter(as_of_share__gte=MIN_EXPECTED_SHARE, progress__lt=ON_PACE * F("as_of_share"))
        .values_list("id", "unit", "baseline", "target", "current", "as_of", "as_of_share", "progress", "visibility")
    )


def describe_behind_pace(
    unit: str,
    baseline: Decimal,
    target: Decimal,
    current: Decimal,
    as_of: datetime.date,
    as_of_share: float,
    forecast: float,
) -> tuple[str, str]:
    # Everything is measured at the last check-in, so the message stays the same until the next one.
    expected = baseline + (target - baseline) * Decimal(repr(as_of_share))
    message = (
        f"At {format_amount(current, unit)} on its last check-in ({_day_words(as_of)}), where its plan expected "
        f"{format_amount(expected, unit)} by then: at that pace it makes about {max(forecast, 0):.0%} of "
        f"{_plan_words(unit, baseline, target)}."
    )
    return (Severity.CRITICAL if forecast < FAR_BEHIND else Severity.WARNING), message


# A scan writes thousands of these messages; last check-ins fall on a few days, and quotas repeat.
@functools.lru_cache(maxsize=1024)
def _day_words(day: datetime.date) -> str:
    return format_day(day)


@functools.lru_cache(maxsize=4096)
def _plan_words(unit: str, baseline: Decimal, target: Decimal) -> str:
    if baseline == 0:
        return f"the {format_amount(target, unit)} target"
    change = "rise" if target > baseline else "cut"
    return f"the planned {change} from {format_amount(baseline, unit)} to {format_amount(target, unit)}"


# Every rule, in the order flags are listed.
RULES = {
    FlagKind.ORPHAN: orphan,
    FlagKind.CROSS_CYCLE: cross_cycle,
    FlagKind.TIER_SKIP: tier_skip,
    FlagKind.TIER_INVERTED: tier_inverted,
    FlagKind.OUTSIDE_CHAIN: outside_chain,
    FlagKind.TARGET_SHORTFALL: target_shortfall,
    FlagKind.STALE_PROGRESS: stale_progress,
    FlagKind.ASSUMPTION_AT_RISK: assumption_at_risk,
    FlagKind.FEED_FAILING: feed_failing,
    FlagKind.BEHIND_PACE: behind_pace,
}


def evaluate(scope: ScanScope) -> dict[tuple[int, str], Finding]:
    """Every finding of every rule for the scope, keyed by (goal id, kind)."""
    return {(finding.goal_id, finding.kind): finding for rule in RULES.values() for finding in rule(scope)}
