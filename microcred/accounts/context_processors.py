from django.contrib.auth.models import AnonymousUser

from microcred import permissions
from microcred.accounts.models import Organization, Role
from microcred.notifications.models import Notification


def navigation(request):
    """What the site header offers this visitor."""
    # A request refused before authentication ran (a bad Host header, say) has no user.
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "nav_can_author": permissions.can_author_anywhere(user),
        "nav_is_staff": permissions.is_platform_staff(user),
        "nav_is_assessor": permissions.is_assessor(user),
        "nav_unread": _unread(user),
        "nav_fee_organizations": _fee_organizations(user),
        "nav_credential_organizations": _credential_organizations(user),
        "nav_member_organizations": _member_organizations(user),
        # From the roles already read for this request: no query of their own.
        "nav_facilitates": bool(permissions.organizations_with_role(user, Role.FACILITATOR)),
    }


def _unread(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def _fee_organizations(user):
    """Organizations whose vouchers, sponsorships and ledger this person manages."""
    org_ids = permissions.organizations_with_role(user, *permissions.AUTHOR_ROLES)
    if not org_ids:
        return []
    return [
        organization
        for organization in Organization.objects.filter(pk__in=org_ids).order_by("name")
        if permissions.can_view_ledger(user, organization)
    ]


def _credential_organizations(user):
    """Issuers whose keys, awards and revocations this person manages."""
    org_ids = permissions.organizations_with_role(user, *permissions.AUTHOR_ROLES)
    if not org_ids:
        return []
    return [
        organization
        for organization in Organization.objects.filter(
            pk__in=org_ids, kind=Organization.Kind.ISSUER
        ).order_by("name")
        if permissions.can_manage_credentials(user, organization)
    ]


def _member_organizations(user):
    """Organizations whose members page (people, roles, invitations) this person runs."""
    org_ids = permissions.organizations_with_role(user, Role.ORG_ADMIN, Role.ISSUER_ADMIN)
    if not org_ids:
        return []
    return [
        organization
        for organization in Organization.objects.filter(pk__in=org_ids).order_by("name")
        if permissions.can_manage_members(user, organization)
    ]
