"""Home's to-do list: my cabinet action items (overdue first), a seat offered to me, questions to recommend on."""

import datetime

import pytest

from cabinet import services
from tests.cabinet.conftest import option
from tests.clock import TEST_NOW, TEST_TODAY

pytestmark = pytest.mark.django_db


def _section(client, person, key: str) -> str:
    client.force_login(person)
    page = client.get("/").content.decode()
    start = page.find(f'id="todo-{key}"')
    return page[start : page.find("</section>", start)] if start >= 0 else ""


def test_my_open_action_items_are_on_my_home_page_with_the_overdue_one_marked(client, people, cycle, seated, clock):
    meeting = services.meeting_schedule(
        actor=people.rep, cycle=cycle, title="Review", scheduled_for=TEST_NOW + datetime.timedelta(minutes=1)
    )
    for title, days in (("Compare pipeline", 1), ("Write the summary", 10)):
        services.action_item_add(
            actor=people.rep,
            meeting=meeting,
            title=title,
            owner=people.peer_rep,
            due_date=TEST_TODAY + datetime.timedelta(days=days),
        )
    clock.shift(datetime.timedelta(days=3))
    section = _section(client, people.peer_rep, "cabinet-actions")
    assert "Cabinet action items" in section
    assert section.index("Compare pipeline") < section.index("Write the summary")
    assert "Overdue since" in section and f'href="/cabinet/meetings/{meeting.pk}/#action-' in section
    assert _section(client, people.rep, "cabinet-actions") == ""


def test_a_seat_offered_to_me_and_questions_waiting_for_my_seat_are_on_my_list(
    client, people, cycle, committee, seated, question
):
    services.seat_vacate(actor=people.cro, seat=seated.peer, reason="Rotation")
    services.seat_offer(actor=people.cro, cycle=cycle, role=committee.ceo, holder=people.other_rep)
    offer = _section(client, people.other_rep, "cabinet")
    assert "A seat is offered to you: Chief Executive Officer: the plan" in offer
    waiting = _section(client, people.rep, "cabinet")
    assert question.title in waiting and "Recommend" in waiting
    services.recommendation_record(
        actor=people.rep, question=question, option=option(question, "Move $1M"), reasoning="r"
    )
    assert question.title not in _section(client, people.rep, "cabinet")
    assert _section(client, people.manager, "cabinet") == ""
