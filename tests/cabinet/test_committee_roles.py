"""The Executive Strategy Committee as data: roles held by executives, with a remit and a portfolio."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cabinet import services
from cabinet.models import CommitteeRole
from tests.factories import AssumptionFactory, CorporateObjectiveFactory

pytestmark = pytest.mark.django_db


def test_an_executive_adds_a_role_with_its_remit_and_portfolio(people, cycle, cascade):
    churn = AssumptionFactory(cycle=cycle, owner=people.cro, statement="Churn stays under 8%")
    role = services.committee_role_create(
        actor=people.ceo,
        title="VP Customer Success: retention",
        holder=people.cro,
        remit="Gross and net retention.",
        objectives=[cascade.objective],
        assumptions=[churn],
    )
    assert role.holder == people.cro and role.remit == "Gross and net retention."
    assert list(role.objectives.all()) == [cascade.objective]
    assert list(role.assumptions.all()) == [churn]


def test_managers_and_reps_cannot_shape_the_committee(people):
    for person in (people.manager, people.rep):
        with pytest.raises(PermissionDenied):
            services.committee_role_create(actor=person, title="Shadow role", holder=people.cro)
    assert not CommitteeRole.objects.exists()


def test_a_role_is_held_by_an_executive(people):
    with pytest.raises(ValidationError) as error:
        services.committee_role_create(actor=people.staff, title="Head of sales", holder=people.manager)
    assert "is not an executive" in error.value.message_dict["holder"][0]


def test_only_corporate_objectives_join_a_portfolio(people, cascade):
    with pytest.raises(ValidationError) as error:
        services.committee_role_create(
            actor=people.staff, title="CRO", holder=people.cro, objectives=[cascade.executive]
        )
    assert "objectives" in error.value.message_dict


def test_a_private_objective_outside_my_chain_cannot_join_my_role(people, cycle):
    private = CorporateObjectiveFactory(cycle=cycle, owner=people.ceo, visibility="private")
    with pytest.raises(ValidationError):
        services.committee_role_create(actor=people.cro, title="CRO", holder=people.cro, objectives=[private])


def test_titles_are_unique(people):
    services.committee_role_create(actor=people.staff, title="CRO: new ARR", holder=people.cro)
    with pytest.raises(ValidationError) as error:
        services.committee_role_create(actor=people.staff, title="CRO: new ARR", holder=people.ceo)
    assert "title" in error.value.message_dict


def test_a_retired_role_keeps_its_history_and_takes_no_new_seats(people, cycle, committee, high_performers):
    services.committee_role_update(actor=people.staff, role=committee.cro, is_active=False)
    assert CommitteeRole.objects.active().count() == 1
    with pytest.raises(ValidationError) as error:
        services.seat_offer(actor=people.staff, cycle=cycle, role=committee.cro, holder=people.rep)
    assert "no longer a committee role" in error.value.message_dict["role"][0]


def test_editing_keeps_objectives_the_editor_cannot_see(people, cycle, committee):
    private = CorporateObjectiveFactory(cycle=cycle, owner=people.ceo, visibility="private")
    services.committee_role_update(actor=people.ceo, role=committee.ceo, objectives=[private])
    services.committee_role_update(actor=people.cro, role=committee.ceo, remit="The plan as a whole.")
    assert list(committee.ceo.objectives.all()) == [private]
