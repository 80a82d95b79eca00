"""The person's own API tokens page: make one (its key shown once), see when each expires, revoke them."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.models import ApiToken
from accounts.tokens import api_token_create, api_token_revoke, revoke_all_tokens
from core.parsing import parse_id


class NewTokenForm(forms.Form):
    name = forms.CharField(
        label="What it is for", max_length=80, required=False, help_text="e.g. the CRM sync, a BI dashboard."
    )


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    form = NewTokenForm(request.POST if request.POST.get("action") == "create" else None)
    new_key = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create" and form.is_valid():
            token, new_key = api_token_create(person=request.user, name=form.cleaned_data["name"])
            form = NewTokenForm()
        elif action == "revoke":
            token = ApiToken.objects.filter(person=request.user, pk=parse_id(request.POST.get("token"))).first()
            if token is None:
                messages.error(request, "That token is not there any more: it may have been revoked or expired.")
            else:
                api_token_revoke(person=request.user, token=token)
                messages.success(request, f"Token {token.key_prefix}… is revoked: scripts using it get 401 now.")
            return redirect("accounts:api-tokens")
        elif action == "revoke_all":
            count = revoke_all_tokens(person=request.user)
            messages.success(request, f"{count} token{'s' if count != 1 else ''} revoked.")
            return redirect("accounts:api-tokens")
    tokens = ApiToken.objects.filter(person=request.user)
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "tokens": tokens,
            "form": form,
            "new_key": new_key,
            "now": timezone.now(),
            "token_days": settings.API_TOKEN_DAYS,
        },
    )
