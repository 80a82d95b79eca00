"""``Authorization: Token <key>`` for API tokens that expire (accounts.tokens)."""

from django.utils import timezone
from django.utils.formats import date_format
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from accounts.tokens import api_token_for_key, api_token_used


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token header and answers, over our own tokens: hashed keys, an expiry, revocable one by one."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        token = api_token_for_key(key)
        if token is None:
            raise AuthenticationFailed("Invalid token.")
        now = timezone.now()
        if token.expires <= now:
            raise AuthenticationFailed(
                f"This token expired on {date_format(token.expires, 'j F Y')}: "
                "get a new one with POST /api/auth/token/."
            )
        if not token.person.is_active:
            raise AuthenticationFailed("User inactive or deleted.")
        api_token_used(token, now=now)
        return token.person, token
