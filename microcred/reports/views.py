"""Certificates, transcripts and the educators pages of districts and state agencies."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from microcred import permissions
from microcred.accounts.models import Organization, User
from microcred.credentials.models import Award

from . import selectors, services, transcript_files
from .forms import Format, SummaryForm, bound_from


def _private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, private=True, no_store=True)
    return response


def _refused(request, message: str) -> HttpResponse:
    return _private(render(request, "reports/refused.html", {"message": message}, status=403))


def _download(body: bytes | str, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response)


@require_GET
@login_required
def certificate(request, public_id):
    try:
        award = Award.objects.select_related(
            "earner", "issuer", "version__micro_credential", "stack"
        ).get(public_id=public_id)
    except Award.DoesNotExist as exc:
        raise Http404 from exc
    try:
        pdf = services.certificate(award, by=request.user)
    except PermissionDenied as exc:
        return _refused(request, str(exc))
    return _download(
        pdf, content_type="application/pdf", filename=f"certificate-{award.public_id}.pdf"
    )


def _transcript_response(request, earner, *, organization, template, context):
    """The transcript form, and the transcript in the format asked for once it is valid."""
    form = bound_from(request)
    context = {**context, "form": form, "earner": earner}
    if not form.is_bound or not form.is_valid():
        status = 400 if form.is_bound else 200
        return _private(render(request, template, context, status=status))
    start, end, fmt = (form.cleaned_data[k] for k in ("start", "end", "format"))
    try:
        transcript = services.transcript(
            earner, by=request.user, start=start, end=end, organization=organization
        )
    except PermissionDenied as exc:
        return _refused(request, str(exc))
    name = f"transcript-{slugify(earner.name) or earner.pk}-{start}-{end}"
    if fmt == Format.PDF:
        return _download(
            transcript_files.pdf(transcript), content_type="application/pdf", filename=f"{name}.pdf"
        )
    if fmt == Format.CSV:
        return _download(
            transcript_files.csv_text(transcript),
            content_type="text/csv; charset=utf-8",
            filename=f"{name}.csv",
        )
    return _private(render(request, template, {**context, "transcript": transcript}))


@require_GET
@login_required
def my_transcript(request):
    return _transcript_response(
        request,
        request.user,
        organization=None,
        template="reports/transcript.html",
        context={},
    )


@require_GET
@login_required
def educator_transcript(request, slug, user_id):
    organization = get_object_or_404(Organization, slug=slug)
    if not permissions.can_view_educators(request.user, organization):
        return _refused(
            request,
            _("Only the administrators of %(name)s see its educators.")
            % {"name": organization.name},
        )
    earner = get_object_or_404(User, pk=user_id)
    if not permissions.can_pull_transcript(request.user, earner, organization):
        return _refused(
            request,
            _("%(person)s is not an educator of %(name)s.")
            % {"person": earner.name or earner.email, "name": organization.name},
        )
    return _transcript_response(
        request,
        earner,
        organization=organization,
        template="reports/educator_transcript.html",
        context={"organization": organization},
    )


@require_GET
@login_required
def educators(request, slug):
    """A district's or state agency's educators, with each one's transcript, and a summary
    of their credit in a date range."""
    organization = get_object_or_404(Organization, slug=slug)
    if not permissions.can_view_educators(request.user, organization):
        return _refused(
            request,
            _("Only the administrators of %(name)s see its educators.")
            % {"name": organization.name},
        )
    form = bound_from(request, SummaryForm)
    if form.is_bound and not form.is_valid():
        context = {"organization": organization, "form": form, "summary": None}
        return _private(render(request, "reports/educators.html", context, status=400))
    data = form.cleaned_data if form.is_bound else form.initial
    summary = services.summary(organization, by=request.user, start=data["start"], end=data["end"])
    if data["format"] == Format.CSV:
        return _download(
            transcript_files.summary_csv_text(summary),
            content_type="text/csv; charset=utf-8",
            filename=f"educators-{organization.slug}-{summary.start}-{summary.end}.csv",
        )
    return _private(
        render(
            request,
            "reports/educators.html",
            {"organization": organization, "form": form, "summary": summary},
        )
    )


@require_GET
@login_required
def organizations(request):
    """Where an admin of several districts or a state agency picks one."""
    administered = selectors.administered_organizations(request.user)
    if not administered:
        return _refused(request, _("Only district and state administrators see educators."))
    return _private(render(request, "reports/organizations.html", {"organizations": administered}))
