"""Deleting from the goal page: a confirmation listing what goes, an Undo in the message, the admins' restore list."""

import pytest

from goals.models import Deletion, Goal

pytestmark = pytest.mark.django_db


def test_the_confirmation_lists_the_sub_goals_and_asks_what_happens_to_them(client, people, cascade):
    client.force_login(people.staff)
    html = client.get(f"/goals/{cascade.manager.pk}/delete/").content.decode()
    assert "It has sub-goals. What happens to them?" in html
    assert "Riley new ARR" in html and "Pat new ARR" in html
    response = client.post(f"/goals/{cascade.manager.pk}/delete/", {})
    assert response.status_code == 200
    assert response.context["form"].errors["children"] == ["Say what happens to its sub-goals."]
    assert Goal.objects.filter(pk=cascade.manager.pk).exists()


def test_deleting_offers_an_undo_that_works(client, people, cascade):
    client.force_login(people.staff)
    response = client.post(f"/goals/{cascade.manager.pk}/delete/", {"children": "move_up"}, follow=True)
    html = response.content.decode()
    deletion = Deletion.objects.get()
    assert "Deleted “West new ARR”; its 2 sub-goals moved up. You can undo this for 30 minutes." in html
    assert f'action="/deletions/{deletion.pk}/restore/"' in html
    client.post(f"/deletions/{deletion.pk}/restore/", follow=True)
    assert Goal.objects.get(pk=cascade.rep.pk).parent_id == cascade.manager.pk


def test_the_goal_page_offers_delete_only_to_those_who_may(client, people, cascade):
    client.force_login(people.rep)
    assert "Delete…" not in client.get(f"/goals/{cascade.rep.pk}/").content.decode()  # approved
    assert client.get(f"/goals/{cascade.rep.pk}/delete/").status_code == 403
    client.force_login(people.staff)
    assert "Delete…" in client.get(f"/goals/{cascade.rep.pk}/").content.decode()


def test_admins_list_and_restore_deletions_others_may_not(client, people, cascade):
    client.force_login(people.staff)
    client.post(f"/goals/{cascade.peer.pk}/delete/", {})
    html = client.get("/goals/deleted/").content.decode()
    assert "“Pat new ARR”" in html and "Restore" in html
    client.force_login(people.manager)
    assert client.get("/goals/deleted/").status_code == 403
    deletion = Deletion.objects.get()
    assert client.post(f"/deletions/{deletion.pk}/restore/").status_code == 403
    assert not Goal.objects.filter(pk=cascade.peer.pk).exists()
