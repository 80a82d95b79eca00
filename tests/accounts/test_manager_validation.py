"""A person cannot be their own manager, directly or through a loop; only managers manage."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Person, Role
from accounts.services import person_create, person_update
from core.tree_integrity import tree_problems

pytestmark = pytest.mark.django_db


def test_a_person_cannot_manage_themselves(people):
    with pytest.raises(ValidationError) as error:
        person_update(person=people.manager, manager=people.manager)
    assert error.value.message_dict["manager"] == ["A person cannot be their own manager."]


def test_a_manager_cannot_report_to_someone_under_them(people):
    with pytest.raises(ValidationError) as error:
        person_update(person=people.cro, manager=people.manager)
    assert "would make a loop" in error.value.message_dict["manager"][0]
    assert Person.objects.get(pk=people.cro.pk).manager == people.ceo
    assert tree_problems(Person) == []


def test_a_rep_cannot_be_anyones_manager(people):
    with pytest.raises(ValidationError) as error:
        person_create(username="newbie", manager=people.rep)
    assert "cannot manage anyone" in error.value.message_dict["manager"][0]
    assert not Person.objects.filter(username="newbie").exists()


def test_an_executive_may_have_no_manager(db):
    ceo = person_create(username="boss", role=Role.EXECUTIVE, password="s3cret-pass")
    assert ceo.manager is None
    assert ceo.check_password("s3cret-pass")


def test_new_people_join_the_chain_and_the_tree_stays_sound(people):
    newcomer = person_create(username="newcomer", manager=people.other_manager, region="East")
    other_manager = Person.objects.get(pk=people.other_manager.pk)
    assert other_manager.is_above(Person.objects.get(pk=newcomer.pk))
    assert tree_problems(Person) == []


def test_unknown_fields_are_refused(db):
    with pytest.raises(TypeError):
        person_create(username="x", favourite_colour="blue")
