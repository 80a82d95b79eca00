"""Everything that changes the committee, the Shadow Cabinet, its questions and its meetings.

Each service checks the rules (cabinet/rules.py) for its ``actor``, validates with field
messages, writes inside one transaction (locking the rows that decide a conflict) and
announces what others must hear (cabinet/signals.py). Pages and the API both come
through here. Rules are asked directly (``rules.has_perm``), not through
``person.has_perm``: Django lets superusers past the latter, but a recommendation must
come from a seat holder and a decision from the committee, whoever runs the site.

Services that depend on the date take ``now`` (default: the present), so the demo can
build a year of history and tests can pin the day.
"""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Person, Role
from assumptions.models import Assumption
from cabinet.models import (
    LIVE_SEAT_STATUSES,
    ActionItem,
    AgendaItem,
    AgendaKind,
    CabinetMeeting,
    CommitteeQuestion,
    CommitteeRole,
    HighPerformerMark,
    ObjectiveSnapshot,
    QuestionOption,
    SeatStatus,
    ShadowRecommendation,
    ShadowSeat,
)
from cabinet.rules import current_seat
from cabinet.signals import agenda_published, decision_published, seat_offered
from core.exceptions import StateConflict
from goals.models import Cycle, Goal, Phase, Tier
from goals.progress import progress_ratio

# Who may be marked a high performer (and so sit in the cabinet): the front line.
HIGH_PERFORMER_ROLES = (Role.REP, Role.MANAGER)
MIN_OPTIONS, MAX_OPTIONS = 2, 6


def require_rule(actor: Person, perm: str, obj: Any, message: str) -> None:
    """Refuse with ``message`` unless the rule itself grants ``perm`` (superusers get no pass)."""
    if not rules.has_perm(perm, actor, obj):
        raise PermissionDenied(message)


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def _today(now: datetime.datetime | None) -> datetime.date:
    return timezone.localdate(_now(now))


def _text(value: str | None) -> str:
    return (value or "").strip()


def _require_open_cycle(cycle: Cycle) -> None:
    if cycle.phase == Phase.CLOSED:
        raise StateConflict(f"{cycle.name} is closed: its Shadow Cabinet is read-only.")


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%b %Y}"


# --- the Executive Strategy Committee -----------------------------------------------------


def _validate_portfolio(actor: Person, objectives: Iterable[Goal]) -> None:
    """Corporate objectives the actor can see; assumptions are public, so any may join a portfolio."""
    for objective in objectives:
        if objective.tier != Tier.CORPORATE or not actor.has_perm("goals.view_goal", objective):
            raise ValidationError({"objectives": f"{objective.pk} is not a corporate objective you can see."})


def _validate_role_holder(holder: Person) -> None:
    if holder.role != Role.EXECUTIVE or not holder.is_active:
        raise ValidationError({"holder": f"{holder.full_name} is not an executive; committee roles are theirs."})


def committee_role_create(
    *,
    actor: Person,
    title: str,
    holder: Person,
    remit: str = "",
    objectives: Iterable[Goal] = (),
    assumptions: Iterable[Assumption] = (),
    position: int = 0,
) -> CommitteeRole:
    """Add a role to the Executive Strategy Committee, held by an executive, with its portfolio."""
    require_rule(actor, "cabinet.manage_committee", None, "Only executives and admins shape the committee.")
    objectives, assumptions = list(objectives), list(assumptions)
    _validate_role_holder(holder)
    _validate_portfolio(actor, objectives)
    role = CommitteeRole(title=_text(title), holder=holder, remit=_text(remit), position=position)
    role.full_clean()
    with transaction.atomic():
        role.save()
        role.objectives.set(objectives)
        role.assumptions.set(assumptions)
    return role


ROLE_FIELDS = {"title", "remit", "holder", "objectives", "assumptions", "position", "is_active"}


