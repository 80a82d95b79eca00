"""Drafting and linking a goal: parent suggestions, the live preview, submit; errors keep what was typed."""

from decimal import Decimal

import pytest

from goals.models import Goal, Status, Tier
from tests.web.conftest import htmx

pytestmark = pytest.mark.django_db


def draft_data(demo, **changes) -> dict:
    data = {
        "cycle": demo.cycle.pk,
        "title": "Land three fintech logos in Boston",
        "description": "Start with the banks we met at the summit.",
        "metric": "new logos",
        "unit": "accounts",
        "baseline": "0",
        "target": "3",
        "weight": "1",
        "due_date": "",
        "visibility": "company",
        "rollup": "auto",
        "parent": demo.manager_goal.pk,
        "action": "save",
    }
    return {**data, **changes}


def test_a_rep_drafts_a_goal_linked_to_their_managers_goal(client, demo):
    client.force_login(demo.rep)
    response = client.post("/goals/new/", draft_data(demo))
    goal = Goal.objects.get(title="Land three fintech logos in Boston")
    assert response["Location"] == f"/goals/{goal.pk}/"
    assert goal.parent == demo.manager_goal
    assert goal.owner == demo.rep
    assert goal.tier == Tier.REP
    assert goal.status == Status.DRAFT
    assert goal.target == Decimal(3)


def test_submit_sends_the_new_goal_for_approval(client, demo):
    client.force_login(demo.rep)
    client.post("/goals/new/", draft_data(demo, action="submit"))
    assert Goal.objects.get(title="Land three fintech logos in Boston").status == Status.SUBMITTED


