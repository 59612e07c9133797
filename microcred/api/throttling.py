"""How often one caller may ask: per access token's account, or per address for anonymous
callers, in the shared cache so every web process counts together. Past the limit the
answer is 429 with Retry-After. Off when the platform's rate limits are
(DISABLE_RATE_LIMITS)."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class PerCaller(SimpleRateThrottle):
    def get_rate(self):
        return None  # chosen per request in allow_request

    def allow_request(self, request, view):
        if not settings.RATE_LIMITS_ENABLED:
            return True
        authenticated = request.auth is not None
        self.rate = (
            settings.API_RATE_AUTHENTICATED if authenticated else settings.API_RATE_ANONYMOUS
        )
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        if request.auth is not None:
            return f"api-rate:user:{request.user.pk}"
        return f"api-rate:address:{self.get_ident(request)}"
