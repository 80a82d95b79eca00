"""Appointing the Shadow Cabinet: offers, answers, vacated seats and re-fills, with every term kept."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cabinet import services
from cabinet.forms import AnswerOfferForm, EndSeatForm, OfferSeatForm, RefillSeatForm
from cabinet.models import SeatStatus, ShadowSeat
from cabinet.selectors import may, seat_history, shadow_cabinet
from cabinet.views.common import FAILED, page_cycle, run_service
from goals.models import Cycle


@login_required
def seat_list(request):
    """Every seat of a cycle's cabinet with all its terms; executives and admins offer seats here."""
    cycle = page_cycle(request)
    if cycle is None:
        raise Http404("There is no cycle yet.")
    viewer = request.user
    can_appoint = may(viewer, "cabinet.offer_seat", cycle)
    form = None
    if can_appoint:
        initial = {"holder": request.GET.get("holder"), "role": request.GET.get("role")}
        form = OfferSeatForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not can_appoint:
            raise PermissionDenied("Only executives and admins appoint the Shadow Cabinet.")
        if form.is_valid():
            data = form.cleaned_data
            seat = run_service(
                form,
                lambda: services.seat_offer(
                    actor=viewer,
                    cycle=cycle,
                    role=data["role"],
                    holder=data["holder"],
                    term_start=data["term_start"],
                    term_end=data["term_end"],
                    note=data["note"],
                ),
            )
            if seat is not FAILED:
                messages.success(request, f"The seat of {seat.role.title} is offered to {seat.holder.full_name}.")
                return redirect("cabinet:seat", seat.pk)
    return render(
        request,
        "cabinet/seats.html",
        {
            "cycle": cycle,
            "cycles": Cycle.objects.order_by("-start"),
            "rows": shadow_cabinet(cycle),
            "form": form,
            "today": timezone.localdate(),
        },
    )


def _seat(pk: int) -> ShadowSeat:
    return get_object_or_404(
        ShadowSeat.objects.select_related("role__holder", "holder", "cycle", "offered_by", "ended_by"), pk=pk
    )


def _seat_context(request, seat: ShadowSeat, **forms) -> dict:
    viewer = request.user
    can = {
        "answer": may(viewer, "cabinet.respond_to_seat", seat),
        "withdraw": may(viewer, "cabinet.withdraw_seat", seat),
        "vacate": may(viewer, "cabinet.vacate_seat", seat) and seat.term_end >= timezone.localdate(),
        "refill": seat.status not in (SeatStatus.OFFERED, SeatStatus.ACCEPTED)
        and may(viewer, "cabinet.offer_seat", seat.cycle)
        and seat.term_end >= timezone.localdate(),
    }
    return {
        "seat": seat,
        "history": seat_history(seat),
        "can": can,
        "answer_form": forms.get("answer_form") or (AnswerOfferForm() if can["answer"] else None),
        "end_form": forms.get("end_form") or (EndSeatForm() if can["vacate"] or can["withdraw"] else None),
        "refill_form": forms.get("refill_form") or (RefillSeatForm() if can["refill"] else None),
    }


@login_required
def seat_detail(request, pk: int):
    seat = _seat(pk)
    return render(request, "cabinet/seat.html", _seat_context(request, seat))


SEAT_VERBS = {"accept", "decline", "withdraw", "vacate", "refill"}


@require_POST
@login_required
def seat_action(request, pk: int, verb: str):
    if verb not in SEAT_VERBS:
        raise Http404("No such action.")
    seat = _seat(pk)
    viewer = request.user
    if verb in ("accept", "decline"):
        form, key = AnswerOfferForm(request.POST), "answer_form"
    elif verb == "refill":
        form, key = RefillSeatForm(request.POST), "refill_form"
    else:
        form, key = EndSeatForm(request.POST), "end_form"
    if form.is_valid():
        data = form.cleaned_data
        calls = {
            "accept": lambda: services.seat_accept(actor=viewer, seat=seat, note=data["note"]),
            "decline": lambda: services.seat_decline(actor=viewer, seat=seat, note=data["note"]),
            "withdraw": lambda: services.seat_withdraw(actor=viewer, seat=seat, reason=data["reason"]),
            "vacate": lambda: services.seat_vacate(actor=viewer, seat=seat, reason=data["reason"]),
            "refill": lambda: services.seat_refill(actor=viewer, seat=seat, holder=data["holder"], note=data["note"]),
        }
        result = run_service(form, calls[verb])
        if result is not FAILED:
            done = {
                "accept": f"Welcome to the Shadow Cabinet: you shadow {seat.role.title}.",
                "decline": "You declined the seat; it can be offered to someone else.",
                "withdraw": "The offer is withdrawn.",
                "vacate": "The seat is vacated; it can be re-filled for the rest of the term.",
                "refill": "The rest of the term is offered.",
            }
            messages.success(request, done[verb])
            return redirect("cabinet:seat", result.pk)
    elif not any(
        may(viewer, perm, seat.cycle if perm == "cabinet.offer_seat" else seat)
        for perm in ("cabinet.respond_to_seat", "cabinet.withdraw_seat", "cabinet.vacate_seat", "cabinet.offer_seat")
    ):
        raise PermissionDenied("You cannot change this seat.")
    return render(request, "cabinet/seat.html", _seat_context(request, seat, **{key: form}))