def test_missing_and_bad_fields_are_refused_next_to_each_field_keeping_the_input(client, demo):
    client.force_login(demo.rep)
    response = client.post("/goals/new/", draft_data(demo, target="", baseline="zero"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_target_error"' in html
    assert 'id="id_baseline_error"' in html
    assert 'value="Land three fintech logos in Boston"' in html
    assert 'value="zero"' in html
    assert "Start with the banks we met at the summit." in html
    assert f'value="{demo.manager_goal.pk}" checked' in html  # the chosen parent stays chosen
    assert not Goal.objects.filter(title="Land three fintech logos in Boston").exists()


def test_a_services_validation_error_lands_on_its_field(client, demo):
    client.force_login(demo.rep)
    response = client.post("/goals/new/", draft_data(demo, due_date="2001-01-01"))
    html = response.content.decode()
    assert 'id="id_due_date_error"' in html
    assert f"The due date must fall within {demo.cycle.name}" in html
    assert 'value="2001-01-01"' in html


def test_a_parent_the_rep_cannot_pick_is_refused(client, demo):
    client.force_login(demo.rep)
    response = client.post("/goals/new/", draft_data(demo, parent="999999"))
    assert "Pick a goal from the list" in response.content.decode()


def test_parent_suggestions_put_the_managers_goals_first(client, demo):
    client.force_login(demo.rep)
    response = client.get("/goals/new/")
    suggestions = response.context["suggestions"]
    manager_goals = [g for g in suggestions if g.owner_id == demo.manager.pk]
    assert manager_goals
    assert suggestions[: len(manager_goals)] == manager_goals
    assert all(g.tier != Tier.REP for g in suggestions)


def test_parent_search_finds_any_visible_goal_and_keeps_the_chosen_one(client, demo):
    client.force_login(demo.rep)
    response = htmx(
        client.get,
        "/goals/parent-suggestions/",
        {"cycle": demo.cycle.pk, "parent_q": "EMEA", "parent": demo.manager_goal.pk},
    )
    html = response.content.decode()
    assert all("EMEA" in g.title or "EMEA" in g.owner.full_name for g in response.context["suggestions"])
    assert response.context["suggestions"]
    assert f'value="{demo.manager_goal.pk}" checked' in html


def test_the_preview_shows_where_the_goal_lands(client, demo):
    client.force_login(demo.rep)
    response = htmx(
        client.get,
        "/goals/draft-preview/",
        {"cycle": demo.cycle.pk, "parent": demo.manager_goal.pk, "title": "Land three fintech logos"},
    )
    html = response.content.decode()
    for ancestor in demo.manager_goal.get_ancestors(include_self=True):
        assert ancestor.title in html
    assert "Land three fintech logos" in html
    assert "already contribute" in html


def test_the_preview_of_an_unlinked_goal_says_it_counts_toward_nothing(client, demo):
    client.force_login(demo.rep)
    html = htmx(client.get, "/goals/draft-preview/", {"cycle": demo.cycle.pk, "title": "Loose"}).content.decode()
    assert "is not linked yet" in html


def test_a_manager_drafts_a_goal_for_someone_who_reports_to_them(client, demo):
    client.force_login(demo.manager)
    client.post("/goals/new/", draft_data(demo, owner=demo.rep.pk, parent=demo.manager_goal.pk))
    goal = Goal.objects.get(title="Land three fintech logos in Boston")
    assert goal.owner == demo.rep
    assert goal.tier == Tier.REP


def test_a_rep_cannot_draft_for_a_peer(client, demo):
    client.force_login(demo.rep)
    client.post("/goals/new/", draft_data(demo, owner=demo.peer_rep.pk))
    goal = Goal.objects.get(title="Land three fintech logos in Boston")
    assert goal.owner == demo.rep  # reps get no owner choice: the goal is theirs


def test_nobody_drafts_in_a_closed_cycle(client, demo):
    client.force_login(demo.rep)
    response = client.get(f"/goals/new/?cycle={demo.closed_cycle.pk}")
    assert response.status_code == 302
    assert "is closed" in client.get("/").content.decode()


def test_editing_a_returned_goal_uses_the_same_form_and_can_resubmit(client, demo):
    draft = demo.rep.goals.filter(cycle=demo.cycle, status=Status.DRAFT).first()
    Goal.objects.filter(pk=draft.pk).update(status=Status.RETURNED, return_reason="Too low")
    client.force_login(demo.rep)
    form_page = client.get(f"/goals/{draft.pk}/edit/")
    assert f'value="{draft.title}"' in form_page.content.decode()
    data = draft_data(demo, title=draft.title, metric=draft.metric, unit=draft.unit, target="9999999", action="submit")
    client.post(f"/goals/{draft.pk}/edit/", data)
    draft.refresh_from_db()
    assert draft.target == Decimal("9999999")
    assert draft.parent == demo.manager_goal
    assert draft.status == Status.SUBMITTED


def test_an_approved_goal_cannot_be_edited(client, demo):
    client.force_login(demo.rep)
    assert client.get(f"/goals/{demo.rep_goal.pk}/edit/").status_code == 403
    assert client.post(f"/goals/{demo.rep_goal.pk}/edit/", draft_data(demo)).status_code == 403


def test_a_peer_cannot_edit_someone_elses_draft(client, demo):
    draft = demo.rep.goals.filter(cycle=demo.cycle, status=Status.DRAFT).first()
    client.force_login(demo.peer_rep)
    assert client.get(f"/goals/{draft.pk}/edit/").status_code == 403


def test_the_draft_form_costs_a_fixed_number_of_queries(client, demo, django_assert_max_num_queries):
    client.force_login(demo.rep)
    with django_assert_max_num_queries(12):
        assert client.get("/goals/new/").status_code == 200
    with django_assert_max_num_queries(10):
        htmx(client.get, "/goals/parent-suggestions/", {"cycle": demo.cycle.pk, "parent_q": "new"})
    with django_assert_max_num_queries(10):
        htmx(client.get, "/goals/draft-preview/", {"cycle": demo.cycle.pk, "parent": demo.manager_goal.pk})


def test_the_preview_of_a_well_linked_goal_raises_no_flag(client, demo):
    client.force_login(demo.rep)
    response = htmx(client.get, "/goals/draft-preview/", {"cycle": demo.cycle.pk, "parent": demo.manager_goal.pk})
    assert response.context["preview"]["findings"] == []
    assert "No alignment flags" in response.content.decode()


def test_the_preview_warns_an_unlinked_goal_will_be_an_orphan(client, demo):
    client.force_login(demo.rep)
    response = htmx(client.get, "/goals/draft-preview/", {"cycle": demo.cycle.pk, "title": "Loose"})
    assert [item["finding"].kind for item in response.context["preview"]["findings"]] == ["orphan"]
    assert "Link the goal to a parent goal" in response.content.decode()


def test_the_preview_flags_a_rep_goal_straight_under_a_corporate_objective(client, demo):
    objective = demo.manager_goal.get_root()
    client.force_login(demo.rep)
    response = htmx(client.get, "/goals/draft-preview/", {"cycle": demo.cycle.pk, "parent": objective.pk})
    kinds = [item["finding"].kind for item in response.context["preview"]["findings"]]
    assert "tier_skip" in kinds


def test_the_preview_flags_a_parent_outside_the_management_chain(client, demo):
    elsewhere = Goal.objects.filter(cycle=demo.cycle, owner=demo.other_manager).first()
    client.force_login(demo.rep)
    response = htmx(client.get, "/goals/draft-preview/", {"cycle": demo.cycle.pk, "parent": elsewhere.pk})
    kinds = [item["finding"].kind for item in response.context["preview"]["findings"]]
    assert "outside_chain" in kinds
