"""The inbox (read, click through, mark read) and the preferences page (mute kinds)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from notifications import chat, services
from notifications.forms import ChatChannelForm, PreferencesForm
from notifications.models import ChatChannel, Kind, Notification
from notifications.selectors import inbox, muted_kinds

PAGE_SIZE = 30


def _own_notification_or_404(request, pk: int) -> Notification:
    """Someone else's notification does not exist for the viewer."""
    return get_object_or_404(Notification, pk=pk, recipient=request.user)


@login_required
def inbox_page(request):
    unread_only = request.GET.get("show") == "unread"
    page = Paginator(inbox(request.user, unread_only=unread_only), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page, "unread_only": unread_only})


@login_required
def open_notification(request, pk: int):
    """Click-through: mark it read and go where it leads."""
    notification = _own_notification_or_404(request, pk)
    services.notification_mark_read(actor=request.user, notification=notification)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_read(request, pk: int):
    notification = _own_notification_or_404(request, pk)
    services.notification_mark_read(actor=request.user, notification=notification)
    if request.htmx:
        return render(request, "notifications/_item.html", {"notification": notification, "oob": True})
    return redirect(_back(request))


@login_required
@require_POST
def mark_all_read(request):
    count = services.notifications_mark_all_read(actor=request.user)
    if count:
        messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} read.")
    return redirect(_back(request))


@login_required
def preferences(request):
    muted = muted_kinds(request.user)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            try:
                services.muted_kinds_set(actor=request.user, kinds=form.muted())
            except ValidationError as error:
                add_service_errors(form, error, {"muted": "wanted"})
            else:
                messages.success(request, "Your notification settings are saved.")
                return redirect("notifications:preferences")
    else:
        form = PreferencesForm(initial={"wanted": [kind for kind in Kind.values if kind not in muted]})
    return render(request, "notifications/preferences.html", {"form": form})


@login_required
def chat_settings(request):
    """The person's Slack or Teams channel, and their team's if they manage people, beside email."""
    person = request.user
    manages_team = person.reports.exists()
    channels = {
        "person": ChatChannel.objects.filter(person=person).first(),
        "team": ChatChannel.objects.filter(team_manager=person).first() if manages_team else None,
    }
    forms = {}
    for scope, channel in channels.items():
        if scope == "team" and not manages_team:
            continue
        initial = {"enabled": True}
        if channel is not None:
            initial = {"provider": channel.provider, "slack_channel": channel.slack_channel, "enabled": channel.enabled}
        bound = request.method == "POST" and request.POST.get("scope") == scope
        forms[scope] = ChatChannelForm(request.POST if bound else None, initial=initial, prefix=scope)
    if request.method == "POST":
        scope = request.POST.get("scope")
        action = request.POST.get("action", "save")
        channel = channels.get(scope)
        if scope not in forms:
            return redirect("notifications:chat")
        if action == "remove" and channel is not None:
            chat.chat_channel_delete(actor=person, channel=channel)
            messages.success(request, "Chat channel removed: notifications reach your inbox and email only.")
            return redirect("notifications:chat")
        if action == "test" and channel is not None:
            try:
                chat.send_test(channel)
            except chat.ChatDeliveryFailed as error:
                messages.error(request, f"The test message did not arrive: {error}")
            else:
                messages.success(request, "Test message sent: look for it in the channel.")
            return redirect("notifications:chat")
        form = forms[scope]
        if form.is_valid():
            try:
                chat.chat_channel_save(actor=person, channel=channel, team=scope == "team", **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Chat channel saved.")
                return redirect("notifications:chat")
    sections = [
        {
            "scope": scope,
            "form": form,
            "channel": channels[scope],
            "hint": chat.webhook_hint(channels[scope]) if channels[scope] else "",
        }
        for scope, form in forms.items()
    ]
    return render(request, "notifications/chat_settings.html", {"sections": sections})


def _back(request) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "notifications:inbox"
