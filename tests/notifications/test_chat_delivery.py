"""Notifications posted to Slack and Microsoft Teams beside email: once, one message per person, with retries."""

import pytest
from celery.exceptions import Retry

from notifications.chat import post_to_channel
from notifications.delivery import Draft, deliver
from notifications.models import ChatChannel, ChatDelivery, Kind, MutedKind, Notification
from notifications.reminders import send_checkin_reminders
from notifications.tasks import post_pending_chat_task, post_to_chat_task, send_checkin_reminders_task
from tests.fakes.chat import SLACK_WEBHOOK_PATH, TEAMS_WEBHOOK_PATH, chat_post_message_ok
from tests.fakes.server import FakeApi

pytestmark = pytest.mark.django_db


@pytest.fixture
def chat_server(settings):
    api = FakeApi().start()
    settings.CHAT_WEBHOOK_HOSTS = ["127.0.0.1"]
    settings.SLACK_API_URL = f"{api.url}/api/"
    settings.SITE_URL = "https://cascade.example.com"
    api.route("POST", SLACK_WEBHOOK_PATH, (200, b"ok"))
    api.route("POST", TEAMS_WEBHOOK_PATH, (202, b""))
    api.route("POST", "/api/chat.postMessage", chat_post_message_ok)
    yield api
    api.stop()


def slack_channel(person, server, **fields):
    return ChatChannel.objects.create(
        person=person, provider="slack_webhook", webhook_url=server.url + SLACK_WEBHOOK_PATH, **fields
    )


def draft(person, key, title="Your goal was approved", kind=Kind.GOAL_APPROVED, url="/goals/1/"):
    return Draft(recipient_id=person.pk, kind=kind, title=title, key=key, url=url, body="Well done.")


def test_a_slack_webhook_receives_the_checkin_reminder(
    chat_server, people, cascade, clock, django_capture_on_commit_callbacks
):
    import datetime

    slack_channel(people.rep, chat_server)
    clock.shift(datetime.timedelta(days=15))  # Riley's goal is owed a check-in

    with django_capture_on_commit_callbacks(execute=True):
        send_checkin_reminders_task.delay().get()

    posts = chat_server.received("POST", SLACK_WEBHOOK_PATH)
    assert len(posts) == 1
    message = posts[0].json()
    assert posts[0].headers["content-type"].startswith("application/json")
    assert message["text"] == "Time to check in on “Riley new ARR”"
    section = message["blocks"][1]["text"]["text"]
    assert (
        f"<https://cascade.example.com/?checkin={cascade.rep.pk}#check-in|Time to check in on “Riley new ARR”>"
        in section
    )
    assert "https://cascade.example.com/notifications/" in message["blocks"][-1]["elements"][0]["text"]
    reminder = Notification.objects.get(recipient=people.rep, kind=Kind.CHECKIN_REMINDER)
    assert ChatDelivery.objects.filter(notification=reminder).count() == 1


def test_one_message_per_person_per_delivery(chat_server, people, django_capture_on_commit_callbacks):
    slack_channel(people.rep, chat_server)
    slack_channel(people.manager, chat_server)

    with django_capture_on_commit_callbacks(execute=True):
        deliver([draft(people.rep, "a"), draft(people.rep, "b", title="A comment"), draft(people.manager, "c")])

    posts = chat_server.received("POST", SLACK_WEBHOOK_PATH)
    assert len(posts) == 2
    texts = sorted(post.json()["text"] for post in posts)
    assert texts == ["2 new notifications in Cascade", "Your goal was approved"]


def test_muted_kinds_are_not_posted_either(chat_server, people, django_capture_on_commit_callbacks):
    slack_channel(people.rep, chat_server)
    MutedKind.objects.create(person=people.rep, kind=Kind.GOAL_APPROVED)

    with django_capture_on_commit_callbacks(execute=True):
        deliver([draft(people.rep, "a")])

    assert chat_server.received("POST", SLACK_WEBHOOK_PATH) == []


def test_a_notification_is_posted_once_however_often_delivery_runs(chat_server, people):
    channel = slack_channel(people.rep, chat_server)
    deliver([draft(people.rep, "a")])

    assert post_to_chat_task.delay([people.rep.pk]).get() == 1
    assert post_to_chat_task.delay([people.rep.pk]).get() == 0
    assert post_to_channel(channel.pk) == 0
    assert len(chat_server.received("POST", SLACK_WEBHOOK_PATH)) == 1


def test_a_failing_webhook_keeps_the_inbox_and_posts_once_it_recovers(
    chat_server, people, django_capture_on_commit_callbacks
):
    channel = slack_channel(people.rep, chat_server)
    chat_server.route("POST", SLACK_WEBHOOK_PATH, (404, b"no_service"))

    with django_capture_on_commit_callbacks(execute=True):
        assert deliver([draft(people.rep, "a")]) == 1  # the inbox is written whatever Slack says

    assert Notification.objects.filter(recipient=people.rep).count() == 1
    channel.refresh_from_db()
    assert channel.last_error == "Slack answered HTTP 404: no_service."
    assert channel.consecutive_failures == 1
    assert not ChatDelivery.objects.exists()

    chat_server.route("POST", SLACK_WEBHOOK_PATH, (200, b"ok"))
    assert post_pending_chat_task.delay().get() == 1
    channel.refresh_from_db()
    assert channel.consecutive_failures == 0 and channel.last_error == ""