def committee_role_update(*, actor: Person, role: CommitteeRole, **changes: Any) -> CommitteeRole:
    """Change a role's title, remit, holder, portfolio or order; ``is_active=False`` retires it."""
    unknown = set(changes) - ROLE_FIELDS
    if unknown:
        raise TypeError(f"Unknown committee role fields: {sorted(unknown)}")
    require_rule(actor, "cabinet.manage_committee", role, "Only executives and admins shape the committee.")
    objectives = changes.pop("objectives", None)
    assumptions = changes.pop("assumptions", None)
    if "holder" in changes:
        _validate_role_holder(changes["holder"])
    if objectives is not None:
        # Objectives already in the portfolio stay valid even when the actor cannot see them.
        objectives = list(objectives)
        kept = set(role.objectives.values_list("pk", flat=True))
        _validate_portfolio(actor, [goal for goal in objectives if goal.pk not in kept])
    with transaction.atomic():
        for name, value in changes.items():
            setattr(role, name, _text(value) if name in ("title", "remit") else value)
        role.full_clean()
        role.save()
        if objectives is not None:
            role.objectives.set(objectives)
        if assumptions is not None:
            role.assumptions.set(list(assumptions))
    return role


# --- high performers ------------------------------------------------------------------------


def high_performer_mark(
    *,
    actor: Person,
    person: Person,
    reason: str,
    is_high_performer: bool = True,
    now: datetime.datetime | None = None,
) -> HighPerformerMark:
    """Mark (or unmark) ``person`` as a high performer, eligible for a seat; the reason stays in the history."""
    require_rule(
        actor,
        "cabinet.mark_high_performer",
        person,
        "Managers mark the people under them; executives and admins mark anyone (nobody marks themselves).",
    )
    reason = _text(reason)
    if not reason:
        raise ValidationError({"reason": "Say why: the reason stays in the person's history."})
    if is_high_performer and person.role not in HIGH_PERFORMER_ROLES:
        raise ValidationError(
            {"person": f"{person.full_name} is not a rep or a manager; the Shadow Cabinet is for the front line."}
        )
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        if locked.is_high_performer == is_high_performer:
            state = "already marked" if is_high_performer else "not marked"
            raise ValidationError({"is_high_performer": f"{person.full_name} is {state} a high performer."})
        live = ShadowSeat.objects.live().filter(holder=person, term_end__gte=_today(now)).select_related("role")
        seat = None if is_high_performer else live.first()
        if seat is not None:
            # Seat holders stay marked while they sit: the seat is ended (vacated or withdrawn) first.
            verb = "holds" if seat.status == SeatStatus.ACCEPTED else "is offered"
            raise ValidationError(
                {
                    "is_high_performer": f"{person.full_name} {verb} the seat of {seat.role.title}; "
                    "vacate it (or withdraw the offer) first."
                }
            )
        Person.objects.filter(pk=person.pk).update(is_high_performer=is_high_performer)
        person.is_high_performer = is_high_performer
        return HighPerformerMark.objects.create(
            person=person, is_high_performer=is_high_performer, reason=reason, marked_by=actor, created=_now(now)
        )


# --- seats ----------------------------------------------------------------------------------


def _validate_term(cycle: Cycle, start: datetime.date, end: datetime.date, today: datetime.date) -> None:
    errors = {}
    if start < cycle.start or start > cycle.end:
        errors["term_start"] = (
            f"A term starts within {cycle.name} ({_day(cycle.start)} to {_day(cycle.end)}); "
            "seats of another year belong to that year's cabinet."
        )
    if end < start:
        errors["term_end"] = "The term must end on or after the day it starts."
    elif end > cycle.end:
        errors["term_end"] = f"A term ends by the end of {cycle.name} ({_day(cycle.end)})."
    elif end < today:
        errors["term_end"] = f"That term ended before today ({_day(today)}); offer a term still to run."
    if errors:
        raise ValidationError(errors)


