"""Joining organizations: from an invitation (the role, and what comes with it), from a
list of people to invite, and by asking a district.

This sits above the apps it joins up: the role is the accounts app's, an assessor's place
in the issuer's pool the assessment app's, a notification the notifications app's.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from microcred import permissions
from microcred.accounts import selectors as accounts_selectors
from microcred.accounts import services as accounts
from microcred.accounts.models import Invitation, Membership, Organization, Role
from microcred.assessment import pools
from microcred.notifications.services import notify

from . import invitation_lists
from .models import InvitationImport, JoinRequest, JoinStatus

MembershipProblem = accounts.MembershipProblem


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# --- roles -------------------------------------------------------------------------------


@transaction.atomic
def end_role(organization: Organization, user, role: str, *, by, reason: str = "") -> None:
    """Take a role away, or give one up. An assessor's role at an issuer goes with their
    place in its pool, so the sweep stops offering them reviews: open offers go to others,
    accepted reviews stay with them to finish."""
    member = pools.membership_of(user, organization) if role == Role.ASSESSOR else None
    if member is None:
        accounts.revoke_role(organization, user, role, by=by, reason=reason)
        return
    # The same permission as revoking the role, checked before the pool changes.
    _require(by.pk == user.pk or permissions.can_grant_role(by, organization, role))
    pools.remove_from_pool(member, by=by, reason=reason)


# --- invitations -------------------------------------------------------------------------


@transaction.atomic
def accept(invitation: Invitation, *, user):
    membership = accounts.accept_invitation(invitation, user=user)
    _join(invitation, user)
    return membership


@transaction.atomic
def sign_up(invitation: Invitation, *, name: str, password: str):
    user = accounts.sign_up_from_invitation(invitation, name=name, password=password)
    _join(invitation, user)
    return user


def _join(invitation: Invitation, user) -> None:
    if invitation.role == Role.ASSESSOR and invitation.pool:
        pools.join_pool(
            user,
            invitation.organization,
            micro_credential_ids=invitation.pool.get("micro_credentials", []),
            capacity=invitation.pool.get("capacity"),
            by=invitation.invited_by,
        )


# --- lists of people to invite -----------------------------------------------------------

# Outcomes the accounts service does not know: they come from reading the file.
UNKNOWN_ROLE = "unknown_role"
DUPLICATE = accounts.RowOutcome.DUPLICATE.value

# What each outcome is called before the list is sent, and after.
OUTCOME_LABELS = {
    accounts.RowOutcome.INVITE: (gettext_lazy("Will be invited"), gettext_lazy("Invited")),
    accounts.RowOutcome.MEMBER: (gettext_lazy("Already a member"),) * 2,
    accounts.RowOutcome.INVITED: (gettext_lazy("Already invited"),) * 2,
    accounts.RowOutcome.BAD_EMAIL: (gettext_lazy("Bad e-mail"),) * 2,
    UNKNOWN_ROLE: (gettext_lazy("Unknown role"),) * 2,
    accounts.RowOutcome.NOT_ALLOWED: (gettext_lazy("Role not allowed"),) * 2,
    accounts.RowOutcome.SELF: (gettext_lazy("That is you"),) * 2,
    DUPLICATE: (gettext_lazy("Duplicate in the file"),) * 2,
}


@dataclass
class ListRow:
    """One line of an invitation list and what happens (or happened) to it."""

    line: int
    email: str
    name: str
    role_text: str
    outcome: str = ""
    message: str = ""
    sent: bool = False

    @property
    def label(self) -> str:
        return str(OUTCOME_LABELS[self.outcome][1 if self.sent else 0])

    @property
    def is_good(self) -> bool:
        return self.outcome == accounts.RowOutcome.INVITE


def check_list(organization: Organization, *, by, data: bytes, filename: str = ""):
    """Read an uploaded list and keep it for its dry run and confirmation. Nobody is
    invited yet. Raises invitation_lists.ListProblem for a file that cannot be read."""
    _require(permissions.can_manage_members(by, organization))
    rows = invitation_lists.read(data)
    return InvitationImport.objects.create(
        organization=organization, uploaded_by=by, filename=(filename or "")[:255], rows=rows
    )


def _prepare(record: InvitationImport):
    """Each row with what reading the file says about it, and the rows left for the
    accounts service to judge (with their positions)."""
    kind = record.organization.kind
    here = invitation_lists.role_names(kind)
    anywhere = {}
    for other in Organization.Kind.values:
        anywhere.update(invitation_lists.role_names(other))
    offered = ", ".join(invitation_lists.offered_role_names(kind))
    first_line: dict[str, int] = {}
    rows: list[ListRow] = []
    bulk, positions = [], []
    for line, email, name, role_text in record.rows:
        row = ListRow(line=line, email=email, name=name, role_text=role_text)
        key = email.strip().lower()
        spaced = invitation_lists.role_key(role_text)
        role = here.get(spaced) or anywhere.get(spaced)
        if key and key in first_line:
            row.outcome = DUPLICATE
            row.message = _("Same e-mail as row %(line)s; only row %(line)s counts.") % {
                "line": first_line[key]
            }
        elif role is None:
            row.outcome = UNKNOWN_ROLE
            row.message = (
                _("“%(role)s” is not a role. Write one of: %(roles)s.")
                if role_text
                else _("No role given. Write one of: %(roles)s.")
            ) % {"role": role_text, "roles": offered}
        else:
            bulk.append(accounts.BulkRow(email=email, role=role, name=name))
            positions.append(len(rows))
        if key:
            first_line.setdefault(key, line)
        rows.append(row)
    return rows, bulk, positions


def _merge(rows, positions, results, *, sent: bool):
    for position, result in zip(positions, results, strict=True):
        rows[position].outcome = result.outcome.value
        rows[position].message = result.message
    for row in rows:
        row.sent = sent
    return rows


def list_report(record: InvitationImport, *, by) -> list[ListRow]:
    """Every row's outcome: what would happen if the list were sent now (the dry run), or
    what happened when it was sent."""
    _require(
        permissions.can_manage_members(by, record.organization) and record.uploaded_by_id == by.pk
    )
    if record.status == InvitationImport.Status.SENT:
        return [
            ListRow(line, email, name, role_text, outcome, message, sent=True)
            for (line, email, name, role_text), (outcome, message) in zip(
                record.rows, record.results, strict=True
            )
        ]
    rows, bulk, positions = _prepare(record)
    results = accounts.review_invitations(record.organization, by=by, rows=bulk)
    return _merge(rows, positions, results, sent=False)


def send_list(record: InvitationImport, *, by) -> list[ListRow]:
    """Invite the list's good rows; report and skip the others. Sent once: a second
    confirmation (a double click, a reload) is refused."""
    _require(
        permissions.can_manage_members(by, record.organization) and record.uploaded_by_id == by.pk
    )
    claimed = InvitationImport.objects.filter(
        pk=record.pk, status=InvitationImport.Status.CHECKED
    ).update(status=InvitationImport.Status.SENDING)
    if not claimed:
        raise MembershipProblem(_("This list has already been sent."))
    done = False
    try:
        rows, bulk, positions = _prepare(record)
        results = accounts.invite_many(record.organization, by=by, rows=bulk)
        _merge(rows, positions, results, sent=True)
        record.results = [[row.outcome, row.message] for row in rows]
        record.status, record.sent_at = InvitationImport.Status.SENT, timezone.now()
        InvitationImport.objects.filter(pk=record.pk).update(
            status=record.status, sent_at=record.sent_at, results=record.results
        )
        done = True
    finally:
        if not done:
            # Batches already sent stay sent; sending the list again reports them as
            # already invited and sends the rest.
            InvitationImport.objects.filter(
                pk=record.pk, status=InvitationImport.Status.SENDING
            ).update(status=InvitationImport.Status.CHECKED)
    return rows


# --- asking to join a district -----------------------------------------------------------


@transaction.atomic
def ask_to_join(district: Organization, *, by, school: str = "", note: str = "") -> JoinRequest:
    """An educator asks a district to count them as one of its educators."""
    if not by.is_authenticated:
        raise PermissionDenied
    if district.kind != Organization.Kind.DISTRICT:
        raise MembershipProblem(
            _("%(name)s is not a school district; only districts take educators this way.")
            % {"name": district.name}
        )
    if Membership.objects.filter(user=by, organization=district, is_active=True).exists():
        raise MembershipProblem(_("You already belong to %(name)s.") % {"name": district.name})
    open_one = JoinRequest.objects.filter(
        user=by, district=district, status=JoinStatus.REQUESTED
    ).first()
    if open_one is not None:
        raise MembershipProblem(
            _("You asked %(name)s on %(date)s; its admins have not answered yet.")
            % {"name": district.name, "date": open_one.created_at.date().isoformat()}
        )
    try:
        with transaction.atomic():
            request = JoinRequest.objects.create(
                user=by,
                district=district,
                school=(school or "").strip()[:200],
                note=(note or "").strip()[:2000],
            )
    except IntegrityError as exc:  # the same request sent twice at once
        raise MembershipProblem(
            _("You have just asked %(name)s; its admins have not answered yet.")
            % {"name": district.name}
        ) from exc
    admins = accounts_selectors.admins(district.pk)
    notify(
        admins,
        subject=_("%(name)s asks to join %(district)s")
        % {"name": by.name, "district": district.name},
        body=_("%(name)s (%(email)s) asks to be counted as an educator of %(district)s.")
        % {"name": by.name, "email": by.email, "district": district.name}
        + (f"\n\n{request.note}" if request.note else ""),
        url=reverse("people:members", args=[district.slug]),
    )
    return request


@transaction.atomic
def decide_join_request(request: JoinRequest, *, by, approve: bool) -> JoinRequest:
    """Approve (the educator role is granted, audited) or decline; the educator is told."""
    request = (
        JoinRequest.objects.select_for_update(of=("self",))
        .select_related("user", "district", "decided_by")
        .get(pk=request.pk)
    )
    _require(permissions.can_decide_join_request(by, request.district))
    if request.status != JoinStatus.REQUESTED:
        raise MembershipProblem(
            _("%(name)s's request was already %(status)s on %(date)s by %(by)s.")
            % {
                "name": request.user.name or request.user.email,
                "status": request.get_status_display().lower(),
                "date": request.decided_at.date().isoformat() if request.decided_at else "",
                "by": request.decided_by.name if request.decided_by else _("the platform"),
            }
        )
    district, user = request.district, request.user
    if approve:
        already = Membership.objects.filter(
            user=user, organization=district, role=Role.EARNER, is_active=True
        ).exists()
        if not already:  # an invitation may have brought them in meanwhile
            accounts.grant_role(
                district,
                user,
                Role.EARNER,
                by=by,
                reason=_("Asked to join") + (f": {request.note}" if request.note else ""),
            )
        if request.school and not user.school:
            accounts.update_profile(
                user, name=user.name or user.email, school=request.school, language=user.language
            )
    request.status = JoinStatus.APPROVED if approve else JoinStatus.DECLINED
    request.decided_by, request.decided_at = by, timezone.now()
    JoinRequest.objects.filter(pk=request.pk).update(
        status=request.status, decided_by=by, decided_at=request.decided_at
    )
    notify(
        [user],
        subject=(
            _("You joined %(district)s") if approve else _("%(district)s declined your request")
        )
        % {"district": district.name},
        body=(
            _("%(district)s now counts you as one of its educators: it can sponsor your fees.")
            if approve
            else _("%(district)s did not add you as one of its educators.")
        )
        % {"district": district.name},
        url=reverse("people:profile"),
    )
    return request


def set_two_factor_requirement(organization: Organization, *, by, required: bool) -> None:
    """Whether this organization's admins must sign in with a second factor."""
    _require(permissions.can_change_sign_in_rules(by, organization))
    Organization.objects.filter(pk=organization.pk).update(require_two_factor=required)
    organization.require_two_factor = required
