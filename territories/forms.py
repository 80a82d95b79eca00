"""Forms of the plan pages. They check types and choices; the services check the domain (territories/services.py)."""

from decimal import Decimal

from django import forms
from django.forms import formset_factory

from accounts.models import Function, Person
from goals.models import Cycle, Goal, Phase, Unit
from territories.funnel import MAX_STAGES, deal_size_error, rate_error
from territories.models import (
    AccountKind,
    AccountStage,
    Half,
    JointPlan,
    NamedAccount,
    TerritoryPlan,
    Verdict,
)
from territories.sections import ANALYSIS, SECTIONS, TEXT_SECTIONS, Section, field_label
from territories.selectors import quota_goal_choices

MONEY = {"max_digits": 16, "decimal_places": 2}
DATE = forms.DateInput(attrs={"type": "date"})


def text_section_form(section: Section, *args, **kwargs) -> forms.Form:
    """The form of a section made of text fields (drivers, SWOT, strategies, resources; the analysis' text)."""
    fields = {}
    for name in section.fields:
        if name == "territory":
            fields[name] = forms.CharField(
                label="Territory", max_length=120, required=False, help_text='Where you sell, e.g. "Boston".'
            )
        else:
            fields[name] = forms.CharField(
                label=field_label(name), required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
    form_class = type(f"{section.key.title()}SectionForm", (forms.Form,), fields)
    return form_class(*args, prefix=section.key, **kwargs)


def text_section_initial(plan: TerritoryPlan, section: Section) -> dict:
    return {name: getattr(plan, name) for name in section.fields}


TEXT_FORM_SECTIONS = {section.key: section for section in (ANALYSIS, *TEXT_SECTIONS)}


class FunnelForm(forms.Form):
    """The funnel's inputs other than its stages."""

    quota_goal = forms.ModelChoiceField(
        queryset=Goal.objects.none(),
        required=False,
        label="Target from my goal",
        empty_label="Choose a goal",
        help_text="Your goal in the cascade, in money, whose target the funnel works toward.",
    )
    average_deal_size = forms.DecimalField(
        required=False, label="Average deal size", help_text="Leave empty to use your team's.", **MONEY
    )

    def __init__(self, *args, plan: TerritoryPlan, **kwargs):
        super().__init__(*args, prefix="funnel", **kwargs)
        self.fields["quota_goal"].queryset = quota_goal_choices(plan.owner, plan.cycle)
        self.fields["quota_goal"].label_from_instance = lambda goal: f"{goal.title} ({goal.get_unit_display()})"

    def clean_average_deal_size(self):
        size = self.cleaned_data["average_deal_size"]
        if size is not None and (message := deal_size_error(size)):
            raise forms.ValidationError(message)
        return size


class StageForm(forms.Form):
    name = forms.CharField(max_length=60, required=False, label="Stage")
    conversion_rate = forms.DecimalField(max_digits=5, decimal_places=2, required=False, label="Moves on (%)")
    open_pipeline = forms.DecimalField(required=False, label="Pipeline open now", **MONEY)

    def clean_conversion_rate(self):
        rate = self.cleaned_data["conversion_rate"]
        if rate is not None and (message := rate_error(rate)):
            raise forms.ValidationError(message)
        return rate

    def clean_open_pipeline(self):
        amount = self.cleaned_data["open_pipeline"]
        if amount is not None and amount < 0:
            raise forms.ValidationError("Open pipeline cannot be negative.")
        return amount

    def clean(self):
        cleaned = super().clean()
        filled = cleaned.get("conversion_rate") is not None or cleaned.get("open_pipeline")
        if filled and not cleaned.get("name"):
            self.add_error("name", "Name the stage, or clear the row.")
        return cleaned


StageFormSet = formset_factory(StageForm, extra=1, max_num=MAX_STAGES, validate_max=True)


def stage_rows(formset) -> list[dict]:
    """The stages a valid formset describes, blank rows left out."""
    return [
        {
            "name": form.cleaned_data["name"],
            "conversion_rate": form.cleaned_data.get("conversion_rate"),
            "open_pipeline": form.cleaned_data.get("open_pipeline") or Decimal(0),
        }
        for form in formset.forms
        if form.cleaned_data.get("name")
    ]


class TeamStageForm(StageForm):
    conversion_rate = forms.DecimalField(max_digits=5, decimal_places=2, required=False, label="Moves on (%)")
    open_pipeline = None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("name") and cleaned.get("conversion_rate") is None and "conversion_rate" not in self.errors:
            self.add_error("conversion_rate", "Give the team's conversion rate for this stage.")
        return cleaned


TeamStageFormSet = formset_factory(TeamStageForm, extra=1, max_num=MAX_STAGES, validate_max=True)


class TeamFunnelForm(forms.Form):
    average_deal_size = forms.DecimalField(required=False, label="Average deal size", **MONEY)

    def clean_average_deal_size(self):
        size = self.cleaned_data["average_deal_size"]
        if size is not None and (message := deal_size_error(size)):
            raise forms.ValidationError(message)
        return size


class AccountForm(forms.Form):
    kind = forms.ChoiceField(choices=AccountKind.choices, initial=AccountKind.PROSPECT, label="Kind")
    name = forms.CharField(max_length=120, label="Account")
    vertical = forms.CharField(max_length=80, required=False)
    expected_value = forms.DecimalField(label="Expected value", min_value=0, initial=Decimal(0), **MONEY)
    stage = forms.ChoiceField(choices=AccountStage.choices, initial=AccountStage.IDENTIFIED)
    notes = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "account")
        super().__init__(*args, **kwargs)


