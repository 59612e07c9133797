"""Awarding, signing, revoking, and the keys and identifiers behind them."""

from __future__ import annotations

import copy
import hashlib
import secrets
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred import permissions
from microcred.catalog.models import Stack, StackItem
from microcred.notifications.services import notify

from .. import selectors, tasks
from ..formats import data_integrity, ob3, status_list
from ..models import (
    ApiClient,
    AuditAction,
    Award,
    AwardKind,
    BulkIssue,
    CredentialAudit,
    DidMethod,
    IssuerIdentity,
    KeyType,
    SigningKey,
    StatusList,
)
from . import batch_signing, issuer_keys, lifecycle, status_entries
from .signing import Signer


class CredentialError(Exception):
    """A request about credentials that cannot be done; the message says why."""


class AlreadyRevoked(CredentialError):
    """The award was revoked before: by someone else a moment earlier, or long ago."""


# -- Keys and identifiers ----------------------------------------------------------------


@transaction.atomic
def rotate_key(organization, *, key_type: str, by, reason: str = "") -> SigningKey:
    """A new signing key; the old one stays in the DID document for what it signed."""
    if by is not None and not permissions.can_manage_credentials(by, organization):
        raise PermissionDenied
    identity = IssuerIdentity.objects.filter(organization=organization).first()
    if key_type == KeyType.ED25519 and identity and identity.method == DidMethod.KEY:
        raise CredentialError(
            _("A did:key issuer is its key: switch to did:web before rotating it.")
        )
    SigningKey.objects.select_for_update().filter(
        organization=organization, key_type=key_type, retired_at__isnull=True
    ).update(retired_at=timezone.now())
    return issuer_keys.new_key(
        organization, key_type, by=by, action=AuditAction.KEY_ROTATED, reason=reason
    )


@transaction.atomic
def set_identifier_method(organization, *, method: str, by) -> IssuerIdentity:
    if by is not None and not permissions.can_manage_credentials(by, organization):
        raise PermissionDenied
    if method not in DidMethod.values:
        raise CredentialError(_("Choose did:web or did:key."))
    if Award.objects.filter(issuer=organization, signed_at__isnull=False).exists():
        raise CredentialError(
            _(
                "This issuer has signed credentials under its present identifier; changing "
                "it would leave them naming an issuer that no longer answers."
            )
        )
    identity, _created = IssuerIdentity.objects.update_or_create(
        organization=organization, defaults={"method": method}
    )
    CredentialAudit.objects.create(
        organization=organization, actor=by, action=AuditAction.METHOD_CHANGED, reason=method
    )
    return identity


# -- Status lists ------------------------------------------------------------------------


# -- Awards ------------------------------------------------------------------------------


def award_for_decision(submission) -> Award:
    """The award of a Met decision; exactly one, however often it is asked for.

    Called by the decision service inside its transaction, with the submission locked.
    """
    existing = Award.objects.filter(submission=submission).first()
    if existing is not None:
        return existing
    enrollment = submission.enrollment
    version = enrollment.version
    issuer = version.micro_credential.issuer
    ((status, index),) = status_entries.allocate(issuer)
    award = lifecycle.issue(
        kind=AwardKind.MICRO_CREDENTIAL,
        earner_id=enrollment.earner_id,
        issuer=issuer,
        submission=submission,
        version=version,
        awarded_at=submission.decided_at or timezone.now(),
        status_list=status,
        status_index=index,
    )
    award_completed_stacks(enrollment.earner, micro_credential_id=version.micro_credential_id)
    transaction.on_commit(_sign_soon)
    return award


def award_completed_stacks(earner, *, micro_credential_id: int) -> list[Award]:
    """Stack awards for every published stack holding this micro-credential whose parts
    the earner has all earned."""
    earned = set(
        Award.objects.filter(earner=earner, kind=AwardKind.MICRO_CREDENTIAL).values_list(
            "version__micro_credential_id", flat=True
        )
    )
    made = []
    stacks = Stack.objects.filter(is_published=True, items__micro_credential_id=micro_credential_id)
    for stack in stacks.select_related("issuer").distinct():
        parts = set(
            StackItem.objects.filter(stack=stack).values_list("micro_credential_id", flat=True)
        )
        if not parts or not parts <= earned:
            continue
        if Award.objects.filter(earner=earner, stack=stack).exists():
            continue
        ((status, index),) = status_entries.allocate(stack.issuer)
        made.append(
            lifecycle.issue(
                kind=AwardKind.STACK,
                earner=earner,
                issuer=stack.issuer,
                stack=stack,
                awarded_at=timezone.now(),
                status_list=status,
                status_index=index,
            )
        )
        _tell_stack_earned(earner, stack)
    return made


