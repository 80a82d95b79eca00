"""What the cascade's views share: loading a goal the viewer may see, safe 'next' redirects."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme

from goals.models import Goal


def visible_goal_or_404(request, pk: int) -> Goal:
    """The goal, with what rules need loaded; a goal the viewer may not see does not exist for them."""
    goal = get_object_or_404(Goal.objects.select_related("owner", "cycle", "parent__owner", "parent__cycle"), pk=pk)
    if not request.user.has_perm("goals.view_goal", goal):
        raise Http404("No goal found.")
    return goal


def safe_next(request, default: str) -> str:
    """The page to go back to: the ``next`` parameter when it stays on this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def redirect_next(request, default: str):
    return redirect(safe_next(request, default))
