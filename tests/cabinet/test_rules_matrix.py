"""Who may do what in the Shadow Cabinet, for every role of the small company and every action (cabinet/rules.py)."""

import pytest
import rules

from cabinet import services
from tests.cabinet.conftest import option

pytestmark = pytest.mark.django_db

ROLES = ["ceo", "cro", "manager", "other_manager", "rep", "peer_rep", "other_rep", "staff"]


def allowed(people, perm, obj=None) -> set[str]:
    return {name for name in ROLES if rules.has_perm(perm, getattr(people, name), obj)}


def test_everyone_reads_the_strategy_room_and_the_cabinet(people):
    assert allowed(people, "cabinet.view_strategy_room") == set(ROLES)
    assert allowed(people, "cabinet.view_cabinet") == set(ROLES)


def test_executives_and_staff_shape_the_committee_and_appoint(people, cycle):
    assert allowed(people, "cabinet.manage_committee") == {"ceo", "cro", "staff"}
    assert allowed(people, "cabinet.offer_seat", cycle) == {"ceo", "cro", "staff"}


def test_managers_mark_their_own_people_executives_and_staff_anyone_nobody_themselves(people):
    assert allowed(people, "cabinet.mark_high_performer", people.rep) == {"ceo", "cro", "manager", "staff"}
    assert allowed(people, "cabinet.mark_high_performer", people.other_rep) == {"ceo", "cro", "other_manager", "staff"}
    assert "cro" not in allowed(people, "cabinet.mark_high_performer", people.cro)


def test_candidates_are_for_executives_staff_and_people_with_reports(people):
    assert allowed(people, "cabinet.view_candidates") == {"ceo", "cro", "manager", "other_manager", "staff"}


def test_only_the_person_offered_a_seat_answers_it(people, cycle, committee, high_performers):
    seat = services.seat_offer(actor=people.cro, cycle=cycle, role=committee.cro, holder=people.rep)
    assert allowed(people, "cabinet.respond_to_seat", seat) == {"rep"}
    assert allowed(people, "cabinet.withdraw_seat", seat) == {"ceo", "cro", "staff"}
    assert allowed(people, "cabinet.vacate_seat", seat) == set()  # not held yet
    seat = services.seat_accept(actor=people.rep, seat=seat)
    assert allowed(people, "cabinet.respond_to_seat", seat) == set()
    assert allowed(people, "cabinet.vacate_seat", seat) == {"ceo", "cro", "staff", "rep"}


def test_committee_members_ask_and_decide_seat_holders_recommend(people, cycle, seated, question):
    assert allowed(people, "cabinet.add_question", cycle) == {"ceo", "cro", "staff"}
    assert allowed(people, "cabinet.change_question", question) == {"ceo", "cro", "staff"}
    assert allowed(people, "cabinet.decide_question", question) == {"ceo", "cro"}  # not staff: only the committee
    assert allowed(people, "cabinet.recommend", question) == {"rep", "peer_rep"}
    assert allowed(people, "cabinet.view_recommendations", question) == {"rep", "peer_rep"}
    assert allowed(people, "cabinet.record_outcome", question) == set()


def test_after_publication_recommendations_are_closed_and_everyone_reads_them(people, seated, question):
    services.question_decide(
        actor=people.cro, question=question, option=option(question, "Move $1M"), rationale="Half now."
    )
    question.refresh_from_db()
    assert allowed(people, "cabinet.recommend", question) == set()
    assert allowed(people, "cabinet.change_question", question) == set()
    assert allowed(people, "cabinet.decide_question", question) == set()
    assert allowed(people, "cabinet.view_recommendations", question) == set(ROLES)
    assert allowed(people, "cabinet.record_outcome", question) == {"ceo", "cro", "rep", "peer_rep"}


def test_meetings_are_run_by_the_cabinet_the_committee_and_staff(people, cycle, seated):
    assert allowed(people, "cabinet.add_meeting", cycle) == {"ceo", "cro", "rep", "peer_rep", "staff"}


def test_nothing_changes_in_a_closed_cycle(people, cycle, seated, question):
    cycle.phase = "closed"
    cycle.save()
    question.refresh_from_db()
    seated.rep.refresh_from_db()
    assert allowed(people, "cabinet.offer_seat", cycle) == set()
    assert allowed(people, "cabinet.recommend", question) == set()
    assert allowed(people, "cabinet.decide_question", question) == set()
    assert allowed(people, "cabinet.add_meeting", cycle) == set()
    assert allowed(people, "cabinet.vacate_seat", seated.rep) == set()
