"""Comments on goals: anyone who can see the goal comments; authors and admins remove their comments."""

import pytest

from goals.models import GoalComment, Visibility
from tests.factories import GoalFactory
from tests.web.conftest import htmx

pytestmark = pytest.mark.django_db


def test_a_colleague_comments_on_a_goal(client, demo):
    client.force_login(demo.peer_rep)
    response = client.post(f"/goals/{demo.rep_goal.pk}/comments/", {"body": "Which accounts are in this?"})
    assert response.status_code == 302
    comment = GoalComment.objects.get(goal=demo.rep_goal)
    assert comment.author == demo.peer_rep
    assert "Which accounts are in this?" in client.get(f"/goals/{demo.rep_goal.pk}/").content.decode()


def test_an_htmx_comment_returns_the_refreshed_thread(client, demo):
    client.force_login(demo.peer_rep)
    response = htmx(client.post, f"/goals/{demo.rep_goal.pk}/comments/", {"body": "Nice progress"})
    html = response.content.decode()
    assert 'id="comments-block"' in html
    assert "Nice progress" in html


def test_an_empty_comment_is_refused_next_to_the_field(client, demo):
    client.force_login(demo.peer_rep)
    response = client.post(f"/goals/{demo.rep_goal.pk}/comments/", {"body": "   "})
    assert response.status_code == 200
    assert 'id="id_body_error"' in response.content.decode()
    assert not GoalComment.objects.exists()


def test_only_the_author_removes_a_comment(client, demo):
    client.force_login(demo.peer_rep)
    client.post(f"/goals/{demo.rep_goal.pk}/comments/", {"body": "Mine"})
    comment = GoalComment.objects.get()
    client.force_login(demo.rep)
    assert client.post(f"/comments/{comment.pk}/delete/").status_code == 403
    client.force_login(demo.peer_rep)
    assert client.post(f"/comments/{comment.pk}/delete/").status_code == 302
    assert not GoalComment.objects.exists()


def test_nobody_comments_on_a_goal_they_cannot_see(client, demo):
    secret = GoalFactory(cycle=demo.cycle, owner=demo.rep, parent=demo.manager_goal, visibility=Visibility.PRIVATE)
    client.force_login(demo.peer_rep)
    assert client.post(f"/goals/{secret.pk}/comments/", {"body": "Hello"}).status_code == 404
    assert not GoalComment.objects.exists()
