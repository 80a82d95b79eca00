from django import forms

from goals.models import Goal
from workshop.selectors import ClosingGaps
from workshop.services import (
    ALLOCATION_METHODS,
    CLOSING_REASON_MAX_LENGTH,
    DECISION_MAX_LENGTH,
    MANUAL,
    closing_gaps_message,
)


class MapForm(forms.Form):
    """Map an executive goal onto an objective (the picker, and drag-and-drop posts the same fields)."""

    goal = forms.ModelChoiceField(
        queryset=Goal.objects.none(), error_messages={"invalid_choice": "That goal is not on this board any more."}
    )
    objective = forms.ModelChoiceField(
        queryset=Goal.objects.none(),
        empty_label="Choose an objective",
        error_messages={
            "required": "Choose the objective this goal supports.",
            "invalid_choice": "Pick one of this cycle's corporate objectives.",
        },
    )

    def __init__(self, *args, goals, objectives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals
        self.fields["objective"].queryset = objectives


class UnmapForm(forms.Form):
    goal = forms.ModelChoiceField(
        queryset=Goal.objects.none(), error_messages={"invalid_choice": "That goal is not on this board any more."}
    )

    def __init__(self, *args, goals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals


class DecisionForm(forms.Form):
    text = forms.CharField(
        label="Decision",
        max_length=DECISION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What was agreed, and why, in a sentence or two.",
        error_messages={"required": "Write down what was decided."},
    )
    objective = forms.ModelChoiceField(
        queryset=Goal.objects.none(),
        required=False,
        label="About objective",
        empty_label="The whole cascade",
    )

    def __init__(self, *args, objectives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = objectives


class AllocationForm(forms.Form):
    """Split one objective's target: a method, and with "by hand" one amount per goal under it."""

    method = forms.ChoiceField(label="Split the target", choices=ALLOCATION_METHODS, initial="even")

    def __init__(self, *args, objective: Goal, children: list[Goal], **kwargs):
        kwargs.setdefault("prefix", f"allocate-{objective.pk}")
        super().__init__(*args, **kwargs)
        self.objective = objective
        self.children = children
        for child in children:
            self.fields[f"share_{child.pk}"] = forms.DecimalField(
                label=child.title,
                required=False,
                min_value=0,
                max_digits=16,
                decimal_places=2,
                initial=child.target,
                help_text=child.owner.full_name,
                error_messages={"min_value": "A share cannot be negative."},
            )

    def share_fields(self):
        return [self[f"share_{child.pk}"] for child in self.children]

    def clean(self):
        data = super().clean()
        if data.get("method") == MANUAL:
            for child in self.children:
                name = f"share_{child.pk}"
                if name not in self.errors and data.get(name) is None:
                    self.add_error(name, f"Enter {child.title}'s share.")
        return data

    def shares(self) -> dict:
        return {child.pk: self.cleaned_data.get(f"share_{child.pk}") for child in self.children}


class CloseForm(forms.Form):
    """Close the workshop: a confirmation, and a reason when the cascade still has gaps (``closing_gaps``)."""

    confirm = forms.BooleanField(
        label="The cascade on this board is what we agreed: freeze it as the baseline and start the cycle.",
        error_messages={"required": "Tick the box to confirm: closing cannot be undone."},
    )
    reason = forms.CharField(
        label="Why close with these gaps?",
        required=False,
        max_length=CLOSING_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kept in the decision log with the list of gaps.",
    )

    def __init__(self, *args, gaps: ClosingGaps, **kwargs):
        super().__init__(*args, **kwargs)
        self.gaps = gaps
        if not gaps:
            del self.fields["reason"]

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if self.gaps and not reason:
            raise forms.ValidationError(
                f"{closing_gaps_message(self.gaps)} Say why the workshop closes anyway, or map them first."
            )
        return reason
