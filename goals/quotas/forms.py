"""Forms of the phasing page and the retrospective: they check types; the services check the domain."""

from django import forms

from goals.models import PhasingMethod
from goals.quotas.periods import Period
from goals.quotas.services import RETROSPECTIVE_MAX_LENGTH

METHOD_HELP = {
    PhasingMethod.EVEN: "The same amount in every period.",
    PhasingMethod.SEASONAL: "Type a weight per period below, in any scale (e.g. 20, 25, 25, 30).",
    PhasingMethod.PRIOR_CYCLE: "The shape of last cycle's actuals of this metric: the owner's own, else the company's.",
    PhasingMethod.TYPED: "Type each period's amount below; they must add up to the target exactly.",
    PhasingMethod.PARENT: "The same shape as the parent goal's phasing, scaled to this goal's target.",
}


class PhasingForm(forms.Form):
    """How to split a goal's target into the periods shown; one number field per period."""

    method = forms.ChoiceField(
        label="Split the target",
        choices=[(value, f"{label}: {METHOD_HELP[value]}") for value, label in PhasingMethod.choices],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, periods: list[Period], **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = periods
        for period in periods:
            self.fields[self.value_field(period)] = forms.DecimalField(
                required=False,
                max_digits=22,
                decimal_places=6,
                label=f"{period.label} ({period.start.day} {period.start:%b} to {period.end.day} {period.end:%b %Y})",
                widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            )

    @staticmethod
    def value_field(period: Period) -> str:
        return f"period_{period.index}"

    def value_fields(self) -> list[forms.BoundField]:
        return [self[self.value_field(period)] for period in self.periods]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("method") in (PhasingMethod.SEASONAL, PhasingMethod.TYPED):
            for period in self.periods:
                name = self.value_field(period)
                if cleaned.get(name) is None and name not in self.errors:
                    what = "an amount" if cleaned["method"] == PhasingMethod.TYPED else "a weight"
                    self.add_error(name, f"Give {period.label} {what}.")
        return cleaned

    def values(self) -> list:
        return [self.cleaned_data.get(self.value_field(period)) for period in self.periods]


class RetrospectiveForm(forms.Form):
    retrospective = forms.CharField(
        required=False,
        label="Your retrospective",
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": RETROSPECTIVE_MAX_LENGTH}),
        help_text="What worked, what did not, what you would do differently: a few lines for next year's plan.",
    )
