"""The cabinet's pages: in the product's layout, with a "Cabinet" header entry, forms that keep what was typed."""

import datetime

import pytest

from cabinet import services
from cabinet.models import CommitteeQuestion, HighPerformerMark, ShadowRecommendation, ShadowSeat
from tests.cabinet.conftest import in_days, option
from tests.clock import TEST_NOW

pytestmark = pytest.mark.django_db


def page(client, person, url, data=None):
    client.force_login(person)
    response = client.post(url, data) if data is not None else client.get(url)
    return response, response.content.decode()


def test_the_header_has_a_cabinet_entry_marked_on_cabinet_pages(client, people, cycle):
    _, html = page(client, people.rep, "/cabinet/")
    assert '<a href="/cabinet/" aria-current="page" class="is-active">Cabinet</a>' in html
    _, html = page(client, people.rep, "/")
    assert '<a href="/cabinet/">Cabinet</a>' in html


def test_every_cabinet_page_renders_for_every_kind_of_person(client, people, cycle, seated, question):
    meeting = services.meeting_schedule(
        actor=people.rep, cycle=cycle, title="Review", scheduled_for=TEST_NOW + datetime.timedelta(days=1)
    )
    urls = [
        "/cabinet/",
        "/cabinet/strategy-room/",
        f"/cabinet/strategy-room/?cycle={cycle.pk}",
        "/cabinet/questions/",
        f"/cabinet/questions/{question.pk}/",
        "/cabinet/seats/",
        f"/cabinet/seats/{seated.rep.pk}/",
        "/cabinet/committee/",
        f"/cabinet/meetings/{meeting.pk}/",
    ]
    for person in (people.rep, people.manager, people.cro, people.staff, people.other_rep):
        for url in urls:
            response, _ = page(client, person, url)
            assert response.status_code == 200, (person.username, url)


def test_pages_for_appointers_and_committee_members_refuse_the_others(client, people, cycle, seated):
    for url in ("/cabinet/committee/new/", "/cabinet/questions/new/", "/cabinet/candidates/"):
        assert page(client, people.rep, url)[0].status_code == 403
    assert page(client, people.manager, "/cabinet/meetings/new/")[0].status_code == 403
    assert page(client, people.cro, "/cabinet/candidates/")[0].status_code == 200


def test_offering_a_seat_to_someone_not_marked_shows_the_error_beside_the_field(client, people, cycle, committee):
    data = {"role": committee.cro.pk, "holder": people.rep.pk, "note": "Keep this text"}
    response, html = page(client, people.cro, f"/cabinet/seats/?cycle={cycle.pk}", data)
    assert response.status_code == 200
    assert "Select a valid choice" in html  # the picker lists high performers only
    services.high_performer_mark(actor=people.manager, person=people.rep, reason="Top")
    data["term_end"] = (cycle.end + datetime.timedelta(days=3)).isoformat()
    response, html = page(client, people.cro, f"/cabinet/seats/?cycle={cycle.pk}", data)
    assert 'id="id_term_end_error"' in html and "A term ends by the end of" in html
    assert "Keep this text" in html and not ShadowSeat.objects.exists()
    del data["term_end"]
    response, _ = page(client, people.cro, f"/cabinet/seats/?cycle={cycle.pk}", data)
    seat = ShadowSeat.objects.get()
    assert response.status_code == 302 and response.url == f"/cabinet/seats/{seat.pk}/"


def test_the_person_offered_accepts_on_the_seat_page(client, people, cycle, committee, high_performers):
    seat = services.seat_offer(actor=people.cro, cycle=cycle, role=committee.cro, holder=people.rep)
    _, html = page(client, people.rep, f"/cabinet/seats/{seat.pk}/")
    assert "Accept the seat" in html
    _, html = page(client, people.peer_rep, f"/cabinet/seats/{seat.pk}/")
    assert "Accept the seat" not in html
    response, _ = page(client, people.rep, f"/cabinet/seats/{seat.pk}/accept/", {"note": ""})
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.status == "accepted"
    response, _ = page(client, people.peer_rep, f"/cabinet/seats/{seat.pk}/vacate/", {"reason": "Mine now"})
    assert response.status_code == 403


def test_vacating_without_a_reason_is_an_error_beside_the_field(client, people, seated):
    response, html = page(client, people.rep, f"/cabinet/seats/{seated.rep.pk}/vacate/", {"reason": ""})
    assert response.status_code == 200 and "Say why: it stays in the cabinet" in html
    assert ShadowSeat.objects.get(pk=seated.rep.pk).status == "accepted"


def test_a_manager_marks_their_rep_on_the_high_performer_page_and_reads_the_history(client, people):
    url = f"/cabinet/people/{people.rep.pk}/high-performer/"
    response, html = page(client, people.manager, url, {"reason": ""})
    assert "Say why" in html and not HighPerformerMark.objects.exists()
    response, _ = page(client, people.manager, url, {"reason": "Closed the biggest deal of the year."})
    assert response.status_code == 302
    _, html = page(client, people.rep, url)
    assert "Closed the biggest deal of the year." in html and "Morgan West" in html
    assert page(client, people.other_manager, url)[0].status_code == 404  # another team's history
    assert page(client, people.rep, url, {"reason": "I am great"})[0].status_code == 403  # nobody marks themselves


