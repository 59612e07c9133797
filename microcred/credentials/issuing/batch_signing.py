"""Signing awards a claimed batch at a time, and making the awards of a cohort's bulk
issue: the work the signing tasks do, on any number of workers at once."""

from __future__ import annotations

import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .. import selectors
from ..formats import ob3
from ..models import Award, AwardKind, BulkIssue
from . import lifecycle, status_entries
from .signing import Signer

# A claim on unsigned awards is a lease: the signer renews it every CLAIM_RENEW_EVERY
# while it works, and a claim not renewed for CLAIM_TIMEOUT is abandoned (its worker was
# killed) and retaken. A lease rather than the task worker's heartbeat, because signing
# also runs outside the workers (inline tasks, the issuing API) and a lease needs nothing
# but the award rows. A lease that lapses on a slow but living signer costs repeated work,
# never a second signature: _store writes only where the claim is still the signer's.
# Shorter than the task lease (operations.services.TASK_LEASE, 30 s after the dead
# worker's last beat, so at least 25 s after its death), so that when its signing task is
# requeued, the awards it held are already free again.
CLAIM_TIMEOUT = timedelta(seconds=20)
CLAIM_RENEW_EVERY = timedelta(seconds=5)


def awards_for_signing():
    return Award.objects.select_related(
        "earner", "issuer__identity", "version__micro_credential__issuer", "stack__issuer"
    )


def claim(limit: int) -> uuid.UUID | None:
    """Claim up to `limit` unsigned awards for this worker; None when there are none."""
    while True:
        now = timezone.now()
        open_claim = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT)
        ids = list(
            Award.objects.filter(open_claim, signed_at__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:limit]
        )
        if not ids:
            return None
        token = uuid.uuid4()
        # The condition is evaluated again on each row as it is written, so of two workers
        # claiming the same rows at once, only one gets each; the other finds none taken
        # and looks again.
        taken = Award.objects.filter(open_claim, pk__in=ids, signed_at__isnull=True).update(
            signing_claim=token, claimed_at=now
        )
        if taken:
            return token


def sign_claimed(token: uuid.UUID, *, signer: Signer | None = None) -> int:
    signer = signer or Signer()
    awards = list(awards_for_signing().filter(signing_claim=token, signed_at__isnull=True))
    if not awards:
        return 0
    try:
        evidence = evidence_by_award([a for a in awards if a.include_evidence])
        # The first award of every batch is also canonicalized by the full algorithm; any
        # difference turns the reused shapes off for the rest of the batch.
        signer.check_sample(awards[0])
        renew_at = time.monotonic() + CLAIM_RENEW_EVERY.total_seconds()
        for award in awards:
            if time.monotonic() >= renew_at:
                if not _renew(token):
                    return 0  # taken for dead and retaken: the other signer stores it
                renew_at = time.monotonic() + CLAIM_RENEW_EVERY.total_seconds()
            signer.sign(award, evidence=evidence.get(award.pk))
    except Exception:
        # Hand the batch back at once rather than after the claim times out.
        Award.objects.filter(signing_claim=token, signed_at__isnull=True).update(
            signing_claim=None, claimed_at=None
        )
        raise
    return lifecycle.store_signed(awards, token)


def _renew(token: uuid.UUID) -> int:
    """Extend a claim's lease; 0 when the claim is no longer ours."""
    return Award.objects.filter(signing_claim=token, signed_at__isnull=True).update(
        claimed_at=timezone.now()
    )


def sign_pending(*, batch: int | None = None, limit: int | None = None) -> int:
    """Sign unsigned awards, a claimed batch at a time, until none are left (or `limit`)."""

    batch = batch or settings.CREDENTIALS_SIGNING_BATCH
    signer = Signer()
    signed = 0
    while limit is None or signed < limit:
        token = claim(batch)
        if token is None:
            break
        signed += sign_claimed(token, signer=signer)
    return signed