def _tell_stack_earned(earner, stack: Stack) -> None:
    # In the transaction that made the award, so a rollback tells nobody; the e-mail
    # goes once it commits.
    body = _(
        "You have earned every micro-credential of %(title)s, so the stack is yours too. "
        "Its credential is signed and added to your backpack shortly."
    ) % {"title": stack.title}
    if stack.endorsement:
        body += " " + _("It leads to: %(endorsement)s.") % {"endorsement": stack.endorsement}
    notify(
        [earner],
        subject=_("You earned the stack %(title)s") % {"title": stack.title},
        body=body,
        url=stack.get_absolute_url(),
    )


def _sign_soon() -> None:
    tasks.sign_awards.enqueue()


@transaction.atomic
def set_privacy(award: Award, *, by, is_public: bool, include_evidence: bool) -> Award:
    """What the earner shows of an award: its page, and their evidence.

    Evidence is part of the signed credential (OB 3.0 `evidence`), so showing or hiding it
    is not a display setting: the credential is signed again, with or without it, under the
    same id and status entry, and from then on the badge page, its downloads and new
    learner records give out the new one. Copies given out before stay valid, since both
    are signed and neither is revoked; hiding evidence cannot take back a file someone
    already has.
    """
    if not permissions.can_change_privacy(by, award):
        raise PermissionDenied
    # Locked first, on its own: PostgreSQL refuses FOR UPDATE across the nullable joins
    # that signing reads with.
    Award.objects.select_for_update().filter(pk=award.pk).values_list("pk").get()
    current = batch_signing.awards_for_signing().get(pk=award.pk)
    is_public, include_evidence = bool(is_public), bool(include_evidence)
    signed = None
    evidence_changes = current.include_evidence != include_evidence
    if evidence_changes and current.signed_at is not None and current.revoked_at is None:
        # Signed on a copy, so that the award's fields change only through the door.
        signed = copy.copy(current)
        evidence = (
            batch_signing.evidence_by_award([signed]).get(signed.pk) if include_evidence else None
        )
        Signer(fast=False).sign(signed, evidence=evidence)
    fields = lifecycle.show(
        current, by=by, is_public=is_public, include_evidence=include_evidence, signed=signed
    )
    for name, value in fields.items():
        setattr(award, name, value)
    return award


@transaction.atomic
def revoke(award: Award, *, by, reason: str) -> Award:
    if not permissions.can_revoke(by, award):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise CredentialError(_("Say why the credential is revoked; the earner will read it."))
    current = Award.objects.select_for_update().get(pk=award.pk)
    if current.revoked_at is not None:
        raise AlreadyRevoked(_("This credential was already revoked."))
    lifecycle.revoke(current, by=by, reason=reason)
    if current.status_list_id is not None and current.status_index is not None:
        status = StatusList.objects.select_for_update().get(pk=current.status_list_id)
        status.bits = status_list.set_bit(bytes(status.bits), current.status_index)
        status.credential_json = ""
        status.save(update_fields=["bits", "credential_json", "updated_at"])
        status_entries.sign_status_list(status)
    award.revoked_at, award.revocation_reason, award.revoked_by = current.revoked_at, reason, by
    return award


# -- Bulk issuance ------------------------------------------------------------------------


@transaction.atomic
def issue_for_cohort(cohort, *, by) -> BulkIssue:
    """Award and sign, in the background, every credential a cohort has earned.

    Asked again while an issue of the cohort is under way, it joins it; asked again when
    that issue has stopped moving (its worker died), it resumes it."""
    if not permissions.can_issue_for_cohort(by, cohort):
        raise PermissionDenied
    unfinished = (
        BulkIssue.objects.select_for_update()
        .filter(cohort=cohort, status__in=[BulkIssue.Status.QUEUED, BulkIssue.Status.RUNNING])
        .first()
    )
    if unfinished is not None:
        if selectors.bulk_is_stalled(unfinished):
            _resume(unfinished)
        return unfinished
    bulk = BulkIssue.objects.create(cohort=cohort, created_by=by)
    transaction.on_commit(lambda: _run_bulk_soon(bulk.pk))
    return bulk


def _resume(bulk: BulkIssue) -> None:
    # Touched, so that it reads as moving until the resumed run shows progress.
    BulkIssue.objects.filter(pk=bulk.pk).update(updated_at=timezone.now())
    transaction.on_commit(lambda: _run_bulk_soon(bulk.pk))


# The periodic sweep queues at most this many signing tasks and resumes at most this
# many bulk issues per round, so a round stays short however much is waiting.
SWEEP_SIGNERS = 4
SWEEP_BULK_ISSUES = 20


