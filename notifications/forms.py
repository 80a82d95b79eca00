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


class ChatChannelForm(forms.Form):
    """A Slack or Teams channel for a person or a team; secrets are write-only (blank keeps the stored one)."""

    provider = forms.ChoiceField(label="Post to", choices=[])
    webhook_url = forms.CharField(
        label="Webhook address",
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="Slack: Apps, Incoming Webhooks. Teams: in a channel, Workflows, “Post to a channel when a webhook "
        "request is received”. Stored encrypted; leave blank to keep the stored one.",
    )
    slack_token = forms.CharField(
        label="Slack bot token",
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="For a Slack app instead of a webhook: its bot token (xoxb-…), with the chat:write scope.",
    )
    slack_channel = forms.CharField(label="Slack channel or member id", required=False, max_length=40)
    enabled = forms.BooleanField(label="Post notifications here", required=False, initial=True)

    def __init__(self, *args, **kwargs):
        from notifications.models import ChatProvider

        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = ChatProvider.choices