def test_a_seat_holder_recommends_and_the_committee_decides_on_the_question_page(client, people, seated, question):
    url = f"/cabinet/questions/{question.pk}/"
    _, html = page(client, people.rep, url)
    assert "Record the recommendation" in html and "Publish the decision" not in html
    response, html = page(client, people.rep, url + "recommend/", {"recommend-text": "Half now."})
    assert "Choose one of the options." in html and not ShadowRecommendation.objects.exists()
    assert "Half now." in html
    move_1m = option(question, "Move $1M")
    response, _ = page(
        client, people.rep, url + "recommend/", {"recommend-option": move_1m.pk, "recommend-text": "Half."}
    )
    assert response.status_code == 302

    _, html = page(client, people.cro, url)
    assert "Publish the decision" in html and "Sealed: 1 seat of the Shadow Cabinet has recommended" in html
    assert "Half." not in html
    response, _ = page(client, people.cro, url + "decide/", {"decide-option": move_1m.pk, "decide-text": "Go."})
    assert response.status_code == 302
    _, html = page(client, people.other_rep, url)
    assert 'data-side="committee"' in html and 'data-side="cabinet"' in html and "Agreed" in html
    assert "Half." in html
    response, html = page(
        client, people.rep, url + "recommend/", {"recommend-option": move_1m.pk, "recommend-text": "x"}
    )
    assert "recommendations can no longer change" in html
    assert ShadowRecommendation.objects.get().reasoning == "Half."


def test_putting_a_question_keeps_what_was_typed_when_an_option_is_missing(client, people, cycle, committee):
    data = {"title": "Revise churn", "options": "Only one", "due_date": in_days(5).isoformat()}
    response, html = page(client, people.cro, f"/cabinet/questions/new/?cycle={cycle.pk}", data)
    assert response.status_code == 200 and "at least 2 options" in html and "Revise churn" in html
    data["options"] = "Revise to 9%\nKeep 8%"
    response, _ = page(client, people.cro, f"/cabinet/questions/new/?cycle={cycle.pk}", data)
    question = CommitteeQuestion.objects.get()
    assert response.url == f"/cabinet/questions/{question.pk}/"


def test_a_meeting_page_draws_the_agenda_publishes_it_and_takes_action_items(client, people, cycle, seated, question):
    response, _ = page(
        client,
        people.rep,
        f"/cabinet/meetings/new/?cycle={cycle.pk}",
        {"title": "Review", "scheduled_for": (TEST_NOW + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")},
    )
    url = response.url
    assert page(client, people.rep, url + "draw-agenda/", {})[0].status_code == 302
    _, html = page(client, people.rep, url)
    assert question.title in html and "Publish the agenda" in html
    page(client, people.rep, url + "publish-agenda/", {})
    _, html = page(client, people.rep, url + "add-action/", {"title": "", "owner": people.peer_rep.pk})
    assert "This field is required." in html
    response, _ = page(
        client,
        people.rep,
        url + "add-action/",
        {"title": "Compare pipeline", "owner": people.peer_rep.pk, "due_date": in_days(4).isoformat()},
    )
    assert response.status_code == 302
    _, html = page(client, people.peer_rep, url)
    assert "Compare pipeline" in html and "Mark done" in html
    _, html = page(client, people.other_rep, url)
    assert "Mark done" not in html and "Add an action item" not in html


def test_the_strategy_room_page_costs_a_fixed_number_of_queries(
    client, people, cycle, cascade, seated, django_assert_max_num_queries
):
    client.force_login(people.other_rep)
    with django_assert_max_num_queries(22):
        response = client.get("/cabinet/strategy-room/")
    assert response.status_code == 200 and cascade.objective.title in response.content.decode()


def test_the_cabinet_and_question_pages_cost_a_fixed_number_of_queries(
    client, people, cycle, seated, question, django_assert_max_num_queries
):
    client.force_login(people.rep)
    with django_assert_max_num_queries(22):
        assert client.get("/cabinet/").status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get(f"/cabinet/questions/{question.pk}/").status_code == 200


def test_the_outcome_form_records_which_call_proved_right_or_neither(client, people, seated, question):
    services.question_decide(actor=people.cro, question=question, option=option(question, "Move $1M"), rationale="x")
    url = f"/cabinet/questions/{question.pk}/"
    _, html = page(client, people.rep, url)
    assert 'value="neither"' in html and 'value="neither" checked' not in html
    _, html = page(client, people.rep, url + "outcome/", {"outcome-text": "The market turned."})
    assert "Choose one of the options." in html
    response, _ = page(
        client, people.rep, url + "outcome/", {"outcome-option": "neither", "outcome-text": "It turned."}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.has_outcome and question.outcome is None and question.outcome_by == people.rep
