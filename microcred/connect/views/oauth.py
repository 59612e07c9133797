"""The authorization server: registration, the earner's consent, tokens and their
revocation (OB 3.0 §7; RFC 6749, 7591, 7636, 7009). The toolkit does the protocol; these
views give it the platform's pages and the spec's registration."""

from __future__ import annotations

import json
from urllib.parse import urlencode, urlsplit

from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from oauth2_provider import views as toolkit
from oauth2_provider.exceptions import OAuthToolkitError
from oauthlib.oauth2.rfc6749.errors import CustomOAuth2Error

from microcred.accounts.throttle import throttled

from .. import scopes, services


def _refused(request, refused):
    """Over the platform's limit of costly requests from one address (or everyone): every
    client secret is checked against a slow hash, and each registration is a new row. The
    answer keeps OAuth's error shape (RFC 6749 §5.2) with 429 and Retry-After."""
    return _no_store(
        JsonResponse(
            {"error": "temporarily_unavailable", "error_description": refused.message},
            status=429,
        )
    )


@csrf_exempt
@require_POST
@throttled("oauth-register", refuse=_refused)
def register(request):
    """RFC 7591 dynamic registration: 201 with the client's credentials, or 400 with the
    RFC's error and a description."""
    try:
        metadata = json.loads(request.body or b"null")
    except ValueError:
        metadata = None
    try:
        registration = services.register_client(metadata)
    except services.ConnectProblem as problem:
        return _no_store(
            JsonResponse({"error": problem.code, "error_description": problem.message}, status=400)
        )
    application, profile = registration.application, registration.profile
    answer = {
        "client_id": application.client_id,
        "client_secret": registration.client_secret,
        "client_id_issued_at": int(application.created.timestamp()),
        "client_secret_expires_at": 0,
        "client_name": application.name,
        "client_uri": profile.client_uri,
        "redirect_uris": application.redirect_uris.split(),
        "token_endpoint_auth_method": "client_secret_basic",
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "scope": profile.scope,
    }
    for name in ("logo_uri", "tos_uri", "policy_uri", "software_id", "software_version"):
        if value := getattr(profile, name):
            answer[name] = value
    if profile.contacts:
        answer["contacts"] = profile.contacts
    return _no_store(JsonResponse(answer, status=201))


def _no_store(response):
    response["Cache-Control"] = "no-store"
    response["Pragma"] = "no-cache"
    return response


class Consent(toolkit.AuthorizationView):
    """The earner approves or denies an app: its name, its addresses as text (nothing it
    names is fetched), what it asks for in plain words. A plain form, no script."""

    template_name = "connect/consent.html"

    def validate_authorization_request(self, request):
        scopes_asked, credentials = super().validate_authorization_request(request)
        # OB 3.0 §7.1.2.1 requires PKCE; RFC 9700 §2.1.1 rules out "plain". The toolkit
        # refuses "plain" only once the code is made; refusing here spares the earner a
        # consent that could not work.
        if credentials.get("code_challenge_method") != "S256":
            raise OAuthToolkitError(
                error=CustomOAuth2Error(
                    error="invalid_request",
                    description='Only the "S256" code_challenge_method is supported.',
                    state=credentials.get("state"),
                ),
                redirect_uri=credentials["redirect_uri"],
            )
        return scopes_asked, credentials

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "scopes" in context:
            context["asked"] = scopes.in_words(context["scopes"])
            context["profile"] = getattr(context["application"], "connect_profile", None)
            context["redirect_host"] = urlsplit(context["redirect_uri"]).netloc
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if redirect_uri := context.get("redirect_uri"):
            # Browsers hold a form's redirect to form-action too: approving or denying
            # ends at the app's own address.
            parts = urlsplit(redirect_uri)
            response._csp_update = {"form-action": [f"{parts.scheme}://{parts.netloc}"]}
        return response

    def redirect(self, redirect_to, application):
        """OB 3.0 §7.1.2.2: the answer carries the scope granted beside the code."""
        parts = urlsplit(redirect_to)
        if "code=" in parts.query and "scope=" not in parts.query:
            granted = self.request.POST.get("scope", "")
            redirect_to = parts._replace(
                query=f"{parts.query}&{urlencode({'scope': granted})}"
            ).geturl()
        return super().redirect(redirect_to, application)


@method_decorator(throttled("oauth-token", refuse=_refused), name="post")
class Token(toolkit.TokenView):
    """Codes, refresh tokens and client credentials for access tokens; the answer names the
    scope granted and is never cached (oauthlib sets Cache-Control: no-store)."""


@method_decorator(throttled("oauth-token", refuse=_refused), name="post")
class Revoke(toolkit.RevokeTokenView):
    """RFC 7009: 200 whether the token was live or not, so nothing is learned from it."""
