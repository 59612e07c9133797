"""Who holds which role where: invitations, grants and revocations, each written to the
append-only MembershipChange audit in the same transaction."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred import permissions

from . import signals
from .models import (
    ROLES_BY_KIND,
    Invitation,
    InvitationStatus,
    Membership,
    MembershipChange,
    Organization,
    Role,
    User,
    role_name,
)


class MembershipProblem(Exception):
    """The change cannot be made; the message says why, for the person who asked."""


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def clean_email(email: str) -> str:
    """The address as stored (trimmed, lower case), or a MembershipProblem saying why not."""
    email = (email or "").strip().lower()
    try:
        if len(email) > 254:  # RFC 5321's limit on a path, and the column's
            raise ValidationError("too long")
        validate_email(email)
    except ValidationError:
        raise MembershipProblem(
            _("“%(email)s” is not an e-mail address.") % {"email": email[:100]}
        ) from None
    return email


def _audit(organization, *, actor, action, role, email, subject=None, reason="") -> None:
    MembershipChange.objects.create(
        organization=organization,
        actor=actor,
        subject=subject,
        email=email,
        role=role,
        action=action,
        reason=reason,
    )


# --- invitations -------------------------------------------------------------------------


def _new_terms() -> dict:
    return {
        "nonce": secrets.token_urlsafe(24),
        "expires_at": timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
        "sent_at": None,
    }


def _send_later(invitation_ids: list[int]) -> None:
    from .tasks import send_invitations

    transaction.on_commit(lambda: send_invitations.enqueue(invitation_ids))


def check_invitable(organization: Organization, *, by, email: str, role: str) -> str:
    """The cleaned address if this person may be invited to this role, else why not."""
    email = clean_email(email)
    if by.is_authenticated and by.email.lower() == email:
        raise MembershipProblem(_("You cannot invite yourself or change your own roles."))
    if Membership.objects.filter(
        organization=organization, role=role, is_active=True, user__email__iexact=email
    ).exists():
        raise MembershipProblem(
            _("%(email)s is already %(role)s at %(organization)s.")
            % {
                "email": email,
                "role": role_name(role, organization.kind).lower(),
                "organization": organization.name,
            }
        )
    return email


@transaction.atomic
def invite(
    organization: Organization, *, by, email: str, role: str, name: str = "", pool=None
) -> Invitation:
    """Offer a role by e-mail. An expired invitation to the same person and role is replaced;
    one still waiting is refused (send it again instead)."""
    _require(permissions.can_grant_role(by, organization, role))
    email = check_invitable(organization, by=by, email=email, role=role)
    open_one = (
        Invitation.objects.select_for_update()
        .filter(
            organization=organization,
            email=email,
            role=role,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        )
        .first()
    )
    if open_one is not None:
        if open_one.status == InvitationStatus.PENDING:
            raise MembershipProblem(
                _("%(email)s was already invited on %(date)s. Send that invitation again instead.")
                % {"email": email, "date": open_one.created_at.date().isoformat()}
            )
        Invitation.objects.filter(pk=open_one.pk).update(revoked_at=timezone.now())
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                organization=organization,
                email=email,
                name=(name or "").strip()[:150],
                role=role,
                pool=pool or {},
                invited_by=by,
                **_new_terms(),
            )
    except IntegrityError as exc:  # the same invitation made a moment earlier
        raise MembershipProblem(
            _("%(email)s was just invited. Send that invitation again instead.") % {"email": email}
        ) from exc
    _audit(organization, actor=by, action=MembershipChange.Action.INVITED, role=role, email=email)
    _send_later([invitation.pk])
    return invitation


def _locked(invitation: Invitation) -> Invitation:
    # Only the invitation's row: PostgreSQL refuses FOR UPDATE on the nullable side of the
    # outer join that select_related("invited_by") makes.
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("organization", "invited_by")
        .get(pk=invitation.pk)
    )


@transaction.atomic
def resend_invitation(invitation: Invitation, *, by) -> Invitation:
    """Mail a new link with a new expiry; the old link stops working."""
    invitation = _locked(invitation)
    _require(permissions.can_grant_role(by, invitation.organization, invitation.role))
    if invitation.status in (InvitationStatus.ACCEPTED, InvitationStatus.REVOKED):
        raise MembershipProblem(
            _("This invitation was already %(status)s; it cannot be sent again.")
            % {"status": invitation.get_status_display().lower()}
        )
    terms = _new_terms()
    Invitation.objects.filter(pk=invitation.pk).update(**terms)
    for field, value in terms.items():
        setattr(invitation, field, value)
    _audit(
        invitation.organization,
        actor=by,
        action=MembershipChange.Action.RESENT,
        role=invitation.role,
        email=invitation.email,
    )
    _send_later([invitation.pk])
    return invitation


@transaction.atomic
def revoke_invitation(invitation: Invitation, *, by) -> Invitation:
    invitation = _locked(invitation)
    _require(permissions.can_grant_role(by, invitation.organization, invitation.role))
    if invitation.status == InvitationStatus.ACCEPTED:
        raise MembershipProblem(
            _("%(email)s has already accepted. Remove the role instead.")
            % {"email": invitation.email}
        )
    if invitation.status == InvitationStatus.REVOKED:
        raise MembershipProblem(_("This invitation was already revoked."))
    invitation.revoked_at = timezone.now()
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=invitation.revoked_at)
    _audit(
        invitation.organization,
        actor=by,
        action=MembershipChange.Action.INVITATION_REVOKED,
        role=invitation.role,
        email=invitation.email,
    )
    return invitation


def why_not_acceptable(invitation: Invitation, user=None) -> str:
    """Why this invitation cannot be accepted (by this person), or "" when it can."""
    status = invitation.status
    if status == InvitationStatus.ACCEPTED:
        return _("This invitation has already been used. Sign in to reach your pages.")
    if status == InvitationStatus.REVOKED:
        return _("%(organization)s withdrew this invitation.") % {
            "organization": invitation.organization.name
        }
    if status == InvitationStatus.EXPIRED:
        return _(
            "This invitation expired on %(date)s. Ask %(organization)s to send you a new one."
        ) % {
            "date": invitation.expires_at.date().isoformat(),
            "organization": invitation.organization.name,
        }
    if user is not None and user.is_authenticated and user.email.lower() != invitation.email:
        return _(
            "This invitation is for %(invited)s, and you are signed in as %(you)s. Sign out "
            "and sign in (or sign up) as %(invited)s to accept it."
        ) % {"invited": invitation.email, "you": user.email}
    return ""


@transaction.atomic
def accept_invitation(invitation: Invitation, *, user) -> Membership:
    """The invited person takes the role. Only the person the link was sent to may."""
    invitation = _locked(invitation)
    problem = why_not_acceptable(invitation, user)
    if problem:
        raise MembershipProblem(problem)
    membership = _take_role(invitation.organization, user, invitation.role)
    now = timezone.now()
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=now, accepted_by=user)
    invitation.accepted_at, invitation.accepted_by = now, user
    inviter = invitation.invited_by
    _audit(
        invitation.organization,
        actor=user,
        subject=user,
        action=MembershipChange.Action.ACCEPTED,
        role=invitation.role,
        email=user.email,
        reason=_("Invited by %(name)s") % {"name": inviter.name or inviter.email}
        if inviter
        else "",
    )
    return membership


@transaction.atomic
def sign_up_from_invitation(invitation: Invitation, *, name: str, password: str) -> User:
    """Make the account the invitation was sent for, and accept it. The link reached the
    inbox, so the address counts as verified."""
    invitation = _locked(invitation)
    problem = why_not_acceptable(invitation)
    if problem:
        raise MembershipProblem(problem)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise MembershipProblem(
            _("An account with %(email)s already exists. Sign in to accept the invitation.")
            % {"email": invitation.email}
        )
    name = (name or "").strip()
    if not name:
        raise MembershipProblem(_("Enter your full name, as it should appear on credentials."))
    user = User(email=invitation.email, name=name[:150])
    validate_password(password, user)  # ValidationError: the form shows each reason
    user.set_password(password)
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    accept_invitation(invitation, user=user)
    return user


# --- many invitations at once ------------------------------------------------------------

# Rows per transaction in invite_many. Each batch costs the same few queries whatever is in
# it, so a list of 10,000 costs twenty batches, not 10,000 calls of invite().
BULK_BATCH = 500


class RowOutcome(StrEnum):
    INVITE = "invite"  # will be, or was, invited
    MEMBER = "member"  # already holds the role
    INVITED = "invited"  # an invitation to the role is waiting
    BAD_EMAIL = "bad_email"
    NOT_ALLOWED = "not_allowed"  # the organization has no such role, or the inviter may not
    SELF = "self"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class BulkRow:
    email: str
    role: str
    name: str = ""


@dataclass
class BulkResult:
    outcome: RowOutcome
    message: str = ""
    email: str = ""
    invitation_id: int | None = None


def review_invitations(
    organization: Organization, *, by, rows: Sequence[BulkRow]
) -> list[BulkResult]:
    """What invite_many would do with each row, changing nothing."""
    _require(permissions.can_manage_members(by, organization))
    results: list[BulkResult] = []
    seen: set[tuple[str, str]] = set()
    for start in range(0, len(rows), BULK_BATCH):
        batch, _expired = _review_batch(organization, by, rows[start : start + BULK_BATCH], seen)
        results.extend(batch)
    return results


def invite_many(organization: Organization, *, by, rows: Sequence[BulkRow]) -> list[BulkResult]:
    """Invite every row that can be invited, each audited, and report every other row's
    reason. Each batch of BULK_BATCH rows is one transaction: a row's problem never stops
    the others, and a failure part way leaves whole batches done and none half-done."""
    _require(permissions.can_manage_members(by, organization))
    results: list[BulkResult] = []
    seen: set[tuple[str, str]] = set()
    for start in range(0, len(rows), BULK_BATCH):
        results.extend(_invite_batch(organization, by, rows[start : start + BULK_BATCH], seen))
    return results


def _review_batch(organization, by, rows, seen: set[tuple[str, str]], *, lock: bool = False):
    """Each row's outcome, and the ids of expired open invitations the batch would replace.
    Two queries whatever the batch holds."""
    emails: list[str | None] = []
    results: list[BulkResult] = []
    for row in rows:
        try:
            cleaned = clean_email(row.email)
        except MembershipProblem as exc:
            emails.append(None)
            results.append(BulkResult(RowOutcome.BAD_EMAIL, str(exc), email=row.email.strip()))
        else:
            emails.append(cleaned)
            results.append(BulkResult(RowOutcome.INVITE, email=cleaned))
    wanted = {email for email in emails if email}
    held = set(
        Membership.objects.annotate(address=Lower("user__email"))
        .filter(organization=organization, is_active=True, address__in=wanted)
        .values_list("address", "role")
    )
    waiting = Invitation.objects.filter(
        organization=organization,
        email__in=wanted,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    )
    if lock:
        waiting = waiting.select_for_update()
    open_ones = {
        (i.email, i.role): i
        for i in waiting.only(
            "pk", "email", "role", "created_at", "expires_at", "accepted_at", "revoked_at"
        )
    }
    offered = ROLES_BY_KIND.get(organization.kind, ())
    me = by.email.lower() if by.is_authenticated else None
    expired: list[int] = []
    for row, email, result in zip(rows, emails, results, strict=True):
        if email is None:
            continue
        key = (email, row.role)
        if row.role not in offered:
            result.outcome = RowOutcome.NOT_ALLOWED
            result.message = _("%(organization)s has no %(role)s role.") % {
                "organization": organization.name,
                "role": Role(row.role).label.lower() if row.role in Role.values else row.role,
            }
        elif not permissions.can_grant_role(by, organization, row.role):
            result.outcome = RowOutcome.NOT_ALLOWED
            result.message = _("You may not invite people as %(role)s.") % {
                "role": role_name(row.role, organization.kind).lower()
            }
        elif email == me:
            result.outcome = RowOutcome.SELF
            result.message = _("You cannot invite yourself or change your own roles.")
        elif key in seen:
            result.outcome = RowOutcome.DUPLICATE
            result.message = _("%(email)s is listed more than once for this role.") % {
                "email": email
            }
        elif key in held:
            result.outcome = RowOutcome.MEMBER
            result.message = _("Already %(role)s at %(organization)s.") % {
                "role": role_name(row.role, organization.kind).lower(),
                "organization": organization.name,
            }
        elif key in open_ones and open_ones[key].status == InvitationStatus.PENDING:
            result.outcome = RowOutcome.INVITED
            result.message = _(
                "Already invited on %(date)s; send that invitation again from the list of "
                "pending invitations."
            ) % {"date": open_ones[key].created_at.date().isoformat()}
        elif key in open_ones:
            expired.append(open_ones[key].pk)
        seen.add(key)
    return results, expired


def _invite_batch(organization, by, rows, seen: set[tuple[str, str]]) -> list[BulkResult]:
    with transaction.atomic():
        results, expired = _review_batch(organization, by, rows, seen, lock=True)
        if expired:
            Invitation.objects.filter(pk__in=expired).update(revoked_at=timezone.now())
        todo = [
            (row, result)
            for row, result in zip(rows, results, strict=True)
            if result.outcome == RowOutcome.INVITE
        ]
        try:
            with transaction.atomic():
                made = Invitation.objects.bulk_create(
                    [
                        Invitation(
                            organization=organization,
                            email=result.email,
                            name=(row.name or "").strip()[:150],
                            role=row.role,
                            invited_by=by,
                            **_new_terms(),
                        )
                        for row, result in todo
                    ]
                )
        except IntegrityError:
            # Someone invited one of these people a moment ago, between the check and the
            # write: fall back to one invitation at a time for this batch, which says so.
            return _invite_one_by_one(organization, by, todo, results)
        MembershipChange.objects.bulk_create(
            [
                MembershipChange(
                    organization=organization,
                    actor=by,
                    email=invitation.email,
                    role=invitation.role,
                    action=MembershipChange.Action.INVITED,
                )
                for invitation in made
            ]
        )
        for (_row, result), invitation in zip(todo, made, strict=True):
            result.invitation_id = invitation.pk
        if made:
            _send_later([invitation.pk for invitation in made])
    return results


def _invite_one_by_one(organization, by, todo, results) -> list[BulkResult]:
    for row, result in todo:
        try:
            invitation = invite(
                organization, by=by, email=result.email, role=row.role, name=row.name
            )
        except MembershipProblem as exc:
            result.outcome, result.message = RowOutcome.INVITED, str(exc)
        else:
            result.invitation_id = invitation.pk
    return results


# --- roles -------------------------------------------------------------------------------


def _take_role(organization: Organization, user, role: str) -> Membership:
    """Hold the role from now on: a new membership, or the old one made active again."""
    membership, created = Membership.objects.get_or_create(
        user=user, organization=organization, role=role
    )
    joined = created or not membership.is_active
    if joined and not created:
        Membership.objects.filter(pk=membership.pk).update(is_active=True)
        membership.is_active = True
    permissions.forget_roles(user)
    if joined:
        signals.role_taken.send(sender=Membership, membership_id=membership.pk)
    return membership


@transaction.atomic
def grant_role(organization: Organization, user, role: str, *, by, reason: str = "") -> Membership:
    _require(permissions.can_grant_role(by, organization, role))
    if user.pk == by.pk:
        raise MembershipProblem(_("You cannot invite yourself or change your own roles."))
    if Membership.objects.filter(
        user=user, organization=organization, role=role, is_active=True
    ).exists():
        raise MembershipProblem(
            _("%(name)s is already %(role)s.")
            % {"name": user.name or user.email, "role": role_name(role, organization.kind).lower()}
        )
    membership = _take_role(organization, user, role)
    _audit(
        organization,
        actor=by,
        subject=user,
        action=MembershipChange.Action.GRANTED,
        role=role,
        email=user.email,
        reason=(reason or "").strip(),
    )
    return membership


@transaction.atomic
def revoke_role(organization: Organization, user, role: str, *, by, reason: str = "") -> None:
    """Take a role away. A person may give up a role of their own; the last admin of an
    organization may not go, or nobody could run it."""
    leaving = user.pk == by.pk
    _require(leaving or permissions.can_grant_role(by, organization, role))
    # The organization's row is the lock under which its admins are counted, so two admins
    # removing each other at once cannot leave it with none.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    membership = Membership.objects.filter(
        user=user, organization=organization, role=role, is_active=True
    ).first()
    if membership is None:
        raise MembershipProblem(
            _("%(name)s is not %(role)s.")
            % {"name": user.name or user.email, "role": role_name(role, organization.kind).lower()}
        )
    if (
        role == Role.ORG_ADMIN
        # A client never counts as an admin, so taking its role leaves as many as before.
        and not User.objects.filter(pk=user.pk, api_client__isnull=False).exists()
        and not Membership.objects.filter(
            organization=organization, role=Role.ORG_ADMIN, is_active=True
        )
        .exclude(user=user)
        .filter(user__is_active=True)
        # An organization's API client acts as an admin but cannot run it for people.
        .filter(user__api_client__isnull=True)
        .exists()
    ):
        raise MembershipProblem(
            _("%(name)s is the last admin of %(organization)s. Make someone else an admin first.")
            % {"name": user.name or user.email, "organization": organization.name}
        )
    Membership.objects.filter(pk=membership.pk).update(is_active=False)
    permissions.forget_roles(user)
    _audit(
        organization,
        actor=by,
        subject=user,
        action=MembershipChange.Action.REVOKED,
        role=role,
        email=user.email,
        reason=(reason or "").strip(),
    )


# --- profiles ----------------------------------------------------------------------------


@transaction.atomic
def update_profile(user: User, *, name: str, school: str = "", language: str = "") -> User:
    """A person's own details. The e-mail changes only through verification (allauth's
    e-mail page), never here."""
    name = (name or "").strip()
    if not name:
        raise MembershipProblem(_("Enter your full name, as it should appear on credentials."))
    if language and language not in dict(settings.LANGUAGES):
        raise MembershipProblem(_("Choose one of the languages offered."))
    user.name, user.school, user.language = name[:150], (school or "").strip()[:200], language
    User.objects.filter(pk=user.pk).update(
        name=user.name, school=user.school, language=user.language
    )
    return user
