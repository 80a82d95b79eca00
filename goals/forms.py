"""Forms of the cascade's pages. They check types and choices; the services check the domain."""

import re
from decimal import Decimal

from django import forms
from django.db.models import Q

from accounts.models import Person, Role
from core.api.parsers import MAX_CSV_BYTES
from core.formatting import CURRENCY_SYMBOLS, format_number
from core.forms import ModelIdsField
from goals.amounts import AMOUNT_ERROR_MESSAGES, validate_amount_size
from goals.models import (
    ChildrenChoice,
    Confidence,
    Cycle,
    Direction,
    FlagKind,
    Goal,
    Rollup,
    Status,
    Tier,
    Unit,
    Visibility,
)
from goals.models.cycle import Phase
from goals.models.goal import TIER_FOR_ROLE, direction_implied_by
from goals.quotas.pace import PaceStatus

AMOUNT = {"max_digits": 16, "decimal_places": 2}
# How amounts are written on pages (core/formatting.py): "$180,925.10", "8.5%", "12 deals" come back as numbers.
AMOUNT_DECORATION = re.compile(r"[,\s$€£%]|(?<=\d)\s*[a-z]+$", re.IGNORECASE)


class AmountField(forms.DecimalField):
    """An amount as people type it and as pages show it: "180,925.10" and "$180,925.10" both read 180925.10.

    The range and digit checks are the model's (goals/amounts.py), with the same messages everywhere.
    """

    default_error_messages = {**AMOUNT_ERROR_MESSAGES, "invalid": "Enter a number, e.g. 180,925.10."}
    default_validators = [validate_amount_size]

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**AMOUNT, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = AMOUNT_DECORATION.sub("", value.strip())
        return super().to_python(value)

    unit = ""  # money shows its cents as pages do: 180925.1 -> "180,925.10"

    def prepare_value(self, value):
        """Show a stored amount as pages write it, without the unit symbol: "180,925.10", "8.5"."""
        if isinstance(value, Decimal | int):
            return format_number(value, decimals=2 if self.unit in CURRENCY_SYMBOLS else None)
        return value


