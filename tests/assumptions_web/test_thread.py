"""A challenge's thread: replies nest to any depth in reading order; authors edit and remove their own."""

import re

import pytest

from assumptions import services
from assumptions.models import Comment
from tests.assumptions_web.conftest import html, signed_in
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _post(client, challenge, body, parent=None, **headers):
    data = {"body": body, **({"parent": parent.pk} if parent else {})}
    return client.post(f"/assumptions/challenges/{challenge.pk}/comments/", data, **headers)


def _thread_order(page: str) -> list[tuple[int, int]]:
    """(comment id, depth) in the order the thread shows them."""
    found = re.findall(r'id="comment-(\d+)" style="--depth: (\d+)"', page)
    return [(int(pk), int(depth)) for pk, depth in found]


def test_replies_nest_under_what_they_answer_in_reading_order(client, people, challenge):
    signed_in(client, people.peer_rep)
    _post(client, challenge, "First thought")
    first = Comment.objects.get(body="First thought")
    _post(client, challenge, "Second thread")
    second = Comment.objects.get(body="Second thread")
    _post(client, challenge, "Reply one", first)
    reply = Comment.objects.get(body="Reply one")
    _post(client, challenge, "Reply two", reply)
    deep = Comment.objects.get(body="Reply two")
    _post(client, challenge, "Reply three", deep)
    deepest = Comment.objects.get(body="Reply three")
    page = html(client.get(f"/assumptions/challenges/{challenge.pk}/"))
    assert _thread_order(page) == [(first.pk, 0), (reply.pk, 1), (deep.pk, 2), (deepest.pk, 3), (second.pk, 0)]
    assert "replying to Pat Peer" in page


def test_an_empty_reply_is_refused_next_to_the_field(client, people, challenge):
    response = _post(signed_in(client, people.peer_rep), challenge, "   ")
    assert response.status_code == 200
    assert 'id="id_body_error"' in html(response) and "Write something before posting." in html(response)
    assert not Comment.objects.exists()


def test_a_reply_that_fails_reopens_under_its_comment(client, people, challenge):
    top = services.comment_post(actor=people.rep, challenge=challenge, body="Top")
    page = html(_post(signed_in(client, people.peer_rep), challenge, "", top))
    assert 'id="reply_body_error"' in page
    assert Comment.objects.count() == 1


def test_replying_to_a_comment_of_another_thread_is_refused_keeping_the_text(client, people, assumption, challenge):
    other = services.challenge_open(actor=people.peer_rep, assumption=assumption, claim="Another doubt")
    elsewhere = services.comment_post(actor=people.rep, challenge=other, body="Elsewhere")
    response = _post(signed_in(client, people.manager), challenge, "My carefully typed reply", elsewhere)
    page = html(response)
    assert response.status_code == 200
    assert "That comment belongs to another thread." in page
    assert "My carefully typed reply" in page
    assert not Comment.objects.filter(challenge=challenge).exists()


def test_replying_to_a_comment_that_no_longer_exists_says_so(client, people, challenge):
    signed_in(client, people.peer_rep)
    response = client.post(f"/assumptions/challenges/{challenge.pk}/comments/", {"body": "Hello", "parent": 987654})
    assert "The comment you replied to no longer exists." in html(response)
    assert not Comment.objects.exists()


def test_posting_with_htmx_answers_with_the_thread_only(client, people, challenge):
    response = _post(signed_in(client, people.peer_rep), challenge, "Via htmx", HTTP_HX_REQUEST="true")
    page = html(response)
    assert "<html" not in page and 'id="thread-block"' in page and "Via htmx" in page
    failed = html(_post(client, challenge, "", HTTP_HX_REQUEST="true"))
    assert "Write something before posting." in failed and "<html" not in failed


