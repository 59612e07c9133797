"""An issuer's assessor pool: inviting assessors, what each may assess, how much at once,
pausing and removing them. Every change is written to the append-only PoolChange audit in
the same transaction; roles go through the accounts services, which audit them there.

Removing someone from a pool never loses work: their open offers of the issuer's reviews
are withdrawn and offered to others by the next sweep; reviews they have accepted stay
with them to finish unless the issuer asks for those to be handed on too.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from microcred import permissions
from microcred.accounts import services as accounts
from microcred.accounts.models import Invitation, Membership, Organization, Role
from microcred.catalog.models import MicroCredential
from microcred.notifications.services import notify

from . import lifecycle, notifications
from .models import (
    ACTIVE_ASSIGNMENT,
    MAX_POOL_CAPACITY,
    AssessorProfile,
    Assignment,
    AssignmentEvent,
    AssignmentStatus,
    PoolChange,
    PoolMember,
    Qualification,
)
from .tasks import assign_assessors

DEFAULT_CAPACITY = 10


class PoolProblem(Exception):
    """The change cannot be made; the message says why, for the person who asked."""


def _require(by, issuer: Organization) -> None:
    if not permissions.can_manage_pool(by, issuer):
        raise PermissionDenied


def parse_capacity(raw) -> int:
    """A capacity typed into a form, or a ValidationError saying what is wrong with it."""
    text = str(raw if raw is not None else "").strip()
    try:
        value = int(text)
    except ValueError:
        raise ValidationError(
            {"capacity": _("Enter a whole number of reviews, such as 5.")}
        ) from None
    return check_capacity(value)


def check_capacity(value: int) -> int:
    if value < 1:
        raise ValidationError(
            {"capacity": _("Capacity is at least 1 review; to stop new work, pause instead.")}
        )
    if value > MAX_POOL_CAPACITY:
        raise ValidationError(
            {
                "capacity": _("Capacity is at most %(max)d reviews in hand at one time.")
                % {"max": MAX_POOL_CAPACITY}
            }
        )
    return value


def _micro_credentials(issuer: Organization, ids) -> list[MicroCredential]:
    """The issuer's micro-credentials with these ids, or why not."""
    try:
        wanted = {int(pk) for pk in ids}
    except (TypeError, ValueError):
        raise ValidationError(
            {"micro_credentials": _("Choose micro-credentials from the list.")}
        ) from None
    if not wanted:
        raise ValidationError(
            {"micro_credentials": _("Choose at least one micro-credential they may assess.")}
        )
    found = list(MicroCredential.objects.filter(pk__in=wanted, issuer=issuer).order_by("slug"))
    if len(found) != len(wanted):
        raise ValidationError(
            {
                "micro_credentials": _(
                    "Only %(issuer)s's own micro-credentials can be chosen here."
                )
                % {"issuer": issuer.name}
            }
        )
    return found


def _title(mc: MicroCredential) -> str:
    version = mc.current_version or mc.versions.order_by("-number").first()
    return version.title if version else mc.slug


def _audit(member: PoolMember, action: str, *, by, detail: str = "") -> None:
    PoolChange.objects.create(
        issuer_id=member.issuer_id,
        assessor_id=member.assessor_id,
        action=action,
        detail=detail[:300],
        by=by if getattr(by, "is_authenticated", False) else None,
    )


def membership_of(user, issuer: Organization) -> PoolMember | None:
    """The person's current place in the issuer's pool, if they have one."""
    return (
        PoolMember.objects.filter(issuer=issuer, removed_at__isnull=True, assessor__user=user)
        .select_related("assessor__user")
        .first()
    )


def current_member(issuer: Organization, *, email: str) -> PoolMember | None:
    return (
        PoolMember.objects.filter(
            issuer=issuer, removed_at__isnull=True, assessor__user__email__iexact=email
        )
        .select_related("assessor__user")
        .first()
    )


# --- inviting ------------------------------------------------------------------------------


