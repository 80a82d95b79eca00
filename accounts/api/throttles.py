"""API throttles. Their rates are read from settings on each request (DRF reads them once at import)."""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle


class SettingsRateMixin:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class ApiUserRateThrottle(SettingsRateMixin, UserRateThrottle):
    """Every API call, per person (per address when anonymous): ``API_THROTTLE_RATE``."""

    scope = "api"


class TokenObtainRateThrottle(SettingsRateMixin, SimpleRateThrottle):
    """Password guesses at the token endpoint, per client address: ``API_TOKEN_THROTTLE_RATE``."""

    scope = "token"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
