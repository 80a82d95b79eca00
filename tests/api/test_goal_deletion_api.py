"""DELETE /api/goals/{id}/ asks about sub-goals, deletes softly and names the deletion; /api/deletions/ undoes it."""

import pytest

from goals.models import Goal, Status

pytestmark = pytest.mark.django_db


def test_a_goal_with_sub_goals_needs_children_named(api_as, people, cascade):
    response = api_as(people.staff).delete(f"/api/goals/{cascade.manager.pk}/")
    assert response.status_code == 400
    [message] = response.json()["children"]
    assert message.startswith("West new ARR has 2 sub-goals: say what happens to them.")
    assert '"move_up"' in message and '"delete"' in message
    response = api_as(people.staff).delete(f"/api/goals/{cascade.manager.pk}/?children=orphan")
    assert response.status_code == 400 and "children" in response.json()


def test_delete_moves_sub_goals_up_and_links_to_the_undo(api_as, people, cascade):
    client = api_as(people.staff)
    response = client.delete(f"/api/goals/{cascade.manager.pk}/?children=move_up")
    assert response.status_code == 204
    undo = response["Link"].split(";")[0].strip("<>")
    assert client.get(f"/api/goals/{cascade.manager.pk}/").status_code == 404
    assert client.get(f"/api/goals/{cascade.rep.pk}/").json()["parent"] == cascade.executive.pk
    deletion = client.get(undo).json()
    assert (deletion["goal_title"], deletion["children"], deletion["can_undo"]) == ("West new ARR", "move_up", True)
    restored = client.post(f"{undo}restore/")
    assert restored.status_code == 200 and restored.json()["restored_at"]
    assert client.get(f"/api/goals/{cascade.rep.pk}/").json()["parent"] == cascade.manager.pk


def test_deleted_goals_vanish_from_lists_subtrees_and_counts(api_as, people, cascade):
    client = api_as(people.staff)
    client.delete(f"/api/goals/{cascade.manager.pk}/?children=delete")
    ids = {row["id"] for row in client.get("/api/goals/?page_size=500").json()["results"]}
    assert ids == {cascade.objective.pk, cascade.executive.pk}
    subtree = client.get(f"/api/goals/{cascade.objective.pk}/subtree/").json()
    assert [child["id"] for child in subtree["children"][0]["children"]] == []
    assert client.get(f"/api/goals/{cascade.rep.pk}/checkins/").status_code == 404


def test_others_see_only_their_own_deletions_within_the_window(api_as, people, cascade):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=Status.DRAFT)
    assert api_as(people.rep).delete(f"/api/goals/{cascade.rep.pk}/").status_code == 204
    api_as(people.staff).delete(f"/api/goals/{cascade.peer.pk}/")
    assert [row["goal_title"] for row in api_as(people.rep).get("/api/deletions/").json()["results"]] == [
        "Riley new ARR"
    ]
    assert api_as(people.peer_rep).get("/api/deletions/").json()["count"] == 0
    assert api_as(people.staff).get("/api/deletions/").json()["count"] == 2


def test_a_rep_cannot_delete_a_returned_goal_with_check_ins(api_as, people, cascade):
    Goal.objects.filter(pk=cascade.rep.pk).update(status=Status.RETURNED)
    client = api_as(people.rep)
    client.post(f"/api/goals/{cascade.rep.pk}/checkins/", {"value": "10", "confidence": "on_track"})
    response = client.delete(f"/api/goals/{cascade.rep.pk}/")
    assert response.status_code == 403
    assert Goal.objects.filter(pk=cascade.rep.pk).exists()
