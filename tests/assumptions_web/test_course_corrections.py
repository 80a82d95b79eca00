"""Course corrections: an accepted challenge's goal changes, applied or declined by the goal's owner or manager."""

from decimal import Decimal

import pytest

from assumptions import services
from assumptions.models import ChangeRequest
from goals.models import Goal
from tests.assumptions_web.conftest import html, signed_in
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(people, challenge):
    services.challenge_resolve(actor=people.cro, challenge=challenge, status="accepted", response="Agreed")
    return challenge


@pytest.fixture
def pending(accepted):
    return ChangeRequest.objects.get(challenge=accepted)


def _decide(client, change_request, action, note="", next_url=""):
    data = {"action": action, "note": note, **({"next": next_url} if next_url else {})}
    return client.post(f"/assumptions/course-corrections/{change_request.pk}/", data)


@pytest.mark.parametrize("login", ["rep", "manager", "cro"])
def test_the_goals_owner_and_their_managers_see_it_waiting(client, people, pending, login):
    page = html(signed_in(client, getattr(people, login)).get("/assumptions/course-corrections/"))
    assert "Riley new ARR" in page and "$200,000 &rarr; $190,000" in page
    assert "Buyers trade the tier against discount" in page
    assert 'value="apply"' in page and 'value="decline"' in page


def test_people_with_nothing_to_decide_are_told_so(client, people, pending):
    page = html(signed_in(client, people.peer_rep).get("/assumptions/course-corrections/"))
    assert "Nothing to decide" in page and "Riley new ARR" not in page


def test_applying_sets_the_new_target(client, people, cascade, pending):
    response = _decide(signed_in(client, people.rep), pending, "apply", next_url="/assumptions/course-corrections/")
    assert response.status_code == 302 and response["Location"] == "/assumptions/course-corrections/"
    assert Goal.objects.get(pk=cascade.rep.pk).target == Decimal(190_000)
    pending.refresh_from_db()
    assert (pending.status, pending.previous_target, pending.decided_by) == ("applied", Decimal(200_000), people.rep)
    page = html(client.get("/assumptions/course-corrections/", follow=True))
    assert "Nothing to decide" in page


def test_declining_needs_a_reason_and_keeps_the_goal_unchanged(client, people, cascade, pending):
    signed_in(client, people.manager)
    response = _decide(client, pending, "decline", note="  ")
    page = html(response)
    assert response.status_code == 200 and "Say why the goal keeps its course." in page
    assert ChangeRequest.objects.get(pk=pending.pk).status == "pending"
    response = _decide(client, pending, "decline", note="Our pipeline covers the full target")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "declined" and pending.decision_note == "Our pipeline covers the full target"
    assert Goal.objects.get(pk=cascade.rep.pk).target == Decimal(200_000)


def test_deciding_twice_says_it_was_already_decided(client, people, pending):
    signed_in(client, people.rep)
    _decide(client, pending, "apply")
    response = _decide(client, pending, "decline", note="Changed my mind")
    assert "This change request is applied." in html(response)
    assert "Changed my mind" in html(response)


def test_someone_outside_the_goals_chain_cannot_decide(client, people, cascade, pending):
    signed_in(client, people.peer_rep)
    assert 'value="apply"' not in html(client.get(f"/assumptions/course-corrections/{pending.pk}/"))
    response = _decide(client, pending, "apply")
    assert response.status_code == 403
    assert Goal.objects.get(pk=cascade.rep.pk).target == Decimal(200_000)


def test_a_change_on_a_private_goal_does_not_exist_for_outsiders(client, people, cycle, assumption):
    private = GoalFactory(cycle=cycle, owner=people.rep, visibility="private", title="Private stretch")
    challenge = services.challenge_open(
        actor=people.rep,
        assumption=assumption,
        claim="Doubt",
        proposed_changes=[services.ProposedChange(goal=private, note="Drop it")],
    )
    change_request = ChangeRequest.objects.get(challenge=challenge)
    signed_in(client, people.other_rep)
    assert client.get(f"/assumptions/course-corrections/{change_request.pk}/").status_code == 404
    assert "Private stretch" not in html(client.get(f"/assumptions/challenges/{challenge.pk}/"))


def test_an_unknown_action_is_an_error_not_a_crash(client, people, pending):
    response = _decide(signed_in(client, people.rep), pending, "explode")
    assert response.status_code == 200 and "Choose to apply or to decline" in html(response)


def test_the_goal_page_links_its_assumptions_and_its_pending_course_correction(client, people, cascade, pending):
    signed_in(client, people.rep)
    page = html(client.get(f"/goals/{cascade.executive.pk}/"))
    assert f'href="/assumptions/{pending.challenge.assumption_id}/"' in page
    assert "badge--status-revised" in page
    rep_page = html(client.get(f"/goals/{cascade.rep.pk}/"))
    assert "Course corrections" in rep_page and "New target <strong>$190,000</strong>" in rep_page
    assert "Apply or decline" in rep_page
    response = client.get(f"/assumptions/course-corrections/{pending.pk}/?next=/goals/{cascade.rep.pk}/")
    assert f'name="next" value="/goals/{cascade.rep.pk}/"' in html(response)
    assert "See the change" in html(signed_in(client, people.peer_rep).get(f"/goals/{cascade.rep.pk}/"))


def test_the_goal_page_offers_to_challenge_the_assumptions_it_rests_on(client, people, cascade, assumption):
    page = html(signed_in(client, people.rep).get(f"/goals/{cascade.executive.pk}/"))
    assert f"/assumptions/{assumption.pk}/challenge/?goal={cascade.executive.pk}" in page


def test_the_goal_page_stays_within_its_query_ceiling_with_course_corrections(
    client, people, cascade, assumption, django_assert_max_num_queries
):
    for n in range(6):
        challenge = services.challenge_open(
            actor=people.peer_rep,
            assumption=assumption,
            claim=f"Doubt {n}",
            proposed_changes=[services.ProposedChange(goal=cascade.rep, proposed_target=Decimal(150_000 + n))],
        )
        services.challenge_resolve(actor=people.cro, challenge=challenge, status="accepted", response="Yes")
    signed_in(client, people.manager)
    # 13, plus the goal page's metric feeds and quota cards and two for its history (tests/web/test_goal_page.py)
    with django_assert_max_num_queries(19):
        page = html(client.get(f"/goals/{cascade.rep.pk}/"))
    assert page.count("Apply or decline") == 6
