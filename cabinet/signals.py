"""What the cabinet announces, so that notifications can react (``cabinet/receivers.py``).

Sent from services inside their transaction; receivers defer their work until it commits.
"""

from django.dispatch import Signal

# An executive or admin offered someone a seat. kwargs: seat (ShadowSeat), actor.
seat_offered = Signal()

# A meeting's agenda was published. kwargs: meeting (CabinetMeeting), actor.
agenda_published = Signal()

# The committee published its decision on a question. kwargs: question (CommitteeQuestion), actor.
decision_published = Signal()