def seat_offer(
    *,
    actor: Person,
    cycle: Cycle,
    role: CommitteeRole,
    holder: Person,
    term_start: datetime.date | None = None,
    term_end: datetime.date | None = None,
    note: str = "",
    refill_of: ShadowSeat | None = None,
    now: datetime.datetime | None = None,
) -> ShadowSeat:
    """Offer ``holder`` the shadow seat of ``role`` in ``cycle`` for a term (by default from today to the cycle's end).

    Refused with a field message: someone not marked high performer, a term outside the
    cycle, a term overlapping another live term of the same seat, or a person who already
    holds (or is offered) a seat at that time.
    """
    _require_open_cycle(cycle)
    require_rule(actor, "cabinet.offer_seat", cycle, "Only executives and admins appoint the Shadow Cabinet.")
    today = _today(now)
    start = term_start or max(today, cycle.start)
    end = term_end or cycle.end
    if not role.is_active:
        raise ValidationError({"role": f"{role.title} is no longer a committee role."})
    if not holder.is_active:
        raise ValidationError({"holder": f"{holder.full_name} has left the company."})
    if not holder.is_high_performer:
        raise ValidationError(
            {
                "holder": f"{holder.full_name} is not marked a high performer; "
                "their manager (or an executive) marks them first, saying why."
            }
        )
    _validate_term(cycle, start, end, today)
    with transaction.atomic():
        # Locks decide between two offers made at once for the same seat or the same person.
        CommitteeRole.objects.select_for_update().get(pk=role.pk)
        Person.objects.select_for_update().get(pk=holder.pk)
        taken = (
            ShadowSeat.objects.live()
            .filter(cycle=cycle, role=role)
            .overlapping(start, end)
            .select_related("holder")
            .first()
        )
        if taken is not None:
            raise ValidationError(
                {
                    "term_start": f"The seat of {role.title} is {taken.get_status_display().lower()} to "
                    f"{taken.holder.full_name} from {_day(taken.term_start)} to {_day(taken.term_end)}: "
                    "terms of one seat cannot overlap."
                }
            )
        other = ShadowSeat.objects.live().filter(holder=holder).overlapping(start, end).select_related("role").first()
        if other is not None:
            verb = "holds" if other.status == SeatStatus.ACCEPTED else "is offered"
            raise ValidationError(
                {
                    "holder": f"{holder.full_name} already {verb} "
                    f"the seat of {other.role.title} from {_day(other.term_start)} to {_day(other.term_end)}; "
                    "a person holds one seat at a time."
                }
            )
        seat = ShadowSeat.objects.create(
            cycle=cycle,
            role=role,
            holder=holder,
            term_start=start,
            term_end=end,
            offer_note=_text(note),
            offered_by=actor,
            offered_at=_now(now),
            refill_of=refill_of,
        )
        seat_offered.send(sender=ShadowSeat, seat=seat, actor=actor)
    return seat


def seat_refill(
    *,
    actor: Person,
    seat: ShadowSeat,
    holder: Person,
    term_end: datetime.date | None = None,
    note: str = "",
    now: datetime.datetime | None = None,
) -> ShadowSeat:
    """Offer a vacated (or declined, or withdrawn) seat's remaining term to someone else."""
    if seat.status in LIVE_SEAT_STATUSES:
        raise StateConflict(f"This term is {seat.get_status_display().lower()}; only an empty seat is re-filled.")
    today = _today(now)
    return seat_offer(
        actor=actor,
        cycle=seat.cycle,
        role=seat.role,
        holder=holder,
        term_start=max(today, seat.term_start),
        term_end=term_end or seat.term_end,
        note=note,
        refill_of=seat,
        now=now,
    )


def _locked_seat(seat: ShadowSeat) -> ShadowSeat:
    return ShadowSeat.objects.select_for_update(of=("self",)).select_related("cycle", "role").get(pk=seat.pk)


def _answer_offer(actor: Person, seat: ShadowSeat, status: str, note: str, now) -> ShadowSeat:
    _require_open_cycle(seat.cycle)
    with transaction.atomic():
        seat = _locked_seat(seat)
        if seat.status != SeatStatus.OFFERED:
            raise StateConflict(f"This offer was already {seat.get_status_display().lower()}.")
        require_rule(actor, "cabinet.respond_to_seat", seat, "Only the person offered a seat accepts or declines it.")
        seat.status = status
        seat.responded_at = _now(now)
        seat.response_note = _text(note)
        seat.save(update_fields=["status", "responded_at", "response_note"])
    return seat


