"""The inbox (read, click through, mark read) and the preferences page (mute kinds)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from notifications import services
from notifications.forms import PreferencesForm
from notifications.models import Kind, Notification
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


def _back(request) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "notifications:inbox"
