"""Check-in reminders, daily on the beat.

A goal is owed a check-in on the terms of the alignment scan's ``stale_progress`` rule:
in an active cycle, not final, not a corporate objective that rolls up its sub-goals,
with no check-in (or, never checked in, since its creation) for longer than the cycle's
``checkin_interval_days``. For every interval that passes without one, its owner is
reminded once; from the second interval on, the owner's manager is told too, in one
notification per manager listing the goals.

``CheckinReminderState`` remembers, per goal, the activity the reminders count from and
how many intervals were reminded, so running the task twice a day (or again after a
crash: state and notifications are written in one transaction) sends nothing new, and a
new check-in starts the count over. The work is a few queries per active cycle,
whatever the number of goals. Emails go out from ``email_notifications_task``, one task
per ``EMAIL_BATCH`` people, each claiming its rows before sending, so a batch that fails
is retried alone and nothing is sent twice.
"""

import datetime
import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from accounts.models import Person
from core import outbox
from goals.alignment.rules import describe_stale_progress
from goals.alignment.wording import format_day
from goals.models import FINAL_STATUSES, Cycle, Goal, Phase, Rollup, Tier
from notifications.delivery import Draft, deliver
from notifications.events import quoted
from notifications.models import CheckinReminderState, Kind

logger = logging.getLogger(__name__)

MANAGER_AFTER_INTERVALS = 2
LISTED_IN_DIGEST = 10
CHUNK = 1000
# People per email task: a slow mail server or a restarted worker costs one batch, not every
# email of the day, and a retried batch re-sends nothing (rows are claimed before sending).
EMAIL_BATCH = 250


@dataclass(frozen=True)
class Overdue:
    goal_id: int
    title: str
    owner_id: int
    cycle_id: int
    last_activity: datetime.datetime
    intervals: int


def owed_goals(cycle_id: int, interval_days: int, now: datetime.datetime):
    """The goals of a cycle owed a check-in at ``now``: (id, title, owner, manager, last activity)."""
    return (
        Goal.objects.filter(cycle_id=cycle_id, owner__is_active=True)  # nobody reminds people who left
        .exclude(status__in=FINAL_STATUSES)
        .exclude(tier=Tier.CORPORATE, rollup=Rollup.AUTO)
        .annotate(last_activity=Coalesce("last_checkin_at", "created"))
        .filter(last_activity__lt=now - datetime.timedelta(days=interval_days))
        .order_by("pk")
        .values_list("pk", "title", "owner_id", "owner__manager_id", "last_activity", "last_checkin_at", "created")
    )


def send_checkin_reminders(now: datetime.datetime | None = None, *, email: bool = True) -> dict:
    """Remind owners of the check-ins they owe and tell managers of those two intervals late; returns counts."""
    now = now or timezone.now()
    tz = timezone.get_current_timezone()
    drafts: list[Draft] = []
    overdue_by_manager: dict[int, list[Overdue]] = defaultdict(list)
    new_states: list[CheckinReminderState] = []
    moved_states: list[CheckinReminderState] = []

    with transaction.atomic():
        cycles = Cycle.objects.filter(phase=Phase.ACTIVE).values_list("pk", "checkin_interval_days")
        for cycle_id, interval_days in cycles:
            interval = datetime.timedelta(days=interval_days)
            states = {
                goal_id: (activity_at, reminded)
                for goal_id, activity_at, reminded in CheckinReminderState.objects.filter(
                    goal__cycle_id=cycle_id
                ).values_list("goal_id", "activity_at", "intervals_reminded")
            }
            for pk, title, owner_id, manager_id, last_activity, last_checkin_at, created in owed_goals(
                cycle_id, interval_days, now
            ):
                intervals = (now - last_activity) // interval
                state = states.get(pk)
                if state is not None and state[0] == last_activity and state[1] >= intervals:
                    continue
                row = CheckinReminderState(goal_id=pk, activity_at=last_activity, intervals_reminded=intervals)
                (moved_states if state is not None else new_states).append(row)
                _, since = describe_stale_progress(last_checkin_at, created, interval_days, now, tz)
                drafts.append(_owner_reminder(pk, title, owner_id, last_activity, intervals, since))
                if intervals >= MANAGER_AFTER_INTERVALS and manager_id is not None:
                    overdue_by_manager[manager_id].append(
                        Overdue(pk, title, owner_id, cycle_id, last_activity, intervals)
                    )

        drafts += _manager_digests(overdue_by_manager, tz)
        CheckinReminderState.objects.bulk_create(new_states, batch_size=CHUNK)
        CheckinReminderState.objects.bulk_update(moved_states, ["activity_at", "intervals_reminded"], batch_size=CHUNK)
        delivered = deliver(drafts, now=now, email=False)
        # Mail goes out in batches once the reminders are committed: a crash in between leaves
        # them in the inbox, and a mail server that is down does not undo them.
        batches = email_batches(drafts) if delivered and email else []
        for keys in batches:
            transaction.on_commit(partial(_email_batch, keys))
    return {
        "goals_reminded": len(new_states) + len(moved_states),
        "managers_told": len(overdue_by_manager),
        "delivered": delivered,
        "email_batches": len(batches),
    }


