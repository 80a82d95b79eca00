"""People set up their Slack or Teams channel (and a manager their team's) on a page next to the notification
settings and over /api/chat-channels/; secrets are stored encrypted and never shown back."""

import pytest
from django.db import connection as db_connection

from notifications.models import ChatChannel
from tests.fakes.chat import SLACK_WEBHOOK_PATH
from tests.fakes.server import FakeApi

pytestmark = pytest.mark.django_db

SLACK_HOOK = "https://hooks.slack.com/services/T0001/B0001/abcdefghijklmnopqrstuvwx"


@pytest.fixture
def chat_server(settings):
    api = FakeApi().start()
    settings.CHAT_WEBHOOK_HOSTS = [*settings.CHAT_WEBHOOK_HOSTS, "127.0.0.1"]
    api.route("POST", SLACK_WEBHOOK_PATH, (200, b"ok"))
    yield api
    api.stop()


def test_the_chat_page_sits_next_to_the_notification_settings(client, people):
    client.force_login(people.rep)

    assert "/notifications/chat/" in client.get("/notifications/settings/").content.decode()
    html = client.get("/notifications/chat/").content.decode()
    assert "Your channel" in html
    assert "Your team's channel" not in html  # Riley manages nobody


def test_a_person_saves_a_slack_webhook_that_is_stored_encrypted_and_never_shown(client, people):
    client.force_login(people.rep)

    response = client.post(
        "/notifications/chat/",
        {
            "scope": "person",
            "person-provider": "slack_webhook",
            "person-webhook_url": SLACK_HOOK,
            "person-enabled": "on",
        },
    )

    assert response.status_code == 302
    channel = ChatChannel.objects.get(person=people.rep)
    assert channel.webhook_url == SLACK_HOOK and channel.enabled
    page = client.get("/notifications/chat/").content.decode()
    assert SLACK_HOOK not in page and "hooks.slack.com/…uvwx" in page
    with db_connection.cursor() as cursor:
        cursor.execute("SELECT webhook_url FROM notifications_chatchannel")
        assert "hooks.slack.com" not in cursor.fetchone()[0]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://intranet.example.com/hook", "is not a Slack or Microsoft Teams webhook host"),
        ("http://hooks.slack.com/services/T/B/x", "start with https://"),
        ("", "Paste the incoming webhook"),
    ],
)
def test_a_webhook_elsewhere_is_refused_beside_the_field(client, people, url, message):
    client.force_login(people.rep)

    response = client.post(
        "/notifications/chat/", {"scope": "person", "person-provider": "slack_webhook", "person-webhook_url": url}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ChatChannel.objects.exists()


def test_the_test_button_posts_to_the_channel(client, people, chat_server):
    ChatChannel.objects.create(
        person=people.rep, provider="slack_webhook", webhook_url=chat_server.url + SLACK_WEBHOOK_PATH
    )
    client.force_login(people.rep)

    response = client.post("/notifications/chat/", {"scope": "person", "action": "test"}, follow=True)

    assert "Test message sent" in response.content.decode()
    assert chat_server.received("POST", SLACK_WEBHOOK_PATH)[0].json()["text"] == "Cascade is connected"


def test_a_manager_sets_up_the_teams_channel(client, people):
    client.force_login(people.manager)

    client.post(
        "/notifications/chat/",
        {
            "scope": "team",
            "team-provider": "teams_webhook",
            "team-webhook_url": "https://prod-12.westus.logic.azure.com/workflows/abc/triggers/manual/paths/invoke",
            "team-enabled": "on",
        },
    )

    channel = ChatChannel.objects.get()
    assert channel.team_manager == people.manager and channel.person is None


def test_a_slack_app_needs_a_bot_token_and_a_channel(api_as, people):
    response = api_as(people.rep).post(
        "/api/chat-channels/", {"provider": "slack_app", "slack_token": "xoxp-user-token"}, format="json"
    )

    assert response.status_code == 400
    assert set(response.json()) == {"slack_token", "slack_channel"}


def test_the_api_lists_only_my_channels_and_never_the_secrets(api_as, people):
    created = api_as(people.rep).post(
        "/api/chat-channels/", {"provider": "slack_webhook", "webhook_url": SLACK_HOOK}, format="json"
    )
    api_as(people.manager).post(
        "/api/chat-channels/", {"scope": "team", "provider": "slack_webhook", "webhook_url": SLACK_HOOK}, format="json"
    )

    assert created.status_code == 201, created.json()
    body = created.json()
    assert "webhook_url" not in body and body["webhook_hint"] == "https://hooks.slack.com/…uvwx"
    mine = api_as(people.rep).get("/api/chat-channels/").json()
    assert [channel["id"] for channel in mine["results"]] == [body["id"]]
    assert api_as(people.peer_rep).get(f"/api/chat-channels/{body['id']}/").status_code == 404
    assert api_as(people.manager).get("/api/chat-channels/").json()["results"][0]["is_team_channel"] is True


def test_a_rep_has_no_team_channel(api_as, people):
    response = api_as(people.rep).post(
        "/api/chat-channels/", {"scope": "team", "provider": "slack_webhook", "webhook_url": SLACK_HOOK}, format="json"
    )

    assert response.status_code == 400
    assert "nobody reporting" in response.json()["team"][0]


def test_pausing_and_removing_a_channel_over_the_api(api_as, people):
    client = api_as(people.rep)
    channel_id = client.post(
        "/api/chat-channels/", {"provider": "slack_webhook", "webhook_url": SLACK_HOOK}, format="json"
    ).json()["id"]

    paused = client.patch(f"/api/chat-channels/{channel_id}/", {"enabled": False}, format="json")
    assert paused.status_code == 200 and paused.json()["enabled"] is False
    assert ChatChannel.objects.get().webhook_url == SLACK_HOOK  # a change without the secret keeps it

    assert client.delete(f"/api/chat-channels/{channel_id}/").status_code == 204
    assert not ChatChannel.objects.exists()


def test_a_failing_test_message_says_why(api_as, people, chat_server):
    chat_server.route("POST", SLACK_WEBHOOK_PATH, (410, b"channel_is_archived"))
    channel = ChatChannel.objects.create(
        person=people.rep, provider="slack_webhook", webhook_url=chat_server.url + SLACK_WEBHOOK_PATH
    )

    response = api_as(people.rep).post(f"/api/chat-channels/{channel.pk}/test/")

    assert response.json() == {"delivered": False, "error": "Slack answered HTTP 410: channel_is_archived."}
