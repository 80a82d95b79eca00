"""Reminders of cabinet action items, daily on the beat: on the due date, and once when overdue."""

import datetime

from django.utils import timezone

from cabinet.events import action_item_drafts
from cabinet.models import ActionItem
from goals.models import Phase
from notifications.delivery import deliver


def remind_action_items(now: datetime.datetime | None = None, *, email: bool = True) -> int:
    """Tell owners of open action items due today or overdue (each reminder once per due date); returns how many."""
    day = timezone.localdate(now or timezone.now())
    items = (
        ActionItem.objects.open()
        .filter(due_date__lte=day, owner__is_active=True)
        .exclude(meeting__cycle__phase=Phase.CLOSED)
        .select_related("meeting")
        .order_by("pk")
    )
    # Overdue items are reminded once: the day after they fall due, or the first run after that.
    drafts = action_item_drafts(items, day)
    return deliver(drafts, now=now, email=email)
