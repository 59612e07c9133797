"""Public surfaces of credentials (DID documents, status lists, badge pages, the verifier,
the W3C VC API) and the issuer admin's credentials page."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from microcred import permissions
from microcred.accounts.models import Organization
from microcred.catalog.models import Cohort, MicroCredentialVersion, VersionStatus

from . import identity, ob3, selectors, services, verify
from .models import Award, KeyType, StatusList

VC_JSON = "application/vc+ld+json"


def _json(document: dict | str, *, content_type="application/json", status=200) -> HttpResponse:
    body = document if isinstance(document, str) else json.dumps(document, indent=2)
    response = HttpResponse(body, content_type=content_type, status=status)
    response["Access-Control-Allow-Origin"] = "*"
    return response


# -- Public documents ---------------------------------------------------------------------


@require_GET
@cache_control(public=True, max_age=300)
def did_document(request, slug):
    organization = get_object_or_404(Organization, slug=slug, kind=Organization.Kind.ISSUER)
    if not identity.did(organization).startswith("did:web:"):
        raise Http404
    services.active_key(organization, KeyType.ED25519)
    services.active_key(organization, KeyType.P256)
    return _json(identity.did_document(organization), content_type="application/did+json")


@require_GET
@cache_control(public=True, max_age=60)
def status_list(request, pk):
    status = get_object_or_404(StatusList.objects.select_related("organization"), pk=pk)
    return _json(services.status_list_credential(status), content_type=VC_JSON)


@require_GET
@cache_control(public=True, max_age=3600)
def achievement(request, slug, number):
    version = get_object_or_404(
        MicroCredentialVersion.objects.select_related("micro_credential__issuer"),
        micro_credential__slug=slug,
        number=number,
        status__in=[VersionStatus.PUBLISHED, VersionStatus.RETIRED],
    )
    return _json(ob3.micro_credential_achievement(version))


# -- Badge pages ------------------------------------------------------------------------------


def _award(public_id) -> Award:
    return get_object_or_404(selectors.awards_with_subjects(), public_id=public_id)


@require_GET
def badge(request, public_id):
    award = _award(public_id)
    result = verify.verify_text(award.credential_json) if award.credential_json else None
    if award.credential_json and request.headers.get("Accept", "").startswith(
        ("application/json", VC_JSON, "application/ld+json")
    ):
        return _json(award.credential_json, content_type=VC_JSON)
    return render(
        request,
        "credentials/badge.html",
        {
            "award": award,
            "result": result,
            "credential": json.loads(award.credential_json) if award.credential_json else None,
            "can_revoke": permissions.can_revoke(request.user, award) and not award.is_revoked,
            "is_earner": request.user.is_authenticated and award.earner_id == request.user.pk,
        },
    )


@require_GET
def badge_credential(request, public_id, fmt):
    award = _award(public_id)
    if not award.signed_at:
        raise Http404
    if fmt == "jwt":
        response = HttpResponse(award.credential_jwt, content_type="text/plain; charset=utf-8")
        name = f"{award.public_id}.jwt"
    else:
        response = HttpResponse(award.credential_json, content_type=VC_JSON)
        name = f"{award.public_id}.json"
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_POST
@login_required
def revoke(request, public_id):
    award = _award(public_id)
    try:
        services.revoke(award, by=request.user, reason=request.POST.get("reason", ""))
    except services.CredentialError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The credential is revoked; verifiers now see it."))
    return redirect(award)


# -- The verifier page ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def verifier(request):
    result = None
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        pasted = request.POST.get("credential", "")
        if upload is not None:
            from django.conf import settings

            if upload.size > settings.CREDENTIALS_MAX_VERIFY_BYTES:
                raw = b"x" * (settings.CREDENTIALS_MAX_VERIFY_BYTES + 1)
            else:
                raw = upload.read()
            result = verify.verify_text(raw)
        elif pasted.strip():
            result = verify.verify_text(pasted)
        else:
            error = _("Choose a credential file, or paste its JSON or JWT.")
    return render(
        request,
        "credentials/verify.html",
        {"result": result, "error": error},
        status=400 if error else 200,
    )


# -- W3C VC API ------------------------------------------------------------------------------
# https://w3c-ccg.github.io/vc-api/ — POST /credentials/verify, /presentations/verify and
# /credentials/issue; 200 for a verified credential, 400 for a malformed request and 422
# for a well-formed credential that does not verify.


def _body(request) -> dict:
    from django.conf import settings

    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > settings.CREDENTIALS_MAX_VERIFY_BYTES:
        raise _ApiError(413, _("The request is larger than this verifier reads."))
    try:
        body = json.loads(request.body or b"null")
    except ValueError as exc:
        raise _ApiError(400, _("The request body is not JSON.")) from exc
    if not isinstance(body, dict):
        raise _ApiError(400, _("The request body must be a JSON object."))
    return body


class _ApiError(Exception):
    def __init__(self, status: int, message: str):
        self.status, self.message = status, message


def _api(view):
    def wrapped(request, *args, **kwargs):
        if request.method != "POST":
            return JsonResponse({"message": _("Use POST.")}, status=405)
        try:
            return view(request, *args, **kwargs)
        except _ApiError as exc:
            return JsonResponse({"message": exc.message}, status=exc.status)

    return csrf_exempt(wrapped)


def _verification_response(result: verify.Result) -> JsonResponse:
    body = result.as_dict()
    if result.credentials:
        body["credentialResults"] = [r.as_dict() for r in result.credentials]
    return JsonResponse(body, status=200 if result.verified else 422)


@_api
def api_verify_credential(request):
    body = _body(request)
    credential = body.get("verifiableCredential")
    if isinstance(credential, str):
        return _verification_response(verify.verify_jwt(credential.strip()))
    if not isinstance(credential, dict):
        raise _ApiError(400, _("verifiableCredential must be a credential object or a JWT."))
    return _verification_response(verify.verify_credential(credential))


@_api
def api_verify_presentation(request):
    body = _body(request)
    presentation = body.get("verifiablePresentation")
    if not isinstance(presentation, dict):
        raise _ApiError(400, _("verifiablePresentation must be a presentation object."))
    options = body.get("options") if isinstance(body.get("options"), dict) else {}
    return _verification_response(
        verify.verify_presentation(
            presentation, challenge=options.get("challenge"), domain=options.get("domain")
        )
    )


@_api
def api_issue_credential(request):
    header = request.headers.get("Authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else ""
    client = services.client_for_token(token)
    if client is None:
        response = JsonResponse(
            {"message": _("An organization's API token is needed (Authorization: Bearer …).")},
            status=401,
        )
        response["WWW-Authenticate"] = "Bearer"
        return response
    body = _body(request)
    credential = body.get("credential")
    if not isinstance(credential, dict):
        raise _ApiError(400, _("credential must be a JSON object."))
    try:
        signed = services.issue_credential(client.organization, credential)
    except services.CredentialError as exc:
        raise _ApiError(400, str(exc)) from exc
    return JsonResponse({"verifiableCredential": signed}, status=201)


# -- The issuer admin's page -------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def issuer_credentials(request, slug):
    organization = get_object_or_404(Organization, slug=slug, kind=Organization.Kind.ISSUER)
    if not permissions.can_manage_credentials(request.user, organization):
        raise PermissionDenied
    new_token = None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "rotate":
                key_type = request.POST.get("key_type")
                if key_type not in KeyType.values:
                    raise services.CredentialError(_("Choose which key to rotate."))
                services.rotate_key(
                    organization,
                    key_type=key_type,
                    by=request.user,
                    reason=request.POST.get("reason", ""),
                )
                messages.success(
                    request,
                    _("A new key signs from now on; the old one still verifies what it signed."),
                )
            elif action == "method":
                services.set_identifier_method(
                    organization, method=request.POST.get("method", ""), by=request.user
                )
                messages.success(request, _("The identifier method is changed."))
            elif action == "bulk":
                cohort = get_object_or_404(
                    Cohort,
                    pk=request.POST.get("cohort") or 0,
                    micro_credential__issuer=organization,
                )
                services.issue_for_cohort(cohort, by=request.user)
                messages.success(request, _("Issuing the cohort's credentials in the background."))
            elif action == "client":
                _client, new_token = services.create_api_client(
                    organization, name=request.POST.get("name", ""), by=request.user
                )
            else:
                raise services.CredentialError(_("Unknown action."))
        except services.CredentialError as exc:
            messages.error(request, str(exc))
        if new_token is None:
            return redirect("credentials:issuer_credentials", slug=organization.slug)
    return render(
        request,
        "credentials/issuer_credentials.html",
        selectors.issuer_overview(organization) | {"new_token": new_token},
    )
