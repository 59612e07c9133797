"""The resource server's half of OAuth 2.0: who a bearer token speaks for, and whether it
carries the scope an endpoint needs (RFC 6750). Every API of the platform guards its
endpoints with `protected`, giving its own error shape: the Open Badges API answers with
Imsx_StatusInfo, another API may answer in its own format with the same checks."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.oauth2_backends import get_oauthlib_core
from oauth2_provider.www_authenticate import build_bearer_challenge, challenge_status

ErrorShape = Callable[[int, str], HttpResponse]


def refusal(request: HttpRequest, error: dict | None, shape: ErrorShape) -> HttpResponse:
    """401 for no token or one that is unknown, expired, revoked or meant for another
    server; 403 for a good token without the scope. Both carry the challenge."""
    error = dict(error or {"error": "invalid_request"})
    if "HTTP_AUTHORIZATION" not in request.META:
        # RFC 6750 §3.1: a request that carried no credentials gets a bare challenge.
        error = {}
        description = _("This needs an access token: Authorization: Bearer <token>.")
    elif error.get("error") == "insufficient_scope":
        description = _("The access token does not allow this; ask the earner again with %s.")
    else:
        description = str(error.get("error_description") or _("The access token is not valid."))
    status = challenge_status(error)
    if status == 403:
        description = description % request.connect_scope
        error["scope"] = request.connect_scope
    response = shape(status, description)
    response["WWW-Authenticate"] = build_bearer_challenge(
        request, error or None, realm="microcred", resource_metadata_url=None
    )
    return response


def protected(scope: str, *, shape: ErrorShape):
    """An endpoint that needs a bearer token with `scope`. The earner the token speaks for
    becomes `request.user`, and the token `request.access_token`; cookies count for
    nothing here, so the view is exempt from CSRF."""

    def decorate(view):
        @csrf_exempt
        @wraps(view)
        def guarded(request, *args, **kwargs):
            request.connect_scope = scope
            valid, oauth_request = get_oauthlib_core().verify_request(request, scopes=[scope])
            if not valid:
                return refusal(request, getattr(oauth_request, "oauth2_error", None), shape)
            if not oauth_request.user.is_active:
                # A deactivated or deleted account's tokens speak for nobody.
                error = {"error": "invalid_token", "error_description": _("The account is closed.")}
                return refusal(request, error, shape)
            request.user = oauth_request.user
            request.access_token = oauth_request.access_token
            return view(request, *args, **kwargs)

        return guarded

    return decorate
