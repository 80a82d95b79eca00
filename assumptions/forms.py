"""Forms of the assumptions pages. They check types and choices; the services check the domain."""

from django import forms
from django.db.models import Q

from accounts.models import Person, Role
from assumptions.models import (
    OWNER_SETTABLE_STATUSES,
    Assumption,
    AssumptionStatus,
    ChallengeStatus,
    Confidence,
)
from assumptions.services import ProposedChange
from core.forms import IdField, ModelIdsField
from goals.models import Cycle, Goal, Tier

AMOUNT = {"max_digits": 16, "decimal_places": 2}
# Goals offered in pickers: enough for a person's own corner of the cascade, never a whole company.
GOAL_CHOICES_LIMIT = 300


class GoalChoiceField(ModelIdsField):
    def label_from_instance(self, goal: Goal) -> str:
        return f"{goal.title} ({goal.get_tier_display()}, {goal.owner.full_name})"


class AssumptionForm(forms.Form):
    """Write down an assumption, or edit one (then ``note`` says why)."""

    statement = forms.CharField(
        max_length=300,
        help_text='One sentence people can argue with, e.g. "Mid-market churn stays under 8%".',
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    rationale = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="Why the strategy relies on it."
    )
    evidence = forms.CharField(
        label="Evidence and sources",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Reports, numbers and sources behind it.",
    )
    confidence = forms.ChoiceField(choices=Confidence.choices, initial=Confidence.MEDIUM)
    owner = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        help_text="The executive who answers challenges to it; you, when left empty.",
    )
    goals = GoalChoiceField(
        label="Goals that rest on it",
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Objectives and goals of this cycle; hold Ctrl (or ⌘) to pick several.",
    )
    note = forms.CharField(
        label="Why this change",
        max_length=300,
        required=False,
        help_text="Kept in the revision history next to what changed.",
    )

    def __init__(self, *args, actor: Person, cycle: Cycle, assumption: Assumption | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor, self.cycle, self.assumption = actor, cycle, assumption
        linked = Q(assumptions=assumption) if assumption is not None else Q(pk__in=[])
        self.fields["goals"].queryset = (
            Goal.objects.filter(cycle=cycle)
            .visible_to(actor)
            .filter(Q(tier__in=(Tier.CORPORATE, Tier.EXECUTIVE, Tier.MANAGER)) | linked)
            .select_related("owner")
            .distinct()
            .order_by("tree_id", "lft")
        )
        if assumption is None:
            del self.fields["note"]
            self.fields["owner"].queryset = Person.objects.filter(role=Role.EXECUTIVE, is_active=True).order_by(
                "last_name", "first_name"
            )
            self.fields["owner"].label_from_instance = lambda person: f"{person.full_name}, {person.job_title}".strip(
                ", "
            )
        else:
            del self.fields["owner"]

    @classmethod
    def initial_for(cls, assumption: Assumption) -> dict:
        return {
            "statement": assumption.statement,
            "rationale": assumption.rationale,
            "evidence": assumption.evidence,
            "confidence": assumption.confidence,
            "goals": list(assumption.goals.values_list("pk", flat=True)),
        }

    def changes(self) -> dict:
        """The fields that differ from the assumption as it is (for an edit)."""
        data = self.cleaned_data
        current = self.initial_for(self.assumption)
        changes = {
            name: data[name]
            for name in ("statement", "rationale", "evidence", "confidence")
            if data[name].strip() != current[name]
        }
        if sorted(goal.pk for goal in data["goals"]) != sorted(current["goals"]):
            changes["goals"] = list(data["goals"])
        return changes


class AssumptionStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(value, AssumptionStatus(value).label) for value in OWNER_SETTABLE_STATUSES],
        label="New status",
    )
    note = forms.CharField(
        label="Why",
        max_length=300,
        widget=forms.TextInput(),
        help_text="Kept in the revision history.",
    )


class ChallengeForm(forms.Form):
    claim = forms.CharField(
        label="What no longer holds",
        max_length=300,
        required=False,  # the service says what is missing, in its own words
        help_text="Your argument in one or two sentences.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    evidence = forms.CharField(
        label="Market evidence or trend",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you saw in your territory: deals, numbers, customer quotes, sources.",
    )
    course_correction = forms.CharField(
        label="Course correction",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What should change in the goals resting on the assumption, in words.",
    )


