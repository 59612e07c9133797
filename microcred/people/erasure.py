"""Deleting one's own account.

What a person wrote and uploaded goes; what the platform decided stays, without their
name. The account's row is kept under a pseudonym ("Former member 7KX3DQ4M") because
the append-only audit logs (state changes, role changes, pool changes, duplicate flags)
point at it: they keep saying that *someone* did each thing, never who. Awards stay and
still verify: the signed credential names its earner only by a salted hash of the
e-mail address, which is kept in the credential as signed and nowhere else.

- In-flight submissions (draft, submitted, in review) are withdrawn and their reviews
  called off: the evidence an assessor would read is gone. Fees paid for them are not
  given back by the deletion. Decided ones stay as records of the decision, their
  evidence erased.
- Assessor places are given up in every pool, and accepted reviews are handed on to
  other assessors (`remove_from_pool(hand_on_accepted=True)`); reviews already written
  stay, blind as they always were.
- Every role ends, audited; the last admin of an organization cannot delete their
  account until someone else is an admin (the organization would have nobody to run it).
- Sessions end: the password becomes unusable, which invalidates every session, and the
  account cannot sign in again.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred import permissions
from microcred.accounts import services as accounts
from microcred.accounts.models import (
    Invitation,
    Membership,
    MembershipChange,
    Organization,
    Role,
    User,
)
from microcred.assessment import lifecycle, pools
from microcred.assessment.models import Assignment, AssignmentStatus, PoolMember
from microcred.assessment.services import reviews as assessment
from microcred.coaching.models import CoachingComment
from microcred.connect import services as connect
from microcred.credentials.issuing import lifecycle as award_lifecycle
from microcred.credentials.models import Award
from microcred.notifications.models import Notification
from microcred.submissions import evidence_removal, workflow
from microcred.submissions.models import Collaborator, Submission
from microcred.submissions.states import OPEN_STATES, Event
from microcred.support.models import TicketMessage

from .models import InvitationImport, JoinRequest

# The letters of submission references: never read as one another aloud.
_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY34679"
ERASED_DOMAIN = "erased.invalid"


class CannotErase(Exception):
    """The account cannot be deleted yet; the message says why and what to do."""


def pseudonym() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(8))


def blockers(user) -> list[str]:
    """Why the account cannot be deleted now (empty when it can)."""
    problems = []
    admin_of = Membership.objects.filter(user=user, role=Role.ORG_ADMIN, is_active=True)
    for membership in admin_of.select_related("organization"):
        others = (
            Membership.objects.filter(
                organization=membership.organization, role=Role.ORG_ADMIN, is_active=True
            )
            .exclude(user=user)
            .filter(user__is_active=True)
        )
        if not others.exists():
            problems.append(
                _(
                    "You are the last admin of %(organization)s. Make someone else an admin "
                    "first, so that it is not left without anyone to run it."
                )
                % {"organization": membership.organization.name}
            )
    return problems


@transaction.atomic
def erase_account(user: User, *, by, password: str) -> str:
    """Delete the person's account as the module says; returns the pseudonym."""
    if by.pk != user.pk or user.erased_at is not None:
        raise PermissionDenied
    if not user.check_password(password or ""):
        raise CannotErase(_("That is not your password. Nothing was deleted."))
    User.objects.select_for_update().filter(pk=user.pk).get()
    if problems := blockers(user):
        raise CannotErase(" ".join(problems))
    alias = pseudonym()
    _withdraw_open_submissions(user)
    _leave_pools(user)
    _end_roles(user)
    _erase_content(user)
    _pseudonymise_audit(user, alias)
    _erase_account_row(user, alias)
    permissions.forget_roles(user)
    return alias


def _withdraw_open_submissions(user) -> None:
    reason = _("The earner deleted their account.")
    for submission in Submission.objects.filter(
        enrollment__earner=user, state__in=OPEN_STATES
    ).order_by("pk"):
        workflow.advance(submission, Event.WITHDRAW, by=user, reason=reason)
        # Offers are closed as for any withdrawal, their assessors told; accepted reviews
        # end too, since the evidence they would read is about to be erased.
        assessment.withdraw_offers(submission)
        accepted = Assignment.objects.select_for_update(of=("self",)).filter(
            submission=submission, status=AssignmentStatus.ACCEPTED
        )
        lifecycle.move(list(accepted), lifecycle.Event.WITHDRAW, by=user, reason=reason)


def _leave_pools(user) -> None:
    for member in PoolMember.objects.filter(assessor__user=user, removed_at__isnull=True):
        pools.remove_from_pool(
            member, by=user, hand_on_accepted=True, reason=_("Deleted their account")
        )


def _end_roles(user) -> None:
    for membership in Membership.objects.filter(user=user, is_active=True).select_related(
        "organization"
    ):
        accounts.revoke_role(
            membership.organization,
            user,
            membership.role,
            by=user,
            reason=_("Deleted their account"),
        )


def _erase_content(user) -> None:
    submissions = Submission.objects.filter(enrollment__earner=user)
    evidence_removal.erase_all(submissions)
    Submission.objects.filter(pk__in=submissions.values("pk")).update(collaboration_note="")
    Collaborator.objects.filter(submission__in=submissions).delete()
    # Named as a collaborator in someone else's submission: that earner's declaration
    # stays, without the link to this account.
    Collaborator.objects.filter(user=user).update(user=None)
    # An award's page shows no evidence of a former member: the files are gone. The
    # signed credential is left as it was signed.
    award_lifecycle.hide_evidence(
        Award.objects.filter(earner=user), by=user, reason=_("evidence hidden: account deleted")
    )
    Notification.objects.filter(user=user).delete()
    connect.forget_earner(user)
    JoinRequest.objects.filter(user=user).delete()
    InvitationImport.objects.filter(uploaded_by=user).delete()
    TicketMessage.objects.filter(author=user).update(
        body=_("(Removed: its author deleted their account.)")
    )
    CoachingComment.objects.filter(author=user).update(
        body=_("(Removed: its author deleted their account.)")
    )


def _pseudonymise_audit(user, alias: str) -> None:
    """Audit rows keep their place and meaning; the address in them becomes the
    pseudonym's. The append-only guard refuses `save()` on a row: this is the one
    deliberate update, done as a query and limited to the person's own address."""
    address = f"{alias.lower()}@{ERASED_DOMAIN}"
    MembershipChange.objects.filter(Q(subject=user) | Q(email__iexact=user.email)).update(
        email=address
    )
    Invitation.objects.filter(Q(accepted_by=user) | Q(email__iexact=user.email)).update(
        email=address, name=""
    )


def _erase_account_row(user, alias: str) -> None:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    values = {
        "name": _("Former member %(alias)s") % {"alias": alias},
        "email": f"{alias.lower()}@{ERASED_DOMAIN}",
        "school": "",
        "language": "",
        # An unusable password also changes the session hash: every session ends.
        "password": make_password(None),
        "is_active": False,
        "is_staff": False,
        "is_superuser": False,
        "erased_at": timezone.now(),
    }
    User.objects.filter(pk=user.pk).update(**values)
    for name, value in values.items():
        setattr(user, name, value)


def is_erased(user) -> bool:
    return user.erased_at is not None


def organizations_left(user) -> list[Organization]:
    """The organizations the person holds a role in, for the confirmation page."""
    ids = Membership.objects.filter(user=user, is_active=True).values("organization_id")
    return list(Organization.objects.filter(pk__in=ids).order_by("name"))