def test_the_author_edits_their_comment(client, people, challenge):
    comment = services.comment_post(actor=people.peer_rep, challenge=challenge, body="Typo here")
    signed_in(client, people.peer_rep)
    response = client.post(f"/assumptions/comments/{comment.pk}/edit/", {"body": "Fixed the typo"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Fixed the typo" and comment.edited_at is not None
    assert "· edited" in html(client.get(f"/assumptions/challenges/{challenge.pk}/"))


def test_emptying_a_comment_is_refused_and_the_editor_stays_open(client, people, challenge):
    comment = services.comment_post(actor=people.peer_rep, challenge=challenge, body="Keep me")
    response = signed_in(client, people.peer_rep).post(f"/assumptions/comments/{comment.pk}/edit/", {"body": " "})
    page = html(response)
    assert 'id="edit_body_error"' in page and "remove it instead" in page
    assert Comment.objects.get(pk=comment.pk).body == "Keep me"


def test_only_the_author_edits_or_removes_a_comment(client, people, challenge):
    comment = services.comment_post(actor=people.peer_rep, challenge=challenge, body="Mine")
    signed_in(client, people.rep)
    page = html(client.get(f"/assumptions/challenges/{challenge.pk}/"))
    assert f"/assumptions/comments/{comment.pk}/edit/" not in page
    assert f"/assumptions/comments/{comment.pk}/remove/" not in page
    assert client.post(f"/assumptions/comments/{comment.pk}/edit/", {"body": "Hijacked"}).status_code == 403
    assert client.post(f"/assumptions/comments/{comment.pk}/remove/").status_code == 403
    assert Comment.objects.get(pk=comment.pk).body == "Mine"


def test_a_removed_comment_keeps_its_place_and_its_replies(client, people, challenge):
    parent = services.comment_post(actor=people.peer_rep, challenge=challenge, body="Regrettable remark")
    reply = services.comment_post(actor=people.rep, challenge=challenge, body="A reply worth keeping", parent=parent)
    signed_in(client, people.peer_rep)
    response = client.post(f"/assumptions/comments/{parent.pk}/remove/")
    assert response.status_code == 302
    page = html(client.get(f"/assumptions/challenges/{challenge.pk}/"))
    assert "Regrettable remark" not in page
    assert "This comment was removed." in page and "replying to a removed comment" in page
    assert _thread_order(page) == [(parent.pk, 0), (reply.pk, 1)]
    assert "A reply worth keeping" in page


def test_the_thread_costs_a_fixed_number_of_queries(client, people, challenge, django_assert_max_num_queries):
    talkers = [PersonFactory(manager=people.manager) for _ in range(5)]
    parents = [None]
    for n in range(60):
        parent = parents[n % len(parents)]
        comment = services.comment_post(actor=talkers[n % 5], challenge=challenge, body=f"Point {n}", parent=parent)
        parents.append(comment)
        if n % 7 == 0:
            services.comment_remove(actor=talkers[n % 5], comment=comment)
    signed_in(client, talkers[0])
    with django_assert_max_num_queries(9):
        page = html(client.get(f"/assumptions/challenges/{challenge.pk}/"))
    assert len(_thread_order(page)) == 60
    assert max(depth for _, depth in _thread_order(page)) >= 4


def test_editing_a_removed_comment_says_it_was_removed(client, people, challenge):
    comment = services.comment_post(actor=people.peer_rep, challenge=challenge, body="Gone soon")
    services.comment_remove(actor=people.peer_rep, comment=comment)
    signed_in(client, people.peer_rep)
    response = client.post(
        f"/assumptions/comments/{comment.pk}/edit/",
        {"body": "Back again"},
        HTTP_REFERER=f"http://testserver/assumptions/challenges/{challenge.pk}/",
        follow=True,
    )
    assert "This comment was removed, so it can no longer be edited." in html(response)
    assert Comment.objects.get(pk=comment.pk).body == ""


def test_a_closed_cycles_thread_is_read_only(client, people, challenge):
    from goals.models import Cycle

    comment = services.comment_post(actor=people.peer_rep, challenge=challenge, body="Said before closing")
    Cycle.objects.filter(pk=challenge.assumption.cycle_id).update(phase="closed")
    signed_in(client, people.peer_rep)
    page = html(client.get(f"/assumptions/challenges/{challenge.pk}/"))
    assert "Said before closing" in page
    assert f"/assumptions/comments/{comment.pk}/edit/" not in page and "Add to the discussion" not in page
    assert "Endorse the challenge" not in page
    referer = f"http://testserver/assumptions/challenges/{challenge.pk}/"
    response = _post(client, challenge, "Too late", HTTP_REFERER=referer, follow=True)
    assert "is closed: its threads are read-only." in html(response)
    assert not Comment.objects.filter(body="Too late").exists()
