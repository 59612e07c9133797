"""How consistently assessors score: the issuer admins' reliability pages and export."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from microcred import permissions

from .. import charts, selectors
from .. import reliability as reliability_services
from .issuer_pages import micro_credential_for


@require_GET
@login_required
def reliability(request):
    issuers = selectors.reported_issuers(request.user)
    if issuers is None:
        raise PermissionDenied
    return render(
        request,
        "assessment/reliability.html",
        {"summaries": selectors.reliability_summaries(issuers)},
    )


@require_GET
@login_required
def reliability_detail(request, mc_pk):
    micro_credential = micro_credential_for(
        request, mc_pk, allowed=permissions.can_view_reliability
    )
    report = reliability_services.report(micro_credential)
    return render(
        request,
        "assessment/reliability_detail.html",
        {
            "report": report,
            "title": micro_credential.current_version.title
            if micro_credential.current_version
            else micro_credential.slug,
            "assessors": [
                (p, charts.drift_line(p.drift, threshold=report.threshold))
                for p in report.assessors
            ],
        },
    )


@require_GET
@login_required
def reliability_export(request, mc_pk):
    micro_credential = micro_credential_for(
        request, mc_pk, allowed=permissions.can_view_reliability
    )
    report = reliability_services.report(micro_credential)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="reliability-{micro_credential.slug}.csv"'
    )
    response["Cache-Control"] = "private, no-store"
    reliability_services.write_csv(report, response)
    return response
