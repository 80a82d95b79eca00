"""Sign-in forms that refuse a locked-out account or address before checking the password."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from accounts.signin_lockout import client_address, signin_lockout


class LockoutMixin:
    def clean(self):
        username = self.data.get("username", "") if hasattr(self.data, "get") else ""
        lockout = signin_lockout(username=str(username), address=client_address(self.request))
        if lockout is not None:
            raise forms.ValidationError(lockout.message, code="locked_out")
        return super().clean()


class SigninForm(LockoutMixin, AuthenticationForm):
    """The sign-in page's form."""


class AdminSigninForm(LockoutMixin, AdminAuthenticationForm):
    """The admin site's sign-in form."""
