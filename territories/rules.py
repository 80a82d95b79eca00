"""Who may do what with territory plans and joint plans: the one place the API and the pages ask.

A territory plan is private to its rep's management chain: the rep writes it and works it, the
managers above read and review it, staff read it; nobody else learns it exists. A joint plan is
visible to its region: the people of the region (by their region label), everyone in the sales
leader's organisation and chain, its members, staff. The leader and the members write it.

Predicates take (person, plan); plans should come with owner (or leader) and cycle loaded.
"""

import rules

from accounts.models import Function, Role
from accounts.rules import is_staff
from goals.models import Phase
from territories.models import EDITABLE_PLAN_STATUSES, PlanStatus


@rules.predicate
def is_plan_owner(person, plan) -> bool:
    return plan.owner_id == person.pk


@rules.predicate
def is_above_plan_owner(person, plan) -> bool:
    return person.is_ancestor_of(plan.owner)


@rules.predicate
def plan_cycle_is_open(person, plan) -> bool:
    return plan.cycle.phase != Phase.CLOSED


@rules.predicate
def plan_is_editable(person, plan) -> bool:
    return plan.status in EDITABLE_PLAN_STATUSES


@rules.predicate
def plan_is_submittable(person, plan) -> bool:
    return plan.status in (PlanStatus.DRAFT, PlanStatus.RETURNED)


@rules.predicate
def plan_is_submitted(person, plan) -> bool:
    return plan.status == PlanStatus.SUBMITTED


@rules.predicate
def plan_is_submitted_or_approved(person, plan) -> bool:
    return plan.status in (PlanStatus.SUBMITTED, PlanStatus.APPROVED)


@rules.predicate
def is_rep_starting_own_plan(person, owner) -> bool:
    """``owner`` is the person the new plan is for: a rep writes their own."""
    return owner is not None and owner.pk == person.pk and person.role == Role.REP


@rules.predicate
def manages_a_team(person, manager) -> bool:
    """``manager`` is the team's manager: a person sets their own team's funnel defaults."""
    return manager is not None and manager.pk == person.pk and person.role in (Role.MANAGER, Role.EXECUTIVE)


can_view_plan = is_plan_owner | is_above_plan_owner | is_staff
can_edit_plan = plan_cycle_is_open & is_plan_owner & plan_is_editable
can_work_plan = plan_cycle_is_open & is_plan_owner
can_submit_plan = plan_cycle_is_open & is_plan_owner & plan_is_submittable
can_comment_plan = plan_cycle_is_open & (is_plan_owner | is_above_plan_owner)
can_review_plan = plan_cycle_is_open & is_above_plan_owner
can_approve_plan = plan_cycle_is_open & plan_is_submitted & is_above_plan_owner
can_return_plan = plan_cycle_is_open & plan_is_submitted_or_approved & is_above_plan_owner

rules.add_perm("territories.view_territoryplan", can_view_plan)
rules.add_perm("territories.change_territoryplan", can_edit_plan)
rules.add_perm("territories.work_territoryplan", can_work_plan)
rules.add_perm("territories.submit_territoryplan", can_submit_plan)
rules.add_perm("territories.comment_territoryplan", can_comment_plan)
rules.add_perm("territories.review_territoryplan", can_review_plan)
rules.add_perm("territories.approve_territoryplan", can_approve_plan)
rules.add_perm("territories.return_territoryplan", can_return_plan)
rules.add_perm("territories.add_territoryplan_for", is_rep_starting_own_plan)
rules.add_perm("territories.set_team_funnel", manages_a_team)


# --- joint plans: predicates take (person, joint plan) -------------------------------------


def member_ids(plan) -> set[int]:
    """The ids of the plan's members (one query, then kept on the plan)."""
    if not hasattr(plan, "_member_ids"):
        plan._member_ids = set(plan.members.values_list("pk", flat=True))
    return plan._member_ids


@rules.predicate
def leads_joint_plan(person, plan) -> bool:
    return plan.leader_id == person.pk


@rules.predicate
def is_joint_plan_member(person, plan) -> bool:
    return person.pk in member_ids(plan)


@rules.predicate
def is_in_joint_plan_region(person, plan) -> bool:
    """Of the region: by the region label, under the leader, or above the leader."""
    leader = plan.leader
    return bool(
        (person.region and person.region == plan.region)
        or leader.is_ancestor_of(person)
        or person.is_ancestor_of(leader)
    )


@rules.predicate
def joint_plan_cycle_is_open(person, plan) -> bool:
    return plan.cycle.phase != Phase.CLOSED


@rules.predicate
def is_sales_leader(person, leader) -> bool:
    """``leader`` (the plan's future leader) is the person themselves, a sales manager or executive."""
    return (
        leader is not None
        and leader.pk == person.pk
        and person.function == Function.SALES
        and person.role in (Role.MANAGER, Role.EXECUTIVE)
    )


can_view_joint_plan = is_staff | leads_joint_plan | is_in_joint_plan_region | is_joint_plan_member
can_edit_joint_plan = joint_plan_cycle_is_open & (leads_joint_plan | is_joint_plan_member | is_staff)

rules.add_perm("territories.view_jointplan", can_view_joint_plan)
rules.add_perm("territories.change_jointplan", can_edit_joint_plan)
rules.add_perm("territories.add_jointplan_for", is_sales_leader | is_staff)


@rules.predicate
def is_target_co_owner(person, target) -> bool:
    return target.co_owner_id == person.pk


@rules.predicate
def joint_target_cycle_is_open(person, target) -> bool:
    return target.plan.cycle.phase != Phase.CLOSED


# The co-owner puts a joint target into the cascade: the goal is theirs (goals' rules check again).
rules.add_perm("territories.place_jointtarget", joint_target_cycle_is_open & is_target_co_owner)