def seat_accept(*, actor: Person, seat: ShadowSeat, note: str = "", now: datetime.datetime | None = None) -> ShadowSeat:
    """The person offered the seat takes it for its term."""
    return _answer_offer(actor, seat, SeatStatus.ACCEPTED, note, now)


def seat_decline(
    *, actor: Person, seat: ShadowSeat, note: str = "", now: datetime.datetime | None = None
) -> ShadowSeat:
    """The person offered the seat turns it down; the seat can be offered to someone else."""
    return _answer_offer(actor, seat, SeatStatus.DECLINED, note, now)


def seat_withdraw(
    *, actor: Person, seat: ShadowSeat, reason: str = "", now: datetime.datetime | None = None
) -> ShadowSeat:
    """Withdraw an offer not answered yet."""
    _require_open_cycle(seat.cycle)
    with transaction.atomic():
        seat = _locked_seat(seat)
        if seat.status != SeatStatus.OFFERED:
            raise StateConflict(f"This offer was already {seat.get_status_display().lower()}.")
        require_rule(actor, "cabinet.withdraw_seat", seat, "Only executives and admins withdraw an offer.")
        seat.status = SeatStatus.WITHDRAWN
        seat.ended_by = actor
        seat.end_reason = _text(reason)
        seat.save(update_fields=["status", "ended_by", "end_reason"])
    return seat


def seat_vacate(*, actor: Person, seat: ShadowSeat, reason: str, now: datetime.datetime | None = None) -> ShadowSeat:
    """End a held term early: the holder steps down, or an executive or admin ends it. The seat can be re-filled."""
    _require_open_cycle(seat.cycle)
    today = _today(now)
    reason = _text(reason)
    with transaction.atomic():
        seat = _locked_seat(seat)
        if seat.status != SeatStatus.ACCEPTED:
            raise StateConflict(f"This term is {seat.get_status_display().lower()}; only a held seat is vacated.")
        if seat.term_end < today:
            raise StateConflict(f"This term ended on {_day(seat.term_end)}; there is nothing to vacate.")
        require_rule(
            actor, "cabinet.vacate_seat", seat, "The holder steps down; otherwise executives and admins end a term."
        )
        if not reason:
            raise ValidationError({"reason": "Say why the seat is vacated; it stays in the cabinet's history."})
        seat.status = SeatStatus.VACATED
        seat.ended_on = min(max(today, seat.term_start), seat.term_end)
        seat.ended_by = actor
        seat.end_reason = reason
        seat.save(update_fields=["status", "ended_on", "ended_by", "end_reason"])
    return seat


# --- committee questions, shadow recommendations, decisions, outcomes ----------------------


def _clean_options(options: Sequence[str]) -> list[str]:
    labels = [_text(option) for option in options if _text(option)]
    if len(labels) < MIN_OPTIONS:
        raise ValidationError({"options": f"Give at least {MIN_OPTIONS} options the committee chooses from."})
    if len(labels) > MAX_OPTIONS:
        raise ValidationError({"options": f"Give at most {MAX_OPTIONS} options; merge the close ones."})
    if len({label.lower() for label in labels}) != len(labels):
        raise ValidationError({"options": "Each option must differ from the others."})
    too_long = [label for label in labels if len(label) > QuestionOption._meta.get_field("label").max_length]
    if too_long:
        raise ValidationError({"options": f"Keep each option under 120 characters: “{too_long[0][:40]}…”."})
    return labels


def _validate_links(actor: Person, cycle: Cycle, objectives: list[Goal], assumptions: list[Assumption]) -> None:
    for objective in objectives:
        if (
            objective.cycle_id != cycle.pk
            or objective.tier != Tier.CORPORATE
            or not actor.has_perm("goals.view_goal", objective)
        ):
            raise ValidationError({"objectives": f"Link corporate objectives of {cycle.name} that you can see."})
    for assumption in assumptions:
        if assumption.cycle_id != cycle.pk:
            raise ValidationError({"assumptions": f"Link assumptions of {cycle.name}."})


