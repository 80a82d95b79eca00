"""The goal page's actions: submit, approve, return, carry over, delete; refusals and conflicts explained."""

import pytest

from goals.models import Goal, Status

pytestmark = pytest.mark.django_db


def first_goal(demo, status):
    return demo.rep.goals.filter(cycle=demo.cycle, status=status).first()


def test_the_owner_submits_a_draft(client, demo):
    draft = first_goal(demo, Status.DRAFT)
    client.force_login(demo.rep)
    response = client.post(f"/goals/{draft.pk}/submit/", follow=True)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert "Submitted for approval by Jordan Blake" in response.content.decode()


def test_a_manager_cannot_submit_for_their_rep(client, demo):
    draft = first_goal(demo, Status.DRAFT)
    client.force_login(demo.manager)
    response = client.post(f"/goals/{draft.pk}/submit/")
    assert response.status_code == 403
    assert "Only the goal&#x27;s owner submits it for approval." in response.content.decode()


def test_the_manager_approves_and_returns_to_the_queue(client, demo):
    submitted = first_goal(demo, Status.SUBMITTED)
    client.force_login(demo.manager)
    response = client.post(f"/goals/{submitted.pk}/approve/", {"next": "/approvals/"})
    assert response["Location"] == "/approvals/"
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED


def test_a_rep_cannot_approve_their_own_goal(client, demo):
    submitted = first_goal(demo, Status.SUBMITTED)
    client.force_login(demo.rep)
    assert client.post(f"/goals/{submitted.pk}/approve/").status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_approving_twice_explains_the_conflict(client, demo):
    submitted = first_goal(demo, Status.SUBMITTED)
    client.force_login(demo.manager)
    client.post(f"/goals/{submitted.pk}/approve/")
    response = client.post(f"/goals/{submitted.pk}/approve/", HTTP_REFERER=f"http://testserver/goals/{submitted.pk}/")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Only submitted goals can be approved; this one is approved." in page


def test_returning_without_a_reason_shows_the_error_on_the_goal_page(client, demo):
    submitted = first_goal(demo, Status.SUBMITTED)
    client.force_login(demo.manager)
    response = client.post(f"/goals/{submitted.pk}/return/", {"reason": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_reason_error"' in html
    assert '<details class="card action-panel" open>' in html


def test_returning_with_a_reason_shows_it_to_the_owner(client, demo):
    submitted = first_goal(demo, Status.SUBMITTED)
    client.force_login(demo.manager)
    client.post(f"/goals/{submitted.pk}/return/", {"reason": "Split it by quarter"})
    client.force_login(demo.rep)
    html = client.get(f"/goals/{submitted.pk}/").content.decode()
    assert "Returned for changes:" in html
    assert "Split it by quarter" in html


def test_carrying_an_unfinished_goal_into_next_year(client, demo):
    client.force_login(demo.rep)
    response = client.post(f"/goals/{demo.rep_goal.pk}/carry-over/", {"cycle": demo.workshop_cycle.pk})
    copy = Goal.objects.get(carried_over_from=demo.rep_goal, cycle=demo.workshop_cycle)
    assert response["Location"] == f"/goals/{copy.pk}/"
    assert copy.status == Status.DRAFT


def test_carrying_over_twice_is_refused_with_the_reason(client, demo):
    client.force_login(demo.rep)
    client.post(f"/goals/{demo.rep_goal.pk}/carry-over/", {"cycle": demo.workshop_cycle.pk})
    response = client.post(
        f"/goals/{demo.rep_goal.pk}/carry-over/",
        {"cycle": demo.workshop_cycle.pk},
        HTTP_REFERER=f"http://testserver/goals/{demo.rep_goal.pk}/",
        follow=True,
    )
    assert "was already carried over into" in response.content.decode()


def test_the_owner_deletes_a_draft_without_check_ins(client, demo):
    from goals.models import CheckIn

    draft = first_goal(demo, Status.DRAFT)
    client.force_login(demo.rep)
    if CheckIn.objects.filter(goal=draft).exists():
        assert client.post(f"/goals/{draft.pk}/delete/").status_code == 403
        CheckIn.all_objects.filter(goal=draft).delete()
    assert client.post(f"/goals/{draft.pk}/delete/").status_code == 302
    assert not Goal.objects.filter(pk=draft.pk).exists()


def test_an_approved_goal_cannot_be_deleted_by_its_owner(client, demo):
    client.force_login(demo.rep)
    assert client.post(f"/goals/{demo.rep_goal.pk}/delete/").status_code == 403
    assert Goal.objects.filter(pk=demo.rep_goal.pk).exists()


def test_actions_need_post(client, demo):
    client.force_login(demo.rep)
    assert client.get(f"/goals/{demo.rep_goal.pk}/submit/").status_code == 405
