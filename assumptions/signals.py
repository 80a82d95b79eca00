"""What the assumptions app announces, so that layers above it (notifications) can react.

Sent from services inside their transaction; receivers that do slow work defer it with
``transaction.on_commit``. The models named below live in ``assumptions.models``.
"""

from django.dispatch import Signal

# Someone challenged an assumption. kwargs: challenge (Challenge: .author, .assumption.owner).
challenge_opened = Signal()

# The assumption's owner accepted or declined a challenge. kwargs: challenge, actor.
# challenge.status is "accepted" or "declined", challenge.response says why.
challenge_resolved = Signal()

# Someone posted in a challenge's thread. kwargs: comment (Comment: .author, .challenge,
# .parent: the comment it replies to, or None for a reply to the challenge itself).
comment_posted = Signal()

# An accepted course correction asks a goal's owner to change the goal.
# kwargs: change_request (ChangeRequest: .goal, .challenge, .proposed_target, .note).
change_request_opened = Signal()

# The goal's owner or manager applied or declined a change request. kwargs: change_request, actor.
change_request_decided = Signal()