def question_create(
    *,
    actor: Person,
    cycle: Cycle,
    title: str,
    due_date: datetime.date,
    options: Sequence[str],
    description: str = "",
    role: CommitteeRole | None = None,
    objectives: Iterable[Goal] = (),
    assumptions: Iterable[Assumption] = (),
    now: datetime.datetime | None = None,
) -> CommitteeQuestion:
    """Put a question to the committee, with the options it decides between, linked to objectives or assumptions."""
    _require_open_cycle(cycle)
    require_rule(actor, "cabinet.add_question", cycle, "Committee members (and admins) put questions to the committee.")
    objectives, assumptions = list(objectives), list(assumptions)
    labels = _clean_options(options)
    title = _text(title)
    if not title:
        raise ValidationError({"title": "Say what the committee decides."})
    if due_date is None or due_date < _today(now):
        raise ValidationError({"due_date": "The decision is due today or later."})
    if role is not None and not role.is_active:
        raise ValidationError({"role": f"{role.title} is no longer a committee role."})
    _validate_links(actor, cycle, objectives, assumptions)
    question = CommitteeQuestion(
        cycle=cycle,
        title=title,
        description=_text(description),
        role=role,
        due_date=due_date,
        asked_by=actor,
        created=_now(now),
    )
    question.full_clean()
    with transaction.atomic():
        question.save()
        QuestionOption.objects.bulk_create(
            QuestionOption(question=question, label=label, position=index) for index, label in enumerate(labels)
        )
        question.objectives.set(objectives)
        question.assumptions.set(assumptions)
    return question


QUESTION_FIELDS = {"title", "description", "due_date", "role", "objectives", "assumptions", "options"}


def question_update(
    *, actor: Person, question: CommitteeQuestion, now: datetime.datetime | None = None, **changes: Any
) -> CommitteeQuestion:
    """Edit a question until its decision is published; its options only while nobody has recommended."""
    unknown = set(changes) - QUESTION_FIELDS
    if unknown:
        raise TypeError(f"Unknown question fields: {sorted(unknown)}")
    _require_open_cycle(question.cycle)
    if question.is_published:
        raise StateConflict("The committee's decision is published: the question stands as it was decided.")
    require_rule(actor, "cabinet.change_question", question, "Committee members (and admins) edit questions.")
    objectives = changes.pop("objectives", None)
    assumptions = changes.pop("assumptions", None)
    options = changes.pop("options", None)
    if "title" in changes and not _text(changes["title"]):
        raise ValidationError({"title": "Say what the committee decides."})
    if "due_date" in changes and (changes["due_date"] is None or changes["due_date"] < _today(now)):
        raise ValidationError({"due_date": "The decision is due today or later."})
    _validate_links(actor, question.cycle, list(objectives or ()), list(assumptions or ()))
    labels = _clean_options(options) if options is not None else None
    with transaction.atomic():
        question = CommitteeQuestion.objects.select_for_update().select_related("cycle").get(pk=question.pk)
        if question.is_published:
            raise StateConflict("The committee's decision is published: the question stands as it was decided.")
        for name, value in changes.items():
            setattr(question, name, _text(value) if name in ("title", "description") else value)
        question.full_clean()
        question.save()
        if objectives is not None:
            question.objectives.set(objectives)
        if assumptions is not None:
            question.assumptions.set(assumptions)
        if labels is not None and labels != list(question.options.values_list("label", flat=True)):
            if question.recommendations.exists():
                raise ValidationError({"options": "Seats have recommended already: the options stay as they are."})
            question.options.all().delete()
            QuestionOption.objects.bulk_create(
                QuestionOption(question=question, label=label, position=index) for index, label in enumerate(labels)
            )
    return question


def _option_of(question: CommitteeQuestion, option: QuestionOption | int | None, field: str) -> QuestionOption:
    pk = option.pk if isinstance(option, QuestionOption) else option
    found = QuestionOption.objects.filter(question=question, pk=pk).first() if pk is not None else None
    if found is None:
        raise ValidationError({field: "Choose one of the question's options."})
    return found


