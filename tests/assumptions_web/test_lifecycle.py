"""The whole life of a challenge, through the pages only: raised, discussed, endorsed, accepted, applied."""

from decimal import Decimal

import pytest

from assumptions.models import Challenge, ChangeRequest, Comment
from goals.models import Goal
from tests.assumptions_web.conftest import html

pytestmark = pytest.mark.django_db


def test_a_rep_challenge_ends_with_a_revised_assumption_and_a_new_target(client, people, cascade, assumption):
    # The rep finds the assumption from their goal's page and challenges it.
    client.force_login(people.rep)
    goal_page = html(client.get(f"/goals/{cascade.executive.pk}/"))
    challenge_url = f"/assumptions/{assumption.pk}/challenge/?goal={cascade.executive.pk}"
    assert challenge_url in goal_page
    response = client.post(
        challenge_url,
        {
            "claim": "Buyers trade the platform tier against discount",
            "evidence": "Nine enterprise deals, average discount up from 18% to 24%.",
            "course_correction": "Plan enterprise ARR on 5% deal-size growth.",
            "changes-TOTAL_FORMS": "3",
            "changes-INITIAL_FORMS": "0",
            "changes-0-goal": cascade.rep.pk,
            "changes-0-proposed_target": "190000",
            "changes-0-note": "5% less",
        },
    )
    challenge = Challenge.objects.get()
    challenge_url = f"/assumptions/challenges/{challenge.pk}/"
    assert response["Location"] == challenge_url

    # A colleague endorses it and the two of them discuss it, three replies deep.
    client.force_login(people.peer_rep)
    client.post(f"{challenge_url}endorse/")
    client.post(f"{challenge_url}comments/", {"body": "Same in my territory."})
    top = Comment.objects.get(body="Same in my territory.")
    client.force_login(people.rep)
    client.post(f"{challenge_url}comments/", {"body": "Which accounts?", "parent": top.pk})
    second = Comment.objects.get(body="Which accounts?")
    client.force_login(people.peer_rep)
    client.post(f"{challenge_url}comments/", {"body": "Acme and Globex, both at 25% off.", "parent": second.pk})
    third = Comment.objects.get(body__startswith="Acme")
    client.post(f"{challenge_url}comments/", {"body": "Oops, wrong thread", "parent": third.pk})
    client.post(f"/assumptions/comments/{third.pk}/edit/", {"body": "Acme and Globex, both at 26% off."})
    mistake = Comment.objects.get(body="Oops, wrong thread")
    client.post(f"/assumptions/comments/{mistake.pk}/remove/")
    assert [c.level for c in Comment.objects.filter(challenge=challenge).order_by("tree_id", "lft")] == [0, 1, 2, 3]
    thread = html(client.get(challenge_url))
    assert "26% off" in thread and "Oops" not in thread and "This comment was removed." in thread

    # The assumption's owner sees it on their to-do list and accepts it with a revised statement.
    client.force_login(people.cro)
    assert challenge_url in html(client.get("/"))
    client.post(
        f"{challenge_url}resolve/",
        {
            "decision": "accepted",
            "response": "Deal desk confirms the discounting; we plan on 5%.",
            "outcome": "revised",
            "statement": "Enterprise deal size grows 5%",
            "rationale": assumption.rationale,
            "evidence": assumption.evidence,
            "confidence": "medium",
        },
    )
    assumption.refresh_from_db()
    assert (assumption.status, assumption.statement) == ("revised", "Enterprise deal size grows 5%")
    history = html(client.get(f"/assumptions/{assumption.pk}/")).split('id="history"')[1]
    assert "<del>Enterprise deal size grows 10%</del>" in history

    # The goal's owner finds the course correction on their goal and applies it.
    client.force_login(people.rep)
    change = ChangeRequest.objects.get()
    assert f"/assumptions/course-corrections/{change.pk}/" in html(client.get("/"))
    assert "Apply or decline" in html(client.get(f"/goals/{cascade.rep.pk}/"))
    response = client.post(
        f"/assumptions/course-corrections/{change.pk}/",
        {"action": "apply", "note": "Fair enough", "next": f"/goals/{cascade.rep.pk}/"},
        follow=True,
    )
    assert "now targets $190,000 (was $200,000)" in html(response)
    assert Goal.objects.get(pk=cascade.rep.pk).target == Decimal(190_000)
    assert "Apply or decline" not in html(response)