class ObjectiveForm(forms.Form):
    title = forms.CharField(max_length=200, help_text="Specific: what, where, by when.")
    metric = forms.CharField(max_length=80, help_text='What is measured, e.g. "new ARR" or "new logos".')
    unit = forms.ChoiceField(choices=Unit.choices, initial=Unit.USD)
    target = forms.DecimalField(help_text="Measurable: the number to reach.", **MONEY)
    due_date = forms.DateField(required=False, widget=DATE)
    focus = forms.CharField(
        max_length=300, required=False, label="Focus verticals or accounts", help_text="Where it will be won."
    )
    accounts = forms.ModelMultipleChoiceField(
        queryset=NamedAccount.objects.none(),
        required=False,
        label="Focus accounts",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, plan: TerritoryPlan, accounts: list[NamedAccount] | None = None, **kwargs):
        """``accounts``: the plan's named accounts when the caller has them already (one form per objective)."""
        kwargs.setdefault("prefix", "objective")
        super().__init__(*args, **kwargs)
        accounts = list(NamedAccount.objects.filter(plan=plan)) if accounts is None else accounts
        if not accounts:
            del self.fields["accounts"]
            return
        field = self.fields["accounts"]
        field.queryset = NamedAccount.objects.filter(plan=plan)
        field.choices = [(account.pk, account.name) for account in accounts]


