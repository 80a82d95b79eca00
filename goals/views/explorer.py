"""The cascade explorer: the tree of a cycle loaded one level at a time, search, the alignment map."""

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import Person
from core.db_router import replica_reads
from core.parsing import OFFSET_MAX, parse_id, parse_int
from goals.cache import TIMEOUT, cached_read, version
from goals.forms import ExplorerFilterForm
from goals.models import Cycle, Goal
from goals.selectors import (
    EXPLORER_PAGE_SIZE,
    alignment_map,
    alignment_map_search,
    current_cycle,
    cycle_goals_linked_elsewhere,
    cycle_objectives,
    cycle_unlinked_goals,
    explorer_focus_path,
    explorer_rows,
    explorer_search,
)
from goals.views.common import visible_goal_or_404

SEARCH_PAGE_SIZE = 25
REGION_SUGGESTIONS = 20
GROUPS = {"unlinked": cycle_unlinked_goals, "elsewhere": cycle_goals_linked_elsewhere}


def _in_the_current_cycle(request, url_name: str):
    """Redirect to ``url_name`` of the cycle people work in now, keeping the query; a page saying so without one."""
    cycle = current_cycle()
    if cycle is None:
        return render(request, "goals/explorer/no_cycle.html")
    url = reverse(url_name, args=[cycle.pk])
    return redirect(f"{url}?{request.GET.urlencode()}" if request.GET else url)


@login_required
def explorer_default(request):
    """The explorer of the cycle people work in now."""
    return _in_the_current_cycle(request, "goals:explorer")


@login_required
def explorer(request, cycle_id: int):
    cycle = get_object_or_404(Cycle, pk=cycle_id)
    viewer = request.user
    filters = ExplorerFilterForm(request.GET or None)
    filters.fields["region"].widget.attrs.update(
        {
            "hx-get": reverse("goals:explorer-regions"),
            "hx-trigger": "input changed delay:200ms",
            "hx-target": "#region-options",
            "hx-swap": "innerHTML",
        }
    )
    context = {"cycle": cycle, "cycles": Cycle.objects.all(), "filters": filters}

    if filters.is_filtering:
        data = filters.cleaned_data
        results = explorer_search(
            cycle,
            viewer,
            query=data["q"],
            region=data["region"],
            tier=data["tier"],
            status=data["status"],
            flagged=data["flagged"],
            flag_kind=data["flag_kind"],
            pace=data["pace"],
            sort=data["sort"],
        )
        with replica_reads():  # searches are never cached: the read replica takes them when there is one
            context["results"] = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
            context["results"].object_list = list(context["results"].object_list)
    elif not filters.is_bound or filters.is_valid():
        focus = _focus_goal(request)
        open_path = explorer_focus_path(focus, viewer) if focus else []
        objectives, unlinked_count, elsewhere_count = cached_read(
            "explorer-top", viewer, lambda: _top_level(cycle, viewer), cycle.pk
        )
        context.update(
            objectives=_with_open_path(objectives, open_path, viewer),
            unlinked_count=unlinked_count,
            elsewhere_count=elsewhere_count,
            focus=focus,
        )
    context["map_goal_id"] = _map_goal_id(request, context)
    if request.htmx and request.htmx.target == "explorer-body":
        return render(request, "goals/explorer/_body.html", context)
    return render(request, "goals/explorer/explorer.html", context)


def _top_level(cycle: Cycle, viewer) -> tuple[list[Goal], int, int]:
    """The explorer's first view as ``viewer`` sees it: the objectives, and how many goals sit outside their trees."""
    return (
        list(explorer_rows(cycle_objectives(cycle), viewer)),
        cycle_unlinked_goals(cycle).visible_to(viewer).count(),
        cycle_goals_linked_elsewhere(cycle).visible_to(viewer).count(),
    )


@login_required
def explorer_regions(request):
    """Suggestions for the region/team filter: up to 20 regions and teams containing what was typed."""
    typed = request.GET.get("region", "").strip()
    regions = cache.get_or_set(f"people:regions:{version()}", _all_regions, TIMEOUT)
    wanted = typed.casefold()
    matches = [region for region in regions if wanted in region.casefold()][:REGION_SUGGESTIONS]
    return render(request, "goals/explorer/_region_options.html", {"regions": matches})


def _all_regions() -> list[str]:
    return list(Person.objects.exclude(region="").order_by("region").values_list("region", flat=True).distinct())


def _map_goal_id(request, context: dict) -> int | str:
    """The goal the alignment map opens on: the one in the address, else the first objective or result."""
    wanted = parse_id(request.GET.get("map"))
    if wanted:
        return wanted
    first = next(iter(context.get("objectives") or context.get("results") or []), None)
    return first.pk if first is not None else ""


