"""The home page's to-do list: what each person should do next, gathered from every app.

The dashboard sits on top of the other apps, so it may read from all of them. Each
section is a function ``(person) -> TodoSection | None`` registered with
``@todo_section(order=...)``; sections show in that order, and a section with no items
shows nothing. To add one (challenges awaiting my answer, unread notifications, ...),
append a decorated function at the end of this module. Keep each to a fixed number of
queries: take the items with ``first_items`` (at most ``ITEMS_SHOWN`` plus a count).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince

from accounts.models import Person
from assumptions.selectors import challenges_awaiting_answer, change_requests_awaiting
from cabinet.selectors import offers_awaiting, open_action_items, questions_awaiting_recommendation
from core.formatting import format_amount
from goals.models import AlignmentFlag, Phase
from goals.selectors import approval_queue, checkins_owed
from notifications.selectors import inbox
from territories.selectors import joint_targets_to_place, open_plan_checks, overdue_action_items, plans_awaiting_review
from workshop.selectors import unmapped_goals_in_workshop

ITEMS_SHOWN = 5


@dataclass(frozen=True)
class TodoItem:
    title: str
    url: str
    detail: str = ""
    action_label: str = "Open"


@dataclass
class TodoSection:
    key: str
    title: str
    items: list[TodoItem]
    total: int
    more_url: str = ""
    more_label: str = "See all"
    tone: str = "neutral"  # neutral, alert: how loudly the count shows
    extra: dict = field(default_factory=dict)


TodoProvider = Callable[[Person], TodoSection | None]
_PROVIDERS: list[tuple[int, TodoProvider]] = []


def todo_section(order: int) -> Callable[[TodoProvider], TodoProvider]:
    """Register a to-do section; lower ``order`` shows first."""

    def register(provider: TodoProvider) -> TodoProvider:
        _PROVIDERS.append((order, provider))
        _PROVIDERS.sort(key=lambda entry: entry[0])
        return provider

    return register


def first_items(queryset) -> tuple[list, int]:
    """The first ``ITEMS_SHOWN`` rows and how many there are in all; the count query runs only when the list is full."""
    shown = list(queryset[:ITEMS_SHOWN])
    return shown, (queryset.count() if len(shown) == ITEMS_SHOWN else len(shown))


def todo_for(person: Person) -> list[TodoSection]:
    """The sections with something to do, in order."""
    sections = (provider(person) for _, provider in _PROVIDERS)
    return [section for section in sections if section is not None and section.total]


# --- the cascade ------------------------------------------------------------------------


@todo_section(order=10)
def checkins_i_owe(person: Person) -> TodoSection | None:
    owed = checkins_owed(person)
    now = timezone.now()
    return TodoSection(
        key="checkins",
        title="Check-ins I owe",
        total=len(owed),
        tone="alert",
        items=[
            TodoItem(
                title=goal.title,
                url=f"{reverse('home')}?checkin={goal.pk}#check-in",
                detail=f"Last check-in {timesince(goal.last_checkin_at, now)} ago"
                if goal.last_checkin_at
                else "No check-in yet",
                action_label="Check in",
            )
            for goal in owed[:ITEMS_SHOWN]
        ],
    )


@todo_section(order=20)
def goals_awaiting_my_approval(person: Person) -> TodoSection | None:
    queue = approval_queue(person)
    waiting, total = first_items(queue)
    if not waiting:
        return None
    return TodoSection(
        key="approvals",
        title="Goals awaiting my approval",
        total=total,
        more_url=reverse("goals:approvals"),
        more_label="Open the approval queue",
        items=[
            TodoItem(
                title=goal.title,
                url=goal.get_absolute_url(),
                detail=f"{goal.owner.full_name} · {goal.cycle.name}",
                action_label="Review",
            )
            for goal in waiting
        ],
    )


@todo_section(order=30)
def my_open_flags(person: Person) -> TodoSection | None:
    flags = AlignmentFlag.objects.open().filter(goal__owner=person).exclude(goal__cycle__phase=Phase.CLOSED)
    shown, total = first_items(flags.select_related("goal").order_by("-severity", "-detected_at"))
    if not shown:
        return None
    return TodoSection(
        key="flags",
        title="My open flags",
        total=total,
        tone="alert",
        items=[
            TodoItem(
                title=f"{flag.get_kind_display()}: {flag.goal.title}",
                url=f"{flag.goal.get_absolute_url()}#flags",
                detail=flag.remedy,
                action_label="Fix",
            )
            for flag in shown
        ],
    )


# --- strategy assumptions -----------------------------------------------------------------


@todo_section(order=40)
def challenges_awaiting_my_answer(person: Person) -> TodoSection | None:
    if not person.is_executive:
        return None  # assumptions belong to executives (assumption_create), so no one else owns a challenged one
    awaiting = challenges_awaiting_answer(person)
    shown, total = first_items(awaiting)
    if not shown:
        return None
    now = timezone.now()
    return TodoSection(
        key="challenges",
        title="Challenges awaiting my answer",
        total=total,
        tone="alert",
        more_url=reverse("assumptions:board"),
        more_label="Open the assumptions board",
        items=[
            TodoItem(
                title=challenge.claim,
                url=reverse("assumptions:challenge", args=[challenge.pk]),
                detail=f"{challenge.author.full_name} on “{challenge.assumption.statement}” · "
                f"{timesince(challenge.created, now)} ago · {challenge.endorsement_count} endorsement"
                f"{'s' if challenge.endorsement_count != 1 else ''}",
                action_label="Answer",
            )
            for challenge in shown
        ],
    )


@todo_section(order=50)
def course_corrections_for_my_goals(person: Person) -> TodoSection | None:
    awaiting = change_requests_awaiting(person)
    shown, total = first_items(awaiting)
    if not shown:
        return None
    return TodoSection(
        key="course-corrections",
        title="Course corrections for my goals",
        total=total,
        more_url=reverse("assumptions:change-requests"),
        more_label="See all course corrections",
        items=[
            TodoItem(
                title=change.goal.title,
                url=reverse("assumptions:change-request", args=[change.pk]),
                detail=(
                    f"New target {format_amount(change.proposed_target, change.goal.unit)}"
                    if change.proposed_target is not None
                    else "A change"
                )
                + f" · accepted challenge “{change.challenge.claim}”",
                action_label="Decide",
            )
            for change in shown
        ],
    )


# --- notifications ----------------------------------------------------------------------


@todo_section(order=60)
def unread_notifications(person: Person) -> TodoSection | None:
    unread = inbox(person, unread_only=True)
    shown, total = first_items(unread)
    if not shown:
        return None
    now = timezone.now()
    return TodoSection(
        key="notifications",
        title="Unread notifications",
        total=total,
        more_url=reverse("notifications:inbox") + "?show=unread",
        more_label="Open the inbox",
        items=[
            TodoItem(
                title=notification.title,
                url=reverse("notifications:open", args=[notification.pk]),
                detail=f"{notification.get_kind_display()} · {timesince(notification.created, now)} ago",
                action_label="Open",
            )
            for notification in shown
        ],
    )


# --- the alignment workshop -------------------------------------------------------------


@todo_section(order=35)
def my_goals_to_map_in_the_workshop(person: Person) -> TodoSection | None:
    """Executives' goals not yet mapped to an objective, while their cycle is in its workshop."""
    if not person.is_executive:
        return None
    goals = unmapped_goals_in_workshop(person)
    shown, total = first_items(goals.select_related("cycle"))
    if not shown:
        return None
    return TodoSection(
        key="workshop",
        title=f"Workshop: {total} of your goals not mapped yet",
        total=total,
        tone="alert",
        more_url=reverse("workshop:board", args=[shown[0].cycle_id]),
        more_label="Open the workshop board",
        items=[
            TodoItem(
                title=goal.title,
                url=f"{reverse('workshop:board', args=[goal.cycle_id])}#goal-{goal.pk}",
                detail=f"{goal.cycle.name} · map it to the corporate objective it supports",
                action_label="Map",
            )
            for goal in shown
        ],
    )


