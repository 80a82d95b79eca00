"""Who may do what with assumptions, challenges, threads and change requests.

Transparency is the point: everyone signed in reads assumptions and challenges and may
challenge, endorse and discuss them. The assumption's owner answers challenges and
edits the assumption; a change request is decided by the goal's owner or their chain.
"""

import rules

from accounts.rules import is_executive, is_staff
from goals.models import Phase
from goals.rules import is_above_goal_owner, is_goal_owner


@rules.predicate
def is_assumption_owner(person, assumption) -> bool:
    return assumption.owner_id == person.pk


@rules.predicate
def assumption_cycle_is_open(person, assumption) -> bool:
    return assumption.cycle.phase != Phase.CLOSED


@rules.predicate
def owns_challenged_assumption(person, challenge) -> bool:
    return challenge.assumption.owner_id == person.pk


@rules.predicate
def is_challenge_author(person, challenge) -> bool:
    return challenge.author_id == person.pk


@rules.predicate
def is_comment_author(person, comment) -> bool:
    return comment.author_id == person.pk


@rules.predicate
def decides_for_goal(person, change_request) -> bool:
    goal = change_request.goal
    return is_goal_owner(person, goal) or is_above_goal_owner(person, goal)


rules.add_perm("assumptions.view_assumption", rules.is_authenticated)
rules.add_perm("assumptions.add_assumption", is_executive | is_staff)
rules.add_perm("assumptions.change_assumption", assumption_cycle_is_open & (is_assumption_owner | is_staff))
rules.add_perm("assumptions.challenge_assumption", rules.is_authenticated & assumption_cycle_is_open)
rules.add_perm("assumptions.endorse_challenge", rules.is_authenticated & ~is_challenge_author)
rules.add_perm("assumptions.resolve_challenge", owns_challenged_assumption)
rules.add_perm("assumptions.comment_challenge", rules.is_authenticated)
rules.add_perm("assumptions.change_comment", is_comment_author)
rules.add_perm("assumptions.delete_comment", is_comment_author | is_staff)
rules.add_perm("assumptions.decide_changerequest", decides_for_goal | is_staff)
