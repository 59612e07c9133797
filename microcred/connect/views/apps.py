"""The earner's page of connected apps, under their profile: what each may do, and a
button that ends its access."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oauth2_provider.models import get_application_model

from .. import selectors, services


@login_required
def connected_apps(request):
    return render(
        request, "connect/connected_apps.html", {"apps": selectors.connected_apps(request.user)}
    )


@require_POST
@login_required
def disconnect(request, client_id: str):
    application = get_object_or_404(get_application_model(), client_id=client_id)
    services.disconnect(request.user, application)
    messages.success(
        request,
        _("%(app)s can no longer reach your backpack or profile.") % {"app": application.name},
    )
    return redirect("connect:apps")
