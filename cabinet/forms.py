"""Forms of the cabinet pages. They check types and choices; the services check the domain."""

from django import forms
from django.db.models import Q

from accounts.models import Person, Role
from assumptions.models import Assumption
from cabinet.models import CommitteeQuestion, CommitteeRole
from cabinet.services import HIGH_PERFORMER_ROLES, MAX_OPTIONS
from cabinet.strategy_room import RoomOrder, RoomPaceFilter
from goals.models import Cycle, Goal, Tier

DATE = forms.DateInput(attrs={"type": "date"})
NEITHER = "neither"  # an outcome where none of the options proved right


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person: Person) -> str:
        detail = person.job_title or person.get_role_display()
        return f"{person.full_name} ({detail})" if detail else person.full_name


class ObjectiveChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, goal: Goal) -> str:
        return f"{goal.title} ({goal.owner.full_name})"


def executives():
    return Person.objects.filter(role=Role.EXECUTIVE, is_active=True).order_by("last_name", "first_name")


def objectives_of(cycle: Cycle, viewer: Person):
    return (
        Goal.objects.filter(cycle=cycle, tier=Tier.CORPORATE, parent__isnull=True)
        .visible_to(viewer)
        .select_related("owner")
        .order_by("title")
    )


class CommitteeRoleForm(forms.Form):
    title = forms.CharField(
        max_length=120, help_text='The role and what it answers for, e.g. "VP Customer Success: retention".'
    )
    holder = PersonChoiceField(queryset=Person.objects.none(), help_text="The executive who holds it.")
    remit = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    objectives = ObjectiveChoiceField(
        label="Corporate objectives in its portfolio",
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    assumptions = forms.ModelMultipleChoiceField(
        label="Assumptions in its portfolio",
        queryset=Assumption.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    position = forms.IntegerField(min_value=0, max_value=999, initial=0, help_text="Lower numbers show first.")
    is_active = forms.BooleanField(label="Active: the committee has this role now", required=False, initial=True)

    def __init__(self, *args, viewer: Person, cycle: Cycle | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = executives()
        if cycle is not None:
            self.fields["objectives"].queryset = objectives_of(cycle, viewer)
            self.fields["assumptions"].queryset = Assumption.objects.filter(cycle=cycle).order_by("statement")
            self.fields["objectives"].help_text = f"Objectives of {cycle.name}; those of other years stay as they are."
        else:
            del self.fields["objectives"], self.fields["assumptions"]


class HighPerformerForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What they did: kept in the person's history beside your name.",
        error_messages={"required": "Say why: the reason stays in the person's history."},
    )


class OfferSeatForm(forms.Form):
    role = forms.ModelChoiceField(queryset=CommitteeRole.objects.none(), label="Seat (the committee role it shadows)")
    holder = PersonChoiceField(
        queryset=Person.objects.none(), label="Offer it to", help_text="People marked high performer."
    )
    term_start = forms.DateField(widget=DATE, required=False, help_text="Today, when left empty.")
    term_end = forms.DateField(widget=DATE, required=False, help_text="The end of the cycle, when left empty.")
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="Why them: they read it with the offer."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = CommitteeRole.objects.active().select_related("holder")
        self.fields["holder"].queryset = high_performers()


def high_performers():
    return Person.objects.filter(is_high_performer=True, is_active=True, role__in=HIGH_PERFORMER_ROLES).order_by(
        "last_name", "first_name"
    )


class RefillSeatForm(forms.Form):
    holder = PersonChoiceField(
        queryset=Person.objects.none(), label="Offer the rest of the term to", help_text="People marked high performer."
    )
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = high_performers()


class AnswerOfferForm(forms.Form):
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label="A note for the person who offered it"
    )


class EndSeatForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why: it stays in the cabinet's history."},
    )


