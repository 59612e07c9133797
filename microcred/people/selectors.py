"""Reads behind the members and profile pages, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Q

from microcred import permissions
from microcred.accounts.models import (
    ROLES_BY_KIND,
    Invitation,
    Membership,
    MembershipChange,
    Organization,
    User,
    role_name,
)

from .models import JoinRequest, JoinStatus

MEMBERS_PER_PAGE = 50
CHANGES_PER_PAGE = 50


@dataclass
class HeldRole:
    role: str
    name: str
    can_revoke: bool


@dataclass
class Member:
    user: User
    roles: list[HeldRole] = field(default_factory=list)
    grantable: list[tuple[str, str]] = field(default_factory=list)


def grantable_roles(user, organization: Organization) -> list[tuple[str, str]]:
    """The roles of this organization this person may give, as (value, name) choices."""
    return [
        (role, role_name(role, organization.kind))
        for role in ROLES_BY_KIND.get(organization.kind, ())
        if permissions.can_grant_role(user, organization, role)
    ]


def members(organization: Organization, *, viewer, query: str = "", page=1):
    """A page of the people holding an active role here, by name, each with their roles."""
    people = User.objects.filter(
        pk__in=Membership.objects.filter(organization=organization, is_active=True).values(
            "user_id"
        )
    ).order_by("name", "email", "pk")
    query = (query or "").strip()
    if query:
        people = people.filter(Q(name__icontains=query) | Q(email__icontains=query))
    page = Paginator(people, MEMBERS_PER_PAGE).get_page(page)
    held: dict[int, list[str]] = {}
    for user_id, role in Membership.objects.filter(
        organization=organization, is_active=True, user__in=[u.pk for u in page.object_list]
    ).values_list("user_id", "role"):
        held.setdefault(user_id, []).append(role)
    order = {role: n for n, role in enumerate(ROLES_BY_KIND.get(organization.kind, ()))}
    grantable = grantable_roles(viewer, organization)
    rows = []
    for user in page.object_list:
        roles = sorted(held.get(user.pk, []), key=lambda r: order.get(r, len(order)))
        rows.append(
            Member(
                user=user,
                roles=[
                    HeldRole(
                        role=role,
                        name=role_name(role, organization.kind),
                        can_revoke=user.pk != viewer.pk
                        and permissions.can_grant_role(viewer, organization, role),
                    )
                    for role in roles
                ],
                grantable=[
                    choice
                    for choice in grantable
                    if choice[0] not in roles and user.pk != viewer.pk
                ],
            )
        )
    page.object_list = rows
    return page


def pending_invitations(organization: Organization) -> list[Invitation]:
    """Invitations not yet answered, expired ones included (they can be sent again)."""
    return list(
        Invitation.objects.filter(
            organization=organization, accepted_at__isnull=True, revoked_at__isnull=True
        )
        .select_related("organization")
        .order_by("expires_at", "pk")
    )


def changes(organization: Organization, *, page=1):
    """The organization's history of roles and invitations, newest first."""
    return Paginator(
        MembershipChange.objects.filter(organization=organization).select_related(
            "organization", "actor", "subject"
        ),
        CHANGES_PER_PAGE,
    ).get_page(page)


def open_join_requests(district: Organization) -> list[JoinRequest]:
    return list(
        JoinRequest.objects.filter(district=district, status=JoinStatus.REQUESTED)
        .select_related("user")
        .order_by("created_at", "pk")
    )


@dataclass
class Affiliation:
    organization: Organization
    roles: list[HeldRole]
    can_manage_members: bool


def affiliations(user) -> list[Affiliation]:
    """The organizations a person belongs to, with the roles they hold in each."""
    held: dict[int, list[str]] = {}
    organizations = {}
    for membership in (
        Membership.objects.filter(user=user, is_active=True)
        .select_related("organization")
        .order_by("organization__name", "pk")
    ):
        organizations[membership.organization_id] = membership.organization
        held.setdefault(membership.organization_id, []).append(membership.role)
    return [
        Affiliation(
            organization=organization,
            roles=[
                HeldRole(role=role, name=role_name(role, organization.kind), can_revoke=True)
                for role in held[org_id]
            ],
            can_manage_members=permissions.can_manage_members(user, organization),
        )
        for org_id, organization in organizations.items()
    ]


# Districts offered for one search. A state has hundreds; nobody scrolls a list that long.
DISTRICT_MATCHES = 25


def _joinable(user):
    return Organization.objects.filter(kind=Organization.Kind.DISTRICT).exclude(
        memberships__user=user, memberships__is_active=True
    )


def may_join_a_district(user) -> bool:
    return _joinable(user).exists()


def districts_to_join(user, query: str) -> list[Organization]:
    """The districts whose name contains what the person typed, not yet joined. Nothing
    for an empty search: the page never lists every district of the platform (assessors
    read it too, and an earner's district must never reach them from a page)."""
    query = (query or "").strip()[:100]
    if not query:
        return []
    return list(_joinable(user).filter(name__icontains=query).order_by("name")[:DISTRICT_MATCHES])


def own_join_requests(user) -> list[JoinRequest]:
    return list(JoinRequest.objects.filter(user=user).select_related("district")[:20])
