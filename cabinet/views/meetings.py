"""Cabinet meetings: the agenda drawn from the strategy room, the minutes, and action items."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from cabinet import services
from cabinet.forms import ActionItemForm, AgendaItemForm, MeetingForm, MinutesForm
from cabinet.models import ActionItem, AgendaItem, CabinetMeeting
from cabinet.selectors import may, meeting_action_items, meeting_agenda
from cabinet.views.common import FAILED, page_cycle, run_service
from core.exceptions import StateConflict


@login_required
def meeting_create(request):
    cycle = page_cycle(request)
    if cycle is None:
        raise Http404("There is no cycle yet.")
    viewer = request.user
    if not may(viewer, "cabinet.add_meeting", cycle):
        raise PermissionDenied("Seat holders, committee members and admins schedule cabinet meetings.")
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = run_service(
            form,
            lambda: services.meeting_schedule(
                actor=viewer,
                cycle=cycle,
                title=data["title"],
                scheduled_for=data["scheduled_for"],
                location=data["location"],
            ),
        )
        if meeting is not FAILED:
            messages.success(request, "Meeting scheduled. Draw its agenda from the strategy room next.")
            return redirect(meeting.get_absolute_url())
    return render(request, "cabinet/meeting_form.html", {"form": form, "cycle": cycle})


def _meeting(pk: int) -> CabinetMeeting:
    return get_object_or_404(CabinetMeeting.objects.select_related("cycle", "organiser", "minutes_by"), pk=pk)


def _context(request, meeting: CabinetMeeting, **bound) -> dict:
    viewer = request.user
    can_manage = may(viewer, "cabinet.manage_meeting", meeting)
    items = meeting_action_items(meeting)
    for item in items:
        item.can_change = can_manage or (item.owner_id == viewer.pk and may(viewer, "cabinet.change_action_item", item))
    today = timezone.localdate()
    return {
        "meeting": meeting,
        "agenda": meeting_agenda(meeting),
        "action_items": items,
        "can_manage": can_manage,
        "has_started": meeting.scheduled_for <= timezone.now(),
        "today": today,
        "agenda_form": bound.get("agenda_form") or (AgendaItemForm() if can_manage else None),
        "minutes_form": bound.get("minutes_form")
        or (MinutesForm(initial={"minutes": meeting.minutes}) if can_manage else None),
        "action_form": bound.get("action_form") or (ActionItemForm(cycle=meeting.cycle) if can_manage else None),
        "errors": bound.get("errors", []),
    }


@require_GET
@login_required
def meeting_detail(request, pk: int):
    meeting = _meeting(pk)
    return render(request, "cabinet/meeting.html", _context(request, meeting))


MEETING_VERBS = {"draw-agenda", "publish-agenda", "add-point", "remove-point", "minutes", "add-action"}


@require_POST
@login_required
def meeting_action(request, pk: int, verb: str):
    if verb not in MEETING_VERBS:
        raise Http404("No such action.")
    meeting = _meeting(pk)
    viewer = request.user
    if not may(viewer, "cabinet.manage_meeting", meeting):
        raise PermissionDenied("Seat holders, committee members and admins run cabinet meetings.")
    anchor = {"minutes": "minutes", "add-action": "action-items"}.get(verb, "agenda")
    try:
        if verb == "draw-agenda":
            count = services.meeting_draw_agenda(actor=viewer, meeting=meeting)
            messages.success(request, f"{count} points drawn from the strategy room.")
        elif verb == "publish-agenda":
            services.meeting_publish_agenda(actor=viewer, meeting=meeting)
            messages.success(request, "The agenda is published; the cabinet and the committee have been told.")
        elif verb == "remove-point":
            raw = request.POST.get("item", "")
            item = get_object_or_404(AgendaItem, pk=int(raw) if raw.isdigit() else 0, meeting=meeting)
            services.agenda_item_remove(actor=viewer, item=item)
            messages.success(request, "Point removed.")
        else:
            return _form_action(request, meeting, verb, anchor)
    except ValidationError as error:
        return render(request, "cabinet/meeting.html", _context(request, meeting, errors=error.messages))
    except StateConflict as conflict:
        messages.error(request, conflict.message)
    return redirect(meeting.get_absolute_url() + f"#{anchor}")


def _form_action(request, meeting: CabinetMeeting, verb: str, anchor: str):
    viewer = request.user
    if verb == "add-point":
        form, key = AgendaItemForm(request.POST), "agenda_form"
        call = lambda data: services.agenda_item_add(  # noqa: E731
            actor=viewer, meeting=meeting, title=data["title"], detail=data["detail"]
        )
        done = "Point added to the agenda."
    elif verb == "minutes":
        form, key = MinutesForm(request.POST), "minutes_form"
        call = lambda data: services.meeting_record_minutes(  # noqa: E731
            actor=viewer, meeting=meeting, minutes=data["minutes"]
        )
        done = "Minutes saved."
    else:
        form, key = ActionItemForm(request.POST, cycle=meeting.cycle), "action_form"
        call = lambda data: services.action_item_add(  # noqa: E731
            actor=viewer, meeting=meeting, title=data["title"], owner=data["owner"], due_date=data["due_date"]
        )
        done = "Action item added; it shows on its owner's home page."
    if form.is_valid():
        result = run_service(form, lambda: call(form.cleaned_data))
        if result is not FAILED:
            messages.success(request, done)
            return redirect(meeting.get_absolute_url() + f"#{anchor}")
    return render(request, "cabinet/meeting.html", _context(request, meeting, **{key: form}))


@require_POST
@login_required
def action_item_action(request, pk: int, verb: str):
    if verb not in ("done", "reopen"):
        raise Http404("No such action.")
    item = get_object_or_404(ActionItem.objects.select_related("meeting__cycle", "owner"), pk=pk)
    try:
        services.action_item_set_done(actor=request.user, item=item, done=verb == "done")
        messages.success(request, "Action item done." if verb == "done" else "Action item open again.")
    except StateConflict as conflict:
        messages.error(request, conflict.message)
    target = request.POST.get("next", "")
    if target == "home":
        return redirect("home")
    return redirect(item.meeting.get_absolute_url() + f"#action-{item.pk}")