def recommendation_record(
    *,
    actor: Person,
    question: CommitteeQuestion,
    option: QuestionOption | int,
    reasoning: str,
    now: datetime.datetime | None = None,
) -> ShadowRecommendation:
    """A seat holder records (or changes) their seat's recommendation, until the committee publishes its decision."""
    _require_open_cycle(question.cycle)
    if question.is_published:
        raise StateConflict("The committee's decision is published: recommendations can no longer change.")
    require_rule(actor, "cabinet.recommend", question, "Only members of the Shadow Cabinet recommend.")
    seat = current_seat(actor, question.cycle, _today(now))
    option = _option_of(question, option, "option")
    reasoning = _text(reasoning)
    if not reasoning:
        raise ValidationError({"reasoning": "Give the cabinet's reasoning: it is read beside the committee's."})
    moment = _now(now)
    with transaction.atomic():
        # The question's row lock orders this against publishing: a recommendation lands before it or not at all.
        locked = CommitteeQuestion.objects.select_for_update().get(pk=question.pk)
        if locked.is_published:
            raise StateConflict("The committee's decision is published: recommendations can no longer change.")
        recommendation, created = ShadowRecommendation.objects.get_or_create(
            question=question,
            seat=seat,
            defaults={"author": actor, "option": option, "reasoning": reasoning, "created": moment, "updated": moment},
        )
        if not created:
            recommendation.option, recommendation.reasoning, recommendation.updated = option, reasoning, moment
            recommendation.save(update_fields=["option", "reasoning", "updated"])
    return recommendation


def question_decide(
    *,
    actor: Person,
    question: CommitteeQuestion,
    option: QuestionOption | int,
    rationale: str,
    now: datetime.datetime | None = None,
) -> CommitteeQuestion:
    """A committee member publishes the committee's decision; the cabinet's recommendations show beside it from now."""
    _require_open_cycle(question.cycle)
    if question.is_published:
        raise StateConflict("The committee's decision on this question is already published.")
    require_rule(actor, "cabinet.decide_question", question, "Only members of the Executive Strategy Committee decide.")
    option = _option_of(question, option, "option")
    rationale = _text(rationale)
    if not rationale:
        raise ValidationError({"rationale": "Say why: the rationale is read beside the cabinet's reasoning."})
    with transaction.atomic():
        question = CommitteeQuestion.objects.select_for_update().select_related("cycle").get(pk=question.pk)
        if question.is_published:
            raise StateConflict("The committee's decision on this question is already published.")
        question.decision = option
        question.decision_rationale = rationale
        question.decided_by = actor
        question.published_at = _now(now)
        question.save(update_fields=["decision", "decision_rationale", "decided_by", "published_at"])
        decision_published.send(sender=CommitteeQuestion, question=question, actor=actor)
    return question


def question_record_outcome(
    *,
    actor: Person,
    question: CommitteeQuestion,
    option: QuestionOption | int | None,
    explanation: str,
    now: datetime.datetime | None = None,
) -> CommitteeQuestion:
    """Either side records how it turned out: the option that proved right (None: neither call did), and why."""
    _require_open_cycle(question.cycle)
    if not question.is_published:
        raise StateConflict("The outcome follows the committee's decision, which is not published yet.")
    if question.has_outcome:
        raise StateConflict("The outcome of this question is already recorded.")
    require_rule(
        actor,
        "cabinet.record_outcome",
        question,
        "The committee's members and the cabinet's seat holders record outcomes.",
    )
    option = _option_of(question, option, "option") if option is not None else None
    explanation = _text(explanation)
    if not explanation:
        raise ValidationError({"explanation": "Say which call was right, and why."})
    with transaction.atomic():
        question = CommitteeQuestion.objects.select_for_update().select_related("cycle").get(pk=question.pk)
        if question.has_outcome:
            raise StateConflict("The outcome of this question is already recorded.")
        question.outcome = option
        question.outcome_explanation = explanation
        question.outcome_by = actor
        question.outcome_at = _now(now)
        question.save(update_fields=["outcome", "outcome_explanation", "outcome_by", "outcome_at"])
    return question


# --- cabinet meetings ---------------------------------------------------------------------


