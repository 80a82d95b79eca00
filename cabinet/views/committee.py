"""The Executive Strategy Committee's roles, high-performer marks and the candidates Cascade suggests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from accounts.models import Person
from cabinet import services
from cabinet.candidates import ATTAINMENT_WEIGHT, CHALLENGE_WEIGHT, DISCIPLINE_WEIGHT, suggest_candidates
from cabinet.forms import CommitteeRoleForm, HighPerformerForm
from cabinet.models import CommitteeRole
from cabinet.selectors import committee_roles, high_performer_history, may, seats_of
from cabinet.views.common import FAILED, page_cycle, run_service


@require_GET
@login_required
def committee(request):
    cycle = page_cycle(request)
    return render(
        request,
        "cabinet/committee.html",
        {
            "cycle": cycle,
            "roles": committee_roles(request.user, cycle, include_retired=True),
            "can_manage": may(request.user, "cabinet.manage_committee"),
        },
    )


def _role_form_response(request, form, role, cycle):
    return render(request, "cabinet/role_form.html", {"form": form, "role": role, "cycle": cycle})


@login_required
def role_create(request):
    if not may(request.user, "cabinet.manage_committee"):
        raise PermissionDenied("Only executives and admins shape the committee.")
    cycle = page_cycle(request)
    form = CommitteeRoleForm(request.POST or None, viewer=request.user, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        role = run_service(
            form,
            lambda: services.committee_role_create(
                actor=request.user,
                title=data["title"],
                holder=data["holder"],
                remit=data["remit"],
                objectives=data.get("objectives", []),
                assumptions=data.get("assumptions", []),
                position=data["position"],
            ),
        )
        if role is not FAILED:
            messages.success(request, f"{role.title} is on the committee; the cabinet can now shadow it.")
            return redirect("cabinet:committee")
    return _role_form_response(request, form, None, cycle)


@login_required
def role_edit(request, pk: int):
    role = get_object_or_404(CommitteeRole.objects.select_related("holder"), pk=pk)
    if not may(request.user, "cabinet.manage_committee", role):
        raise PermissionDenied("Only executives and admins shape the committee.")
    cycle = page_cycle(request)
    initial = {
        "title": role.title,
        "holder": role.holder_id,
        "remit": role.remit,
        "objectives": list(role.objectives.values_list("pk", flat=True)),
        "assumptions": list(role.assumptions.values_list("pk", flat=True)),
        "position": role.position,
        "is_active": role.is_active,
    }
    form = CommitteeRoleForm(request.POST or None, viewer=request.user, cycle=cycle, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if cycle is not None:
            # The form offers this cycle's objectives and assumptions; other years' stay in the portfolio.
            data["objectives"] = [
                *data["objectives"],
                *role.objectives.exclude(cycle=cycle),
            ]
            data["assumptions"] = [*data["assumptions"], *role.assumptions.exclude(cycle=cycle)]
        updated = run_service(form, lambda: services.committee_role_update(actor=request.user, role=role, **data))
        if updated is not FAILED:
            messages.success(request, f"{updated.title} saved.")
            return redirect("cabinet:committee")
    return _role_form_response(request, form, role, cycle)


@require_GET
@login_required
def candidates(request):
    if not may(request.user, "cabinet.view_candidates"):
        raise PermissionDenied("Executives, admins and managers (for their own people) see the suggested candidates.")
    cycle = page_cycle(request)
    if cycle is None:
        raise Http404("There is no cycle yet.")
    suggestions = suggest_candidates(cycle, request.user)
    return render(
        request,
        "cabinet/candidates.html",
        {
            "cycle": cycle,
            "suggestions": suggestions,
            "weights": {
                "attainment": ATTAINMENT_WEIGHT,
                "discipline": DISCIPLINE_WEIGHT,
                "challenges": CHALLENGE_WEIGHT,
            },
            "can_appoint": may(request.user, "cabinet.offer_seat", cycle),
        },
    )


def _may_read_history(viewer: Person, person: Person) -> bool:
    return (
        viewer.pk == person.pk
        or viewer.is_staff
        or viewer.is_executive
        or (viewer.tree_id == person.tree_id and viewer.is_ancestor_of(person))
    )


@login_required
def high_performer(request, pk: int):
    """A person's high-performer mark: its history (who, when, why), and the form to change it."""
    person = get_object_or_404(Person.objects.select_related("manager"), pk=pk)
    viewer = request.user
    if not _may_read_history(viewer, person):
        raise Http404("No such person's history.")
    can_mark = may(viewer, "cabinet.mark_high_performer", person)
    form = HighPerformerForm(request.POST or None) if can_mark else None
    if request.method == "POST":
        if not can_mark:
            raise PermissionDenied("Managers mark the people under them; executives and admins mark anyone.")
        if form.is_valid():
            marking = not person.is_high_performer
            mark = run_service(
                form,
                lambda: services.high_performer_mark(
                    actor=viewer, person=person, is_high_performer=marking, reason=form.cleaned_data["reason"]
                ),
            )
            if mark is not FAILED:
                verb = "is now marked" if marking else "is no longer marked"
                messages.success(request, f"{person.full_name} {verb} a high performer.")
                return redirect("cabinet:high-performer", person.pk)
    return render(
        request,
        "cabinet/high_performer.html",
        {"person": person, "form": form, "history": high_performer_history(person), "seats": seats_of(person)},
    )
