"""The workshop's decision log: typed by executives while the workshop runs."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.exceptions import StateConflict
from workshop.models import Decision, DecisionKind
from workshop.services import decision_log

pytestmark = pytest.mark.django_db


def test_an_executive_logs_a_decision_about_an_objective(people, workshop):
    decision = decision_log(
        actor=people.cro, cycle=workshop.cycle, text="  APAC waits a year.  ", objective=workshop.arr
    )
    assert decision.text == "APAC waits a year."
    assert decision.kind == DecisionKind.NOTE
    assert decision.author == people.cro and decision.objective == workshop.arr


def test_a_decision_needs_words(people, workshop):
    with pytest.raises(ValidationError) as error:
        decision_log(actor=people.cro, cycle=workshop.cycle, text="   ")
    assert error.value.message_dict == {"text": ["Write down what was decided."]}


def test_a_decision_is_about_a_corporate_objective_of_the_cycle(people, workshop):
    with pytest.raises(ValidationError) as error:
        decision_log(actor=people.cro, cycle=workshop.cycle, text="x", objective=workshop.mapped)
    assert "objective" in error.value.message_dict


def test_only_executives_and_admins_log_decisions_and_only_during_the_workshop(people, workshop):
    with pytest.raises(PermissionDenied):
        decision_log(actor=people.manager, cycle=workshop.cycle, text="We agreed.")
    decision_log(actor=people.staff, cycle=workshop.cycle, text="Recorded by the admin.")
    workshop.cycle.phase = "active"
    workshop.cycle.save()
    with pytest.raises(StateConflict):
        decision_log(actor=people.ceo, cycle=workshop.cycle, text="Too late.")
    assert Decision.objects.count() == 1
