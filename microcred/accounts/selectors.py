"""Who holds a role where: the people a page or a notice is for."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from .models import ADMIN_ROLES, Membership, Organization


def holders(organization_id: int, roles) -> QuerySet:
    """Active people with an active membership in one of `roles` at this organization. An
    organization's API client holds roles through an account of its own, but it is no
    person: no page or notice is for it."""
    return get_user_model().objects.filter(
        pk__in=Membership.objects.filter(
            organization_id=organization_id, role__in=list(roles), is_active=True
        ).values("user_id"),
        is_active=True,
        api_client__isnull=True,
    )


def admins(organization_id: int) -> QuerySet:
    """An organization's admins: an issuer's issuer and org admins, a district's or a state's
    org admins."""
    return holders(organization_id, ADMIN_ROLES)


def districts_of(users) -> dict[int, set[int]]:
    """The districts each of these people is an active member of, by user id. `users` is a
    list of ids or a subquery of them."""
    districts: dict[int, set[int]] = defaultdict(set)
    for user_id, org_id in Membership.objects.filter(
        user_id__in=users, is_active=True, organization__kind=Organization.Kind.DISTRICT
    ).values_list("user_id", "organization_id"):
        districts[user_id].add(org_id)
    return districts
