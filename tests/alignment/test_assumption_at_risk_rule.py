"""assumption_at_risk: the goal rests on an assumption that is challenged, under review, revised or retired."""

import pytest

from assumptions.models import AT_RISK_STATUSES, AssumptionStatus
from goals.alignment.rules import AT_RISK_ASSUMPTION_STATUSES
from goals.models import FlagKind, Severity
from tests.alignment.conftest import kinds_on
from tests.factories import AssumptionFactory, ChallengeFactory, ChangeRequestFactory

pytestmark = pytest.mark.django_db


def test_the_scan_and_the_assumptions_app_agree_on_what_is_at_risk():
    assert set(AT_RISK_ASSUMPTION_STATUSES) == {str(status) for status in AT_RISK_STATUSES}


def test_a_goal_resting_on_a_challenged_assumption_is_flagged(people, cascade, cycle, scanned):
    churn = AssumptionFactory(
        cycle=cycle, owner=people.cro, statement="Churn stays under 8%", status=AssumptionStatus.CHALLENGED
    )
    churn.goals.set([cascade.manager])

    flags = scanned(cycle)

    flag = flags[("West new ARR", FlagKind.ASSUMPTION_AT_RISK)]
    assert flag.severity == Severity.WARNING
    assert flag.message == 'Rests on the assumption "Churn stays under 8%", which is challenged.'


def test_several_assumptions_at_risk_are_listed_and_a_retired_one_is_critical(people, cascade, cycle, scanned):
    for statement, status in (
        ("Budgets reopen in Q3", AssumptionStatus.RETIRED),
        ("Partners source a quarter of pipeline", AssumptionStatus.UNDER_REVIEW),
    ):
        AssumptionFactory(cycle=cycle, owner=people.cro, statement=statement, status=status).goals.set([cascade.rep])

    flags = scanned(cycle)

    flag = flags[("Riley new ARR", FlagKind.ASSUMPTION_AT_RISK)]
    assert flag.severity == Severity.CRITICAL
    assert flag.message == (
        'Rests on 2 assumptions at risk: "Budgets reopen in Q3" (retired) and '
        '"Partners source a quarter of pipeline" (under review).'
    )


@pytest.mark.parametrize("status", [AssumptionStatus.ACTIVE, AssumptionStatus.UPHELD])
def test_an_assumption_in_good_standing_raises_nothing(people, cascade, cycle, scanned, status):
    AssumptionFactory(cycle=cycle, owner=people.cro, status=status).goals.set([cascade.rep])

    scanned(cycle)

    assert FlagKind.ASSUMPTION_AT_RISK not in kinds_on(cascade.rep)


def test_a_goal_that_took_the_course_correction_is_no_longer_flagged_once_the_owner_answered(
    people, cascade, cycle, scanned
):
    churn = AssumptionFactory(
        cycle=cycle, owner=people.cro, statement="Churn stays under 8%", status=AssumptionStatus.CHALLENGED
    )
    churn.goals.set([cascade.manager, cascade.rep])
    challenge = ChallengeFactory(assumption=churn, author=people.rep, status="open")
    ChangeRequestFactory(challenge=challenge, goal=cascade.manager, status="applied")
    # While the challenge is open, the assumption is still in question for everyone.
    assert ("West new ARR", FlagKind.ASSUMPTION_AT_RISK) in scanned(cycle)

    challenge.status = "accepted"
    challenge.save()
    flags = scanned(cycle)

    assert ("West new ARR", FlagKind.ASSUMPTION_AT_RISK) not in flags  # corrected, resolved without a status reset
    assert ("Riley new ARR", FlagKind.ASSUMPTION_AT_RISK) in flags  # took no correction: still at risk
