"""Certificates, transcripts and the educators pages of districts and state agencies."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from microcred import permissions
from microcred.accounts.models import Organization, User
from microcred.credentials.models import Award

from . import selectors, services, transcript_files
from .forms import Format, OpenRecordForm, SummaryForm, bound_from


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


def _admin_only(request, organization):
    if permissions.can_view_educators(request.user, organization):
        return None
    return _refused(
        request,
        _("Only the administrators of %(name)s see its educators.") % {"name": organization.name},
    )


@require_GET
@login_required
def educator_transcript(request, slug, user_id):
    """One educator's record, read under an opening its admin made with a reason."""
    organization = get_object_or_404(Organization, slug=slug)
    if refused := _admin_only(request, organization):
        return refused
    earner = get_object_or_404(User, pk=user_id)
    if not permissions.can_pull_transcript(request.user, earner, organization):
        return _refused(
            request,
            _("%(person)s is not an educator of %(name)s.")
            % {"person": earner.name or earner.email, "name": organization.name},
        )
    opening = services.current_opening(
        organization, by=request.user, educator=earner, opening_id=request.GET.get("opening")
    )
    if opening is None:
        messages.info(
            request,
            _(
                "Open an educator's record from this page, with the reason you need it; "
                "each opening is kept for the organization's admins to see."
            ),
        )
        return redirect(reverse("reports:educators", args=[organization.slug]) + "#open-h")
    return _transcript_response(
        request,
        earner,
        organization=organization,
        template="reports/educator_transcript.html",
        context={"organization": organization, "opening": opening},
    )


def _educators_page(request, organization, *, form, record_form=None, status=200):
    data = form.cleaned_data if form.is_bound and form.is_valid() else form.initial
    overview = None
    if not form.is_bound or form.is_valid():
        overview = services.overview(
            organization, by=request.user, start=data["start"], end=data["end"]
        )
    context = {
        "organization": organization,
        "form": form,
        "overview": overview,
        "record_form": record_form or OpenRecordForm(),
        "openings": services.openings(organization, by=request.user)[:10],
        "small_group": selectors.SMALL_GROUP,
    }
    return _private(render(request, "reports/educators.html", context, status=status))


@require_GET
@login_required
def educators(request, slug):
    """A district's or state agency's educators counted by school or district, small
    groups suppressed; and the form that opens one educator's record."""
    organization = get_object_or_404(Organization, slug=slug)
    if refused := _admin_only(request, organization):
        return refused
    form = bound_from(request, SummaryForm)
    if form.is_bound and not form.is_valid():
        return _educators_page(request, organization, form=form, status=400)
    data = form.cleaned_data if form.is_bound else form.initial
    if data["format"] == Format.CSV:
        overview = services.overview(
            organization, by=request.user, start=data["start"], end=data["end"]
        )
        return _download(
            transcript_files.overview_csv_text(overview),
            content_type="text/csv; charset=utf-8",
            filename=f"educators-{organization.slug}-{overview.start}-{overview.end}.csv",
        )
    return _educators_page(request, organization, form=form)


@require_POST
@login_required
def open_record(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    if refused := _admin_only(request, organization):
        return refused
    record_form = OpenRecordForm(request.POST)
    if record_form.is_valid():
        try:
            opening = services.open_record(
                organization,
                by=request.user,
                email=record_form.cleaned_data["email"],
                reason=record_form.cleaned_data["reason"],
            )
        except services.RecordProblem as exc:
            record_form.add_error("email", str(exc))
        else:
            url = reverse("reports:educator_transcript", args=[slug, opening.educator_id])
            return redirect(f"{url}?{urlencode({'opening': opening.pk})}")
    return _educators_page(
        request, organization, form=SummaryForm(), record_form=record_form, status=400
    )


@require_GET
@login_required
def openings(request, slug):
    """Who opened which educator's record, when and why: the whole history, 50 a page."""
    organization = get_object_or_404(Organization, slug=slug)
    if refused := _admin_only(request, organization):
        return refused
    page = Paginator(services.openings(organization, by=request.user), 50).get_page(
        request.GET.get("page")
    )
    return _private(
        render(request, "reports/openings.html", {"organization": organization, "page": page})
    )


@require_GET
@login_required
def organizations(request):
    """Where an admin of several districts or a state agency picks one."""
    administered = selectors.administered_organizations(request.user)
    if not administered:
        return _refused(request, _("Only district and state administrators see educators."))
    return _private(render(request, "reports/organizations.html", {"organizations": administered}))
