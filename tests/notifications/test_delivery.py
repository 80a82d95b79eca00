"""deliver(): set-based, once per event and person, never about one's own action, muting, one email each."""

from smtplib import SMTPServerDisconnected

import pytest

from notifications import delivery, receivers
from notifications.delivery import Draft, deliver, email_notifications
from notifications.models import Kind, MutedKind, Notification
from notifications.tasks import notify_task
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def draft(recipient, key="event:1", kind=Kind.GOAL_FLAGGED, actor=None, title="Orphan on your goal “Pipeline”"):
    return Draft(
        recipient_id=recipient.pk,
        kind=kind,
        title=title,
        key=key,
        url="/goals/1/",
        actor_id=actor.pk if actor else None,
    )


def test_nobody_is_told_about_their_own_action(people, mailoutbox):
    delivered = deliver([draft(people.rep, actor=people.rep), draft(people.manager, actor=people.rep)])

    assert delivered == 1
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["manager"]
    assert [m.to for m in mailoutbox] == [[people.manager.email]]


def test_a_muted_kind_reaches_neither_the_inbox_nor_email(people, mailoutbox):
    MutedKind.objects.create(person=people.rep, kind=Kind.GOAL_FLAGGED)

    deliver([draft(people.rep, "flag:1"), draft(people.rep, "comment:1", kind=Kind.GOAL_COMMENTED)])

    assert list(Notification.objects.values_list("kind", flat=True)) == [Kind.GOAL_COMMENTED]
    assert len(mailoutbox) == 1


def test_delivering_an_event_twice_delivers_it_once(people, mailoutbox):
    assert deliver([draft(people.rep)]) == 1
    assert deliver([draft(people.rep)]) == 0

    assert Notification.objects.count() == 1
    assert len(mailoutbox) == 1


def test_a_task_run_twice_notifies_and_emails_once(people, cascade, mailoutbox):
    payload = {"goal_id": cascade.rep.pk, "new_status": "approved", "actor_id": people.manager.pk}
    payload |= {"reason": "", "changed_at": "2026-11-23T10:00:00+00:00"}

    assert notify_task.delay([["goal_status_changed", payload]]).get() == 1
    assert notify_task.delay([["goal_status_changed", payload]]).get() == 0

    assert Notification.objects.filter(recipient=people.rep).count() == 1
    assert len(mailoutbox) == 1


def test_a_notification_is_emailed_once_even_when_emailing_is_retried(people, mailoutbox):
    deliver([draft(people.rep)], email=False)
    assert email_notifications(["event:1"]) == 1
    assert email_notifications(["event:1"]) == 0

    assert len(mailoutbox) == 1
    assert Notification.objects.get().emailed_at is not None


def test_people_without_an_email_address_still_get_the_inbox(people, mailoutbox):
    person = PersonFactory(email="", manager=people.manager)

    deliver([draft(person)])

    assert Notification.objects.filter(recipient=person).exists()
    assert mailoutbox == []


def test_many_notifications_make_one_digest_per_person(people, mailoutbox):
    drafts = [draft(people.rep, f"flag:{n}", title=f"Flag {n}") for n in range(30)]
    drafts += [draft(people.peer_rep, "flag:99", title="Only one")]

    deliver(drafts)

    by_person = {tuple(m.to): m for m in mailoutbox}
    assert len(mailoutbox) == 2
    digest = by_person[(people.rep.email,)]
    assert digest.subject == "[Cascade] 30 new notifications"
    assert "- Flag 0" in digest.body and "... and 10 more in your inbox." in digest.body
    assert "/notifications/settings/" in digest.body
    assert by_person[(people.peer_rep.email,)].subject == "[Cascade] Only one"


def test_a_thousand_notifications_cost_a_handful_of_queries_not_one_each(people, django_assert_max_num_queries):
    recipients = PersonFactory.create_batch(40, manager=people.manager)
    drafts = [draft(person, f"flag:{n}:{person.pk}") for person in recipients for n in range(25)]

    # Mute and dedupe lookups, inserts in batches (SQLite fits ~100 rows in one), one claim and update for email.
    with django_assert_max_num_queries(25):
        assert deliver(drafts) == 1000


def test_long_titles_are_shortened_to_fit(people):
    deliver([draft(people.rep, title="word " * 200)])

    title = Notification.objects.get().title
    assert len(title) == 300 and title.endswith("…")


def test_a_mail_server_that_is_down_delays_the_email_until_the_retry(people, mailoutbox, monkeypatch):
    class DownServer:
        def send_messages(self, messages):
            raise SMTPServerDisconnected("Connection unexpectedly closed")

    with monkeypatch.context() as patched:
        patched.setattr(delivery, "get_connection", DownServer)
        with pytest.raises(SMTPServerDisconnected):  # the task fails, and Celery retries it
            deliver([draft(people.rep)])

    assert Notification.objects.get(recipient=people.rep).emailed_at is None
    assert mailoutbox == []

    assert deliver([draft(people.rep)]) == 0  # the retry: nothing new in the inbox, the email goes out

    assert Notification.objects.get(recipient=people.rep).emailed_at is not None
    assert len(mailoutbox) == 1


def test_a_broker_that_is_down_does_not_fail_the_change(
    people, cascade, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from goals import services

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(notify_task, "delay", broker_down)
    logged = []
    monkeypatch.setattr(receivers.logger, "exception", lambda message, *args: logged.append(message % args))

    with django_capture_on_commit_callbacks(execute=True):
        comment = services.goal_comment_create(actor=people.peer_rep, goal=cascade.rep, body="Ping")

    assert comment.pk is not None
    assert logged == ["Could not deliver notifications for ['goal_commented']"]
