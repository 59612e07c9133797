"""Public surfaces of credentials (DID documents, status lists, badge pages, the verifier)
and the issuer admin's credentials page; the W3C VC API is in api/views.py."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from microcred import permissions
from microcred.accounts.models import Organization
from microcred.accounts.throttle import throttled
from microcred.catalog.models import Cohort, MicroCredentialVersion, VersionStatus

from . import selectors, sharing
from .formats import ob3
from .issuing import identity, issuer_keys, learner_record, services, status_entries
from .models import Award, KeyType, StatusList
from .verification import verify

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
    issuer_keys.active_key(organization, KeyType.ED25519)
    issuer_keys.active_key(organization, KeyType.P256)
    return _json(identity.did_document(organization), content_type="application/did+json")


@require_GET
@cache_control(public=True, max_age=60)
def status_list(request, pk):
    status = get_object_or_404(StatusList.objects.select_related("organization"), pk=pk)
    return _json(status_entries.status_list_credential(status), content_type=VC_JSON)


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
    try:
        return selectors.badge(public_id)
    except Award.DoesNotExist as exc:
        raise Http404 from exc


def visible_award(request, public_id) -> Award:
    """An award whose page this person may see; a private one is not found by others."""
    award = _award(public_id)
    if not permissions.can_view_badge(request.user, award):
        raise Http404
    return award


def _wants_json(request) -> bool:
    return request.headers.get("Accept", "").startswith(
        ("application/json", VC_JSON, "application/ld+json")
    )


def _private(response: HttpResponse, request) -> HttpResponse:
    """A page that shows a signed-in person what only they may see is never stored; one
    for anybody is revalidated on every view, since its verification result is live."""
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, private=True, no_cache=True, max_age=0)
    patch_vary_headers(response, ["Accept"])
    return response


def _badge_page(
    request,
    award: Award,
    *,
    revoke_error: str = "",
    reason: str = "",
    privacy_error: str = "",
    status=200,
):
    credential = selectors.signed_credential(award)
    result = verify.verify_text(award.credential_json) if credential is not None else None
    achievement = selectors.achievement_of(award, credential)
    may_see = permissions.can_see_award(request.user, award)
    context = {
        "award": award,
        "result": result,
        "credential": credential,
        "achievement": achievement,
        "criteria": selectors.criteria_outline(
            (achievement.get("criteria") or {}).get("narrative", "")
        ),
        "alignments": selectors.alignments_of(achievement),
        "version": award.version,
        "image": (award.version.image if award.version_id else award.stack.image) or None,
        "parts": [item.micro_credential for item in award.stack.items.all()]
        if award.stack_id
        else [],
        "can_revoke": permissions.can_revoke(request.user, award) and not award.is_revoked,
        "can_see_reason": may_see,
        "is_earner": request.user.is_authenticated and award.earner_id == request.user.pk,
        "can_download_certificate": permissions.can_download_certificate(request.user, award),
        "revoke_error": revoke_error,
        "reason": reason,
        "can_change_privacy": permissions.can_change_privacy(request.user, award),
        "privacy_error": privacy_error,
        "share": sharing.share(award),
        "evidence": selectors.evidence_of(credential) if award.include_evidence else [],
        "ob2_unavailable": selectors.ob2_unavailable_reason(award),
    }
    return _private(render(request, "credentials/badge.html", context, status=status), request)


@require_GET
def badge(request, public_id):
    award = visible_award(request, public_id)
    if award.credential_json and _wants_json(request):
        response = _json(award.credential_json, content_type=VC_JSON)
        patch_vary_headers(response, ["Accept"])
        return response
    return _badge_page(request, award)


@require_GET
def badge_credential(request, public_id, fmt):
    award = visible_award(request, public_id)
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
    if not award.is_public:
        patch_cache_control(response, private=True, no_store=True)
        return response
    response["Access-Control-Allow-Origin"] = "*"
    # The signed bytes change only when the earner shows or hides evidence; whether they
    # still hold is the status list's answer.
    patch_cache_control(response, public=True, max_age=300)
    return response


PRIVACY_CHOICES = {"public": True, "private": False}


@require_POST
@login_required
def badge_privacy(request, public_id):
    award = visible_award(request, public_id)
    if not permissions.can_change_privacy(request.user, award):
        raise PermissionDenied
    visibility = request.POST.get("visibility", "")
    if visibility not in PRIVACY_CHOICES:
        return _badge_page(
            request,
            award,
            privacy_error=_("Choose who can see the badge page: anyone with the link, or you."),
            status=400,
        )
    services.set_privacy(
        award,
        by=request.user,
        is_public=PRIVACY_CHOICES[visibility],
        include_evidence=request.POST.get("evidence") == "on",
    )
    if award.is_public:
        messages.success(request, _("Anyone with the link can now see this badge page."))
    else:
        messages.success(
            request,
            _("Only you (and the issuer's admins) can see this badge page now."),
        )
    return redirect(award.get_absolute_url() + "#privacy")


# -- Learner records ---------------------------------------------------------------------------

RECORD_FORMATS = {"json": (VC_JSON, ".json"), "jwt": ("text/plain; charset=utf-8", ".jwt")}


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def record(request):
    if request.method != "POST":
        return _record_page(request)
    fmt = request.POST.get("format", "")
    if fmt not in RECORD_FORMATS:
        return _record_page(request, error=_("Choose JSON or JWT for the record."), status=400)
    chosen = None if request.POST.get("scope") == "all" else request.POST.getlist("award")
    try:
        signed = learner_record.learner_record(request.user, by=request.user, chosen=chosen)
    except learner_record.RecordError as exc:
        return _record_page(request, error=str(exc), status=400)
    content_type, suffix = RECORD_FORMATS[fmt]
    response = HttpResponse(signed.json if fmt == "json" else signed.jwt, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{signed.filename_stem}{suffix}"'
    return response


def _record_page(request, *, error: str = "", status: int = 200):
    return render(
        request,
        "credentials/record.html",
        {
            "awards": list(learner_record.recordable_awards(request.user)),
            "error": error,
            "issuer": learner_record.record_issuer(),
        },
        status=status,
    )


@require_POST
@login_required
def revoke(request, public_id):
    award = visible_award(request, public_id)
    reason = request.POST.get("reason", "")
    try:
        services.revoke(award, by=request.user, reason=reason)
    except services.CredentialError as exc:
        return _badge_page(request, award, revoke_error=str(exc), reason=reason, status=400)
    messages.success(request, _("The credential is revoked; verifiers now see it."))
    return redirect(award)


# -- The verifier page ------------------------------------------------------------------------


class _TooLarge(FileUploadHandler):
    """Stops reading an uploaded file past the verifier's limit, so a huge upload is
    refused without being written to disk first."""

    def __init__(self, limit: int, request=None):
        super().__init__(request)
        self.limit, self.seen, self.exceeded = limit, 0, False

    def receive_data_chunk(self, raw_data, start):
        self.seen += len(raw_data)
        if self.seen > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def _too_large_message() -> str:
    limit = settings.CREDENTIALS_MAX_VERIFY_BYTES
    return _("This is larger than %(size)s; no credential is that large.") % {
        "size": filesizeformat(limit)
    }


def _verifier_refused(request, refused):
    return _verifier_page(request, error=refused.message, status=429)


@csrf_exempt
@require_http_methods(["GET", "POST"])
@throttled("verify", refuse=_verifier_refused)
def verifier(request):
    # The upload limit has to be in place before anything reads the body, the CSRF check
    # included (https://docs.djangoproject.com/en/5.2/topics/http/file-uploads/
    # #modifying-upload-handlers-on-the-fly); the check runs right after.
    limit = _TooLarge(settings.CREDENTIALS_MAX_VERIFY_BYTES, request)
    if request.method == "POST":
        request.upload_handlers.insert(0, limit)
        try:
            request.POST  # noqa: B018 — parse the body under the limit
        except RequestDataTooBig:
            return _verifier_page(request, error=_too_large_message(), status=413)
    return _checked_verifier(request, limit)


@csrf_protect
def _checked_verifier(request, limit: _TooLarge):
    if request.method != "POST":
        return _verifier_page(request)
    if limit.exceeded:
        return _verifier_page(request, error=_too_large_message(), status=413)
    upload = request.FILES.get("file")
    pasted = request.POST.get("credential", "")
    if upload is not None:
        raw = upload.read()
        if not raw.strip():
            return _verifier_page(
                request, error=_("The file is empty: choose the credential file."), status=400
            )
        result = verify.verify_text(raw)
    elif pasted.strip():
        result = verify.verify_text(pasted)
    else:
        return _verifier_page(
            request, error=_("Choose a credential file, or paste its JSON or JWT."), status=400
        )
    return _verifier_page(request, result=result, pasted=pasted if upload is None else "")


def _verifier_page(request, *, result=None, error="", pasted="", status=200):
    response = render(
        request,
        "credentials/verify.html",
        {
            "result": result,
            "summary": selectors.credential_summary(result.credential) if result else None,
            "error": error,
            "pasted": pasted,
            "max_size": settings.CREDENTIALS_MAX_VERIFY_BYTES,
        },
        status=status,
    )
    # What someone checked is theirs alone.
    patch_cache_control(response, private=True, no_store=True)
    return response


# -- The issuer admin's page -------------------------------------------------------------------

SESSION_SHOWN_ONCE = "credentials_shown_once"


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def issuer_credentials(request, slug):
    organization = get_object_or_404(
        Organization.objects.select_related("identity"), slug=slug, kind=Organization.Kind.ISSUER
    )
    if not permissions.can_manage_credentials(request.user, organization):
        raise PermissionDenied
    if request.method == "POST":
        _issuer_action(request, organization)
        return redirect("credentials:issuer_credentials", slug=organization.slug)
    if request.htmx and request.GET.get("cohort", "").isdigit():
        cohort = get_object_or_404(
            Cohort.objects.select_related("micro_credential__current_version"),
            pk=request.GET["cohort"],
            micro_credential__issuer=organization,
        )
        return render(
            request,
            "credentials/issuer_credentials.html#cohort-issuance",
            {"organization": organization, "row": selectors.cohort_issuance(cohort)},
        )
    # A new API token is shown on the one page after its creation, and never again.
    new_token = request.session.pop(SESSION_SHOWN_ONCE, None)
    return render(
        request,
        "credentials/issuer_credentials.html",
        selectors.issuer_overview(organization) | {"new_token": new_token},
    )


def _issuer_action(request, organization) -> None:
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
            cohort_id = request.POST.get("cohort", "")
            cohort = get_object_or_404(
                Cohort,
                pk=cohort_id if cohort_id.isdigit() else 0,
                micro_credential__issuer=organization,
            )
            services.issue_for_cohort(cohort, by=request.user)
            messages.success(
                request,
                _("Issuing the credentials of %(cohort)s in the background.")
                % {"cohort": cohort.name},
            )
        elif action == "client":
            client, token = services.create_api_client(
                organization, name=request.POST.get("name", ""), by=request.user
            )
            request.session[SESSION_SHOWN_ONCE] = {"name": client.name, "token": token}
        else:
            raise services.CredentialError(_("Unknown action."))
    except services.CredentialError as exc:
        messages.error(request, str(exc))
