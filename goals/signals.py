"""What the cascade announces, so that layers above it (notifications, the scan) can react.

Sent from services inside their transaction; receivers that do slow work defer it
with ``transaction.on_commit``.
"""

from django.dispatch import Signal

# The tree or the numbers of these goals changed. kwargs: goal_ids (set[int]), cycle_ids (set[int]).
goals_changed = Signal()

# A goal moved through its workflow. kwargs: goal, old_status, new_status, actor, reason.
goal_status_changed = Signal()

# A check-in was recorded. kwargs: checkin.
checkin_recorded = Signal()

# The alignment scan opened new flags. kwargs: flag_ids (list[int]).
alignment_flags_opened = Signal()

# Someone commented on a goal. kwargs: comment.
goal_commented = Signal()

# A goal was deleted (softly) or its deletion undone. kwargs: deletion (goals.models.Deletion), restored (bool).
goal_deleted = Signal()
