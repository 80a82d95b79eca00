"""The cabinet's front page and the strategy room."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cabinet.forms import StrategyRoomViewForm
from cabinet.rules import current_seat, is_committee_member
from cabinet.selectors import (
    may,
    meetings,
    offers_awaiting,
    open_action_items,
    questions,
    shadow_cabinet,
    track_record,
)
from cabinet.strategy_room import strategy_room
from cabinet.views.common import page_cycle
from goals.models import Cycle

RECENT_MEETINGS = 4


@require_GET
@login_required
def home(request):
    """The Shadow Cabinet of a cycle: its seats and who holds them, questions before the committee, meetings."""
    viewer = request.user
    cycle = page_cycle(request)
    if cycle is None:
        return render(request, "cabinet/home.html", {"cycle": None})
    today = timezone.localdate()
    all_questions = list(questions(cycle))
    context = {
        "cycle": cycle,
        "cycles": Cycle.objects.order_by("-start"),
        "today": today,
        "rows": shadow_cabinet(cycle, today),
        "open_questions": [question for question in all_questions if not question.is_published],
        "decided_questions": [question for question in all_questions if question.is_published][::-1][:5],
        "meetings": list(meetings(cycle)[:RECENT_MEETINGS]),
        "record": track_record(cycle),
        "offers": list(offers_awaiting(viewer)),
        "my_seat": current_seat(viewer, cycle, today),
        "my_action_items": list(open_action_items(viewer)[:10]),
        "is_committee_member": is_committee_member(viewer),
        "can": {
            "appoint": may(viewer, "cabinet.offer_seat", cycle),
            "ask": may(viewer, "cabinet.add_question", cycle),
            "meet": may(viewer, "cabinet.add_meeting", cycle),
            "candidates": may(viewer, "cabinet.view_candidates"),
        },
    }
    return render(request, "cabinet/home.html", context)


@require_GET
@login_required
def strategy_room_page(request):
    """Every corporate objective of a cycle: progress over time, pace, flags, assumptions, course corrections, drift."""
    cycle = page_cycle(request)
    if cycle is None:
        return render(request, "cabinet/strategy_room.html", {"cycle": None})
    view = StrategyRoomViewForm(request.GET)
    room = strategy_room(cycle, request.user, **view.arrangement())
    return render(
        request,
        "cabinet/strategy_room.html",
        {"cycle": cycle, "cycles": Cycle.objects.order_by("-start"), "room": room, "view": view},
    )
