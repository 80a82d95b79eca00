"""Reads of assumptions, challenges and threads for the pages, filtered to what the viewer may see.

Each read costs a fixed number of queries whatever the number of assumptions,
challenges, comments or linked goals.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.models import Person
from assumptions.models import (
    Assumption,
    AssumptionRevision,
    AssumptionStatus,
    Challenge,
    ChallengeStatus,
    ChangeRequest,
    ChangeRequestStatus,
    Comment,
    Confidence,
    Endorsement,
)
from core.parsing import parse_id
from goals.models import Cycle, Goal, Phase, Tier
from goals.models.goal import visible_goal_q
from goals.rules import can_view_goal

# --- the board ----------------------------------------------------------------------------


@dataclass
class BoardGroup:
    """The assumptions behind one corporate objective (or behind none: ``objective`` is None)."""

    objective: Goal | None
    assumptions: list[Assumption] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"objective-{self.objective.pk}" if self.objective else "unlinked"


def board_assumptions(cycle: Cycle, status: str = "") -> QuerySet:
    """A cycle's assumptions with their owner, open challenge count and endorsements of open challenges."""
    assumptions = Assumption.objects.filter(cycle=cycle)
    if status:
        assumptions = assumptions.filter(status=status)
    return (
        assumptions.with_challenge_counts()
        .annotate(
            open_endorsement_count=Count(
                "challenges__endorsements",
                filter=Q(challenges__status=ChallengeStatus.OPEN),
                distinct=True,
            )
        )
        .select_related("owner")
        .order_by("statement", "pk")
    )


def assumption_board(cycle: Cycle, viewer: Person, status: str = "") -> list[BoardGroup]:
    """A cycle's assumptions grouped by the corporate objectives their goals cascade from (three queries).

    An assumption sits under the objective at the top of each linked goal's tree, so one
    resting on goals of two objectives shows under both; one linked to no goal the viewer
    can see under a corporate objective of the cycle goes to the "not linked" group.
    """
    assumptions = list(board_assumptions(cycle, status))
    if not assumptions:
        return []
    links = (
        Assumption.goals.through.objects.filter(assumption__in=[a.pk for a in assumptions])
        .filter(visible_goal_q(viewer, prefix="goal__"))
        .values_list("assumption_id", "goal__tree_id")
    )
    trees_by_assumption: dict[int, set[int]] = {}
    for assumption_id, tree_id in links:
        trees_by_assumption.setdefault(assumption_id, set()).add(tree_id)
    tree_ids = {tree_id for trees in trees_by_assumption.values() for tree_id in trees}
    objectives = {
        goal.tree_id: goal
        for goal in Goal.objects.filter(
            tree_id__in=tree_ids, parent__isnull=True, tier=Tier.CORPORATE, cycle=cycle
        ).select_related("owner")
        if can_view_goal(viewer, goal)
    }
    groups = {tree_id: BoardGroup(objective) for tree_id, objective in objectives.items()}
    unlinked = BoardGroup(None)
    for assumption in assumptions:
        trees = [tree_id for tree_id in trees_by_assumption.get(assumption.pk, ()) if tree_id in groups]
        for tree_id in trees:
            groups[tree_id].assumptions.append(assumption)
        if not trees:
            unlinked.assumptions.append(assumption)
    ordered = sorted(groups.values(), key=lambda group: (group.objective.title.lower(), group.objective.pk))
    return [group for group in [*ordered, unlinked] if group.assumptions]


# --- one assumption -------------------------------------------------------------------------


def _endorsed_by(viewer: Person) -> Exists | Value:
    if not viewer.is_authenticated:
        return Value(False, output_field=BooleanField())
    return Exists(Endorsement.objects.filter(challenge=OuterRef("pk"), person=viewer))


def visible_change_requests(viewer: Person) -> QuerySet:
    """Change requests on goals ``viewer`` may see, with what a row shows."""
    return (
        ChangeRequest.objects.filter(visible_goal_q(viewer, prefix="goal__"), goal__deletion__isnull=True)
        .select_related("goal__owner", "goal__cycle", "decided_by")
        .order_by("created", "pk")
    )


def challenges_with_details(viewer: Person) -> QuerySet:
    """Challenges with their author, endorsement count, whether ``viewer`` endorsed, comment count
    and the change requests on goals the viewer may see (one more query for those)."""
    comments = (
        Comment.objects.filter(challenge=OuterRef("pk"), removed_at__isnull=True)
        .order_by()
        .values("challenge")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Challenge.objects.with_endorsement_count()
        .annotate(
            endorsed_by_viewer=_endorsed_by(viewer),
            comment_count=Coalesce(Subquery(comments, output_field=IntegerField()), 0),
        )
        .select_related("author", "resolved_by", "assumption__owner", "assumption__cycle")
        .prefetch_related(Prefetch("change_requests", queryset=visible_change_requests(viewer), to_attr="changes"))
    )


@dataclass(frozen=True)
class FieldChange:
    """One field of a revision: its label and the old and new value as people read them."""

    name: str
    label: str
    old: str
    new: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def is_goals(self) -> bool:
        return self.name == "goals"