class TitleField(forms.CharField):
    """A title of at most ``max_length`` characters, refused beside the field when longer.

    Without the HTML maxlength attribute: a browser would cut a pasted title silently.
    """

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class GoalDraftForm(forms.Form):
    """Draft or edit a goal and link it to a parent. ``parent`` is picked from the suggestions list."""

    title = TitleField(max_length=200, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    description = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why this goal matters and how you will get there.",
    )
    metric = forms.CharField(max_length=80, help_text='What is measured, e.g. "new ARR" or "net retention".')
    unit = forms.ChoiceField(choices=Unit.choices, initial=Unit.USD)
    baseline = AmountField(initial=Decimal(0), help_text="Where you start.")
    target = AmountField(help_text="Where you will be when the goal is met.")
    direction = forms.ChoiceField(
        label="The number should",
        choices=Direction.choices,
        initial=Direction.INCREASE,
        required=False,  # left out (an older form, a script): taken from the numbers, as the API does
        help_text="Decrease: from the baseline down to the target (churn). "
        "Stay within: between the baseline and the target.",
    )
    weight = forms.DecimalField(
        max_digits=6,
        decimal_places=2,
        min_value=0,
        initial=Decimal(1),
        help_text="How much this goal counts toward its parent, next to its siblings.",
    )
    due_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    visibility = forms.ChoiceField(choices=Visibility.choices, initial=Visibility.COMPANY)
    rollup = forms.ChoiceField(
        label="Progress comes from",
        choices=Rollup.choices,
        initial=Rollup.AUTO,
        help_text="With sub-goals, progress can be their weighted mean or your own check-ins.",
    )
    parent = forms.ModelChoiceField(
        queryset=Goal.objects.none(),
        required=False,
        label="Parent goal",
        error_messages={"invalid_choice": "Pick a goal from the list: that one is not in this cycle or not visible."},
    )
    owner = forms.ModelChoiceField(queryset=Person.objects.none(), required=False, label="Whose goal")
    corporate = forms.BooleanField(
        required=False,
        label="This is a corporate objective (the top of a cascade, no parent)",
    )

    def __init__(self, *args, actor: Person, cycle: Cycle, goal: Goal | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor, self.cycle, self.goal = actor, cycle, goal
        parents = Goal.objects.filter(cycle=cycle).visible_to(actor).exclude(status=Status.DROPPED)
        if goal is not None:
            parents = parents.exclude(tree_id=goal.tree_id, lft__gte=goal.lft, rght__lte=goal.rght)
        self.fields["parent"].queryset = parents.select_related("owner", "cycle")
        if goal is not None or not actor.get_descendant_count():
            del self.fields["owner"]
        else:
            self.fields["owner"].queryset = Person.objects.filter(Q(pk=actor.pk) | Q(manager=actor)).exclude(
                role=Role.ADMIN
            )
            self.fields["owner"].initial = actor.pk
            self.fields["owner"].help_text = "Draft a goal for yourself or for someone who reports to you."
        unit = (self.data.get("unit") if self.is_bound else None) or self.initial.get("unit") or ""
        for name in ("baseline", "target"):
            self.fields[name].unit = unit
        if goal is None and TIER_FOR_ROLE.get(self.selected_owner().role) == Tier.REP:
            # Rep goals have no sub-goals to take a weighted mean of: their progress comes from check-ins.
            self.fields["rollup"].initial = Rollup.MANUAL
        creating_as_executive = goal is None and actor.has_perm("goals.add_corporate_objective")
        editing_objective = goal is not None and goal.tier == Tier.CORPORATE
        if not creating_as_executive or editing_objective:
            del self.fields["corporate"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("corporate") and cleaned.get("parent"):
            self.add_error("parent", "A corporate objective is the top of its cascade: leave the parent empty.")
        return cleaned

    def selected_owner(self) -> Person:
        """Whose goal this is, also while the form is still invalid (for the suggestions and the preview)."""
        if not hasattr(self, "_selected_owner"):
            self._selected_owner = self._read_owner()
        return self._selected_owner

    def _read_owner(self) -> Person:
        if self.goal is not None:
            return self.goal.owner
        if "owner" in self.fields and self.is_bound:
            try:
                return self.fields["owner"].clean(self.data.get("owner")) or self.actor
            except forms.ValidationError:
                return self.actor
        return self.actor

    def selected_parent(self) -> Goal | None:
        """The parent picked so far, also while the form is still invalid."""
        if not hasattr(self, "_selected_parent"):
            self._selected_parent = self._read_parent()
        return self._selected_parent

    def _read_parent(self) -> Goal | None:
        raw = self.data.get("parent") if self.is_bound else self.initial.get("parent")
        if not raw:
            return None
        try:
            return self.fields["parent"].clean(raw)
        except forms.ValidationError:
            return None

    def chosen_owner(self) -> Person:
        """Whose goal this is, once the form is valid."""
        if self.goal is not None:
            return self.goal.owner
        return self.cleaned_data.get("owner") or self.actor

    def tier(self) -> str | None:
        if self.goal is not None:
            return self.goal.tier
        if self.cleaned_data.get("corporate"):
            return Tier.CORPORATE
        return TIER_FOR_ROLE.get(self.chosen_owner().role)

    def goal_fields(self) -> dict:
        """What the services take: the goal's editable fields plus its parent."""
        names = ["title", "description", "metric", "unit", "baseline", "target", "direction", "weight", "due_date"]
        names += ["visibility", "rollup", "parent"]
        fields = {name: self.cleaned_data[name] for name in names}
        if not fields["direction"]:
            fields["direction"] = direction_implied_by(fields["baseline"], fields["target"])
        return fields

    @classmethod
    def initial_for(cls, goal: Goal) -> dict:
        names = ["title", "description", "metric", "unit", "baseline", "target", "direction", "weight", "due_date"]
        names += ["visibility", "rollup"]
        return {**{name: getattr(goal, name) for name in names}, "parent": goal.parent_id}


class CheckInForm(forms.Form):
    value = AmountField(label="Current value")
    confidence = forms.ChoiceField(choices=Confidence.choices, initial=Confidence.ON_TRACK)
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What moved, what is in the way, what you need.",
    )

    def __init__(self, *args, unit: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].unit = unit
        if unit:
            example = "180,925.10" if unit in CURRENCY_SYMBOLS else "42"
            self.fields["value"].help_text = f"In {unit}, e.g. {example}."


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Comment",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Ask a question or add context"}),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="Why does it go back?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Say what to change, so the owner can fix it and submit again.",
    )


