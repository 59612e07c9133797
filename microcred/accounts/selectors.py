"""Who holds a role where: the people a page or a notice is for."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from .models import ADMIN_ROLES, Membership


def holders(organization_id: int, roles) -> QuerySet:
    """Active people with an active membership in one of `roles` at this organization."""
    return get_user_model().objects.filter(
        pk__in=Membership.objects.filter(
            organization_id=organization_id, role__in=list(roles), is_active=True
        ).values("user_id"),
        is_active=True,
    )


def admins(organization_id: int) -> QuerySet:
    """An organization's admins: an issuer's issuer and org admins, a district's or a state's
    org admins."""
    return holders(organization_id, ADMIN_ROLES)
