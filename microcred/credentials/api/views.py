"""The W3C VC API (https://w3c-ccg.github.io/vc-api/): POST /credentials/verify,
/presentations/verify and /credentials/issue; 200 for a verified credential, 400 for a
malformed request and 422 for a well-formed credential that does not verify."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from microcred import null_characters
from microcred.accounts.throttle import throttled
from microcred.operations import outage

from ..above import answers as above
from ..formats import vcdm_checks
from ..issuing import services
from ..verification import results, verify


def _within_limit(request) -> None:
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > settings.CREDENTIALS_MAX_VERIFY_BYTES:
        raise _ApiError(413, _("The request is larger than this verifier reads."))


def _body(request) -> dict:
    _within_limit(request)
    try:
        body = json.loads(request.body or b"null")
    except ValueError as exc:
        raise _ApiError(400, _("The request body is not JSON.")) from exc
    except RecursionError as exc:
        raise _ApiError(400, _too_deep_message()) from exc
    if not isinstance(body, dict):
        raise _ApiError(400, _("The request body must be a JSON object."))
    if vcdm_checks.too_deep(body):
        raise _ApiError(400, _too_deep_message())
    if null_characters.contains(body):
        raise _ApiError(400, null_characters.refused_message())
    return body


def _too_deep_message() -> str:
    return _("The request nests deeper than %(n)d levels; no credential does.") % {
        "n": vcdm_checks.MAX_DEPTH
    }


class _ApiError(Exception):
    def __init__(self, status: int, message: str):
        self.status, self.message = status, message


_TITLES = {400: "Bad request", 413: "Request too large"}


def _api(view):
    def wrapped(request, *args, **kwargs):
        if request.method != "POST":
            return JsonResponse({"message": _("Use POST.")}, status=405)
        try:
            return view(request, *args, **kwargs)
        except _ApiError as exc:
            # RFC 9457 problem details; `message` repeats `detail` for earlier clients.
            return outage.problem(
                exc.status, _TITLES.get(exc.status, ""), exc.message, message=exc.message
            )
        except outage.OUTAGE_ERRORS:
            return outage.unavailable_problem()

    # Failures outside the view (a middleware losing the database) answer JSON too.
    wrapped.answers_json = True
    return csrf_exempt(wrapped)


def _verification_response(result: results.Result) -> JsonResponse:
    body = result.as_dict()
    if result.credentials:
        body["credentialResults"] = [r.as_dict() for r in result.credentials]
    return JsonResponse(body, status=200 if result.verified else 422)


BAKED_IMAGE_TYPES = ("image/png", "image/svg+xml")


def _api_refused(request, refused):
    return outage.problem(429, "Too many requests", refused.message)


@_api
@throttled("verify", refuse=_api_refused)
def api_verify_credential(request):
    # Beyond the VC API: a baked badge image posted as it is (Content-Type image/png or
    # image/svg+xml) is read like a file dropped on the verifier page.
    if request.content_type in BAKED_IMAGE_TYPES:
        _within_limit(request)
        return _verification_response(verify.verify_text(request.body))
    body = _body(request)
    credential = body.get("verifiableCredential")
    if isinstance(credential, str):
        return _verification_response(verify.verify_jwt(credential.strip()))
    if not isinstance(credential, dict):
        raise _ApiError(400, _("verifiableCredential must be a credential object or a JWT."))
    return _verification_response(verify.verify_credential(credential))


@_api
@throttled("verify", refuse=_api_refused)
def api_verify_presentation(request):
    body = _body(request)
    presentation = body.get("verifiablePresentation")
    if not isinstance(presentation, dict):
        raise _ApiError(400, _("verifiablePresentation must be a presentation object."))
    held = presentation.get("verifiableCredential")
    if isinstance(held, list) and len(held) > settings.CREDENTIALS_MAX_PER_PRESENTATION:
        return outage.problem(413, "Too many credentials", verify.too_many_message(len(held)))
    options = body.get("options") if isinstance(body.get("options"), dict) else {}
    return _verification_response(
        verify.verify_presentation(
            presentation, challenge=options.get("challenge"), domain=options.get("domain")
        )
    )


def _issuer_of(request):
    """The organization a request may sign for: its own API token (`mc_…`, made on the
    organization's credentials page) or an OAuth 2.0 token of one of its API clients with
    the scope `credentials.issue`."""
    header = request.headers.get("Authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else ""
    if not token:
        return None, (401, _("An organization's API token is needed (Authorization: Bearer …)."))
    if token.startswith("mc_"):
        client = services.client_for_token(token)
        if client is None:
            return None, (401, _("The API token is not valid."))
        return client.organization, None
    return above.issuing_organization(request)


@_api
def api_issue_credential(request):
    organization, refused = _issuer_of(request)
    if organization is None:
        status, reason = refused
        response = JsonResponse({"message": reason}, status=status)
        response["WWW-Authenticate"] = "Bearer"
        return response
    body = _body(request)
    credential = body.get("credential")
    if not isinstance(credential, dict):
        raise _ApiError(400, _("credential must be a JSON object."))
    try:
        signed = services.issue_credential(organization, credential)
    except services.CredentialError as exc:
        raise _ApiError(400, str(exc)) from exc
    return JsonResponse({"verifiableCredential": signed}, status=201)
