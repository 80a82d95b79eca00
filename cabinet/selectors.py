"""Reads of the committee, the Shadow Cabinet, its questions and meetings, each in a fixed number of queries.

The strategy room has a module of its own (``strategy_room.py``), as do candidate
suggestions (``candidates.py``).

Recommendations stay sealed until the committee publishes its decision: before that only
the cabinet's seat holders read them (the rest see how many seats have recommended), so
the committee decides without knowing the cabinet's call, and the cabinet records its
call without knowing the committee's.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import rules
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import Person
from assumptions.models import Assumption
from cabinet.models import (
    ActionItem,
    CabinetMeeting,
    CommitteeQuestion,
    CommitteeRole,
    HighPerformerMark,
    QuestionOption,
    SeatStatus,
    ShadowRecommendation,
    ShadowSeat,
)
from goals.models import Cycle, Goal, Phase

# --- the committee and the cabinet ----------------------------------------------------------


def committee_roles(
    viewer: Person, cycle: Cycle | None = None, *, include_retired: bool = False
) -> list[CommitteeRole]:
    """The committee's roles with holder and portfolio (objectives the viewer may see, of ``cycle`` if given)."""
    objectives = Goal.objects.visible_to(viewer).order_by("title")
    assumptions = Assumption.objects.order_by("statement")
    if cycle is not None:
        objectives = objectives.filter(cycle=cycle)
        assumptions = assumptions.filter(cycle=cycle)
    roles = CommitteeRole.objects.select_related("holder")
    if not include_retired:
        roles = roles.active()
    return list(
        roles.prefetch_related(
            Prefetch("objectives", queryset=objectives, to_attr="portfolio_objectives"),
            Prefetch("assumptions", queryset=assumptions, to_attr="portfolio_assumptions"),
        ).order_by("position", "title")
    )


@dataclass
class CabinetSeatRow:
    """The shadow seat of one committee role in a cycle: who holds it today, a pending offer, and every term."""

    role: CommitteeRole
    terms: list[ShadowSeat] = field(default_factory=list)
    day: datetime.date | None = None

    @property
    def holder_today(self) -> ShadowSeat | None:
        return next((seat for seat in self.terms if seat.is_held_on(self.day)), None)

    @property
    def pending_offers(self) -> list[ShadowSeat]:
        return [seat for seat in self.terms if seat.status == SeatStatus.OFFERED]

    @property
    def upcoming(self) -> list[ShadowSeat]:
        return [seat for seat in self.terms if seat.status == SeatStatus.ACCEPTED and seat.term_start > self.day]

    @property
    def is_empty(self) -> bool:
        return self.holder_today is None and not self.pending_offers and not self.upcoming


def shadow_cabinet(cycle: Cycle, day: datetime.date | None = None) -> list[CabinetSeatRow]:
    """One row per committee role (active, or with terms in the cycle) with its terms in the cycle (two queries)."""
    day = day or timezone.localdate()
    terms = list(
        ShadowSeat.objects.filter(cycle=cycle)
        .select_related("holder", "offered_by", "ended_by", "role")
        .order_by("term_start", "offered_at", "pk")
    )
    with_terms = {seat.role_id for seat in terms}
    roles = CommitteeRole.objects.filter(Q(is_active=True) | Q(pk__in=with_terms)).select_related("holder")
    rows = {role.pk: CabinetSeatRow(role, day=day) for role in roles.order_by("position", "title")}
    for seat in terms:
        seat.cycle = cycle
        rows[seat.role_id].terms.append(seat)
    return list(rows.values())


def seat_history(seat: ShadowSeat) -> list[ShadowSeat]:
    """Every term of the same seat (the role, in the seat's cycle), oldest first."""
    return list(
        ShadowSeat.objects.filter(cycle_id=seat.cycle_id, role_id=seat.role_id)
        .select_related("holder", "offered_by", "ended_by")
        .order_by("term_start", "offered_at", "pk")
    )


def offers_awaiting(person: Person) -> QuerySet[ShadowSeat]:
    """Seats offered to ``person`` that they have not answered, in cycles still open."""
    return (
        ShadowSeat.objects.filter(holder=person, status=SeatStatus.OFFERED)
        .exclude(cycle__phase=Phase.CLOSED)
        .select_related("role", "cycle", "offered_by")
        .order_by("offered_at", "pk")
    )