@transaction.atomic
def invite_assessor(
    issuer: Organization, *, by, email: str, name: str = "", micro_credential_ids, capacity
) -> Invitation | None:
    """Invite a person, with an account or not, to assess these micro-credentials; they
    join the pool when they accept, and calibrate before live work reaches them. Someone
    who already holds the issuer's assessor role joins at once (None is returned).

    `capacity` may be what was typed ("5"). Raises ValidationError per field (email,
    micro_credentials, capacity), every mistake at once."""
    _require(by, issuer)
    errors: dict[str, str] = {}
    try:
        email = accounts.clean_email(email)
    except accounts.MembershipProblem as exc:
        errors["email"] = str(exc)
    else:
        member = current_member(issuer, email=email)
        if member is not None:
            errors["email"] = _(
                "%(email)s is already in the pool. Change what they assess on their page."
            ) % {"email": email}
    try:
        chosen = _micro_credentials(issuer, micro_credential_ids)
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
        chosen = []
    try:
        capacity = parse_capacity(capacity)
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    ids = [mc.pk for mc in chosen]
    already = (
        Membership.objects.filter(
            organization=issuer, role=Role.ASSESSOR, is_active=True, user__email__iexact=email
        )
        .select_related("user")
        .first()
    )
    if already is not None:
        # Already an assessor of the issuer (the role was granted on the members page), just
        # not in the pool: there is nothing to accept, so they join now and are told.
        join_pool(already.user, issuer, micro_credential_ids=ids, capacity=capacity, by=by)
        _tell_added(already.user, issuer, chosen)
        return None
    try:
        return accounts.invite(
            issuer,
            by=by,
            email=email,
            role=Role.ASSESSOR,
            name=name,
            pool={"micro_credentials": ids, "capacity": capacity},
        )
    except accounts.MembershipProblem as exc:
        raise ValidationError({"email": str(exc)}) from None


def _tell_added(user, issuer: Organization, micro_credentials) -> None:
    notify(
        [user],
        subject=_("You are in the assessor pool of %(issuer)s") % {"issuer": issuer.name},
        body=_(
            "%(issuer)s added you to its assessor pool for: %(titles)s. Calibrate on a few "
            "anchor submissions first; reviews come to your queue once you pass."
        )
        % {"issuer": issuer.name, "titles": ", ".join(_title(mc) for mc in micro_credentials)},
        url=reverse("assessment:calibration"),
    )


def _pool_invitation(issuer: Organization, invitation: Invitation) -> Invitation:
    if invitation.organization_id != issuer.pk or invitation.role != Role.ASSESSOR:
        raise PoolProblem(_("That invitation is not one to this pool."))
    return invitation


def resend_invitation(issuer: Organization, invitation: Invitation, *, by) -> Invitation:
    _require(by, issuer)
    try:
        return accounts.resend_invitation(_pool_invitation(issuer, invitation), by=by)
    except accounts.MembershipProblem as exc:
        raise PoolProblem(str(exc)) from None


def revoke_invitation(issuer: Organization, invitation: Invitation, *, by) -> Invitation:
    _require(by, issuer)
    try:
        return accounts.revoke_invitation(_pool_invitation(issuer, invitation), by=by)
    except accounts.MembershipProblem as exc:
        raise PoolProblem(str(exc)) from None


# --- joining -------------------------------------------------------------------------------


@transaction.atomic
def join_pool(user, issuer: Organization, *, micro_credential_ids, capacity=None, by=None):
    """Put a person into the issuer's pool for these of its micro-credentials. Called when
    they accept an invitation, which is the authority for it. New micro-credentials start
    uncalibrated: live work reaches them once they pass a calibration set. Someone who was
    removed earlier comes back unpaused; ids of another issuer's micro-credentials are
    ignored."""
    try:
        capacity = check_capacity(int(capacity)) if capacity else None
    except (TypeError, ValueError, ValidationError):
        capacity = None
    # A new assessor's first capacity is also where their next pools start.
    profile, _created = AssessorProfile.objects.get_or_create(
        user=user, defaults={"capacity": capacity or DEFAULT_CAPACITY}
    )
    member, created = PoolMember.objects.select_for_update().get_or_create(
        assessor=profile,
        issuer=issuer,
        defaults={"capacity": capacity or min(profile.capacity, MAX_POOL_CAPACITY) or 1},
    )
    rejoining = not created and member.removed_at is not None
    if not created:
        if rejoining:
            member.joined_at, member.removed_at, member.paused_at = timezone.now(), None, None
        member.capacity = capacity or member.capacity
        member.save(update_fields=["removed_at", "paused_at", "capacity", "joined_at"])
    if created or rejoining:
        _audit(
            member,
            PoolChange.Action.JOINED,
            by=by,
            detail=_("Capacity %(n)d") % {"n": member.capacity},
        )
    wanted = MicroCredential.objects.filter(issuer=issuer, pk__in=micro_credential_ids or [])
    _add(member, list(wanted), by=by)
    return list(
        Qualification.objects.filter(
            assessor=profile, micro_credential__in=wanted, withdrawn_at__isnull=True
        )
    )


