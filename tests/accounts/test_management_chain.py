"""The management chain answers its three questions in a constant number of queries."""

import pytest

from accounts.models import Person, Role
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def build_deep_org(depth: int, width: int) -> list[Person]:
    """A chain ``depth`` managers deep with ``width`` reps under the lowest one."""
    boss = PersonFactory(role=Role.EXECUTIVE)
    chain = [boss]
    for _ in range(depth):
        chain.append(PersonFactory(role=Role.MANAGER, manager=chain[-1]))
    for _ in range(width):
        PersonFactory(manager=chain[-1])
    return [Person.objects.get(pk=person.pk) for person in chain]


def test_is_above_answers_without_a_query(people, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert people.ceo.is_above(people.rep)
        assert people.manager.is_above(people.rep)
        assert not people.rep.is_above(people.manager)
        assert not people.other_manager.is_above(people.rep)
        assert not people.rep.is_above(people.rep)
        assert not people.staff.is_above(people.rep)


@pytest.mark.parametrize("depth", [2, 8])
def test_everyone_under_is_one_query_whatever_the_depth(depth, django_assert_num_queries):
    chain = build_deep_org(depth=depth, width=5)
    with django_assert_num_queries(1):
        under_top = list(chain[0].everyone_under())
    assert len(under_top) == depth + 5


@pytest.mark.parametrize("depth", [2, 8])
def test_chain_up_is_one_query_nearest_manager_first(depth, django_assert_num_queries):
    chain = build_deep_org(depth=depth, width=1)
    rep = Person.objects.get(manager=chain[-1])
    with django_assert_num_queries(1):
        managers = list(rep.management_chain())
    assert managers == list(reversed(chain))


def test_queryset_helpers_match_the_model_methods(people):
    assert set(Person.objects.under(people.manager)) == {people.rep, people.peer_rep}
    assert set(Person.objects.under(people.manager, include_self=True)) == {people.manager, people.rep, people.peer_rep}
    assert list(Person.objects.above(people.rep).order_by("-lft")) == [people.manager, people.cro, people.ceo]


def test_moving_a_manager_moves_their_whole_team(people):
    from accounts.services import person_update

    person_update(person=people.manager, manager=people.other_manager)
    other_manager = Person.objects.get(pk=people.other_manager.pk)
    rep = Person.objects.get(pk=people.rep.pk)
    assert other_manager.is_above(rep)
    assert list(rep.management_chain()) == [
        Person.objects.get(pk=people.manager.pk),
        other_manager,
        people.cro,
        people.ceo,
    ]
