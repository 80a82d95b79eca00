"""Room for sub-goals: numbers kept free inside goals, so that drafts go in without moving the tree.

A goal drafted under a parent is numbered after the parent's last child. With django-mptt's
compact numbering that means shifting every goal to its right in the tree: about 1.3 s in the
largest tree of a 100,000-goal company, while every other writer into that tree waits
(bench/RESULTS.md). A goal that can have sub-goals therefore keeps room for more children: a
draft that fits takes a free number and moves nothing (``core.bulk_tree.insert_leaves``).

- When a parent's room runs out, the shift that makes space leaves room for as many children
  again as it then has (at least ``MIN_ROOM``): like a list that doubles, a parent with n
  children has paid for about log2(n) shifts, not n.
- ``make_room_in_cycle`` gives room to every goal of a cycle in one pass per tree. It runs
  nightly on the beat for the cycles in play and when a cycle becomes active (the workshop
  closes), just before people start drafting, so a drafting morning starts with room under
  every parent.

Only where drafts share their placement (PostgreSQL with a worker, goals/placement.py) does
room pay: django-mptt's own insert, used in the embedded default, opens space for every goal
anyway, so there nothing is asked of a worker.
"""

import logging

from core import outbox
from core.bulk_tree import make_room
from core.locks import tree_write_lock
from goals.models import Cycle, Goal, Tier

logger = logging.getLogger(__name__)

# Children's room a parent keeps at least, and at most, beyond the children it has. Room costs
# nothing but numbers (subtree ranges read the same index entries), while running out costs a
# shift: 64 is a team of a dozen reps drafting five goals each under one team goal in a day,
# and the nightly job renews the room.
MIN_ROOM = 64
MAX_ROOM = 512


def room_for_children(children: int) -> int:
    """Room to leave under a parent that now has ``children``: as many again, within bounds."""
    return min(max(MIN_ROOM, children), MAX_ROOM)


def _room_for_goal(goal: Goal, children: int) -> int:
    # Rep goals take no sub-goals (goals.services), so they keep the compact numbering.
    return 0 if goal.tier == Tier.REP else room_for_children(children)


def make_room_in_cycle(cycle_id: int) -> int:
    """Give every goal of the cycle that can have sub-goals its room; returns how many goals were renumbered."""
    tree_ids = sorted(set(Goal.all_objects.filter(cycle_id=cycle_id).values_list("tree_id", flat=True)))
    renumbered = 0
    for tree_id in tree_ids:
        # One tree at a time: each holds its own lock for a second or two, never the whole cycle's.
        with tree_write_lock(Goal._meta.label, lambda tree_id=tree_id: {tree_id}):
            renumbered += make_room(Goal, tree_id, _room_for_goal, fields=("tier",))
    if renumbered:
        logger.info("Made room for sub-goals in cycle %s: %d goals renumbered", cycle_id, renumbered)
    return renumbered


def request_room(cycle: Cycle) -> None:
    """Drafting opens in ``cycle``: ask a worker to make room in its trees once this transaction commits."""
    from goals.tasks import make_room_in_cycle_task

    if outbox.runs_in_process(make_room_in_cycle_task):
        return
    outbox.send(make_room_in_cycle_task, cycle.pk)
