"""Notifications for the demo company: what its people would have received over the past weeks.

The builder pauses announcements while it bulk-loads (nobody should get a burst of
email from a seed), then this module delivers, through the real event builders and
without email, what the year so far would have brought: goals approved and returned in
the showcased team, flags the scan raised, challenges and their replies, and today's
check-in reminders. The work is set-based or bounded by the showcased team, so it stays
quick at benchmark size.
"""

import datetime
import random

from django.utils import timezone

from assumptions.models import Challenge, Comment
from demo.organisation import Organisation
from goals.models import AlignmentFlag, Cycle, Goal, Status
from notifications.delivery import deliver
from notifications.events import EVENTS
from notifications.models import Notification
from notifications.reminders import send_checkin_reminders

SHOWCASE_TEAMS = 2


def seed_notifications(org: Organisation, active_cycle: Cycle, rng: random.Random) -> int:
    """Deliver the demo's notifications (no email); older ones are read. Returns how many."""
    now = timezone.now()
    drafts = []
    people = [person for team in org.teams[:SHOWCASE_TEAMS] for person in (team.manager, *team.reps)]
    reviewed = Goal.objects.filter(
        cycle=active_cycle, owner__in=people, status__in=(Status.APPROVED, Status.RETURNED)
    ).select_related("owner")
    for goal in reviewed:
        drafts += EVENTS["goal_status_changed"](
            goal_id=goal.pk,
            new_status=goal.status,
            actor_id=goal.owner.manager_id,
            reason=goal.return_reason,
            changed_at=goal.created.isoformat(),
        )
    flag_ids = list(AlignmentFlag.objects.open().filter(cycle=active_cycle).values_list("pk", flat=True))
    drafts += EVENTS["alignment_flags_opened"](flag_ids=flag_ids)
    for challenge in Challenge.objects.filter(assumption__cycle=active_cycle).values_list("pk", "resolved_by_id"):
        drafts += EVENTS["challenge_opened"](challenge_id=challenge[0])
        if challenge[1]:
            drafts += EVENTS["challenge_resolved"](challenge_id=challenge[0], actor_id=challenge[1])
    for comment_id in Comment.objects.filter(challenge__assumption__cycle=active_cycle).values_list("pk", flat=True):
        drafts += EVENTS["comment_posted"](comment_id=comment_id)
    delivered = deliver(drafts, now=now, email=False)

    # Spread them over the past three weeks: each person's two newest are still unread, and
    # most of the rest, once a few days old, have been read.
    spread = sorted(Notification.objects.filter(created=now).only("pk", "recipient_id"), key=lambda n: n.pk)
    for notification in spread:
        notification.created = now - datetime.timedelta(minutes=rng.randint(30, 21 * 24 * 60))
    newest: dict[int, int] = {}
    for notification in sorted(spread, key=lambda n: n.created, reverse=True):
        newest[notification.recipient_id] = newest.get(notification.recipient_id, 0) + 1
        old = notification.created < now - datetime.timedelta(days=4)
        if newest[notification.recipient_id] > 2 and old and rng.random() < 0.8:
            notification.read_at = notification.created + datetime.timedelta(hours=rng.randint(1, 48))
    Notification.objects.bulk_update(spread, ["created", "read_at"], batch_size=1000)

    delivered += send_checkin_reminders(now=now, email=False)["delivered"]
    return delivered