# --- the Shadow Cabinet -----------------------------------------------------------------


@todo_section(order=45)
def shadow_cabinet_to_answer(person: Person) -> TodoSection | None:
    """Seats offered to me, and the committee's open questions my seat has not recommended on yet."""
    if not person.is_high_performer:
        return None  # only high performers are offered seats, and seat holders stay marked while they sit
    offers = list(offers_awaiting(person)[:ITEMS_SHOWN])
    questions, waiting = first_items(questions_awaiting_recommendation(person))
    items = [
        TodoItem(
            title=f"A seat is offered to you: {seat.role.title}",
            url=reverse("cabinet:seat", args=[seat.pk]),
            detail=f"{seat.cycle.name}, offered by {seat.offered_by.full_name}",
            action_label="Answer",
        )
        for seat in offers
    ] + [
        TodoItem(
            title=question.title,
            url=question.get_absolute_url() + "#recommend",
            detail=f"The committee decides by {question.due_date.day} {question.due_date:%b}",
            action_label="Recommend",
        )
        for question in questions
    ]
    return TodoSection(
        key="cabinet",
        title="Shadow Cabinet",
        total=len(offers) + waiting,
        items=items[: ITEMS_SHOWN * 2],
        tone="alert" if offers else "neutral",
        more_url=reverse("cabinet:home"),
        more_label="Open the cabinet",
    )