class ProposedChangeForm(forms.Form):
    """One row of a challenge's proposed goal changes; a row left empty is skipped."""

    goal = forms.TypedChoiceField(choices=(), coerce=int, empty_value=None, required=False)
    proposed_target = forms.DecimalField(label="New target", required=False, **AMOUNT)
    note = forms.CharField(label="What should change", required=False, max_length=1000)

    def __init__(self, *args, goal_choices=(), goals_by_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = [("", "Pick a goal"), *goal_choices]
        self.goals_by_id = goals_by_id or {}

    @property
    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not data.get("goal") and data.get("proposed_target") is None and not (data.get("note") or "").strip()

    def clean(self):
        data = super().clean()
        if self.is_blank:
            return data
        if not data.get("goal"):
            self.add_error("goal", "Pick the goal this change is for.")
        elif data["goal"] not in self.goals_by_id:
            self.add_error("goal", "Pick a goal from the list.")
        return data

    def proposed_change(self) -> ProposedChange:
        data = self.cleaned_data
        return ProposedChange(
            goal=self.goals_by_id[data["goal"]], proposed_target=data.get("proposed_target"), note=data.get("note", "")
        )


class BaseProposedChangeFormSet(forms.BaseFormSet):
    def proposed_changes(self) -> list[ProposedChange]:
        return [form.proposed_change() for form in self.forms if not form.is_blank]


ProposedChangeFormSet = forms.formset_factory(
    ProposedChangeForm, formset=BaseProposedChangeFormSet, extra=3, max_num=10, absolute_max=20
)


def challenge_goal_choices(assumption: Assumption, actor: Person) -> dict[int, Goal]:
    """Goals a challenge may name, by id: those resting on the assumption, the actor's own and their
    team's goals, and their managers' goals, all of the assumption's cycle and visible to the actor."""
    chain = Q(owner=actor) | Q(owner__manager=actor)
    if actor.manager_id:
        chain |= Q(owner__in=actor.get_ancestors())
    goals = (
        Goal.objects.filter(cycle_id=assumption.cycle_id)
        .visible_to(actor)
        .filter(Q(assumptions=assumption) | chain)
        .select_related("owner")
        .distinct()
        .order_by("tree_id", "lft")[:GOAL_CHOICES_LIMIT]
    )
    return {goal.pk: goal for goal in goals}


class ResolveForm(forms.Form):
    """The assumption owner's answer to a challenge."""

    decision = forms.ChoiceField(
        label="Your answer",
        choices=[
            (ChallengeStatus.ACCEPTED, "Accept: the assumption changes"),
            (ChallengeStatus.DECLINED, "Decline: the assumption holds"),
        ],
        widget=forms.RadioSelect,
    )
    response = forms.CharField(
        label="Response",
        required=False,  # the service's message says why it is needed
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Explain your answer to the people who raised and endorsed the challenge.",
    )
    outcome = forms.ChoiceField(
        label="When accepting, the assumption is",
        choices=[(AssumptionStatus.REVISED, "Revised"), (AssumptionStatus.RETIRED, "Retired")],
        initial=AssumptionStatus.REVISED,
        widget=forms.RadioSelect,
        required=False,
    )
    statement = forms.CharField(
        label="Revised statement", max_length=300, required=False, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    rationale = forms.CharField(label="Revised rationale", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.CharField(
        label="Revised evidence and sources", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    confidence = forms.ChoiceField(label="Confidence", choices=Confidence.choices, required=False)

    def __init__(self, *args, assumption: Assumption, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "statement": assumption.statement,
                "rationale": assumption.rationale,
                "evidence": assumption.evidence,
                "confidence": assumption.confidence,
                "outcome": AssumptionStatus.REVISED,
            },
        )
        super().__init__(*args, **kwargs)
        self.assumption = assumption

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        arguments = {"status": data["decision"], "response": data["response"]}
        if data["decision"] == ChallengeStatus.ACCEPTED:
            arguments["outcome"] = data["outcome"] or AssumptionStatus.REVISED
            for name in ("statement", "rationale", "evidence", "confidence"):
                value = data[name].strip() if name != "confidence" else data[name]
                if name == "statement" and not value:
                    continue  # an accepted challenge keeps the statement unless a new one is written
                if value != getattr(self.assumption, name):
                    arguments[name] = value
        return arguments


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Reply",
        max_length=4000,
        required=False,  # the service says an empty comment cannot be posted
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Add evidence, ask a question, argue the point"}),
    )
    parent = IdField(required=False, widget=forms.HiddenInput)


class CommentEditForm(forms.Form):
    body = forms.CharField(label="Edit your comment", max_length=4000, required=False, widget=forms.Textarea)


class DecisionForm(forms.Form):
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Optional when applying; when declining, say why the goal keeps its course.",
    )