def test_with_a_worker_a_failed_post_is_retried_with_back_off(chat_server, people, monkeypatch):
    slack_channel(people.rep, chat_server)
    chat_server.route("POST", SLACK_WEBHOOK_PATH, (500, b"internal_error"))
    deliver([draft(people.rep, "a")])
    scheduled = []
    monkeypatch.setattr(post_to_chat_task, "apply_async", lambda *args, **options: scheduled.append(options))

    post_to_chat_task.push_request(
        id="chat-1", args=[[people.rep.pk]], kwargs={}, is_eager=False, retries=2, called_directly=False
    )
    try:
        with pytest.raises(Retry) as retry:
            post_to_chat_task.run([people.rep.pk])
    finally:
        post_to_chat_task.pop_request()

    assert retry.value.when == 120  # 30 s doubled per retry, at most 10 minutes
    assert scheduled[0]["countdown"] == 120 and scheduled[0]["retries"] == 3
    assert "internal_error" in str(retry.value.exc)


def test_a_slack_app_posts_with_its_bot_token(chat_server, people):
    ChatChannel.objects.create(
        person=people.rep, provider="slack_app", slack_token="xoxb-1-fake", slack_channel="U024BE7LH"
    )
    deliver([draft(people.rep, "a")])

    post_to_chat_task.delay([people.rep.pk]).get()

    request = chat_server.received("POST", "/api/chat.postMessage")[0]
    assert request.headers["authorization"] == "Bearer xoxb-1-fake"
    body = request.json()
    assert body["channel"] == "U024BE7LH" and body["text"] == "Your goal was approved"


def test_a_slack_app_refusal_is_recorded(chat_server, people):
    chat_server.route("POST", "/api/chat.postMessage", (200, {"ok": False, "error": "channel_not_found"}))
    channel = ChatChannel.objects.create(
        person=people.rep, provider="slack_app", slack_token="xoxb-1", slack_channel="C1"
    )
    deliver([draft(people.rep, "a")])

    post_to_chat_task.delay([people.rep.pk]).get()

    channel.refresh_from_db()
    assert channel.last_error == "Slack refused the message: channel_not_found."


def test_teams_gets_an_adaptive_card_linking_back(chat_server, people):
    ChatChannel.objects.create(
        person=people.rep, provider="teams_webhook", webhook_url=chat_server.url + TEAMS_WEBHOOK_PATH
    )
    deliver([draft(people.rep, "a")])

    post_to_chat_task.delay([people.rep.pk]).get()

    card = chat_server.received("POST", TEAMS_WEBHOOK_PATH)[0].json()["attachments"][0]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    content = card["content"]
    assert content["type"] == "AdaptiveCard"
    assert content["body"][1]["text"] == "[Your goal was approved](https://cascade.example.com/goals/1/)"
    assert content["actions"][0] == {
        "type": "Action.OpenUrl",
        "title": "Open your inbox",
        "url": "https://cascade.example.com/notifications/",
    }


def test_a_teams_refusal_in_a_200_is_still_a_failure(chat_server, people):
    chat_server.route(
        "POST", TEAMS_WEBHOOK_PATH, (200, b"Microsoft Teams endpoint returned HTTP error 413 with ContextId")
    )
    channel = ChatChannel.objects.create(
        person=people.rep, provider="teams_webhook", webhook_url=chat_server.url + TEAMS_WEBHOOK_PATH
    )
    deliver([draft(people.rep, "a")])

    post_to_chat_task.delay([people.rep.pk]).get()

    channel.refresh_from_db()
    assert "413" in channel.last_error


def test_a_team_channel_names_who_has_news_and_what_kind_never_the_title(chat_server, people):
    ChatChannel.objects.create(
        team_manager=people.manager, provider="slack_webhook", webhook_url=chat_server.url + SLACK_WEBHOOK_PATH
    )
    deliver(
        [
            draft(people.rep, "a", title="Check-in overdue on “Secret expansion deal”", kind=Kind.CHECKIN_REMINDER),
            draft(people.rep, "b", title="Approved “Secret expansion deal”"),
            draft(people.peer_rep, "c"),
        ]
    )

    post_to_chat_task.delay([people.rep.pk, people.peer_rep.pk]).get()

    posts = chat_server.received("POST", SLACK_WEBHOOK_PATH)
    assert len(posts) == 1  # one message for the team
    text = str(posts[0].json())
    assert "Riley Rep: a check-in owed, a goal approved" in text
    assert "Pat Peer: a goal approved" in text
    assert "Secret expansion deal" not in text


def test_members_with_their_own_channel_are_left_out_of_the_teams(chat_server, people):
    ChatChannel.objects.create(
        team_manager=people.manager, provider="slack_webhook", webhook_url=chat_server.url + SLACK_WEBHOOK_PATH
    )
    slack_channel(people.rep, chat_server)
    deliver([draft(people.rep, "a")])

    post_to_chat_task.delay([people.rep.pk]).get()

    posts = chat_server.received("POST", SLACK_WEBHOOK_PATH)
    assert [post.json()["text"] for post in posts] == ["Your goal was approved"]


def test_turning_a_channel_on_does_not_replay_the_inbox(chat_server, people, clock):
    import datetime

    deliver([draft(people.rep, "old")])
    clock.shift(datetime.timedelta(minutes=5))
    slack_channel(people.rep, chat_server)
    deliver([draft(people.rep, "new", title="Fresh news")])

    post_to_chat_task.delay([people.rep.pk]).get()

    assert [post.json()["text"] for post in chat_server.received("POST", SLACK_WEBHOOK_PATH)] == ["Fresh news"]


def test_nobody_with_a_channel_costs_one_query(people, django_assert_num_queries):
    from notifications.chat import schedule

    with django_assert_num_queries(1):
        schedule([people.rep.pk])


def test_reminders_still_cost_a_fixed_number_of_queries_with_chat(
    chat_server, people, cascade, clock, django_assert_max_num_queries
):
    import datetime

    slack_channel(people.rep, chat_server)
    clock.shift(datetime.timedelta(days=15))

    with django_assert_max_num_queries(20):
        send_checkin_reminders()
