"""Who may do what with people (rules predicates, registered as object permissions)."""

import rules

from accounts.models import Role


@rules.predicate
def is_executive(person) -> bool:
    return getattr(person, "role", None) == Role.EXECUTIVE


@rules.predicate
def is_above(person, other) -> bool:
    """``person`` manages ``other``, directly or further up the chain."""
    return other is not None and person.is_ancestor_of(other)


is_staff = rules.is_staff

rules.add_perm("accounts.view_person", rules.is_authenticated)
rules.add_perm("accounts.add_person", is_staff)
rules.add_perm("accounts.change_person", is_staff)
rules.add_perm("accounts.delete_person", is_staff)
rules.add_perm("accounts.mark_high_performer", is_staff | is_above)
