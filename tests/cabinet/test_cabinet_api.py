"""The Shadow Cabinet over the API (/api/cabinet/): the same rules, 400s that name the field, 409s for state."""

import datetime

import pytest

from cabinet import services
from cabinet.models import ShadowSeat
from tests.cabinet.conftest import in_days, option
from tests.clock import TEST_NOW
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def test_anonymous_callers_are_told_to_authenticate(anonymous):
    for path in ("/api/cabinet/strategy-room/", "/api/cabinet/seats/", "/api/cabinet/questions/"):
        assert anonymous.get(path).status_code == 401


def test_every_cabinet_endpoint_is_in_the_schema(anonymous):
    paths = anonymous.get("/api/schema/?format=json").json()["paths"]
    for path in (
        "/api/cabinet/committee-roles/",
        "/api/cabinet/high-performer-marks/",
        "/api/cabinet/candidates/",
        "/api/cabinet/seats/{id}/accept/",
        "/api/cabinet/seats/{id}/refill/",
        "/api/cabinet/questions/{id}/recommend/",
        "/api/cabinet/questions/{id}/decide/",
        "/api/cabinet/questions/{id}/outcome/",
        "/api/cabinet/meetings/{id}/draw-agenda/",
        "/api/cabinet/meetings/{id}/publish-agenda/",
        "/api/cabinet/action-items/{id}/done/",
        "/api/cabinet/strategy-room/",
        "/api/cabinet/track-record/",
    ):
        assert path in paths, path


def test_executives_add_committee_roles_others_get_403_and_bad_input_a_field_message(api_as, people, cascade):
    body = {"title": "CRO: new ARR", "holder": people.cro.pk, "objectives": [cascade.objective.pk]}
    assert api_as(people.rep).post("/api/cabinet/committee-roles/", body).status_code == 403
    response = api_as(people.ceo).post("/api/cabinet/committee-roles/", {**body, "holder": people.manager.pk})
    assert response.status_code == 400 and "holder" in response.json()
    response = api_as(people.ceo).post("/api/cabinet/committee-roles/", body)
    assert response.status_code == 201
    assert response.json()["objectives"] == [cascade.objective.pk]
    assert api_as(people.rep).get("/api/cabinet/committee-roles/").json()["count"] == 1


def test_marks_are_written_with_a_reason_and_read_by_the_chain(api_as, people):
    client = api_as(people.manager)
    assert client.post("/api/cabinet/high-performer-marks/", {"person": people.rep.pk}).status_code == 400
    response = client.post("/api/cabinet/high-performer-marks/", {"person": people.rep.pk, "reason": "Top quarter."})
    assert response.status_code == 201 and response.json()["marked_by"] == people.manager.pk
    blocked = client.post("/api/cabinet/high-performer-marks/", {"person": people.other_rep.pk, "reason": "x"})
    assert blocked.status_code == 403
    assert api_as(people.rep).get("/api/cabinet/high-performer-marks/").json()["count"] == 1
    assert api_as(people.other_rep).get("/api/cabinet/high-performer-marks/").json()["count"] == 0
    assert api_as(people.ceo).get(f"/api/people/{people.rep.pk}/").json()["is_high_performer"] is True


def test_offers_refuse_bad_input_with_a_field_message_and_change_nothing(api_as, people, cycle, committee):
    client = api_as(people.cro)
    body = {"cycle": cycle.pk, "role": committee.cro.pk, "holder": people.rep.pk}
    response = client.post("/api/cabinet/seats/", body)
    assert response.status_code == 400 and "not marked a high performer" in response.json()["holder"][0]
    services.high_performer_mark(actor=people.manager, person=people.rep, reason="Top")
    services.high_performer_mark(actor=people.manager, person=people.peer_rep, reason="Top")
    assert client.post("/api/cabinet/seats/", body).status_code == 201
    overlapping = client.post("/api/cabinet/seats/", {**body, "holder": people.peer_rep.pk})
    assert overlapping.status_code == 400 and "cannot overlap" in overlapping.json()["term_start"][0]
    second = client.post("/api/cabinet/seats/", {**body, "role": committee.ceo.pk})
    assert second.status_code == 400 and "one seat at a time" in second.json()["holder"][0]
    assert ShadowSeat.objects.count() == 1


