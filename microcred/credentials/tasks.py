from django.conf import settings
from django.utils import timezone
from django_tasks import task

from .issuing import batch_signing
from .models import BulkIssue

# Sign tasks queued for one bulk issue: enough to keep several workers busy; each signs
# batches until no unsigned award is left, so extra ones finish at once.
PARALLEL_SIGNERS = 4


@task()
def sign_awards() -> int:
    """Sign every unsigned award. Safe to run twice, or on several workers at once: each
    claims its own batches."""
    signed = batch_signing.sign_pending()
    batch_signing.finish_bulk_issues()
    return signed


@task()
def run_bulk_issue(bulk_id: int) -> int:
    bulk = BulkIssue.objects.select_related("cohort").get(pk=bulk_id)
    if bulk.status == BulkIssue.Status.DONE:
        return 0
    BulkIssue.objects.filter(pk=bulk.pk).update(
        status=BulkIssue.Status.RUNNING, updated_at=timezone.now()
    )
    made = batch_signing.create_cohort_awards(bulk.cohort)
    total = batch_signing.bulk_progress(bulk)["total"]
    BulkIssue.objects.filter(pk=bulk.pk).update(total=total, updated_at=timezone.now())
    signers = PARALLEL_SIGNERS if total > settings.CREDENTIALS_SIGNING_BATCH else 1
    for _ in range(signers):
        sign_awards.enqueue()
    return made
