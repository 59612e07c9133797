"""How quickly submissions are reviewed, for issuer admins."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import selectors, service_level


@require_GET
@login_required
def service_level_report(request):
    issuers = selectors.reported_issuers(request.user)
    if issuers is None:
        raise PermissionDenied
    return render(
        request,
        "assessment/service_level.html",
        {"report": service_level.report(issuers)},
    )