def test_the_person_offered_answers_and_the_seat_is_vacated_and_refilled(
    api_as, people, cycle, committee, high_performers
):
    seat = services.seat_offer(actor=people.cro, cycle=cycle, role=committee.cro, holder=people.rep)
    assert api_as(people.peer_rep).post(f"/api/cabinet/seats/{seat.pk}/accept/", {}).status_code == 403
    response = api_as(people.rep).post(f"/api/cabinet/seats/{seat.pk}/accept/", {"note": "Honoured"})
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    assert api_as(people.rep).post(f"/api/cabinet/seats/{seat.pk}/accept/", {}).status_code == 409
    assert api_as(people.rep).post(f"/api/cabinet/seats/{seat.pk}/vacate/", {"reason": ""}).status_code == 400
    assert api_as(people.rep).post(f"/api/cabinet/seats/{seat.pk}/vacate/", {"reason": "Promoted"}).status_code == 200
    refill = api_as(people.cro).post(f"/api/cabinet/seats/{seat.pk}/refill/", {"holder": people.peer_rep.pk})
    assert refill.status_code == 201 and refill.json()["refill_of"] == seat.pk
    held = api_as(people.rep).get(f"/api/cabinet/seats/?cycle={cycle.pk}&role={committee.cro.pk}").json()
    assert [row["status"] for row in held["results"]] == ["vacated", "offered"]


def test_recommendations_stay_sealed_in_the_api_until_the_decision_is_published(api_as, people, seated, question):
    url = f"/api/cabinet/questions/{question.pk}/"
    move_1m = option(question, "Move $1M").pk
    assert api_as(people.manager).post(url + "recommend/", {"option": move_1m, "reasoning": "x"}).status_code == 403
    response = api_as(people.rep).post(url + "recommend/", {"option": move_1m, "reasoning": "Half now."})
    assert response.status_code == 200
    outsider = api_as(people.cro).get(url).json()
    assert (outsider["recommendations_sealed"], outsider["recommendations"], outsider["recommendation_count"]) == (
        True,
        [],
        1,
    )
    assert outsider["cabinet_call"] is None and outsider["agreed"] is None
    assert api_as(people.peer_rep).get(url).json()["recommendations"][0]["reasoning"] == "Half now."

    assert api_as(people.staff).post(url + "decide/", {"option": move_1m, "rationale": "x"}).status_code == 403
    bad = api_as(people.cro).post(url + "decide/", {"option": 999999, "rationale": "Half now."})
    assert bad.status_code == 400 and "option" in bad.json()
    decided = api_as(people.cro).post(url + "decide/", {"option": move_1m, "rationale": "Half now, review later."})
    assert decided.status_code == 200
    public = api_as(people.other_rep).get(url).json()
    assert public["recommendations_sealed"] is False and public["decision"] == move_1m
    assert (public["cabinet_call"], public["agreed"]) == (move_1m, True)
    assert public["recommendations"][0]["author_name"] == "Riley Rep"
    late = api_as(people.rep).post(url + "recommend/", {"option": move_1m, "reasoning": "Again"})
    assert late.status_code == 409
    outcome = api_as(people.rep).post(url + "outcome/", {"option": None, "explanation": "Neither worked."})
    assert outcome.status_code == 200 and outcome.json()["outcome_at"] is not None


def test_committee_members_put_questions_with_options(api_as, people, cycle, committee, cascade):
    body = {
        "cycle": cycle.pk,
        "title": "Revise the churn assumption",
        "options": ["Revise to 9%", "Keep 8%"],
        "due_date": in_days(10).isoformat(),
        "objectives": [cascade.objective.pk],
    }
    assert api_as(people.rep).post("/api/cabinet/questions/", body, format="json").status_code == 403
    response = api_as(people.cro).post("/api/cabinet/questions/", {**body, "options": ["Only one"]}, format="json")
    assert response.status_code == 400 and "options" in response.json()
    response = api_as(people.cro).post("/api/cabinet/questions/", body, format="json")
    assert response.status_code == 201
    assert [o["label"] for o in response.json()["options"]] == ["Revise to 9%", "Keep 8%"]


