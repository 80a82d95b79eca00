"""Who may do what in the Shadow Cabinet: the one place the services, the API and the pages ask.

Everyone signed in reads the strategy room, the committee, the seats and the published
decisions. Executives and admins appoint; the person offered a seat accepts or declines
it. Committee members (executives holding an active committee role) ask and decide
questions; seat holders recommend, until the decision is published. Either side records
the outcome. Nothing changes in a closed cycle.

Predicates take (person, object); the object is named by each predicate. Membership
checks cost a query each, so list pages ask once per page, never once per row.
"""

import rules
from django.utils import timezone

from accounts.rules import is_above, is_executive, is_staff
from cabinet.models import ActionItem, CommitteeRole, SeatStatus, ShadowSeat
from goals.models import Cycle, Phase


def _cycle_of(obj) -> Cycle | None:
    if obj is None or isinstance(obj, Cycle):
        return obj
    if isinstance(obj, ActionItem):
        return obj.meeting.cycle
    return obj.cycle


def holds_seat(person, cycle: Cycle, day=None) -> bool:
    """``person`` holds an accepted seat of ``cycle``'s Shadow Cabinet on ``day`` (today by default)."""
    if cycle is None or not person.is_authenticated:
        return False
    day = day or timezone.localdate()
    return ShadowSeat.objects.held_on(day).filter(holder=person, cycle=cycle).exists()


def current_seat(person, cycle: Cycle, day=None) -> ShadowSeat | None:
    """The seat ``person`` holds in ``cycle``'s cabinet on ``day``, if any."""
    if cycle is None or not person.is_authenticated:
        return None
    day = day or timezone.localdate()
    return ShadowSeat.objects.held_on(day).filter(holder=person, cycle=cycle).select_related("role").first()


@rules.predicate
def is_committee_member(person) -> bool:
    """An executive holding an active role on the Executive Strategy Committee."""
    return person.is_authenticated and CommitteeRole.objects.active().filter(holder=person).exists()


@rules.predicate
def sits_in_cabinet(person, obj) -> bool:
    """Holds a seat today in the cabinet of the object's cycle (a cycle, question, meeting or action item)."""
    return holds_seat(person, _cycle_of(obj))


@rules.predicate
def sat_in_cabinet(person, obj) -> bool:
    """Held (or holds) an accepted seat at some time in the cabinet of the object's cycle."""
    cycle = _cycle_of(obj)
    if cycle is None or not person.is_authenticated:
        return False
    # Only an accepted seat can be vacated, so both states mean the person sat.
    return ShadowSeat.objects.filter(
        holder=person, cycle=cycle, status__in=[SeatStatus.ACCEPTED, SeatStatus.VACATED]
    ).exists()


@rules.predicate
def cycle_is_open(person, obj) -> bool:
    cycle = _cycle_of(obj)
    return cycle is None or cycle.phase != Phase.CLOSED


@rules.predicate
def is_self(person, other) -> bool:
    return other is not None and other.pk == person.pk


@rules.predicate
def manages_someone(person) -> bool:
    return person.is_authenticated and person.get_descendant_count() > 0


@rules.predicate
def is_seat_holder(person, seat) -> bool:
    return seat.holder_id == person.pk


@rules.predicate
def seat_is_offered(person, seat) -> bool:
    return seat.status == SeatStatus.OFFERED


@rules.predicate
def seat_is_accepted(person, seat) -> bool:
    return seat.status == SeatStatus.ACCEPTED


@rules.predicate
def question_is_published(person, question) -> bool:
    return question.published_at is not None


@rules.predicate
def question_has_outcome(person, question) -> bool:
    return question.outcome_at is not None


@rules.predicate
def is_action_item_owner(person, item) -> bool:
    return item.owner_id == person.pk


appoints = is_staff | is_executive
runs_meetings = is_committee_member | is_staff | sits_in_cabinet

rules.add_perm("cabinet.view_strategy_room", rules.is_authenticated)
rules.add_perm("cabinet.view_cabinet", rules.is_authenticated)
rules.add_perm("cabinet.manage_committee", appoints)
rules.add_perm("cabinet.mark_high_performer", ~is_self & (is_staff | is_executive | is_above))
rules.add_perm("cabinet.view_candidates", is_staff | is_executive | manages_someone)

# Seats: the object is the cycle (offering) or the seat.
rules.add_perm("cabinet.offer_seat", appoints & cycle_is_open)
rules.add_perm("cabinet.withdraw_seat", appoints & seat_is_offered & cycle_is_open)
rules.add_perm("cabinet.respond_to_seat", is_seat_holder & seat_is_offered & cycle_is_open)
rules.add_perm("cabinet.vacate_seat", seat_is_accepted & cycle_is_open & (appoints | is_seat_holder))

# Committee questions: the object is the question (or its cycle, to ask one).
rules.add_perm("cabinet.add_question", (is_committee_member | is_staff) & cycle_is_open)
rules.add_perm("cabinet.change_question", (is_committee_member | is_staff) & ~question_is_published & cycle_is_open)
rules.add_perm("cabinet.decide_question", is_committee_member & ~question_is_published & cycle_is_open)
rules.add_perm("cabinet.recommend", sits_in_cabinet & ~question_is_published & cycle_is_open)
rules.add_perm("cabinet.view_recommendations", question_is_published | sits_in_cabinet)
rules.add_perm(
    "cabinet.record_outcome",
    question_is_published & ~question_has_outcome & cycle_is_open & (is_committee_member | sat_in_cabinet),
)

# Meetings and their action items: the object is the cycle (to schedule), the meeting or the item.
rules.add_perm("cabinet.add_meeting", runs_meetings & cycle_is_open)
rules.add_perm("cabinet.manage_meeting", runs_meetings & cycle_is_open)
rules.add_perm("cabinet.change_action_item", cycle_is_open & (is_action_item_owner | runs_meetings))
