"""Who a REST API request speaks for: an OAuth 2.0 bearer token (RFC 6750) from the
platform's one authorization server.

A token from the authorization code flow speaks for the person who approved the app; one
from the client credentials grant speaks for the organization's API client, through the
account that holds the roles its admin gave it. Cookies count for nothing here: a browser
signed in to the pages reaches the API as nobody, so no request can be forged with them.
A request with no Authorization header is anonymous (the public catalog answers it); one
with a bad token is refused, never read as anonymous."""

from __future__ import annotations

from django.utils.translation import gettext as _
from oauth2_provider.oauth2_backends import get_oauthlib_core
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed

from microcred.connect.selectors import live_client

REALM = "microcred"


class BearerToken(BaseAuthentication):
    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        if not header.lower().startswith("bearer "):
            raise AuthenticationFailed(_("The Authorization header must be: Bearer <token>."))
        valid, oauth_request = get_oauthlib_core().verify_request(request._request, scopes=[])
        if not valid:
            error = getattr(oauth_request, "oauth2_error", None) or {}
            raise AuthenticationFailed(
                str(error.get("error_description") or _("The access token is not valid."))
            )
        token = oauth_request.access_token
        user = token.user
        if user is None:
            client = live_client(token)
            if client is None:
                raise AuthenticationFailed(_("This API client has been revoked."))
            user = client.account
        if not user.is_active:
            raise AuthenticationFailed(_("The account is closed."))
        return user, token

    def authenticate_header(self, request):
        if request.META.get("HTTP_AUTHORIZATION"):
            return f'Bearer realm="{REALM}", error="invalid_token"'
        return f'Bearer realm="{REALM}"'
