"""The home page: my to-do list, my goals, how they link to the strategy, and checking in."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from core.parsing import parse_id
from dashboard.todo import todo_for
from goals.forms import CheckInForm
from goals.models import Goal, Phase
from goals.selectors import alignment_outline, current_cycle


@login_required
def home(request):
    person = request.user
    cycle = current_cycle()
    my_goals = list(
        Goal.objects.filter(owner=person)
        .exclude(cycle__phase=Phase.CLOSED)
        .select_related("cycle", "owner")
        .order_by("-cycle__start", "tree_id", "lft")
    )
    for goal in my_goals:
        goal.can_check_in = person.has_perm("goals.checkin_goal", goal)
    todo = todo_for(person)
    checkin_goal = _checkin_goal(request, my_goals)
    cycles: dict = {}
    for goal in my_goals:
        cycles.setdefault(goal.cycle, []).append(goal)
    context = {
        "todo": todo,
        "cycle": cycle,
        "goals_by_cycle": list(cycles.items()),
        "outline": alignment_outline([g for g in my_goals if cycle and g.cycle_id == cycle.pk], person),
        "checkin_goal": checkin_goal,
    }
    if checkin_goal is not None:
        context["checkin_form"] = CheckInForm(
            initial={"value": checkin_goal.current, "confidence": checkin_goal.confidence or "on_track"},
            unit=checkin_goal.unit,
        )
        context["previous_checkin"] = checkin_goal.checkins.select_related("author").first()
    return render(request, "dashboard/home.html", context)


def _checkin_goal(request, my_goals: list[Goal]) -> Goal | None:
    """The goal the check-in form opens on: the one asked for, else the one checked in on longest ago."""
    can_check_in = [goal for goal in my_goals if goal.can_check_in]
    wanted = parse_id(request.GET.get("checkin"))
    chosen = next((goal for goal in can_check_in if goal.pk == wanted), None)
    if chosen is not None or not can_check_in:
        return chosen
    active = [goal for goal in can_check_in if goal.cycle.phase == Phase.ACTIVE] or can_check_in
    return min(active, key=lambda goal: (goal.last_checkin_at is not None, goal.last_checkin_at or 0, goal.pk))