def _add(member: PoolMember, micro_credentials: list[MicroCredential], *, by) -> None:
    for mc in micro_credentials:
        qualification, created = Qualification.objects.get_or_create(
            assessor_id=member.assessor_id, micro_credential=mc
        )
        if created or qualification.withdrawn_at is not None:
            if not created:
                Qualification.objects.filter(pk=qualification.pk).update(withdrawn_at=None)
            _audit(member, PoolChange.Action.ADDED, by=by, detail=_title(mc))


# --- one member ----------------------------------------------------------------------------


def _locked_member(member: PoolMember, by, *, may_be_self: bool = False) -> PoolMember:
    current = (
        PoolMember.objects.select_for_update()
        .select_related("issuer", "assessor__user")
        .get(pk=member.pk)
    )
    if not (may_be_self and by.pk == current.assessor.user_id):
        _require(by, current.issuer)
    if current.removed_at is not None:
        raise PoolProblem(
            _("%(name)s is not in the pool of %(issuer)s.")
            % {"name": _person(current), "issuer": current.issuer.name}
        )
    return current


def _person(member: PoolMember) -> str:
    user = member.assessor.user
    return user.name or user.email


def _release(assignments: list[Assignment], *, by, now) -> None:
    """Close open work so the next sweep offers it to someone else; its assessor is told."""
    if not assignments:
        return
    lifecycle.move(assignments, AssignmentEvent.HAND_ON, by=by, now=now)
    notifications.left_pool(assignments)
    transaction.on_commit(assign_assessors.enqueue)


def _open_work(member: PoolMember, *, micro_credentials=None, statuses=ACTIVE_ASSIGNMENT):
    work = Assignment.objects.select_for_update(of=("self",)).filter(
        assessor_id=member.assessor_id,
        status__in=statuses,
        submission__enrollment__micro_credential__issuer_id=member.issuer_id,
    )
    if micro_credentials is not None:
        work = work.filter(submission__enrollment__micro_credential__in=micro_credentials)
    return list(work.select_related("assessor__user", "submission__enrollment__version"))


@transaction.atomic
def set_micro_credentials(member: PoolMember, *, by, micro_credential_ids) -> PoolMember:
    """What the member may assess, from now on. A micro-credential taken off withdraws its
    open offers (others get them); reviews already accepted stay with the member to finish.
    """
    current = _locked_member(member, by)
    chosen = _micro_credentials(current.issuer, micro_credential_ids)
    held = {
        q.micro_credential_id: q
        for q in Qualification.objects.filter(
            assessor_id=current.assessor_id,
            micro_credential__issuer=current.issuer,
            withdrawn_at__isnull=True,
        ).select_related("micro_credential__current_version")
    }
    _add(current, [mc for mc in chosen if mc.pk not in held], by=by)
    off = [q for mc_id, q in held.items() if mc_id not in {mc.pk for mc in chosen}]
    now = timezone.now()
    if off:
        Qualification.objects.filter(pk__in=[q.pk for q in off]).update(withdrawn_at=now)
        for q in off:
            _audit(current, PoolChange.Action.TAKEN_OFF, by=by, detail=_title(q.micro_credential))
        _release(
            _open_work(
                current,
                micro_credentials=[q.micro_credential_id for q in off],
                statuses=[AssignmentStatus.OFFERED],
            ),
            by=by,
            now=now,
        )
    return current