def email_batches(drafts: list[Draft], size: int | None = None) -> list[list[str]]:
    """The drafts' event keys in batches of ``size`` recipients, each recipient's keys in one batch (one email each)."""
    size = size or EMAIL_BATCH
    keys_by_recipient: dict[int, set[str]] = defaultdict(set)
    for draft in drafts:
        keys_by_recipient[draft.recipient_id].add(draft.key)
    recipients = sorted(keys_by_recipient)
    return [
        sorted({key for recipient in recipients[start : start + size] for key in keys_by_recipient[recipient]})
        for start in range(0, len(recipients), size)
    ]


def _email_batch(keys: list[str]) -> None:
    from notifications.tasks import email_notifications_task  # tasks import this module

    try:
        outbox.send(email_notifications_task, keys)
    except Exception:
        # The reminders are committed and in the inbox; a broker that is down must not undo them.
        logger.exception("Could not hand %d reminder keys to the email task", len(keys))


def _owner_reminder(goal_id: int, title: str, owner_id: int, last_activity, intervals: int, since: str) -> Draft:
    if intervals >= MANAGER_AFTER_INTERVALS:
        heading = f"Check-in overdue on {quoted(title)}"
    else:
        heading = f"Time to check in on {quoted(title)}"
    return Draft(
        recipient_id=owner_id,
        kind=Kind.CHECKIN_REMINDER,
        title=heading,
        body=since,
        url=f"{reverse('home')}?checkin={goal_id}#check-in",
        key=f"checkin:{goal_id}:{last_activity.isoformat()}:{intervals}",
    )


def _manager_digests(overdue_by_manager: dict[int, list[Overdue]], tz) -> list[Draft]:
    if not overdue_by_manager:
        return []
    owner_ids = {item.owner_id for items in overdue_by_manager.values() for item in items}
    names = {}
    for start in range(0, len(owner_ids), CHUNK):
        chunk = sorted(owner_ids)[start : start + CHUNK]
        names.update({person.pk: person.full_name for person in Person.objects.filter(pk__in=chunk)})
    drafts = []
    for manager_id, items in overdue_by_manager.items():
        items.sort(key=lambda item: (item.last_activity, item.goal_id))
        lines = [
            f"{names.get(item.owner_id, 'Someone')}: {quoted(item.title)}, "
            f"no check-in since {format_day(item.last_activity, tz)}"
            for item in items[:LISTED_IN_DIGEST]
        ]
        if len(items) > LISTED_IN_DIGEST:
            lines.append(f"... and {len(items) - LISTED_IN_DIGEST} more.")
        if len(items) == 1:
            item = items[0]
            title = f"{names.get(item.owner_id, 'Someone')} has not checked in on {quoted(item.title)} for a while"
            url = Goal(pk=item.goal_id).get_absolute_url()
        else:
            people = len({item.owner_id for item in items})
            title = f"{len(items)} goals in your team are overdue for a check-in ({people} people)"
            url = reverse("alignment:health", args=[items[0].cycle_id])
        # The digest is new exactly when one of its goals is newly overdue, which the state rows decide.
        fingerprint = hashlib.sha1(
            ",".join(f"{i.goal_id}:{i.last_activity.isoformat()}:{i.intervals}" for i in items).encode()
        ).hexdigest()
        drafts.append(
            Draft(
                recipient_id=manager_id,
                kind=Kind.CHECKIN_OVERDUE,
                title=title,
                body="\n".join(lines),
                url=url,
                key=f"checkin-overdue:{manager_id}:{fingerprint}",
            )
        )
    return drafts