FIELD_LABELS = {
    "statement": "Statement",
    "rationale": "Rationale",
    "evidence": "Evidence and sources",
    "confidence": "Confidence",
    "status": "Status",
    "goals": "Linked goals",
}
FIELD_ORDER = list(FIELD_LABELS)
CHOICE_LABELS = {"confidence": dict(Confidence.choices), "status": dict(AssumptionStatus.choices)}


def _readable(name: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    return str(CHOICE_LABELS.get(name, {}).get(value, value))


def _goal_ids(value: Any) -> list[int]:
    return [pk for pk in (parse_id(raw) for raw in value or []) if pk is not None]


def revision_history(assumption: Assumption, viewer: Person) -> list[AssumptionRevision]:
    """The assumption's revisions, newest first, each with ``field_changes`` to show (two queries).

    Linked goals show by title; a goal the viewer may not see shows as "a private goal".
    """
    revisions = list(assumption.revisions.select_related("author", "challenge").order_by("-number"))
    goal_ids = {
        pk for revision in revisions for value in revision.changes.get("goals") or () for pk in _goal_ids(value)
    }
    titles = dict(Goal.objects.filter(pk__in=goal_ids).visible_to(viewer).values_list("pk", "title"))

    def title(pk: int) -> str:
        return titles.get(pk, "a private goal")

    for revision in revisions:
        changes = []
        for name in sorted(revision.changes, key=lambda n: FIELD_ORDER.index(n) if n in FIELD_ORDER else 99):
            old, new = [*revision.changes[name], None, None][:2]
            if name == "goals":
                old_ids, new_ids = _goal_ids(old), _goal_ids(new)
                changes.append(
                    FieldChange(
                        name=name,
                        label=FIELD_LABELS[name],
                        old=", ".join(title(pk) for pk in old_ids),
                        new=", ".join(title(pk) for pk in new_ids),
                        added=tuple(title(pk) for pk in new_ids if pk not in old_ids),
                        removed=tuple(title(pk) for pk in old_ids if pk not in new_ids),
                    )
                )
            else:
                changes.append(
                    FieldChange(
                        name=name,
                        label=FIELD_LABELS.get(name, name.replace("_", " ").capitalize()),
                        old=_readable(name, old),
                        new=_readable(name, new),
                    )
                )
        revision.field_changes = changes
        revision.is_first = all(value is None for value, *_ in revision.changes.values())
    return revisions


@dataclass
class AssumptionPage:
    assumption: Assumption
    goals: list[Goal]
    challenges: list[Challenge]
    revisions: list[AssumptionRevision]

    @property
    def open_challenges(self) -> list[Challenge]:
        return [challenge for challenge in self.challenges if challenge.is_open]

    @property
    def answered_challenges(self) -> list[Challenge]:
        return [challenge for challenge in self.challenges if not challenge.is_open]


def linked_goals(assumption: Assumption, viewer: Person) -> list[Goal]:
    """The goals resting on ``assumption`` that ``viewer`` may see, in cascade order."""
    return list(
        Goal.objects.filter(assumptions=assumption)
        .visible_to(viewer)
        .select_related("owner", "cycle")
        .order_by("tree_id", "lft")
    )


def assumption_page(assumption: Assumption, viewer: Person) -> AssumptionPage:
    """Everything the assumption page shows (six queries)."""
    challenges = list(challenges_with_details(viewer).filter(assumption=assumption).order_by("-created", "-pk"))
    for challenge in challenges:
        challenge.assumption = assumption
    return AssumptionPage(
        assumption=assumption,
        goals=linked_goals(assumption, viewer),
        challenges=challenges,
        revisions=revision_history(assumption, viewer),
    )


# --- a challenge's thread -----------------------------------------------------------------


def challenge_thread(challenge: Challenge) -> list[Comment]:
    """The challenge's comments in reading order (one query): each followed by its replies.

    ``level`` is each comment's depth (0 for a reply to the challenge itself).
    """
    return list(
        Comment.objects.filter(challenge=challenge)
        .select_related("author", "parent__author")
        .order_by("tree_id", "lft")
    )


# --- what waits for a person --------------------------------------------------------------


def _manages_or_owns_goal(person: Person, prefix: str = "goal__") -> Q:
    owner = f"{prefix}owner"
    return Q(**{owner: person}) | Q(
        **{f"{owner}__tree_id": person.tree_id, f"{owner}__lft__gt": person.lft, f"{owner}__rght__lt": person.rght}
    )


def change_requests_awaiting(person: Person) -> QuerySet:
    """Accepted course corrections waiting on goals ``person`` owns or manages, oldest first."""
    return (
        ChangeRequest.objects.filter(status=ChangeRequestStatus.PENDING, goal__deletion__isnull=True)
        .filter(_manages_or_owns_goal(person))
        .exclude(goal__cycle__phase=Phase.CLOSED)
        .select_related("goal__owner", "goal__cycle", "challenge__assumption", "challenge__author")
        .order_by("created", "pk")
    )


def challenges_awaiting_answer(person: Person) -> QuerySet:
    """Open challenges on assumptions ``person`` owns, oldest first."""
    return (
        Challenge.objects.open()
        .filter(assumption__owner=person)
        .exclude(assumption__cycle__phase=Phase.CLOSED)
        .with_endorsement_count()
        .select_related("assumption", "author")
        .order_by("created", "pk")
    )
