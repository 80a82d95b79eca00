from django import forms

from notifications.models import Kind


class PreferencesForm(forms.Form):
    """Which kinds of notification a person hears about: ticked kinds arrive, unticked ones are muted."""

    wanted = forms.MultipleChoiceField(
        label="Notify me about",
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Unticked kinds are muted: they reach neither your inbox nor your email.",
    )

    def muted(self) -> set[str]:
        return set(Kind.values) - set(self.cleaned_data["wanted"])
