from django import forms

from integrations.models import CrmConnection, FeedKind, HubSpotMeasure, MetricFeed, Provider


class MetricFeedForm(forms.ModelForm):
    """A feed's name, source and schedule; the fields of other kinds of source are ignored."""

    class Meta:
        model = MetricFeed
        fields = [
            "name",
            "kind",
            "connection",
            "soql",
            "report_id",
            "report_aggregate",
            "hubspot_stages",
            "hubspot_pipeline",
            "hubspot_owner_id",
            "hubspot_measure",
            "interval_minutes",
        ]
        widgets = {"soql": forms.Textarea(attrs={"rows": 3, "spellcheck": "false"})}

    def __init__(self, *args, can_query_crm: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["connection"].required = False
        self.fields["connection"].empty_label = "The credentials in the environment"
        self.fields["connection"].queryset = CrmConnection.objects.order_by("provider", "name")
        self.fields["hubspot_measure"].choices = HubSpotMeasure.choices
        if not can_query_crm:
            self.fields["kind"].choices = [(FeedKind.WEBHOOK, FeedKind.WEBHOOK.label)]
            self.fields["kind"].help_text = "CRM feeds are set up by managers and admins."
        if self.instance.pk:
            self.fields.pop("kind")  # a feed keeps its kind: remove it and add another instead

    def source_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("kind", None)
        data.pop("name", None)
        return data


class CrmConnectionForm(forms.ModelForm):
    """A CRM account's credentials; secrets are write-only (blank keeps the stored ones)."""

    instance_url = forms.URLField(
        label="Instance or API address",
        required=False,
        assume_scheme="https",
        help_text=CrmConnection._meta.get_field("instance_url").help_text,
    )
    client_secret = forms.CharField(
        label="Consumer secret", required=False, widget=forms.PasswordInput(render_value=False)
    )
    access_token = forms.CharField(
        label="Access token",
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="Salesforce: instead of a consumer key and secret. HubSpot: the private app's token. "
        "Stored encrypted; leave blank to keep the stored one.",
    )

    class Meta:
        model = CrmConnection
        fields = ["provider", "name", "instance_url", "client_id", "client_secret", "access_token"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = Provider.choices

    def _post_clean(self):
        pass  # the service validates and saves (the model's clean would see blank secrets as cleared)
