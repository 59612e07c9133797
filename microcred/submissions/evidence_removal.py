"""Taking evidence away: files kept no longer than the retention policy allows, and
everything an earner wrote or uploaded when they delete their account.

Evidence rows stay, marked with when and why their content went, so a submission page
still lists each requirement and says what happened to its file. Awards are never
touched: a credential says what was decided, and holds no file.

The retention sweep is its own task (`remove_expired_evidence`), queued by
`run_periodic` with the other rounds; with `EVIDENCE_RETENTION_DAYS` unset it does
nothing.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import Evidence, Removal, Submission
from .states import FINAL_STATES

logger = logging.getLogger(__name__)

# Rows handled per transaction by the sweep: a storage outage part way loses no more
# than one batch's bookkeeping, and a rerun picks up where it stopped.
BATCH = 200


def retention_days() -> int | None:
    days = getattr(settings, "EVIDENCE_RETENTION_DAYS", None)
    return days if days else None


def _delete_file(piece: Evidence) -> None:
    if piece.file and piece.file.name:
        # Storage deletes are not transactional; deleting a file already gone is fine,
        # so a rerun after a crash between the delete and the row update is harmless.
        piece.file.storage.delete(piece.file.name)


def remove_files(pieces, *, because: str) -> int:
    """Delete the files of these evidence rows from storage and mark them removed. The
    file's name, size and hash stay, so the page can say which file it was."""
    now = timezone.now()
    removed = 0
    for piece in pieces:
        _delete_file(piece)
        Evidence.objects.filter(pk=piece.pk).update(
            file="", removed_at=now, removed_because=because
        )
        removed += 1
    return removed


def erase_all(submissions) -> int:
    """Everything in these submissions' evidence: files, texts, links and file names.
    The caller holds the transaction (account deletion)."""
    from .duplicates.models import Fingerprint

    pieces = list(Evidence.objects.filter(submission__in=submissions))
    for piece in pieces:
        _delete_file(piece)
    Fingerprint.objects.filter(evidence__in=pieces).delete()
    return Evidence.objects.filter(pk__in=[p.pk for p in pieces]).update(
        file="",
        text="",
        url="",
        original_name="",
        content_type="",
        sha256="",
        removed_at=timezone.now(),
        removed_because=Removal.ACCOUNT_DELETED,
    )


def expired_files(*, now=None):
    """Evidence files of decided submissions past the retention period."""
    days = retention_days()
    if days is None:
        return Evidence.objects.none()
    cutoff = (now or timezone.now()) - timedelta(days=days)
    # Anchors are the issuer's calibration material, chosen to be kept; they are not an
    # earner's evidence on its way through review.
    decided = Submission.objects.filter(
        state__in=FINAL_STATES, decided_at__lt=cutoff, anchor__isnull=True
    )
    return (
        Evidence.objects.filter(submission__in=decided, removed_at__isnull=True)
        .exclude(file="")
        .order_by("pk")
    )


def sweep_expired(*, now=None) -> int:
    """Remove every evidence file past the retention period, a batch at a time."""
    total = 0
    while True:
        with transaction.atomic():
            batch = list(expired_files(now=now).select_for_update()[:BATCH])
            if not batch:
                break
            total += remove_files(batch, because=Removal.RETENTION)
    if total:
        logger.info("Removed %d evidence file(s) past the retention period.", total)
    return total


@task()
def remove_expired_evidence() -> int:
    return sweep_expired()
