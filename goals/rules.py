"""Who may do what with cycles and goals: the one place the API and the pages ask.

Each predicate takes (person, goal) unless its name says otherwise. Goals should be
loaded with their owner and cycle (select_related) so that checks cost no queries.
"""

import rules

from accounts.rules import is_executive, is_staff
from goals.models import Phase, Status, Tier, Visibility
from goals.models.goal import EDITABLE_STATUSES


@rules.predicate
def is_goal_owner(person, goal) -> bool:
    return goal.owner_id == person.pk


@rules.predicate
def is_above_goal_owner(person, goal) -> bool:
    return person.is_ancestor_of(goal.owner)


@rules.predicate
def goal_is_company_visible(person, goal) -> bool:
    return goal.visibility == Visibility.COMPANY


@rules.predicate
def goal_cycle_is_open(person, goal) -> bool:
    return goal.cycle.phase != Phase.CLOSED


@rules.predicate
def goal_is_being_drafted(person, goal) -> bool:
    return goal.status in EDITABLE_STATUSES


@rules.predicate
def goal_is_submitted(person, goal) -> bool:
    return goal.status == Status.SUBMITTED


@rules.predicate
def goal_is_awaiting_or_approved(person, goal) -> bool:
    return goal.status in (Status.SUBMITTED, Status.APPROVED)


@rules.predicate
def goal_is_draft(person, goal) -> bool:
    return goal.status == Status.DRAFT


@rules.predicate
def goal_has_no_checkins(person, goal) -> bool:
    return not goal.checkins.exists()


@rules.predicate
def goal_owner_has_no_manager(person, goal) -> bool:
    return goal.owner.manager_id is None


@rules.predicate
def goal_is_executive_tier_in_workshop(person, goal) -> bool:
    return goal.tier == Tier.EXECUTIVE and goal.cycle.phase == Phase.WORKSHOP


@rules.predicate
def may_own_goals_of(person, owner) -> bool:
    """``person`` may draft goals owned by ``owner``: their own, or someone under them."""
    return owner is not None and (owner.pk == person.pk or person.is_ancestor_of(owner))


@rules.predicate
def is_cycle_open(person, cycle) -> bool:
    return cycle is not None and cycle.phase != Phase.CLOSED


# Reviewing is done from above: the owner's chain, or for someone at the top of the
# organisation, a fellow executive of the strategy committee.
can_review = ~is_goal_owner & (is_above_goal_owner | (goal_owner_has_no_manager & is_executive) | is_staff)

can_view_goal = goal_is_company_visible | is_goal_owner | is_above_goal_owner | is_staff
can_edit_goal = goal_cycle_is_open & (is_staff | (is_goal_owner & goal_is_being_drafted))
can_link_goal = can_edit_goal | (goal_cycle_is_open & is_executive & goal_is_executive_tier_in_workshop)
can_submit_goal = goal_cycle_is_open & is_goal_owner & goal_is_being_drafted
can_approve_goal = goal_cycle_is_open & goal_is_submitted & can_review
can_return_goal = goal_cycle_is_open & goal_is_awaiting_or_approved & can_review
can_check_in = goal_cycle_is_open & (is_goal_owner | is_above_goal_owner | is_staff)
can_allocate_target = goal_cycle_is_open & (is_goal_owner | is_above_goal_owner | is_staff)
can_carry_over = is_goal_owner | is_above_goal_owner | is_staff
# Deleting: a goal that was submitted, reviewed or checked in on has a history others rely on, so
# its owner may delete it only while it is a draft with no check-ins; admins delete any goal (and
# can restore it). Everything deleted stays restorable (goals.services.goal_delete).
can_delete_goal = goal_cycle_is_open & (is_staff | (is_goal_owner & goal_is_draft & goal_has_no_checkins))

rules.add_perm("goals.view_goal", can_view_goal)
rules.add_perm("goals.change_goal", can_edit_goal)
rules.add_perm("goals.delete_goal", can_delete_goal)
rules.add_perm("goals.link_goal", can_link_goal)
rules.add_perm("goals.submit_goal", can_submit_goal)
rules.add_perm("goals.approve_goal", can_approve_goal)
rules.add_perm("goals.return_goal", can_return_goal)
rules.add_perm("goals.checkin_goal", can_check_in)
rules.add_perm("goals.allocate_goal", can_allocate_target)
rules.add_perm("goals.carry_over_goal", can_carry_over)

# Object-less or person-object permissions.
rules.add_perm("goals.add_goal_for", is_staff | may_own_goals_of)
rules.add_perm("goals.add_corporate_objective", is_executive | is_staff)
rules.add_perm("goals.view_cycle", rules.is_authenticated)
rules.add_perm("goals.add_cycle", is_staff)
rules.add_perm("goals.change_cycle", is_staff)
rules.add_perm("goals.run_alignment_scan", is_executive | is_staff)
rules.add_perm("goals.run_workshop", is_executive | is_staff)

# Comments on goals: anyone who can see an open-cycle goal may comment; authors and
# staff remove comments. Predicates below take (person, comment).


@rules.predicate
def is_comment_author(person, comment) -> bool:
    return comment.author_id == person.pk


can_comment_on_goal = goal_cycle_is_open & can_view_goal

rules.add_perm("goals.comment_goal", can_comment_on_goal)
rules.add_perm("goals.delete_goalcomment", is_comment_author | is_staff)

# Phasing and scores (goals/quotas/). A goal's phasing sets the pace it is judged by, so once
# submitted only the people above its owner change it (owners at the top of the organisation too).


@rules.predicate
def goal_cycle_is_closed(person, goal) -> bool:
    return goal.cycle.phase == Phase.CLOSED


can_phase_goal = goal_cycle_is_open & (
    is_staff | is_above_goal_owner | (is_goal_owner & (goal_is_being_drafted | goal_owner_has_no_manager))
)

rules.add_perm("goals.phase_goal", can_phase_goal)
rules.add_perm("goals.write_retrospective", is_goal_owner & goal_cycle_is_closed)


# Deletions (predicates take (person, deletion)): the person who deleted may undo it for a
# while (``Deletion.undo_until``); admins restore any deletion, any time.


@rules.predicate
def is_deletion_actor_in_time(person, deletion) -> bool:
    from django.utils import timezone

    return deletion.actor_id == person.pk and deletion.undoable_at(timezone.now())


rules.add_perm("goals.restore_deletion", is_staff | is_deletion_actor_in_time)
rules.add_perm("goals.view_deletions", is_staff)
