"""The assumptions board: a cycle's assumptions by corporate objective, with status, challenges and votes."""

import pytest

from assumptions import services
from assumptions.models import Assumption
from tests.assumptions_web.conftest import html, signed_in
from tests.factories import CorporateObjectiveFactory, CycleFactory, GoalFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_the_board_groups_assumptions_under_the_objective_their_goals_cascade_from(client, people, cascade, challenge):
    services.challenge_endorse(actor=people.peer_rep, challenge=challenge)
    loose = services.assumption_create(actor=people.ceo, cycle=cascade.objective.cycle, statement="Hiring keeps pace")
    page = html(signed_in(client, people.rep).get("/assumptions/"))
    objective_section = page.split('<section class="card assumption-group" id="objective-')[1].split("</section>")[0]
    assert "Grow new ARR 30%" in objective_section
    assert "Enterprise deal size grows 10%" in objective_section
    assert "1 open challenge" in objective_section and "1 endorsement" in objective_section
    assert "badge--status-challenged" in objective_section
    unlinked = page.split('id="unlinked"')[1].split("</section>")[0]
    assert "Not linked to an objective" in unlinked and loose.statement in unlinked


def test_an_assumption_resting_on_two_objectives_shows_under_both(client, people, cascade, assumption, cycle):
    other = CorporateObjectiveFactory(cycle=cycle, owner=people.ceo, title="Keep retention at 92%")
    assumption.goals.add(other)
    page = html(signed_in(client, people.rep).get("/assumptions/"))
    assert page.count("Enterprise deal size grows 10%") == 2
    assert "Keep retention at 92%" in page


def test_a_link_to_a_private_goal_does_not_place_the_assumption_for_people_who_cannot_see_it(client, people, cycle):
    secret_tree = CorporateObjectiveFactory(cycle=cycle, owner=people.ceo, title="Secret objective")
    private = GoalFactory(cycle=cycle, owner=people.manager, parent=secret_tree, visibility="private", title="Hidden")
    assumption = services.assumption_create(actor=people.cro, cycle=cycle, statement="Private bet holds")
    assumption.goals.add(private)
    outsider = html(signed_in(client, people.other_rep).get("/assumptions/"))
    assert "Private bet holds" in outsider.split('id="unlinked"')[1]
    insider = html(signed_in(client, people.manager).get("/assumptions/"))
    assert 'id="unlinked"' not in insider and "Secret objective" in insider


def test_the_status_filter_keeps_only_that_status(client, people, cascade, challenge, cycle):
    services.assumption_create(actor=people.cro, cycle=cycle, statement="Quiet assumption", goals=[cascade.manager])
    page = html(signed_in(client, people.rep).get("/assumptions/?status=challenged"))
    assert "Enterprise deal size grows 10%" in page and "Quiet assumption" not in page
    empty = html(client.get("/assumptions/?status=retired"))
    assert "No assumptions with that status" in empty


def test_a_nonsense_status_filter_is_an_error_on_the_filter_not_a_crash(client, people, assumption):
    response = signed_in(client, people.rep).get("/assumptions/?status=bogus")
    assert response.status_code == 200
    assert "Select a valid choice" in html(response)
    assert "Enterprise deal size grows 10%" in html(response)


def test_the_cycle_switcher_shows_another_cycles_assumptions(client, people, assumption):
    later = CycleFactory(name="FY2028", phase="planning")
    services.assumption_create(actor=people.cro, cycle=later, statement="Next year bet")
    page = html(signed_in(client, people.rep).get(f"/assumptions/?cycle={later.pk}"))
    assert "Next year bet" in page and "Enterprise deal size grows 10%" not in page
    assert f'href="/assumptions/?cycle={assumption.cycle_id}"' in page
    assert signed_in(client, people.rep).get("/assumptions/?cycle=9999").status_code == 404


def test_the_filter_answers_htmx_with_the_board_body_only(client, people, assumption):
    response = signed_in(client, people.rep).get(
        "/assumptions/?status=active", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="board-body"
    )
    assert "<html" not in html(response) and 'id="board-body"' in html(response)


@pytest.mark.parametrize(("login", "sees_new"), [("rep", False), ("manager", False), ("cro", True), ("staff", True)])
def test_only_executives_and_admins_see_new_assumption(client, people, assumption, login, sees_new):
    page = html(signed_in(client, getattr(people, login)).get("/assumptions/"))
    assert ("New assumption" in page) is sees_new


def test_the_navigation_leads_to_the_board(client, people):
    page = html(signed_in(client, people.rep).get("/assumptions/"))
    assert 'href="/assumptions/" aria-current="page" class="is-active">Assumptions' in page


def test_the_board_costs_a_fixed_number_of_queries(client, people, cycle, django_assert_max_num_queries):
    objectives = [CorporateObjectiveFactory(cycle=cycle, owner=people.ceo, title=f"Objective {n}") for n in range(4)]
    goals = [GoalFactory(cycle=cycle, owner=people.cro, parent=objective) for objective in objectives]
    voters = [PersonFactory(manager=people.manager) for _ in range(3)]
    for n in range(30):
        assumption = services.assumption_create(
            actor=people.cro, cycle=cycle, statement=f"Belief {n}", goals=[goals[n % 4], goals[(n + 1) % 4]]
        )
        challenge = services.challenge_open(actor=people.rep, assumption=assumption, claim=f"Doubt {n}")
        for voter in voters:
            services.challenge_endorse(actor=voter, challenge=challenge)
    assert Assumption.objects.count() == 30
    signed_in(client, people.rep)
    with django_assert_max_num_queries(10):
        page = html(client.get("/assumptions/"))
    assert page.count("3 endorsements") == 60  # each assumption under its two objectives
    assert page.count("1 open challenge") == 60
