"""Challenging an assumption: a claim, evidence, a course correction and proposed goal changes."""

from decimal import Decimal

import pytest

from assumptions.models import Challenge, ChangeRequest
from goals.models import Cycle
from tests.assumptions_web.conftest import html, signed_in
from tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def _rows(*rows: dict) -> dict:
    data = {"changes-TOTAL_FORMS": "3", "changes-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        data.update({f"changes-{index}-{name}": value for name, value in row.items()})
    return data


def test_a_rep_challenges_with_evidence_and_a_lower_target_for_their_goal(client, people, cascade, assumption):
    signed_in(client, people.rep)
    form = html(client.get(f"/assumptions/{assumption.pk}/challenge/"))
    assert "Rest on this assumption" in form and "New ARR from sales" in form
    assert "Riley new ARR" in form  # the rep's own goal
    response = client.post(
        f"/assumptions/{assumption.pk}/challenge/",
        {
            "claim": "Discounts eat the uplift",
            "evidence": "Nine deals at 24% discount",
            "course_correction": "Plan on 5%",
            **_rows({"goal": cascade.rep.pk, "proposed_target": "190000", "note": "5% less"}),
        },
    )
    challenge = Challenge.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/assumptions/challenges/{challenge.pk}/"
    assert (challenge.author, challenge.claim, challenge.evidence) == (
        people.rep,
        "Discounts eat the uplift",
        "Nine deals at 24% discount",
    )
    change = ChangeRequest.objects.get()
    assert (change.goal, change.proposed_target, change.note, change.status) == (
        cascade.rep,
        Decimal(190_000),
        "5% less",
        "proposed",
    )
    assumption.refresh_from_db()
    assert assumption.status == "challenged"


def test_an_empty_claim_is_refused_and_everything_typed_is_kept(client, people, cascade, assumption):
    response = signed_in(client, people.rep).post(
        f"/assumptions/{assumption.pk}/challenge/",
        {
            "claim": "   ",
            "evidence": "My evidence from the field",
            "course_correction": "My correction",
            **_rows({"goal": cascade.rep.pk, "proposed_target": "123456", "note": "My note"}),
        },
    )
    page = html(response)
    assert response.status_code == 200
    assert 'id="id_claim_error"' in page and "Say what you believe is wrong" in page
    assert "My evidence from the field" in page and "My correction" in page
    assert 'value="123456"' in page and 'value="My note"' in page
    assert f'<option value="{cascade.rep.pk}" selected>' in page
    assert not Challenge.objects.exists()


def test_a_proposed_change_that_changes_nothing_is_refused(client, people, cascade, assumption):
    response = signed_in(client, people.rep).post(
        f"/assumptions/{assumption.pk}/challenge/",
        {"claim": "Discounts eat the uplift", **_rows({"goal": cascade.rep.pk})},
    )
    page = html(response)
    assert "Say what should change in Riley new ARR: a target or a note." in page
    assert 'value="Discounts eat the uplift"' in page or "Discounts eat the uplift</textarea>" in page
    assert not Challenge.objects.exists()


def test_a_new_target_without_a_goal_asks_for_the_goal(client, people, assumption):
    response = signed_in(client, people.rep).post(
        f"/assumptions/{assumption.pk}/challenge/",
        {"claim": "Discounts eat the uplift", **_rows({"proposed_target": "5"})},
    )
    assert "Pick the goal this change is for." in html(response)
    assert not Challenge.objects.exists()


def test_a_goal_the_rep_cannot_see_cannot_be_named(client, people, cycle, assumption):
    private = GoalFactory(cycle=cycle, owner=people.other_rep, visibility="private")
    response = signed_in(client, people.rep).post(
        f"/assumptions/{assumption.pk}/challenge/",
        {"claim": "Discounts eat the uplift", **_rows({"goal": private.pk, "note": "drop it"})},
    )
    assert "Select a valid choice" in html(response)
    assert not Challenge.objects.exists()


def test_the_goal_page_link_preselects_the_goal(client, people, cascade, assumption):
    page = html(signed_in(client, people.rep).get(f"/assumptions/{assumption.pk}/challenge/?goal={cascade.rep.pk}"))
    assert f'<option value="{cascade.rep.pk}" selected>' in page


def test_a_closed_cycles_assumption_cannot_be_challenged(client, people, assumption):
    Cycle.objects.filter(pk=assumption.cycle_id).update(phase="closed")
    signed_in(client, people.rep)
    assert client.get(f"/assumptions/{assumption.pk}/challenge/").status_code == 403
    assert "Challenge it" not in html(client.get(f"/assumptions/{assumption.pk}/"))


def test_a_retired_assumption_cannot_be_challenged_and_says_so(client, people, assumption):
    type(assumption).objects.filter(pk=assumption.pk).update(status="retired")
    response = signed_in(client, people.rep).post(
        f"/assumptions/{assumption.pk}/challenge/", {"claim": "Still wrong", **_rows()}
    )
    assert "This assumption was retired" in html(response)
    assert "Still wrong" in html(response)
    assert not Challenge.objects.exists()