@todo_section(order=55)
def my_cabinet_action_items(person: Person) -> TodoSection | None:
    shown, total = first_items(open_action_items(person))
    if not shown:
        return None
    today = timezone.localdate()
    overdue = any(item.due_date < today for item in shown)
    return TodoSection(
        key="cabinet-actions",
        title="Cabinet action items",
        total=total,
        tone="alert" if overdue else "neutral",
        items=[
            TodoItem(
                title=item.title,
                url=f"{item.meeting.get_absolute_url()}#action-{item.pk}",
                detail=("Overdue since " if item.due_date < today else "Due ")
                + f"{item.due_date.day} {item.due_date:%b %Y} · {item.meeting.title}",
                action_label="Open",
            )
            for item in shown
        ],
    )


# --- territory plans ------------------------------------------------------------------------


@todo_section(order=25)
def territory_plans_awaiting_my_review(person: Person) -> TodoSection | None:
    shown, total = first_items(plans_awaiting_review(person))
    if not shown:
        return None
    return TodoSection(
        key="plan-reviews",
        title="Territory plans awaiting my review",
        total=total,
        more_url=reverse("territories:team"),
        more_label="Open my team's plans",
        items=[
            TodoItem(
                title=f"{plan.owner.full_name}'s territory plan",
                url=f"{plan.get_absolute_url()}#review",
                detail=f"{plan.cycle.name} · version {plan.version}",
                action_label="Review",
            )
            for plan in shown
        ],
    )


@todo_section(order=32)
def my_overdue_plan_actions(person: Person) -> TodoSection | None:
    shown, total = first_items(overdue_action_items(person))
    if not shown:
        return None
    today = timezone.localdate()
    return TodoSection(
        key="plan-actions",
        title="Overdue actions of territory plans",
        total=total,
        tone="alert",
        items=[
            TodoItem(
                title=item.title,
                url=f"{item.plan.get_absolute_url()}#section-actions",
                detail=f"Due {item.due_date:%d %b %Y}, {(today - item.due_date).days} days ago",
                action_label="Open",
            )
            for item in shown
        ],
    )


@todo_section(order=33)
def my_plan_checks(person: Person) -> TodoSection | None:
    shown, total = first_items(open_plan_checks(person))
    if not shown:
        return None
    return TodoSection(
        key="plan-checks",
        title="Plan check: is my territory plan still right?",
        total=total,
        items=[
            TodoItem(
                title=f"Q{check.quarter} plan check of {check.plan.cycle.name}",
                url=f"{check.plan.get_absolute_url()}#plan-check",
                detail=f"The quarter began on {check.due_on:%d %b %Y}: revise what changed, or say it still holds",
                action_label="Check",
            )
            for check in shown
        ],
    )


@todo_section(order=34)
def joint_targets_i_co_own(person: Person) -> TodoSection | None:
    shown, total = first_items(joint_targets_to_place(person))
    if not shown:
        return None
    return TodoSection(
        key="joint-targets",
        title="Joint targets to put in the cascade",
        total=total,
        items=[
            TodoItem(
                title=target.title,
                url=f"{reverse('territories:joint-plan', args=[target.plan_id])}#target-{target.pk}",
                detail=f"Shared with sales · {target.plan.cycle.name}",
                action_label="Open",
            )
            for target in shown
        ],
    )
