"""What the issuer-admin pages of assessment look up before they show anything."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from microcred.catalog.models import MicroCredential


def micro_credential_for(request, mc_pk, *, allowed) -> MicroCredential:
    """The micro-credential of an issuer-admin page, if `allowed(user, it)`."""
    micro_credential = get_object_or_404(
        MicroCredential.objects.select_related("issuer", "current_version"), pk=mc_pk
    )
    if not allowed(request.user, micro_credential):
        raise PermissionDenied
    return micro_credential
