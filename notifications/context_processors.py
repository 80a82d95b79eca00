"""The unread count in the header: one query, and only on pages that show it."""

from functools import cache

from notifications.selectors import unread_count


def unread_notifications(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notification_count": 0}
    # Templates call a callable when they use it: pages (and htmx partials) that never show
    # the badge never count, and a page that shows it twice counts once.
    return {"unread_notification_count": cache(lambda: unread_count(user))}
