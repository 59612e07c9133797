"""Inviting many people from a CSV file: upload, a dry run, then confirmation."""

import csv
from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from microcred.accounts import services as accounts

from .. import invitation_lists, services
from ..forms import InvitationListForm
from ..models import InvitationImport
from .members import _organization

# Rows the page lists of those that will be (or were) invited; every row with a problem is
# listed, and the CSV report has them all.
GOOD_ROWS_SHOWN = 100


@login_required
@require_http_methods(["GET", "POST"])
def upload(request, slug):
    organization = _organization(request, slug)
    form = InvitationListForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            # Read one byte past the limit, so a larger file is refused without reading it.
            data = upload.read(invitation_lists.MAX_BYTES + 1)
            record = services.check_list(
                organization, by=request.user, data=data, filename=upload.name
            )
        except invitation_lists.ListProblem as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("people:list", slug=slug, pk=record.pk)
    return render(
        request,
        "people/list_upload.html",
        {
            "organization": organization,
            "form": form,
            "max_rows": invitation_lists.MAX_ROWS,
            "max_mb": invitation_lists.MAX_BYTES // (1024 * 1024),
            "role_names": invitation_lists.offered_role_names(organization.kind),
        },
        status=400 if form.errors else 200,
    )


def _record(request, slug, pk) -> InvitationImport:
    organization = _organization(request, slug)
    return get_object_or_404(
        InvitationImport.objects.select_related("organization"),
        pk=pk,
        organization=organization,
        uploaded_by=request.user,
    )


@login_required
@require_http_methods(["GET", "POST"])
def report(request, slug, pk):
    """The dry run of a list (nothing changes), with the button that sends it; once sent,
    what happened to each row."""
    record = _record(request, slug, pk)
    problem = ""
    if request.method == "POST":
        try:
            rows = services.send_list(record, by=request.user)
        except accounts.MembershipProblem as exc:
            problem = str(exc)
        else:
            invited = sum(row.is_good for row in rows)
            skipped = len(rows) - invited
            said = ngettext(
                "%(count)s invitation sent.", "%(count)s invitations sent.", invited
            ) % {"count": invited}
            if skipped:
                said += " " + ngettext(
                    "%(count)s row skipped.", "%(count)s rows skipped.", skipped
                ) % {"count": skipped}
            messages.success(request, said)
            return redirect("people:list", slug=slug, pk=pk)
        record.refresh_from_db()
    rows = services.list_report(record, by=request.user)
    good = [row for row in rows if row.is_good]
    return render(
        request,
        "people/list_report.html",
        {
            "organization": record.organization,
            "record": record,
            "sent": record.status == InvitationImport.Status.SENT,
            "problem": problem,
            "total": len(rows),
            "good_count": len(good),
            "good_rows": good[:GOOD_ROWS_SHOWN],
            "bad_rows": [row for row in rows if not row.is_good],
            "summary": sorted(Counter(row.label for row in rows).items()),
        },
        status=409 if problem else 200,
    )


@login_required
@require_GET
def report_csv(request, slug, pk):
    record = _record(request, slug, pk)
    rows = services.list_report(record, by=request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="invitations-{record.pk}-report.csv"'
    writer = csv.writer(response)
    writer.writerow(["row", "e-mail", "name", "role", "result", "detail"])
    for row in rows:
        writer.writerow(
            [row.line, *map(_inert, (row.email, row.name, row.role_text)), row.label, row.message]
        )
    return response


def _inert(text: str) -> str:
    """A cell a spreadsheet shows as text: what the uploader wrote is never run as a
    formula when the report is opened."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