def test_meetings_draw_and_publish_an_agenda_and_record_action_items(api_as, people, cycle, seated, question):
    client = api_as(people.rep)
    when = (TEST_NOW + datetime.timedelta(days=2)).isoformat()
    meeting = client.post("/api/cabinet/meetings/", {"cycle": cycle.pk, "title": "Review", "scheduled_for": when})
    assert meeting.status_code == 201
    url = f"/api/cabinet/meetings/{meeting.json()['id']}/"
    agenda = client.post(url + "draw-agenda/").json()["agenda"]
    assert any(point["question"] == question.pk for point in agenda)
    assert client.post(url + "publish-agenda/").json()["status"] == "agenda_published"
    assert client.post(url + "minutes/", {"minutes": "Too soon"}).status_code == 409
    item = client.post(
        "/api/cabinet/action-items/",
        {
            "meeting": meeting.json()["id"],
            "title": "Compare pipeline",
            "owner": people.peer_rep.pk,
            "due_date": in_days(5).isoformat(),
        },
    )
    assert item.status_code == 201
    mine = api_as(people.peer_rep).get("/api/cabinet/action-items/?mine=true&open=true").json()
    assert [row["title"] for row in mine["results"]] == ["Compare pipeline"]
    done = api_as(people.peer_rep).post(f"/api/cabinet/action-items/{item.json()['id']}/done/")
    assert done.status_code == 200 and done.json()["done"] is True
    assert api_as(people.other_rep).post(f"/api/cabinet/action-items/{item.json()['id']}/reopen/").status_code == 403


def test_the_strategy_room_as_data(api_as, people, cycle, cascade):
    GoalFactory(cycle=cycle, owner=people.rep, parent=cascade.manager, visibility="private", title="Secret")
    assert api_as(people.rep).get("/api/cabinet/strategy-room/?cycle=abc").status_code == 400
    assert api_as(people.rep).get("/api/cabinet/strategy-room/?cycle=999999").status_code == 404
    room = api_as(people.other_rep).get(f"/api/cabinet/strategy-room/?cycle={cycle.pk}").json()
    [objective] = room["objectives"]
    assert objective["id"] == cascade.objective.pk
    assert set(objective) >= {"rolled_up_progress", "elapsed", "pace", "open_flags", "history", "assumptions_by_status"}
    assert "Secret" not in str(room)
    assert room["drift"] is None


def test_candidates_are_for_the_people_who_appoint_and_managers(api_as, people, cycle):
    assert api_as(people.rep).get("/api/cabinet/candidates/").status_code == 403
    assert api_as(people.cro).get(f"/api/cabinet/candidates/?cycle={cycle.pk}").status_code == 200


def test_the_track_record_as_data(api_as, people, cycle, seated, question):
    services.recommendation_record(
        actor=people.rep, question=question, option=option(question, "Move $2M"), reasoning="a"
    )
    services.question_decide(actor=people.cro, question=question, option=option(question, "Move $1M"), rationale="b")
    record = api_as(people.manager).get(f"/api/cabinet/track-record/?cycle={cycle.pk}").json()
    assert (record["cabinet"]["decided"], record["cabinet"]["diverged"]) == (1, 1)
    rows = {row["holder_name"]: row for row in record["seats"]}
    assert (rows["Riley Rep"]["recommended"], rows["Riley Rep"]["diverged"]) == (1, 1)


def test_question_and_seat_lists_cost_a_fixed_number_of_queries(
    api_as, people, cycle, seated, committee, django_assert_max_num_queries
):
    for n in range(8):
        question = services.question_create(
            actor=people.cro, cycle=cycle, title=f"Question {n}", options=["Yes", "No"], due_date=in_days(3)
        )
        services.recommendation_record(
            actor=people.rep, question=question, option=option(question, "Yes"), reasoning="r"
        )
    client = api_as(people.rep)
    with django_assert_max_num_queries(10):
        assert client.get("/api/cabinet/questions/").json()["count"] == 8
    with django_assert_max_num_queries(5):
        client.get("/api/cabinet/seats/")
    with django_assert_max_num_queries(5):
        client.get("/api/cabinet/committee-roles/")
