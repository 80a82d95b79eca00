"""Every change to an assumption keeps a revision: who, when, what, and why."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assumptions.models import AssumptionStatus
from assumptions.services import assumption_create, assumption_update, challenge_open

pytestmark = pytest.mark.django_db


def test_writing_an_assumption_records_revision_one(people, churn, cascade):
    revision = churn.revisions.get()
    assert revision.number == 1 and churn.revision == 1
    assert revision.author == people.ceo
    assert revision.changes["statement"] == [None, "Mid-market churn stays under 8%"]
    assert revision.changes["goals"] == [None, sorted([cascade.objective.pk, cascade.manager.pk, cascade.rep.pk])]


def test_each_edit_records_only_what_changed(people, churn, cascade):
    assumption_update(actor=people.ceo, assumption=churn, confidence="low", note="Q2 numbers are soft")
    assumption_update(actor=people.ceo, assumption=churn, goals=[cascade.objective])
    assumption_update(actor=people.ceo, assumption=churn, confidence="low")  # nothing changes: no revision

    churn.refresh_from_db()
    assert churn.revision == 3
    newest, middle, first = churn.revisions.all()
    assert [newest.number, middle.number, first.number] == [3, 2, 1]
    assert middle.changes == {"confidence": ["high", "low"]} and middle.note == "Q2 numbers are soft"
    assert newest.changes["goals"][1] == [cascade.objective.pk]
    assert list(churn.goals.all()) == [cascade.objective]


def test_only_executives_write_assumptions_and_only_owners_edit_them(people, cycle, churn):
    with pytest.raises(PermissionDenied):
        assumption_create(actor=people.rep, cycle=cycle, statement="Reps believe this")
    with pytest.raises(ValidationError) as error:
        assumption_create(actor=people.staff, cycle=cycle, statement="x", owner=people.manager)
    assert "owner" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        assumption_update(actor=people.cro, assumption=churn, confidence="low")


def test_an_empty_statement_is_refused(people, cycle):
    with pytest.raises(ValidationError) as error:
        assumption_create(actor=people.ceo, cycle=cycle, statement="  ")
    assert "statement" in error.value.message_dict


def test_the_owner_cannot_wave_away_open_challenges(people, churn):
    challenge_open(actor=people.rep, assumption=churn, claim="Too optimistic")
    churn.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        assumption_update(actor=people.ceo, assumption=churn, status=AssumptionStatus.UPHELD)
    assert "open challenge" in error.value.message_dict["status"][0]
    assumption_update(actor=people.ceo, assumption=churn, status=AssumptionStatus.UNDER_REVIEW, note="Looking at it")
    churn.refresh_from_db()
    assert churn.status == AssumptionStatus.UNDER_REVIEW
    with pytest.raises(ValidationError):
        assumption_update(actor=people.ceo, assumption=churn, status=AssumptionStatus.CHALLENGED)


def test_goals_must_belong_to_the_cycle_and_be_visible(people, cycle, cascade):
    from tests.factories import CycleFactory, GoalFactory

    elsewhere = GoalFactory(cycle=CycleFactory(), owner=people.cro)
    with pytest.raises(ValidationError) as error:
        assumption_create(actor=people.ceo, cycle=cycle, statement="x", goals=[elsewhere])
    assert "goals" in error.value.message_dict
