"""API throttles. Their rates are read from settings on each request (DRF reads them once at import).

When the cache cannot be reached a request is let through (and logged) rather than answered 500.
"""

import logging

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle

logger = logging.getLogger(__name__)


class SettingsRateMixin:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception:
            logger.warning("Throttle %s skipped: the cache cannot be reached", self.scope, exc_info=True)
            return True


class ApiUserRateThrottle(SettingsRateMixin, UserRateThrottle):
    """Every API call, per person (per address when anonymous): ``API_THROTTLE_RATE``."""

    scope = "api"


class TokenObtainRateThrottle(SettingsRateMixin, SimpleRateThrottle):
    """Password guesses at the token endpoint, per client address: ``API_TOKEN_THROTTLE_RATE``."""

    scope = "token"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
