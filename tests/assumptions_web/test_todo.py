"""The home to-do list: challenges awaiting my answer, course corrections for my goals."""

from decimal import Decimal

import pytest

from assumptions import services
from goals.models import Cycle
from tests.assumptions_web.conftest import html, signed_in
from tests.factories import GoalFactory, PersonFactory

pytestmark = pytest.mark.django_db


def _section(page: str, key: str) -> str:
    start = page.find(f'id="todo-{key}"')
    return page[start : page.find("</section>", start)] if start >= 0 else ""


def test_an_assumption_owner_sees_the_challenges_awaiting_their_answer(client, people, challenge):
    services.challenge_endorse(actor=people.peer_rep, challenge=challenge)
    section = _section(html(signed_in(client, people.cro).get("/")), "challenges")
    assert "Challenges awaiting my answer" in section
    assert "Buyers trade the tier against discount" in section and "Riley Rep" in section
    assert "1 endorsement" in section and f'href="/assumptions/challenges/{challenge.pk}/"' in section


def test_answered_challenges_and_other_peoples_assumptions_are_not_on_the_list(client, people, challenge):
    assert _section(html(signed_in(client, people.ceo).get("/")), "challenges") == ""
    services.challenge_resolve(actor=people.cro, challenge=challenge, status="declined", response="No")
    assert _section(html(signed_in(client, people.cro).get("/")), "challenges") == ""


def test_goal_owners_and_managers_see_course_corrections_for_their_goals(client, people, challenge):
    services.challenge_resolve(actor=people.cro, challenge=challenge, status="accepted", response="Yes")
    for person in (people.rep, people.manager):
        section = _section(html(signed_in(client, person).get("/")), "course-corrections")
        assert "Course corrections for my goals" in section
        assert "Riley new ARR" in section and "New target $190,000" in section
    assert _section(html(signed_in(client, people.peer_rep).get("/")), "course-corrections") == ""


def test_course_corrections_of_a_closed_cycle_are_not_on_the_list(client, people, challenge):
    services.challenge_resolve(actor=people.cro, challenge=challenge, status="accepted", response="Yes")
    Cycle.objects.update(phase="closed")
    assert _section(html(signed_in(client, people.rep).get("/")), "course-corrections") == ""


def test_the_sections_cost_the_same_queries_with_many_items(
    client, people, cycle, cascade, assumption, django_assert_max_num_queries
):
    def home_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            client.get("/")
        return len(queries)

    signed_in(client, people.cro)
    few = home_queries()
    goals = [GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.manager) for _ in range(12)]
    challengers = [PersonFactory(manager=people.manager) for _ in range(12)]
    for n, person in enumerate(challengers):
        challenge = services.challenge_open(
            actor=person,
            assumption=assumption,
            claim=f"Doubt {n}",
            proposed_changes=[services.ProposedChange(goal=goals[n], proposed_target=Decimal(1000))],
        )
        if n % 2:
            services.challenge_resolve(actor=people.cro, challenge=challenge, status="accepted", response="Yes")
    many = home_queries()
    assert many <= few + 2  # once a section is full, one count joins its list, whatever the number of items
    with django_assert_max_num_queries(21):  # 17, and one per territory plan to-do section (four)
        page = html(client.get("/"))
    assert "Challenges awaiting my answer" in page and "Course corrections for my goals" in page
    assert 'class="count count--alert">6<' in _section(page, "challenges")