def evidence_of(award: Award) -> list[dict]:
    """The Evidence entries of one award, whether or not its earner shows them."""
    return evidence_by_award([award]).get(award.pk, [])


def evidence_by_award(awards) -> dict[int, list[dict]]:
    from microcred.catalog.models import EvidenceType
    from microcred.submissions.models import Evidence

    found: dict[int, list[dict]] = {}
    by_submission = {a.submission_id: a for a in awards if a.submission_id}
    pieces = Evidence.objects.filter(submission_id__in=by_submission).select_related("requirement")
    for piece in pieces:
        award = by_submission[piece.submission_id]
        entry = {"type": ["Evidence"], "name": piece.requirement.title}
        if piece.kind == EvidenceType.LINK and piece.url:
            entry["id"] = piece.url
        elif piece.kind in (EvidenceType.TEXT, EvidenceType.REFLECTION) and piece.text:
            entry["narrative"] = piece.text
        else:
            entry["id"] = ob3.absolute(award.get_absolute_url()) + f"#evidence-{piece.pk}"
            entry["description"] = piece.original_name
        found.setdefault(award.pk, []).append(entry)
    return found


def finish_bulk_issues() -> int:
    """Mark done the bulk issues whose every Met submission has a signed award."""
    finished = 0
    for bulk in BulkIssue.objects.filter(
        status__in=[BulkIssue.Status.QUEUED, BulkIssue.Status.RUNNING]
    ).select_related("cohort"):
        if selectors.bulk_truth(bulk)["remaining"] == 0:
            finished += BulkIssue.objects.filter(pk=bulk.pk).update(
                status=BulkIssue.Status.DONE, finished_at=timezone.now()
            )
    return finished


def create_cohort_awards(cohort, *, chunk: int = 5000) -> int:
    """Award rows for the cohort's Met submissions that have none yet, a chunk at a time
    so that memory stays bounded; safe to run again after an interruption."""
    from microcred.submissions.models import Submission
    from microcred.submissions.states import State

    issuer = cohort.micro_credential.issuer
    made = 0
    while True:
        with transaction.atomic():
            batch = list(
                Submission.objects.filter(
                    enrollment__cohort=cohort, state=State.MET, award__isnull=True
                )
                .order_by("pk")
                .values_list("pk", "enrollment__earner_id", "enrollment__version_id", "decided_at")[
                    :chunk
                ]
            )
            if not batch:
                return made
            entries = status_entries.allocate(issuer, len(batch))
            now = timezone.now()
            lifecycle.issue_rows(
                [
                    _award_row(
                        submission_id=pk,
                        earner_id=earner_id,
                        issuer_id=issuer.pk,
                        version_id=version_id,
                        awarded_at=decided_at or now,
                        status=status,
                        index=index,
                    )
                    for (pk, earner_id, version_id, decided_at), (status, index) in zip(
                        batch, entries, strict=True
                    )
                ],
            )
            made += len(batch)


def _award_row(*, submission_id, earner_id, issuer_id, version_id, awarded_at, status, index):
    """Every column of a new micro-credential award, for inserting many at once."""
    return {
        "public_id": uuid.uuid4(),
        "kind": AwardKind.MICRO_CREDENTIAL.value,
        "earner_id": earner_id,
        "issuer_id": issuer_id,
        "submission_id": submission_id,
        "version_id": version_id,
        "stack_id": None,
        "awarded_at": awarded_at,
        "include_evidence": False,
        "is_public": True,
        "status_list_id": status.pk,
        "status_index": index,
        "credential_json": "",
        "credential_jwt": "",
        "signed_at": None,
        "signing_claim": None,
        "claimed_at": None,
        "revoked_at": None,
        "revocation_reason": "",
        "revoked_by_id": None,
    }


def bulk_progress(bulk: BulkIssue) -> dict:
    progress = selectors.cohort_progress(bulk.cohort)
    return progress | {"done": selectors.bulk_truth(bulk)["remaining"] == 0}
