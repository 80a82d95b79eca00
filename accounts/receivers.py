"""Sign-in and password events that sign-in protection and API tokens react to (connected in apps.py)."""

from accounts.signin_lockout import clear_failed_signins, client_address, record_failed_signin
from accounts.tokens import revoke_all_tokens


def count_failed_signin(sender, credentials, request=None, **kwargs) -> None:
    record_failed_signin(username=str(credentials.get("username") or ""), address=client_address(request))


def forget_failed_signins(sender, request, user, **kwargs) -> None:
    clear_failed_signins(username=user.get_username())


def revoke_tokens_on_password_change(sender, instance, created, **kwargs) -> None:
    # set_password() leaves the new password in _password until save() has run its validators'
    # password_changed hook; a hash upgrade on sign-in clears it first, so that revokes nothing.
    if created or getattr(instance, "_password", None) is None:
        return
    revoke_all_tokens(person=instance)
