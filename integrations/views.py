"""Pages of metric feeds: a feed's page and form (reached from its goal), and the admins' integrations page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from goals.views.common import visible_goal_or_404
from integrations import selectors, services, signing
from integrations.forms import CrmConnectionForm, MetricFeedForm
from integrations.models import CrmConnection, MetricFeed


def _visible_feed_or_404(request, pk: int) -> MetricFeed:
    feed = get_object_or_404(MetricFeed.objects.select_related("goal__cycle", "goal__owner", "connection"), pk=pk)
    if not request.user.has_perm("integrations.view_metricfeed", feed):
        raise Http404("No such feed.")  # someone else's private goal: its feeds do not exist for the viewer
    return feed


@login_required
def feed_detail(request, pk: int):
    feed = _visible_feed_or_404(request, pk)
    can_manage = request.user.has_perm("integrations.change_metricfeed", feed)
    context = {
        "feed": feed,
        "goal": feed.goal,
        "can_manage": can_manage,
        "readings": selectors.recent_readings(feed),
        "webhook_url": request.build_absolute_uri(feed.webhook_path) if feed.is_webhook else "",
        "headers": {"timestamp": signing.TIMESTAMP_HEADER, "signature": signing.SIGNATURE_HEADER},
    }
    return render(request, "integrations/feed_detail.html", context)


@login_required
def feed_create(request, goal_pk: int):
    goal = visible_goal_or_404(request, goal_pk)
    if not request.user.has_perm("integrations.add_feed_to_goal", goal):
        raise PermissionDenied("Feeds are set up by the goal's owner, their managers or admins.")
    can_query_crm = request.user.has_perm("integrations.query_crm", None)
    form = MetricFeedForm(request.POST or None, can_query_crm=can_query_crm)
    if request.method == "POST" and form.is_valid():
        try:
            feed = services.feed_create(
                actor=request.user,
                goal=goal,
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
                **form.source_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if feed.is_webhook:
                messages.success(request, "Webhook feed added: sign pushes with the secret below.")
            else:
                messages.success(request, f"{feed.get_kind_display()} feed added: it fetches within a minute.")
            return redirect(feed)
    return render(request, "integrations/feed_form.html", {"form": form, "goal": goal, "feed": None})


@login_required
def feed_edit(request, pk: int):
    feed = _visible_feed_or_404(request, pk)
    if not request.user.has_perm("integrations.change_metricfeed", feed):
        raise PermissionDenied(services.MANAGE_MESSAGE)
    form = MetricFeedForm(request.POST or None, instance=feed)
    if request.method == "POST" and form.is_valid():
        changes = {"name": form.cleaned_data["name"], **form.source_fields()}
        try:
            services.feed_update(actor=request.user, feed=MetricFeed.objects.get(pk=pk), **changes)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Feed saved.")
            return redirect(feed)
    return render(request, "integrations/feed_form.html", {"form": form, "goal": feed.goal, "feed": feed})


def _managed_feed(request, pk: int) -> MetricFeed:
    feed = _visible_feed_or_404(request, pk)
    if not request.user.has_perm("integrations.change_metricfeed", feed):
        raise PermissionDenied(services.MANAGE_MESSAGE)
    return feed


@login_required
@require_POST
def feed_fetch(request, pk: int):
    feed = _managed_feed(request, pk)
    try:
        outcome = services.feed_fetch_request(actor=request.user, feed=feed)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(feed)
    result = outcome.get("result")
    if outcome.get("delayed"):
        messages.warning(request, "The fetch is queued; it will run when the worker is back.")
    elif result is None:
        messages.info(request, "Fetching: the value shows here in a moment.")
    elif result["outcome"] == "failed":
        messages.error(request, f"The fetch failed: {result.get('error', '')}")
    else:
        messages.success(request, f"Fetched {result.get('value', '')} ({result['outcome']}).")
    return redirect(feed)


@login_required
@require_POST
def feed_toggle(request, pk: int):
    feed = _managed_feed(request, pk)
    services.feed_set_enabled(actor=request.user, feed=feed, enabled=not feed.enabled)
    messages.success(
        request, "Feed resumed." if feed.enabled else "Feed paused: it fetches nothing and refuses pushes."
    )
    return redirect(feed)


@login_required
@require_POST
def feed_rotate_secret(request, pk: int):
    feed = _managed_feed(request, pk)
    services.feed_rotate_secret(actor=request.user, feed=feed)
    messages.success(request, "New signing secret: the old one no longer works. Update the sender.")
    return redirect(feed)


@login_required
@require_POST
def feed_delete(request, pk: int):
    feed = _managed_feed(request, pk)
    goal = feed.goal
    services.feed_delete(actor=request.user, feed=feed)
    messages.success(request, f"Removed the feed “{feed.name}”; the check-ins it wrote stay.")
    return redirect(goal)


# --- admins: CRM connections and every feed's health ------------------------------------


def _require_admin(request) -> None:
    if not request.user.has_perm("integrations.manage_crm_connections", None):
        raise PermissionDenied("Only administrators manage integrations.")


@login_required
def overview(request):
    _require_admin(request)
    return render(
        request,
        "integrations/overview.html",
        {
            "connections": selectors.connections_with_use(),
            "feeds": selectors.feeds_by_health(),
            "environment": selectors.environment_credentials(),
        },
    )


@login_required
def connection_form(request, pk: int | None = None):
    _require_admin(request)
    connection = get_object_or_404(CrmConnection, pk=pk) if pk else None
    form = CrmConnectionForm(request.POST or None, instance=connection)
    if request.method == "POST" and form.is_valid():
        try:
            services.connection_save(actor=request.user, connection=connection, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Connection saved; its secrets are stored encrypted.")
            return redirect("integrations:overview")
    return render(request, "integrations/connection_form.html", {"form": form, "connection": connection})


@login_required
@require_POST
def connection_delete(request, pk: int):
    _require_admin(request)
    connection = get_object_or_404(CrmConnection, pk=pk)
    services.connection_delete(actor=request.user, connection=connection)
    messages.success(request, f"Removed {connection.name}.")
    return redirect("integrations:overview")