def questions_awaiting_recommendation(person: Person) -> QuerySet[CommitteeQuestion]:
    """Open questions of the cycles where ``person`` holds a seat today that their seat has not recommended on."""
    held = ShadowSeat.objects.held_on(timezone.localdate()).filter(holder=person)
    return (
        CommitteeQuestion.objects.awaiting_decision()
        .filter(Exists(held.filter(cycle=OuterRef("cycle"))))
        .exclude(Exists(ShadowRecommendation.objects.filter(question=OuterRef("pk"), seat__in=held)))
        .order_by("due_date", "pk")
    )


def seats_of(person: Person) -> list[ShadowSeat]:
    """Every term ``person`` was offered or held, newest first."""
    return list(
        ShadowSeat.objects.filter(holder=person).select_related("role", "cycle").order_by("-term_start", "-offered_at")
    )


def high_performer_history(person: Person) -> list[HighPerformerMark]:
    return list(HighPerformerMark.objects.filter(person=person).select_related("marked_by").order_by("-created", "-pk"))


# --- questions, recommendations and the reveal ---------------------------------------------


def may(person: Person, perm: str, obj=None) -> bool:
    """The rule itself, as services apply it (no superuser pass)."""
    return rules.has_perm(perm, person, obj)


def questions(cycle: Cycle) -> QuerySet[CommitteeQuestion]:
    """A cycle's questions: open ones by due date, then decided ones; with options and recommendation counts."""
    return (
        CommitteeQuestion.objects.filter(cycle=cycle)
        .select_related("role__holder", "decision", "outcome", "asked_by", "decided_by")
        .annotate(recommendation_count=Count("recommendations", distinct=True))
        .prefetch_related(Prefetch("options", queryset=QuestionOption.objects.order_by("position", "pk")))
        .order_by("published_at", "due_date", "pk")
    )


def cabinet_call(recommendations: list[ShadowRecommendation]) -> tuple[int | None, bool]:
    """The cabinet's call: the option most seats recommended; (None, True) when seats split evenly at the top."""
    if not recommendations:
        return None, False
    tally = Counter(recommendation.option_id for recommendation in recommendations).most_common()
    if len(tally) > 1 and tally[0][1] == tally[1][1]:
        return None, True
    return tally[0][0], False


@dataclass
class Reveal:
    """A question's decision and the cabinet's recommendations, as ``viewer`` may read them."""

    question: CommitteeQuestion
    can_read_recommendations: bool
    recommendation_count: int
    recommendations: list[ShadowRecommendation] = field(default_factory=list)
    call_option_id: int | None = None
    is_split: bool = False
    tally: list[tuple[QuestionOption, int]] = field(default_factory=list)

    @property
    def call(self) -> QuestionOption | None:
        return next((option for option, _ in self.tally if option.pk == self.call_option_id), None)

    @property
    def counted_tally(self) -> list[tuple[QuestionOption, int]]:
        """The options at least one seat recommended, with how many did."""
        return [(option, count) for option, count in self.tally if count]

    @property
    def is_revealed(self) -> bool:
        """Both sides are on the record and may be read side by side."""
        return self.question.is_published and bool(self.recommendations)

    @property
    def agreed(self) -> bool | None:
        """Whether the cabinet's call matched the committee's decision (None: nothing to compare yet, or split)."""
        if not self.question.is_published or self.call_option_id is None:
            return None
        return self.call_option_id == self.question.decision_id

    @property
    def committee_right(self) -> bool | None:
        return None if not self.question.has_outcome else self.question.outcome_id == self.question.decision_id

    @property
    def cabinet_right(self) -> bool | None:
        if not self.question.has_outcome or self.call_option_id is None:
            return None
        return self.question.outcome_id == self.call_option_id


def question_reveal(question: CommitteeQuestion, viewer: Person) -> Reveal:
    """The recommendations ``viewer`` may read: all once the decision is published, before that only the cabinet's."""
    recommendations = list(
        question.recommendations.select_related("seat__role", "author", "option").order_by("created", "pk")
    )
    options = list(question.options.order_by("position", "pk"))
    readable = may(viewer, "cabinet.view_recommendations", question)
    reveal = Reveal(question, readable, len(recommendations))
    if not readable:
        return reveal
    for recommendation in recommendations:
        recommendation.agreed = recommendation.option_id == question.decision_id if question.is_published else None
        recommendation.right = recommendation.option_id == question.outcome_id if question.has_outcome else None
    counts = Counter(recommendation.option_id for recommendation in recommendations)
    reveal.recommendations = recommendations
    reveal.call_option_id, reveal.is_split = cabinet_call(recommendations)
    reveal.tally = [(option, counts[option.pk]) for option in options]
    return reveal


