"""The alignment health page: how well a cycle's cascade lines up, and "Scan now" for executives and admins."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from goals.alignment.health import NO_REGION, TrendPoint, alignment_health, open_flags_of_owner
from goals.alignment.services import alignment_scan_request
from goals.models import Cycle, Phase
from goals.models.flag import FLAG_REMEDIES

SPARKLINE_WIDTH, SPARKLINE_HEIGHT = 320, 64


@require_GET
@login_required
def health_default(request):
    """The cycle people mean when they do not say: the active one, else the next in play, else the latest."""
    cycles = Cycle.objects.order_by("-start")
    cycle = cycles.filter(phase=Phase.ACTIVE).first() or cycles.exclude(phase=Phase.CLOSED).last() or cycles.first()
    if cycle is None:
        return render(request, "alignment/health.html", {"cycle": None})
    return redirect("alignment:health", cycle_id=cycle.pk)


@require_GET
@login_required
def health(request, cycle_id: int):
    cycle = get_object_or_404(Cycle, pk=cycle_id)
    report = alignment_health(cycle, request.user)
    my_flags = list(open_flags_of_owner(request.user, cycle))
    most = max([row.open_flags for row in report.by_kind + report.by_region] or [0]) or 1
    context = {
        "cycle": cycle,
        "cycles": Cycle.objects.order_by("-start"),
        "health": report,
        "critical": next(row.open_flags for row in report.by_severity if row.key == "critical"),
        "kinds": [
            {
                "row": row,
                "remedy": FLAG_REMEDIES[row.key],
                "share": row.open_flags / most,
                "url": explorer_url(cycle, flag_kind=row.key),
            }
            for row in report.by_kind
        ],
        "tiers": [{"row": row, "url": explorer_url(cycle, tier=row.key)} for row in report.by_tier],
        "regions": [
            {
                "row": row,
                "share": row.open_flags / most,
                "url": explorer_url(cycle, region=row.key) if row.key != NO_REGION else None,
            }
            for row in report.by_region
        ],
        "worst": [{"subtree": subtree, "url": goal_url(subtree.goal_id)} for subtree in report.worst_subtrees],
        "my_flags": [{"flag": flag, "url": goal_url(flag.goal_id)} for flag in my_flags],
        "sparkline": sparkline(report.trend),
        "can_scan": request.user.has_perm("goals.run_alignment_scan", cycle),
    }
    return render(request, "alignment/health.html", context)


@require_POST
@login_required
def scan(request, cycle_id: int):
    cycle = get_object_or_404(Cycle, pk=cycle_id)
    requested = alignment_scan_request(actor=request.user, cycle=cycle)
    result = requested.result
    if requested.delayed:
        messages.warning(request, f"The scan of {cycle.name} is queued; it will run when the worker is back.")
    elif result is None:
        messages.info(request, f"The scan of {cycle.name} is running; reload this page in a moment to see it.")
    elif result.changed:
        messages.success(
            request,
            f"Scanned {cycle.name}: {result.opened} new, {result.resolved} resolved, {result.updated} updated; "
            f"{result.open_flags} open.",
        )
    else:
        messages.success(request, f"Scanned {cycle.name}: nothing changed; {result.open_flags} open.")
    return redirect("alignment:health", cycle_id=cycle.pk)


def explorer_url(cycle: Cycle, **filters: str) -> str:
    """The explorer, showing the cycle's goals with open flags narrowed by ``filters``."""
    return reverse("goals:explorer", args=[cycle.pk]) + "?" + urlencode({"flagged": "on", **filters})


def goal_url(goal_id: int) -> str | None:
    """The goal's page, where the web layer has one."""
    try:
        return reverse("goals:detail", args=[goal_id])
    except NoReverseMatch:
        return None


def sparkline(trend: list[TrendPoint]) -> dict | None:
    """The points of a small line chart of open flags per day (None with fewer than two days)."""
    if len(trend) < 2:
        return None
    highest = max(point.open_flags for point in trend) or 1
    step = SPARKLINE_WIDTH / (len(trend) - 1)
    points = " ".join(
        f"{index * step:.1f},{SPARKLINE_HEIGHT - 4 - (SPARKLINE_HEIGHT - 8) * point.open_flags / highest:.1f}"
        for index, point in enumerate(trend)
    )
    return {
        "points": points,
        "width": SPARKLINE_WIDTH,
        "height": SPARKLINE_HEIGHT,
        "first": trend[0],
        "last": trend[-1],
        "highest": highest,
    }