def meeting_schedule(
    *,
    actor: Person,
    cycle: Cycle,
    title: str,
    scheduled_for: datetime.datetime,
    location: str = "",
    now: datetime.datetime | None = None,
) -> CabinetMeeting:
    """Schedule a cabinet meeting; draw its agenda from the strategy room next."""
    _require_open_cycle(cycle)
    require_rule(
        actor, "cabinet.add_meeting", cycle, "Seat holders, committee members and admins schedule cabinet meetings."
    )
    title = _text(title)
    if not title:
        raise ValidationError({"title": "Give the meeting a title."})
    if scheduled_for is None or scheduled_for < _now(now):
        raise ValidationError({"scheduled_for": "Schedule the meeting for a time still to come."})
    meeting = CabinetMeeting(
        cycle=cycle,
        title=title,
        scheduled_for=scheduled_for,
        location=_text(location),
        organiser=actor,
        created=_now(now),
    )
    meeting.full_clean()
    meeting.save()
    return meeting


def _manage(actor: Person, meeting: CabinetMeeting) -> None:
    _require_open_cycle(meeting.cycle)
    require_rule(
        actor, "cabinet.manage_meeting", meeting, "Seat holders, committee members and admins run cabinet meetings."
    )


def meeting_draw_agenda(*, actor: Person, meeting: CabinetMeeting, now: datetime.datetime | None = None) -> int:
    """Draw the agenda from the strategy room: objectives off pace, assumptions under challenge, decisions due.

    Points drawn before are replaced (typed ones stay). The text is written for the whole
    cabinet, so it names company-visible objectives only. Returns how many points were drawn.
    """
    from cabinet.strategy_room import agenda_suggestions

    _manage(actor, meeting)
    if meeting.agenda_published_at:
        raise StateConflict("The agenda is published; add points by hand instead.")
    suggestions = agenda_suggestions(meeting.cycle, _today(now))
    with transaction.atomic():
        meeting.agenda_items.exclude(kind=AgendaKind.OTHER).delete()
        typed = list(meeting.agenda_items.order_by("position", "pk"))
        items = [AgendaItem(meeting=meeting, **suggestion) for suggestion in suggestions]
        for position, item in enumerate([*items, *typed]):
            item.position = position
        AgendaItem.objects.bulk_create(items)
        AgendaItem.objects.bulk_update(typed, ["position"])
    return len(items)


def agenda_item_add(*, actor: Person, meeting: CabinetMeeting, title: str, detail: str = "") -> AgendaItem:
    """Add a point of other business to the agenda (also after it is published)."""
    _manage(actor, meeting)
    title = _text(title)
    if not title:
        raise ValidationError({"title": "Say what the point is about."})
    position = meeting.agenda_items.count()
    item = AgendaItem(meeting=meeting, title=title, detail=_text(detail), kind=AgendaKind.OTHER, position=position)
    item.full_clean()
    item.save()
    return item


def agenda_item_remove(*, actor: Person, item: AgendaItem) -> None:
    _manage(actor, item.meeting)
    if item.meeting.agenda_published_at:
        raise StateConflict("The agenda is published: its points stay as people read them.")
    item.delete()


def meeting_publish_agenda(
    *, actor: Person, meeting: CabinetMeeting, now: datetime.datetime | None = None
) -> CabinetMeeting:
    """Publish the agenda: the cabinet and the committee hear of it."""
    _manage(actor, meeting)
    with transaction.atomic():
        meeting = CabinetMeeting.objects.select_for_update().select_related("cycle").get(pk=meeting.pk)
        if meeting.agenda_published_at:
            raise StateConflict("The agenda is already published.")
        if not meeting.agenda_items.exists():
            raise ValidationError({"agenda": "Draw the agenda from the strategy room or add a point first."})
        meeting.agenda_published_at = _now(now)
        meeting.save(update_fields=["agenda_published_at"])
        agenda_published.send(sender=CabinetMeeting, meeting=meeting, actor=actor)
    return meeting


def meeting_record_minutes(
    *, actor: Person, meeting: CabinetMeeting, minutes: str, now: datetime.datetime | None = None
) -> CabinetMeeting:
    """Write (or correct) the minutes once the meeting has begun."""
    _manage(actor, meeting)
    minutes = _text(minutes)
    if not minutes:
        raise ValidationError({"minutes": "Write what was discussed and agreed."})
    moment = _now(now)
    if meeting.scheduled_for > moment:
        raise StateConflict(
            f"The meeting is on {_day(timezone.localtime(meeting.scheduled_for).date())}; minutes come after it."
        )
    meeting.minutes, meeting.minutes_by, meeting.minutes_at = minutes, actor, moment
    meeting.save(update_fields=["minutes", "minutes_by", "minutes_at"])
    return meeting