def _focus_goal(request) -> Goal | None:
    goal_id = parse_id(request.GET.get("focus"))
    if goal_id is None:
        return None
    goal = Goal.objects.select_related("owner", "cycle").filter(pk=goal_id).first()
    return goal if goal is not None and request.user.has_perm("goals.view_goal", goal) else None


def _with_open_path(rows: list[Goal], open_path: list[int], viewer) -> list[Goal]:
    """Load the children of each goal on ``open_path`` (one level per query) so the focused goal shows."""
    level = rows
    for index, goal_id in enumerate(open_path):
        node = next((row for row in level if row.pk == goal_id), None)
        if node is None:
            break
        children = list(explorer_rows(Goal.objects.filter(parent_id=goal_id), viewer)[:EXPLORER_PAGE_SIZE])
        following = open_path[index + 1] if index + 1 < len(open_path) else None
        if following is not None and all(child.pk != following for child in children):
            children += list(explorer_rows(Goal.objects.filter(pk=following), viewer))
        node.preloaded_children = children
        node.has_more_children = node.subgoal_count > len(children)
        level = children
    return rows


@login_required
def explorer_subgoals(request, pk: int):
    """One more level of the tree: the visible sub-goals of a goal, a page at a time."""
    goal = visible_goal_or_404(request, pk)
    offset = _offset(request)

    def level() -> str:
        rows = list(
            explorer_rows(Goal.objects.filter(parent=goal), request.user)[offset : offset + EXPLORER_PAGE_SIZE + 1]
        )
        more_url = ""
        if len(rows) > EXPLORER_PAGE_SIZE:
            more_url = reverse("goals:subgoals", args=[goal.pk]) + f"?offset={offset + EXPLORER_PAGE_SIZE}"
        context = {"nodes": rows[:EXPLORER_PAGE_SIZE], "more_url": more_url}
        return render_to_string("goals/explorer/_nodes.html", context, request=request)

    # The rendered level is the same for everyone in the viewer's scope (goals/cache.py).
    return HttpResponse(cached_read("explorer-level", request.user, level, goal.pk, offset))


@login_required
def explorer_group(request, cycle_id: int, group: str):
    """Goals outside the objectives' trees: not linked yet, or linked into another cycle."""
    if group not in GROUPS:
        raise Http404("No such group.")
    cycle = get_object_or_404(Cycle, pk=cycle_id)
    offset = _offset(request)
    goals = explorer_rows(GROUPS[group](cycle), request.user).select_related("parent__owner", "parent__cycle")
    rows = list(goals[offset : offset + EXPLORER_PAGE_SIZE + 1])
    more_url = ""
    if len(rows) > EXPLORER_PAGE_SIZE:
        more_url = reverse("goals:explorer-group", args=[cycle.pk, group]) + f"?offset={offset + EXPLORER_PAGE_SIZE}"
    return render(
        request,
        "goals/explorer/_nodes.html",
        {"nodes": rows[:EXPLORER_PAGE_SIZE], "more_url": more_url, "show_parent": group == "elsewhere"},
    )


@login_required
def alignment_map_data(request, pk: int):
    """The drawn alignment map's data for a goal's subtree: bounded, deeper levels on demand."""
    goal = visible_goal_or_404(request, pk)
    return JsonResponse(alignment_map(goal, request.user))


@login_required
def alignment_map_default(request):
    """The alignment map of the cycle people work in now."""
    return _in_the_current_cycle(request, "goals:map")


@login_required
def alignment_map_page(request, cycle_id: int):
    """The alignment map with the whole screen to itself: zoom, pan, search a goal, export for a slide."""
    cycle = get_object_or_404(Cycle, pk=cycle_id)
    objectives = cached_read("explorer-top", request.user, lambda: _top_level(cycle, request.user), cycle.pk)[0]
    wanted = parse_id(request.GET.get("map"))
    context = {
        "cycle": cycle,
        "cycles": Cycle.objects.all(),
        "objectives": objectives,
        "map_goal_id": wanted or (objectives[0].pk if objectives else ""),
    }
    return render(request, "goals/explorer/map.html", context)


@login_required
def alignment_map_search_data(request, cycle_id: int):
    """Goals to focus the map on, as the person types: at most 10, private ones left out."""
    cycle = get_object_or_404(Cycle, pk=cycle_id)
    query = request.GET.get("q", "")[:200]
    with replica_reads():
        return JsonResponse({"results": alignment_map_search(cycle, request.user, query)})


def _offset(request) -> int:
    """Where the next page of rows starts; anything but a sensible whole number starts at the top."""
    return parse_int(request.GET.get("offset"), maximum=OFFSET_MAX) or 0
