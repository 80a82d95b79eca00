from django import forms

from accounts.models import Person
from audit.selectors import SUBJECT_LABELS, SUBJECTS, AuditFilters, audited_fields
from core.forms import IdField

KINDS = [("", "Any change"), ("+", "Created"), ("~", "Changed"), ("-", "Deleted")]


class AuditFilterForm(forms.Form):
    """The staff audit page's filters; a bad value is a field error, never a 500."""

    subject = forms.ChoiceField(choices=list(SUBJECT_LABELS.items()), required=False, label="What")
    object_id = IdField(required=False, label="Id", help_text="One goal, cycle or person (kept after deletion).")
    actor = forms.CharField(required=False, label="Changed by", help_text="A username.")
    field = forms.ChoiceField(choices=[], required=False, label="Field")
    kind = forms.ChoiceField(choices=KINDS, required=False)
    since = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        subject = self.data.get("subject") if self.data.get("subject") in SUBJECTS else "goals"
        fields = [(field.name, str(field.verbose_name).capitalize()) for field in audited_fields(subject)]
        self.fields["field"].choices = [("", "Any field"), *fields]

    def clean_actor(self) -> Person | None:
        username = (self.cleaned_data.get("actor") or "").strip()
        if not username:
            return None
        person = Person.objects.filter(username=username).first()
        if person is None:
            raise forms.ValidationError(f"There is nobody with username {username!r}.")
        return person

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", "The end comes before the start.")
        return cleaned

    def filters(self) -> AuditFilters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return AuditFilters(
            subject=data.get("subject") or "goals",
            object_id=data.get("object_id"),
            actor=data.get("actor"),
            field=data.get("field") or "",
            kind=data.get("kind") or "",
            since=data.get("since"),
            until=data.get("until"),
        )
