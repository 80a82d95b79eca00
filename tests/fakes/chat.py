"""Slack and Microsoft Teams as the fake server answers them.

- Slack incoming webhook ``POST /services/T…/B…/…``: 200 ``ok`` (text); refusals are text too:
  400 ``invalid_payload``, 403 ``invalid_token``, 404 ``no_service``, 410 ``channel_is_archived``.
- Slack Web API ``POST /api/chat.postMessage``: 200 ``{"ok": true, "channel", "ts", "message"}``, or
  200 ``{"ok": false, "error": "channel_not_found"}``.
- Teams incoming webhook (Workflows): 202 with an empty body; the older connectors answer 200 ``1``,
  or 200 with ``Microsoft Teams endpoint returned HTTP error 413 ...`` when they refuse.
"""

SLACK_WEBHOOK_PATH = "/services/T0001/B0001/XXXXXXXXXXXXXXXXXXXXXXXX"
TEAMS_WEBHOOK_PATH = "/workflows/8f2a1c/triggers/manual/paths/invoke"


def chat_post_message_ok(request):
    body = request.json()
    return 200, {
        "ok": True,
        "channel": body.get("channel"),
        "ts": "1795420800.000200",
        "message": {"type": "message", "subtype": "bot_message", "text": body.get("text"), "ts": "1795420800.000200"},
    }
