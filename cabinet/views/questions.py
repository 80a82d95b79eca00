"""Committee questions: the cabinet's recommendations, the committee's decision side by side, and the outcome."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from cabinet import services
from cabinet.forms import OptionForm, QuestionForm
from cabinet.models import CommitteeQuestion
from cabinet.rules import current_seat
from cabinet.selectors import may, question_reveal, questions, track_record
from cabinet.views.common import FAILED, page_cycle, run_service
from goals.models import Cycle


@require_GET
@login_required
def question_list(request):
    cycle = page_cycle(request)
    if cycle is None:
        raise Http404("There is no cycle yet.")
    found = list(questions(cycle))
    return render(
        request,
        "cabinet/questions.html",
        {
            "cycle": cycle,
            "cycles": Cycle.objects.order_by("-start"),
            "open_questions": [question for question in found if not question.is_published],
            "decided_questions": [question for question in found if question.is_published],
            "record": track_record(cycle),
            "can_ask": may(request.user, "cabinet.add_question", cycle),
            "today": timezone.localdate(),
        },
    )


def _question(pk: int) -> CommitteeQuestion:
    return get_object_or_404(
        CommitteeQuestion.objects.select_related(
            "cycle", "role__holder", "asked_by", "decision", "decided_by", "outcome", "outcome_by"
        ),
        pk=pk,
    )


def _forms(question: CommitteeQuestion, data=None, initial=None) -> dict:
    return {
        "recommend": OptionForm(
            data,
            question=question,
            label="The cabinet should recommend",
            text_label="Reasoning",
            prefix="recommend",
            initial=initial,
        ),
        "decide": OptionForm(
            data, question=question, label="The committee decides", text_label="Rationale", prefix="decide"
        ),
        "outcome": OptionForm(
            data,
            question=question,
            label="The call that proved right",
            text_label="Explanation",
            prefix="outcome",
            neither="Neither: none of the options would have been right",
        ),
    }


def _detail_context(request, question: CommitteeQuestion, **bound) -> dict:
    viewer = request.user
    reveal = question_reveal(question, viewer)
    seat = current_seat(viewer, question.cycle)
    mine = next((r for r in reveal.recommendations if seat is not None and r.seat_id == seat.pk), None)
    can = {
        "recommend": may(viewer, "cabinet.recommend", question),
        "decide": may(viewer, "cabinet.decide_question", question),
        "outcome": may(viewer, "cabinet.record_outcome", question),
        "edit": may(viewer, "cabinet.change_question", question),
    }
    initial = {"option": str(mine.option_id), "text": mine.reasoning} if mine else None
    fresh = _forms(question, initial=initial)
    forms = {name: bound.get(name) or fresh[name] for name in fresh if can[name]}
    return {
        "question": question,
        "reveal": reveal,
        "my_recommendation": mine,
        "my_seat": seat,
        "can": can,
        "forms": forms,
        "options": list(question.options.all()),
        "objectives": list(question.objectives.visible_to(viewer).select_related("owner")),
        "assumptions": list(question.assumptions.all()),
        "today": timezone.localdate(),
    }


@require_GET
@login_required
def question_detail(request, pk: int):
    question = _question(pk)
    return render(request, "cabinet/question.html", _detail_context(request, question))


QUESTION_VERBS = {
    "recommend": ("cabinet.recommend", "Only members of the Shadow Cabinet recommend."),
    "decide": ("cabinet.decide_question", "Only members of the Executive Strategy Committee decide."),
    "outcome": ("cabinet.record_outcome", "The committee's members and the cabinet's seat holders record outcomes."),
}


@require_POST
@login_required
def question_action(request, pk: int, verb: str):
    if verb not in QUESTION_VERBS:
        raise Http404("No such action.")
    question = _question(pk)
    viewer = request.user
    form = _forms(question, request.POST)[verb]
    if form.is_valid():
        option, text = form.option_id(), form.cleaned_data["text"]
        calls = {
            "recommend": lambda: services.recommendation_record(
                actor=viewer, question=question, option=option, reasoning=text
            ),
            "decide": lambda: services.question_decide(actor=viewer, question=question, option=option, rationale=text),
            "outcome": lambda: services.question_record_outcome(
                actor=viewer, question=question, option=option, explanation=text
            ),
        }
        result = run_service(
            form, calls[verb], field_names={"reasoning": "text", "rationale": "text", "explanation": "text"}
        )
        if result is not FAILED:
            done = {
                "recommend": "Your seat's recommendation is recorded. It stays sealed until the committee decides.",
                "decide": "The decision is published, beside the cabinet's recommendations.",
                "outcome": "The outcome is recorded; it counts in the track records.",
            }
            messages.success(request, done[verb])
            return redirect(question.get_absolute_url() + f"#{verb}")
    else:
        perm, message = QUESTION_VERBS[verb]
        if not may(viewer, perm, question):
            raise PermissionDenied(message)
    context = _detail_context(request, question, **{verb: form})
    context["forms"][verb] = form
    return render(request, "cabinet/question.html", context)


@login_required
def question_create(request):
    cycle = page_cycle(request)
    if cycle is None:
        raise Http404("There is no cycle yet.")
    viewer = request.user
    if not may(viewer, "cabinet.add_question", cycle):
        raise PermissionDenied("Committee members (and admins) put questions to the committee.")
    form = QuestionForm(request.POST or None, viewer=viewer, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        question = run_service(
            form,
            lambda: services.question_create(
                actor=viewer,
                cycle=cycle,
                title=data["title"],
                description=data["description"],
                options=data["options"],
                due_date=data["due_date"],
                role=data["role"],
                objectives=data["objectives"],
                assumptions=data["assumptions"],
            ),
        )
        if question is not FAILED:
            messages.success(request, "The question is before the committee; the cabinet can now recommend.")
            return redirect(question.get_absolute_url())
    return render(request, "cabinet/question_form.html", {"form": form, "cycle": cycle, "question": None})


@login_required
def question_edit(request, pk: int):
    question = _question(pk)
    viewer = request.user
    if not may(viewer, "cabinet.change_question", question):
        raise PermissionDenied("Committee members edit questions until the decision is published.")
    form = QuestionForm(
        request.POST or None,
        viewer=viewer,
        cycle=question.cycle,
        question=question,
        initial=QuestionForm.initial_for(question),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if form.fields["options"].disabled:
            data.pop("options")
        updated = run_service(form, lambda: services.question_update(actor=viewer, question=question, **data))
        if updated is not FAILED:
            messages.success(request, "Question saved.")
            return redirect(question.get_absolute_url())
    return render(request, "cabinet/question_form.html", {"form": form, "cycle": question.cycle, "question": question})
