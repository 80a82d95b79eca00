"""Candidates are suggested from data, with the evidence: attainment, check-in discipline, accepted challenges."""

import datetime
from decimal import Decimal

import pytest

from cabinet.candidates import suggest_candidates
from tests.clock import TEST_TODAY, fiscal_year_start
from tests.factories import AssumptionFactory, ChallengeFactory, CheckInFactory, CycleFactory, GoalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_year(db):
    start = fiscal_year_start(TEST_TODAY)
    return CycleFactory(
        name="FY2026",
        start=start.replace(year=start.year - 1),
        end=start - datetime.timedelta(days=1),
        phase="closed",
        checkin_interval_days=30,
    )


def _goal(cycle, owner, target, current, **fields):
    return GoalFactory(cycle=cycle, owner=owner, target=Decimal(target), current=Decimal(current), **fields)


def _checkins(goal, count):
    for n in range(count):
        CheckInFactory(
            goal=goal,
            created=datetime.datetime.combine(
                goal.cycle.start + datetime.timedelta(days=20 * n + 5), datetime.time(9), tzinfo=datetime.UTC
            ),
        )


@pytest.fixture
def track(people, cycle, last_year):
    """Riley beat last year's target, Pat missed it but had a challenge accepted, Olive's only goal was private."""
    riley_arr = _goal(last_year, people.rep, 100_000, 140_000, weight=Decimal(3))
    _goal(last_year, people.rep, 10, 8, unit="deals", weight=Decimal(1))
    _checkins(riley_arr, 12)
    pat = _goal(last_year, people.peer_rep, 100_000, 70_000)
    _checkins(pat, 3)
    _goal(last_year, people.other_rep, 100_000, 150_000, visibility="private")
    assumption = AssumptionFactory(cycle=cycle, owner=people.cro)
    ChallengeFactory(assumption=assumption, author=people.peer_rep, status="accepted")
    ChallengeFactory(assumption=assumption, author=people.other_rep, status="declined")
    return people


def test_evidence_shows_attainment_discipline_and_accepted_challenges(track, cycle):
    suggestions = suggest_candidates(cycle, track.cro)
    by_person = {candidate.person: candidate for candidate in suggestions.candidates}
    riley = by_person[track.rep]
    assert riley.attainment == pytest.approx((3 * 1.4 + 1 * 0.8) / 4)
    assert (riley.attainment_goals, riley.attainment_cycle) == (2, "FY2026")
    assert (riley.checkins, riley.checkins_expected) == (12, 2 * 12)  # two goals, twelve 30-day intervals
    assert riley.evidence[0] == "Reached 125% of target across 2 goals in FY2026."
    assert "Posted 12 of 24 expected check-ins in FY2026 (50%)." in riley.evidence
    pat = by_person[track.peer_rep]
    assert pat.accepted_challenges == 1 and pat.attainment == pytest.approx(0.7)
    assert "Raised 1 challenge to assumptions that were accepted." in pat.evidence


def test_the_best_come_first(track, cycle):
    people = [candidate.person for candidate in suggest_candidates(cycle, track.ceo).candidates]
    assert people == [track.rep, track.peer_rep]


def test_private_goals_never_count_and_declined_challenges_do_not_suggest_anyone(track, cycle):
    people = [candidate.person for candidate in suggest_candidates(cycle, track.staff).candidates]
    assert track.other_rep not in people


def test_managers_see_only_their_own_people(track, cycle):
    assert [c.person for c in suggest_candidates(cycle, track.other_manager).candidates] == []
    assert {c.person for c in suggest_candidates(cycle, track.manager).candidates} == {track.rep, track.peer_rep}


def test_someone_holding_or_offered_a_seat_is_not_suggested_again(track, cycle, committee):
    from cabinet import services

    services.high_performer_mark(actor=track.manager, person=track.rep, reason="Great year")
    services.seat_offer(actor=track.cro, cycle=cycle, role=committee.cro, holder=track.rep)
    assert [c.person for c in suggest_candidates(cycle, track.cro).candidates] == [track.peer_rep]


def test_suggestions_cost_a_fixed_number_of_queries(track, cycle, last_year, django_assert_max_num_queries):
    for n in range(15):
        _goal(last_year, track.peer_rep, 1_000, 2_000, title=f"More {n}")
    with django_assert_max_num_queries(7):
        suggest_candidates(cycle, track.cro)