class ObjectiveToGoalForm(forms.Form):
    """Where the objective's goal is linked; the best fit comes first and is chosen already."""

    parent = forms.ModelChoiceField(
        queryset=Goal.objects.none(),
        required=False,
        label="Link under",
        empty_label="Not linked yet",
        error_messages={"invalid_choice": "Pick a goal from the list."},
    )

    def __init__(self, *args, choices: list[Goal], **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["parent"]
        field.queryset = Goal.objects.filter(pk__in=[goal.pk for goal in choices])
        field.choices = [
            ("", "Not linked yet"),
            *[(goal.pk, f"{goal.title} ({goal.owner.full_name})") for goal in choices],
        ]
        if choices and not self.is_bound:
            field.initial = choices[0].pk


class ActionForm(forms.Form):
    title = forms.CharField(max_length=200, label="Action")
    owner = forms.ModelChoiceField(queryset=Person.objects.none(), empty_label=None)
    resources = forms.CharField(max_length=300, required=False, help_text="People, budget or material it needs.")
    due_date = forms.DateField(widget=DATE)
    is_milestone = forms.BooleanField(required=False, label="Milestone")

    def __init__(self, *args, plan: TerritoryPlan, **kwargs):
        kwargs.setdefault("prefix", "action")
        super().__init__(*args, **kwargs)
        owner = plan.owner
        self.fields["owner"].queryset = Person.objects.filter(
            tree_id=owner.tree_id, lft__lte=owner.lft, rght__gte=owner.rght
        ).order_by("-lft")
        self.fields["owner"].initial = owner.pk


class SubmitForm(forms.Form):
    note = forms.CharField(
        required=False,
        label="What changed",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required from the second version on, so your manager reads it first.",
    )


class ReviewForm(forms.Form):
    DECISIONS = [("comment", "Comment"), ("approve", "Approve"), ("return", "Return to the rep")]

    decision = forms.ChoiceField(choices=DECISIONS, initial="comment", widget=forms.RadioSelect)
    section = forms.ChoiceField(
        choices=[("", "The whole plan"), *[(section.key, section.title) for section in SECTIONS]],
        required=False,
        label="About",
    )
    body = forms.CharField(
        required=False,
        label="Comment or reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Returning needs a reason; approving may go without.",
    )


class PlanCheckForm(forms.Form):
    note = forms.CharField(
        required=False, label="Why it still holds", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class PlanStartForm(forms.Form):
    cycle = forms.ModelChoiceField(queryset=Cycle.objects.exclude(phase=Phase.CLOSED))
    territory = forms.CharField(max_length=120, required=False)


# --- joint plans --------------------------------------------------------------------------


def non_sales_people():
    return Person.objects.exclude(function=Function.SALES).filter(is_active=True).order_by("last_name", "first_name")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, person: Person) -> str:
        return f"{person.full_name} ({person.get_function_display()})"


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, person: Person) -> str:
        return f"{person.full_name} ({person.get_function_display()})"


class JointPlanStartForm(forms.Form):
    cycle = forms.ModelChoiceField(queryset=Cycle.objects.exclude(phase=Phase.CLOSED))
    half = forms.TypedChoiceField(choices=Half.choices, coerce=int, initial=Half.FIRST)
    region = forms.CharField(max_length=80, required=False, help_text="Yours when left empty.")


class JointPlanForm(forms.Form):
    currency = forms.ChoiceField(choices=JointPlan._meta.get_field("currency").choices)
    revenue_potential = forms.DecimalField(required=False, min_value=0, label="Revenue potential", **MONEY)
    potential_analysis = forms.CharField(
        required=False, label="Where the potential is", widget=forms.Textarea(attrs={"rows": 3})
    )
    review_summary = forms.CharField(
        required=False, label="What the past six months taught us", widget=forms.Textarea(attrs={"rows": 3})
    )
    members = PeopleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Members from marketing, enablement and customer success",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="joint", **kwargs)
        self.fields["members"].queryset = non_sales_people()


class ActivityForm(forms.Form):
    function = forms.ChoiceField(choices=Function.choices, initial=Function.MARKETING)
    name = forms.CharField(max_length=200, label="Activity")
    result = forms.CharField(max_length=300, required=False, help_text="What it produced.")
    verdict = forms.ChoiceField(choices=Verdict.choices, initial=Verdict.REPEAT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="activity", **kwargs)


class JointTargetForm(forms.Form):
    title = forms.CharField(max_length=200, label="Joint target")
    metric = forms.CharField(max_length=80)
    unit = forms.ChoiceField(choices=Unit.choices, initial=Unit.USD)
    target = forms.DecimalField(**MONEY)
    due_date = forms.DateField(required=False, widget=DATE)
    co_owner = PersonChoiceField(queryset=Person.objects.none(), label="Shared with")
    parent_goal = forms.ModelChoiceField(
        queryset=Goal.objects.none(), required=False, label="Supports the leader's goal", empty_label="Choose later"
    )

    def __init__(self, *args, leader_goals, **kwargs):
        super().__init__(*args, prefix="target", **kwargs)
        self.fields["co_owner"].queryset = non_sales_people()
        self.fields["parent_goal"].queryset = Goal.objects.filter(pk__in=[goal.pk for goal in leader_goals])