def sweep_signing() -> dict:
    """Queue signing for whatever awards are unsigned and free to claim, and resume the
    bulk issues that stopped moving: the periodic safety net under the tasks that a
    decision or a bulk issue queue, for when their worker died. Idempotent: signers
    already waiting in the queue are counted, and resumed issues read as moving."""
    from microcred.operations import selectors as operations

    sign_awards = tasks.sign_awards
    now = timezone.now()
    batch = settings.CREDENTIALS_SIGNING_BATCH
    free = (
        Award.objects.filter(signed_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - batch_signing.CLAIM_TIMEOUT))
        .values_list("pk", flat=True)[: SWEEP_SIGNERS * batch]
    )
    waiting = len(free)
    wanted = min(SWEEP_SIGNERS, -(-waiting // batch))
    queued = max(0, wanted - operations.queued_tasks(sign_awards))
    for _signer in range(queued):
        sign_awards.enqueue()
    resumed = 0
    unfinished = BulkIssue.objects.filter(
        status__in=[BulkIssue.Status.QUEUED, BulkIssue.Status.RUNNING]
    ).select_related("cohort")
    for bulk in unfinished.order_by("updated_at")[:SWEEP_BULK_ISSUES]:
        if selectors.bulk_is_stalled(bulk):
            with transaction.atomic():
                _resume(bulk)
            resumed += 1
    return {
        "unsigned": waiting,
        "signers_queued": queued,
        "resumed": resumed,
        "finished": batch_signing.finish_bulk_issues(),
    }


def _run_bulk_soon(bulk_id: int) -> None:
    tasks.run_bulk_issue.enqueue(bulk_id)


# -- API clients ---------------------------------------------------------------------------


def create_api_client(organization, *, name: str, by) -> tuple[ApiClient, str]:
    """A new client and its token, shown once; only a hash of it is kept."""
    if not permissions.can_manage_credentials(by, organization):
        raise PermissionDenied
    token = "mc_" + secrets.token_urlsafe(32)
    client = ApiClient.objects.create(
        organization=organization, name=name.strip() or _("API client"), token_hash=_hash(token)
    )
    return client, token


def client_for_token(token: str) -> ApiClient | None:
    if not token:
        return None
    return (
        ApiClient.objects.select_related("organization")
        .filter(token_hash=_hash(token), revoked_at__isnull=True)
        .first()
    )


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# -- The VC API's issue endpoint --------------------------------------------------------------


def issue_credential(organization, credential: dict) -> dict:
    """Sign a credential an organization's system sends (W3C VC API `/credentials/issue`).

    The issuer is the organization: a credential naming another issuer is refused. The
    credential must have the structure VC Data Model 2.0 requires (`formats.vcdm_checks`),
    or 1.1 for a credential whose first context is 1.1's: that one keeps `issuanceDate`
    and gains the Data Integrity context its proof's terms need. Missing `id` and
    `validFrom` (`issuanceDate`) are filled in; the JSON-LD must be valid and fully defined.
    """
    from ..formats import canonical, vcdm_checks

    document = dict(credential)
    document.pop("proof", None)
    try:
        version = vcdm_checks.check_credential(
            document, versions=(ob3.documents.VC_V2, ob3.documents.VC_V1)
        )
    except vcdm_checks.Refused as exc:
        raise CredentialError(str(exc)) from exc
    own = ob3.identity.did(organization)
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if issuer_id is None:
        # An Open Badge names its issuer by a Profile; any other credential by its DID,
        # since the base context defines none of the Profile's terms.
        is_badge = any(
            isinstance(c, str) and c.startswith("https://purl.imsglobal.org/spec/ob/v3p0/")
            for c in document["@context"]
        )
        document["issuer"] = ob3.issuer_profile(organization) if is_badge else own
    elif issuer_id != own:
        raise CredentialError(
            _("This token signs only for %(did)s, not for %(other)s.")
            % {"did": own, "other": issuer_id}
        )
    document.setdefault("id", f"urn:uuid:{uuid.uuid4()}")
    if version == ob3.documents.VC_V1:
        document.setdefault("issuanceDate", ob3.timestamp(timezone.now()))
        if ob3.documents.DATA_INTEGRITY_V2 not in document["@context"]:
            document["@context"] = [*document["@context"], ob3.documents.DATA_INTEGRITY_V2]
    else:
        document.setdefault("validFrom", ob3.timestamp(timezone.now()))
    signer = Signer(fast=False)
    try:
        canonical_text = canonical.canonize(document)
        vcdm_checks.check_references(canonical_text)
    except (
        canonical.CanonicalizationError,
        ob3.documents.UnknownDocument,
        vcdm_checks.Refused,
    ) as exc:
        raise CredentialError(str(exc)) from exc
    _key, private, method = signer.key(organization, KeyType.ED25519)
    return data_integrity.sign(
        document,
        private,
        verification_method=method,
        created=signer.created,
        canonical_document=canonical_text,
    )


def date_unsigned_award(submission, *, when) -> None:
    """Give a not yet signed award the date its earning was recorded (for records brought
    in from elsewhere, and the demo)."""
    Award.objects.filter(submission=submission, signed_at__isnull=True).update(awarded_at=when)