@transaction.atomic
def set_capacity(member: PoolMember, *, by, capacity: int) -> PoolMember:
    current = _locked_member(member, by)
    capacity = check_capacity(capacity)
    if capacity != current.capacity:
        _audit(
            current,
            PoolChange.Action.CAPACITY,
            by=by,
            detail=f"{current.capacity} → {capacity}",
        )
        PoolMember.objects.filter(pk=current.pk).update(capacity=capacity)
        current.capacity = capacity
        transaction.on_commit(assign_assessors.enqueue)
    return current


@transaction.atomic
def pause(member: PoolMember, *, by, reason: str = "") -> PoolMember:
    """No new reviews from this issuer until resumed; work in hand stays. The member's
    place in other issuers' pools is untouched."""
    current = _locked_member(member, by)
    if current.paused_at is not None:
        raise PoolProblem(_("%(name)s is already paused.") % {"name": _person(current)})
    current.paused_at = timezone.now()
    PoolMember.objects.filter(pk=current.pk).update(paused_at=current.paused_at)
    _audit(current, PoolChange.Action.PAUSED, by=by, detail=(reason or "").strip())
    return current


@transaction.atomic
def resume(member: PoolMember, *, by) -> PoolMember:
    current = _locked_member(member, by)
    if current.paused_at is None:
        raise PoolProblem(_("%(name)s is not paused.") % {"name": _person(current)})
    current.paused_at = None
    PoolMember.objects.filter(pk=current.pk).update(paused_at=None)
    _audit(current, PoolChange.Action.RESUMED, by=by)
    transaction.on_commit(assign_assessors.enqueue)
    return current


@dataclass(frozen=True)
class Removal:
    offers_withdrawn: int
    reviews_handed_on: int
    reviews_kept: int


@transaction.atomic
def remove_from_pool(
    member: PoolMember, *, by, hand_on_accepted: bool = False, reason: str = ""
) -> Removal:
    """Take someone out of the issuer's pool, or let them leave it. Open offers are
    withdrawn and offered to others; accepted reviews stay with them to finish, or with
    `hand_on_accepted` go to others too. Their assessor role at the issuer ends (audited by
    the accounts app); calibration history stays for the reliability figures."""
    current = _locked_member(member, by, may_be_self=True)
    now = timezone.now()
    offers = _open_work(current, statuses=[AssignmentStatus.OFFERED])
    accepted = _open_work(current, statuses=[AssignmentStatus.ACCEPTED])
    released = offers + (accepted if hand_on_accepted else [])
    PoolMember.objects.filter(pk=current.pk).update(removed_at=now)
    current.removed_at = now
    Qualification.objects.filter(
        assessor_id=current.assessor_id,
        micro_credential__issuer=current.issuer,
        withdrawn_at__isnull=True,
    ).update(withdrawn_at=now)
    removal = Removal(
        offers_withdrawn=len(offers),
        reviews_handed_on=len(accepted) if hand_on_accepted else 0,
        reviews_kept=0 if hand_on_accepted else len(accepted),
    )
    _audit(current, PoolChange.Action.REMOVED, by=by, detail=removal_summary(removal))
    _release(released, by=by, now=now)
    user = current.assessor.user
    if Membership.objects.filter(
        user=user, organization=current.issuer, role=Role.ASSESSOR, is_active=True
    ).exists():
        accounts.revoke_role(
            current.issuer,
            user,
            Role.ASSESSOR,
            by=by,
            reason=reason or _("Removed from the assessor pool"),
        )
    return removal


def removal_summary(removal: Removal) -> str:
    parts = [
        ngettext("%(n)d offer withdrawn", "%(n)d offers withdrawn", removal.offers_withdrawn)
        % {"n": removal.offers_withdrawn}
    ]
    if removal.reviews_handed_on:
        parts.append(
            ngettext(
                "%(n)d accepted review handed on",
                "%(n)d accepted reviews handed on",
                removal.reviews_handed_on,
            )
            % {"n": removal.reviews_handed_on}
        )
    if removal.reviews_kept:
        parts.append(
            ngettext(
                "%(n)d accepted review left to finish",
                "%(n)d accepted reviews left to finish",
                removal.reviews_kept,
            )
            % {"n": removal.reviews_kept}
        )
    return "; ".join(parts)