class QuestionForm(forms.Form):
    title = forms.CharField(max_length=200, help_text='What the committee decides, e.g. "Revise the churn assumption".')
    description = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text="What is at stake; what the numbers say."
    )
    options = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        initial="Yes\nNo",
        help_text=f"The calls the committee chooses between, one per line (2 to {MAX_OPTIONS}). "
        "The cabinet recommends one of them.",
    )
    due_date = forms.DateField(widget=DATE, help_text="When the committee decides.")
    role = forms.ModelChoiceField(
        queryset=CommitteeRole.objects.none(),
        required=False,
        label="Committee role",
        empty_label="The whole committee",
    )
    objectives = ObjectiveChoiceField(queryset=Goal.objects.none(), required=False, widget=forms.CheckboxSelectMultiple)
    assumptions = forms.ModelMultipleChoiceField(
        queryset=Assumption.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, viewer: Person, cycle: Cycle, question: CommitteeQuestion | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = CommitteeRole.objects.active()
        linked = Q(committee_questions=question) if question is not None else Q(pk__in=[])
        self.fields["objectives"].queryset = (
            Goal.objects.filter(Q(cycle=cycle, tier=Tier.CORPORATE, parent__isnull=True) | linked)
            .visible_to(viewer)
            .select_related("owner")
            .distinct()
            .order_by("title")
        )
        self.fields["assumptions"].queryset = Assumption.objects.filter(cycle=cycle).order_by("statement")
        if question is not None and question.recommendations.exists():
            self.fields["options"].disabled = True
            self.fields["options"].help_text = "Seats have recommended already: the options stay as they are."

    def clean_options(self) -> list[str]:
        value = self.cleaned_data["options"]
        if isinstance(value, list):
            return value
        return [line.strip() for line in value.splitlines() if line.strip()]

    @staticmethod
    def initial_for(question: CommitteeQuestion) -> dict:
        return {
            "title": question.title,
            "description": question.description,
            "options": "\n".join(option.label for option in question.options.all()),
            "due_date": question.due_date,
            "role": question.role_id,
            "objectives": list(question.objectives.values_list("pk", flat=True)),
            "assumptions": list(question.assumptions.values_list("pk", flat=True)),
        }


class OptionForm(forms.Form):
    """Pick one of a question's options, with reasons (a recommendation, a decision or an outcome)."""

    option = forms.ChoiceField(widget=forms.RadioSelect, error_messages={"required": "Choose one of the options."})
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, question: CommitteeQuestion, label: str, text_label: str, neither: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(option.pk), option.label) for option in question.options.all()]
        if neither:
            choices.append((NEITHER, neither))
        self.fields["option"].choices = choices
        self.fields["option"].label = label
        self.fields["text"].label = text_label
        self.fields["text"].error_messages["required"] = f"Write the {text_label.lower()}."

    def option_id(self) -> int | None:
        value = self.cleaned_data.get("option")
        return int(value) if value and value != NEITHER else None


class MeetingForm(forms.Form):
    title = forms.CharField(max_length=200, initial="Shadow Cabinet: monthly review")
    scheduled_for = forms.DateTimeField(
        label="When", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    location = forms.CharField(max_length=200, required=False, help_text="A room or a video link.")


class AgendaItemForm(forms.Form):
    title = forms.CharField(max_length=300, label="Point")
    detail = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MinutesForm(forms.Form):
    minutes = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), help_text="What was discussed and agreed.")


class ActionItemForm(forms.Form):
    title = forms.CharField(max_length=300, label="Action")
    owner = PersonChoiceField(queryset=Person.objects.none())
    due_date = forms.DateField(widget=DATE)

    def __init__(self, *args, cycle: Cycle, **kwargs):
        super().__init__(*args, **kwargs)
        # The cabinet's seat holders of the cycle and the committee: the people a cabinet meeting assigns work to.
        self.fields["owner"].queryset = (
            Person.objects.filter(is_active=True)
            .filter(Q(shadow_seats__cycle=cycle) | Q(committee_roles__is_active=True))
            .distinct()
            .order_by("last_name", "first_name")
        )


class StrategyRoomViewForm(forms.Form):
    """How the strategy room lays out its objectives: which pace, in what order (the page's bar and the API's query)."""

    pace = forms.ChoiceField(choices=RoomPaceFilter.choices, required=False, label="Show")
    order = forms.ChoiceField(choices=RoomOrder.choices, required=False, label="Order")

    def arrangement(self) -> dict:
        """The valid choices as keyword arguments of ``strategy_room``; the defaults where none was made."""
        data = self.cleaned_data if self.is_valid() else {}
        return {"pace": data.get("pace") or RoomPaceFilter.ALL, "order": data.get("order") or RoomOrder.CASCADE}
