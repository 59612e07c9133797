"""The earner's page of connected apps, under their profile: what each may do, and a
button that ends its access; and the credentials those apps brought, which the backpack
lists, each to download as it was signed or to remove."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from oauth2_provider.models import get_application_model

from .. import selectors, services
from ..models import HeldCredential


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


@login_required
def held_download(request, pk: int):
    """The credential exactly as it came: its JSON with the embedded proof, or its VC-JWT."""
    held = get_object_or_404(HeldCredential, pk=pk, earner=request.user)
    if held.credential_json:
        response = HttpResponse(held.credential_json, content_type="application/vc+ld+json")
        name = f"credential-{held.pk}.json"
    else:
        response = HttpResponse(held.compact_jws, content_type="application/vc+jwt")
        name = f"credential-{held.pk}.jwt"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@login_required
def held_remove(request, pk: int):
    held = get_object_or_404(HeldCredential, pk=pk, earner=request.user)
    services.remove_held(request.user, held)
    messages.success(
        request,
        _("%(name)s is no longer in your backpack.") % {"name": held.name or _("The credential")},
    )
    return redirect("backpack:home")