# --- track records --------------------------------------------------------------------------


@dataclass
class SeatRecord:
    """How one term in the cabinet fared against the committee's decisions and the outcomes."""

    seat: ShadowSeat
    recommended: int = 0
    agreed: int = 0
    diverged: int = 0
    judged: int = 0  # recommendations on questions whose outcome is recorded
    right: int = 0

    @property
    def right_share(self) -> float | None:
        return self.right / self.judged if self.judged else None


@dataclass
class CabinetRecord:
    """How the cabinet as a whole fared: its calls (the option most seats recommended) against the committee's."""

    decided: int = 0
    calls: int = 0
    agreed: int = 0
    diverged: int = 0
    split: int = 0
    unanswered: int = 0
    judged: int = 0
    cabinet_right: int = 0
    committee_right: int = 0
    diverged_and_right: int = 0


@dataclass
class TrackRecord:
    cycle: Cycle
    seats: list[SeatRecord]
    cabinet: CabinetRecord


def track_record(cycle: Cycle) -> TrackRecord:
    """Each seat's and the cabinet's record on the cycle's published questions (three queries).

    Only published questions count: recommendations on open ones are still sealed.
    """
    published = list(CommitteeQuestion.objects.published().filter(cycle=cycle).order_by("published_at", "pk"))
    by_question: dict[int, list[ShadowRecommendation]] = defaultdict(list)
    for recommendation in ShadowRecommendation.objects.filter(question__in=[q.pk for q in published]).order_by("pk"):
        by_question[recommendation.question_id].append(recommendation)
    terms = (
        ShadowSeat.objects.filter(cycle=cycle, status__in=[SeatStatus.ACCEPTED, SeatStatus.VACATED])
        .select_related("role", "holder")
        .order_by("role__position", "role__title", "term_start", "pk")
    )
    records = {seat.pk: SeatRecord(seat) for seat in terms}
    cabinet = CabinetRecord(decided=len(published))
    for question in published:
        recommendations = by_question.get(question.pk, [])
        for recommendation in recommendations:
            record = records.get(recommendation.seat_id)
            if record is None:
                continue
            record.recommended += 1
            if recommendation.option_id == question.decision_id:
                record.agreed += 1
            else:
                record.diverged += 1
            if question.has_outcome:
                record.judged += 1
                record.right += recommendation.option_id == question.outcome_id
        call, split = cabinet_call(recommendations)
        if question.has_outcome:
            cabinet.judged += 1
            cabinet.committee_right += question.outcome_id == question.decision_id
        if not recommendations:
            cabinet.unanswered += 1
            continue
        if split:
            cabinet.split += 1
            continue
        cabinet.calls += 1
        if call == question.decision_id:
            cabinet.agreed += 1
        else:
            cabinet.diverged += 1
        if question.has_outcome and call == question.outcome_id:
            cabinet.cabinet_right += 1
            cabinet.diverged_and_right += call != question.decision_id
    return TrackRecord(cycle=cycle, seats=list(records.values()), cabinet=cabinet)


# --- meetings and action items --------------------------------------------------------------


def meetings(cycle: Cycle) -> QuerySet[CabinetMeeting]:
    return (
        CabinetMeeting.objects.filter(cycle=cycle)
        .select_related("organiser")
        .annotate(
            agenda_count=Count("agenda_items", distinct=True),
            open_action_count=Count("action_items", filter=Q(action_items__done_at__isnull=True), distinct=True),
        )
        .order_by("-scheduled_for", "-pk")
    )


def meeting_agenda(meeting: CabinetMeeting) -> list:
    return list(meeting.agenda_items.select_related("objective", "assumption", "question").order_by("position", "pk"))


def meeting_action_items(meeting: CabinetMeeting) -> list[ActionItem]:
    return list(meeting.action_items.select_related("owner", "done_by").order_by("done_at", "due_date", "pk"))


def open_action_items(person: Person) -> QuerySet[ActionItem]:
    """``person``'s open cabinet action items in open cycles, the most overdue first."""
    return (
        ActionItem.objects.open()
        .filter(owner=person)
        .exclude(meeting__cycle__phase=Phase.CLOSED)
        .select_related("meeting")
        .order_by("due_date", "pk")
    )