class CarryOverForm(forms.Form):
    cycle = forms.ModelChoiceField(queryset=Cycle.objects.none(), label="Into cycle")
    include_subtree = forms.BooleanField(required=False, label="Carry over its unfinished sub-goals too")

    def __init__(self, *args, goal: Goal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = Cycle.objects.filter(start__gt=goal.cycle.start).exclude(phase=Phase.CLOSED)


class ExplorerFilterForm(forms.Form):
    """Search and filters of the cascade explorer (GET)."""

    q = forms.CharField(
        required=False,
        label="Search",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Goal title or owner"}),
    )
    region = forms.CharField(
        required=False,
        max_length=100,
        label="Region / team",
        # A searchable field: the company has over a thousand regions and teams, far too many for a <select>.
        # Suggestions come from goals:explorer-regions as the person types (a <datalist>).
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "list": "region-options",
                "autocomplete": "off",
                "placeholder": "All regions and teams",
            }
        ),
    )
    tier = forms.ChoiceField(required=False, choices=[("", "All tiers"), *Tier.choices])
    status = forms.ChoiceField(required=False, choices=[("", "All statuses"), *Status.choices])
    flagged = forms.BooleanField(required=False, label="Flagged only")
    flag_kind = forms.ChoiceField(required=False, label="Flag", choices=[("", "Any flag"), *FlagKind.choices])
    pace = forms.ChoiceField(required=False, label="Pace", choices=[("", "Any pace"), *PaceStatus.choices])
    sort = forms.ChoiceField(
        required=False,
        label="Order",
        choices=[("", "Tree order"), ("forecast", "Lowest forecast first"), ("-forecast", "Highest forecast first")],
    )

    def clean_region(self) -> str:
        region = self.cleaned_data["region"].strip()
        if region and not Person.objects.filter(region=region).exists():
            raise forms.ValidationError(f"No region or team is called “{region}”; pick one from the suggestions.")
        return region

    @property
    def is_filtering(self) -> bool:
        return self.is_bound and self.is_valid() and any(self.cleaned_data.values())


class ReviewForm(forms.Form):
    """Approve or return one or many goals of the approval queue."""

    goals = ModelIdsField(
        queryset=Goal.objects.none(),
        error_messages={
            "required": "Tick the goals to approve or return.",
            "invalid_choice": "A selected goal is no longer waiting for you; the queue has been refreshed.",
            "invalid_pk_value": "A selected goal is no longer waiting for you; the queue has been refreshed.",
        },
    )
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("return", "Return")])
    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label="Reason for returning")

    def __init__(self, *args, queue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = queue

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "return" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", "Say why the goals go back, so their owners know what to change.")
        return cleaned


class DeleteGoalForm(forms.Form):
    """What happens to a goal's sub-goals when it is deleted: asked only when it has some."""

    children = forms.ChoiceField(
        choices=ChildrenChoice.choices,
        widget=forms.RadioSelect,
        required=False,
        label="Its sub-goals",
        error_messages={"required": "Say what happens to its sub-goals."},
    )

    def __init__(self, *args, has_children: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["children"].required = has_children
        if not has_children:
            del self.fields["children"]

    def clean(self):
        cleaned = super().clean()
        cleaned.setdefault("children", None)
        return cleaned


class GoalsImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="UTF-8, a header naming the columns; all rows come in or none.",
        error_messages={"required": "Choose the CSV file to import."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(f"The file is larger than {MAX_CSV_BYTES // (1024 * 1024)} MB.")
        return upload