def _validate_action_item(meeting: CabinetMeeting, title: str, owner: Person | None, due_date) -> None:
    errors = {}
    if not title:
        errors["title"] = "Say what is to be done."
    if owner is None or not owner.is_active:
        errors["owner"] = "Name someone still in the company to do it."
    if due_date is None:
        errors["due_date"] = "Give a due date."
    elif due_date < timezone.localtime(meeting.scheduled_for).date():
        errors["due_date"] = "An action item is due on or after the meeting that agreed it."
    if errors:
        raise ValidationError(errors)


def action_item_add(
    *,
    actor: Person,
    meeting: CabinetMeeting,
    title: str,
    owner: Person,
    due_date: datetime.date,
    now: datetime.datetime | None = None,
) -> ActionItem:
    """Record something the meeting agreed someone would do; it shows on their home to-do list."""
    _manage(actor, meeting)
    title = _text(title)
    _validate_action_item(meeting, title, owner, due_date)
    item = ActionItem(meeting=meeting, title=title, owner=owner, due_date=due_date, created_by=actor, created=_now(now))
    item.full_clean()
    item.save()
    return item


def action_item_update(*, actor: Person, item: ActionItem, **changes: Any) -> ActionItem:
    """Change an action item's title, owner or due date."""
    unknown = set(changes) - {"title", "owner", "due_date"}
    if unknown:
        raise TypeError(f"Unknown action item fields: {sorted(unknown)}")
    _require_open_cycle(item.meeting.cycle)
    require_rule(actor, "cabinet.change_action_item", item, "Its owner and the people running the meeting edit it.")
    title = _text(changes.get("title", item.title))
    owner = changes.get("owner", item.owner)
    due_date = changes.get("due_date", item.due_date)
    _validate_action_item(item.meeting, title, owner, due_date)
    item.title, item.owner, item.due_date = title, owner, due_date
    item.save(update_fields=["title", "owner", "due_date"])
    return item


def action_item_set_done(
    *, actor: Person, item: ActionItem, done: bool = True, now: datetime.datetime | None = None
) -> ActionItem:
    """Tick an action item off (or open it again)."""
    _require_open_cycle(item.meeting.cycle)
    require_rule(actor, "cabinet.change_action_item", item, "Its owner and the people running the meeting tick it off.")
    if done == item.is_done:
        raise StateConflict("This action item is already done." if done else "This action item is still open.")
    item.done_at, item.done_by = (_now(now), actor) if done else (None, None)
    item.save(update_fields=["done_at", "done_by"])
    return item


# --- the beat -------------------------------------------------------------------------------


def take_progress_snapshots(*, now: datetime.datetime | None = None) -> int:
    """Keep today's point of every active cycle's corporate objectives (one row per objective and day).

    Running it again the same day overwrites the same rows, so the beat may run it twice.
    Returns how many objectives were snapshot.
    """
    moment = _now(now)
    day = timezone.localdate(moment)
    rows = Goal.objects.filter(
        cycle__phase=Phase.ACTIVE, tier=Tier.CORPORATE, parent__isnull=True, cycle__start__lte=day
    ).values_list("pk", "cycle_id", "rolled_up_progress", "baseline", "target", "current", "direction")
    snapshots = [
        ObjectiveSnapshot(
            objective_id=pk,
            cycle_id=cycle_id,
            day=day,
            rolled_up_progress=rolled_up,
            progress=progress_ratio(baseline, target, current, direction),
            taken_at=moment,
        )
        for pk, cycle_id, rolled_up, baseline, target, current, direction in rows
    ]
    ObjectiveSnapshot.objects.bulk_create(
        snapshots,
        update_conflicts=True,
        unique_fields=["objective", "day"],
        update_fields=["rolled_up_progress", "progress", "taken_at"],
        batch_size=500,
    )
    return len(snapshots)
