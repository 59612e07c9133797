"""Issuing a whole cohort's credentials in the background, and surviving a killed worker."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from microcred.catalog.models import Cohort
from microcred.credentials import tasks
from microcred.credentials.issuing import batch_signing, services
from microcred.credentials.models import AuditAction, Award, BulkIssue, CredentialAudit
from microcred.credentials.verification import verify
from microcred.submissions.models import Submission
from microcred.submissions.states import State
from microcred.submissions.tests.factories import enrollment_for

from .factories import met_submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort_with_met(earner, issuer, issuer_admin, django_user_model):
    """A cohort of three earners whose decisions were Met before any award was made."""
    first = enrollment_for(
        earner, issuer_admin=issuer_admin, fee=0, micro_credential__issuer=issuer
    )
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        micro_credential=first.micro_credential,
        name="Spring cohort",
        starts_on=today,
        ends_on=today + timedelta(days=60),
        enrollment_opens_on=today - timedelta(days=10),
        enrollment_closes_on=today,
        capacity=10,
    )
    enrollments = [first]
    for n in range(2):
        other = django_user_model.objects.create_user(
            email=f"peer{n}@example.org", password="x" * 12
        )
        enrollments.append(
            first.__class__.objects.create(
                earner=other, micro_credential=first.micro_credential, version=first.version
            )
        )
    for enrollment in enrollments:
        enrollment.cohort = cohort
        enrollment.save()
        met_submission(enrollment.earner, issuer_admin=issuer_admin, enrollment=enrollment)
    # As for records from before credentials were issued: decisions without awards.
    CredentialAudit.objects.filter(award__isnull=False).delete()
    Award.objects.all().delete()
    return cohort


def test_issuing_a_cohort_awards_and_signs_every_met_earner(
    cohort_with_met, issuer_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bulk = services.issue_for_cohort(cohort_with_met, by=issuer_admin)

    bulk.refresh_from_db()
    assert bulk.status == BulkIssue.Status.DONE
    assert batch_signing.bulk_progress(bulk) == {"total": 3, "signed": 3, "done": True}
    for award in Award.objects.all():
        assert verify.verify_text(award.credential_json).verified


def test_issuing_again_makes_no_second_award(cohort_with_met, issuer_admin):
    assert batch_signing.create_cohort_awards(cohort_with_met) == 3
    assert batch_signing.create_cohort_awards(cohort_with_met) == 0
    assert Award.objects.count() == 3
    assert Award.objects.values("status_index").distinct().count() == 3


def test_only_the_issuers_admins_issue_for_a_cohort(cohort_with_met, outsider):
    with pytest.raises(PermissionDenied):
        services.issue_for_cohort(cohort_with_met, by=outsider)


def test_a_second_request_while_one_runs_joins_it(cohort_with_met, issuer_admin):
    first = services.issue_for_cohort(cohort_with_met, by=issuer_admin)

    assert services.issue_for_cohort(cohort_with_met, by=issuer_admin) == first


def test_a_worker_killed_mid_batch_loses_nothing_and_signs_nothing_twice(cohort_with_met):
    batch_signing.create_cohort_awards(cohort_with_met)
    # A worker claims every award and dies before storing what it signed.
    dead = batch_signing.claim(10)
    assert Award.objects.filter(signing_claim=dead).count() == 3

    assert batch_signing.sign_pending() == 0  # its claim is still fresh: nobody takes it over
    with time_machine.travel(timezone.now() + batch_signing.CLAIM_TIMEOUT + timedelta(minutes=1)):
        assert batch_signing.sign_pending() == 3

    signed = {a.pk: a.credential_json for a in Award.objects.all()}
    # The dead worker comes back and tries to store its stale batch: nothing changes.
    assert batch_signing.sign_claimed(dead) == 0
    assert {a.pk: a.credential_json for a in Award.objects.all()} == signed
    assert all(json.loads(text)["proof"] for text in signed.values())


def test_two_workers_claim_disjoint_batches(cohort_with_met):
    batch_signing.create_cohort_awards(cohort_with_met)

    first, second = batch_signing.claim(2), batch_signing.claim(2)

    mine = set(Award.objects.filter(signing_claim=first).values_list("pk", flat=True))
    theirs = set(Award.objects.filter(signing_claim=second).values_list("pk", flat=True))
    assert len(mine) == 2
    assert len(theirs) == 1
    assert not mine & theirs
    assert batch_signing.claim(2) is None


def test_the_signing_task_is_safe_to_run_twice(cohort_with_met):
    batch_signing.create_cohort_awards(cohort_with_met)

    assert tasks.sign_awards.call() == 3
    assert tasks.sign_awards.call() == 0
    assert Submission.objects.filter(state=State.MET, award__signed_at__isnull=False).count() == 3


# -- Recovery: a bulk issue whose worker died ------------------------------------------------

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _stopped_bulk(cohort, issuer_admin, *, awards_made=True):
    """A bulk issue whose worker died: the run says RUNNING, nothing has moved since."""
    bulk = BulkIssue.objects.create(
        cohort=cohort, created_by=issuer_admin, status=BulkIssue.Status.RUNNING
    )
    if awards_made:
        batch_signing.create_cohort_awards(cohort)
    return bulk


def _a_while_later():
    return time_machine.travel(timezone.now() + timedelta(minutes=5))


def test_a_stopped_bulk_issue_is_resumed_by_issuing_again(
    cohort_with_met, issuer_admin, django_capture_on_commit_callbacks
):
    bulk = _stopped_bulk(cohort_with_met, issuer_admin)

    with _a_while_later(), django_capture_on_commit_callbacks(execute=True):
        again = services.issue_for_cohort(cohort_with_met, by=issuer_admin)

    assert again == bulk
    bulk.refresh_from_db()
    assert bulk.status == BulkIssue.Status.DONE
    assert not Award.objects.filter(signed_at__isnull=True).exists()


def test_a_bulk_issue_that_moves_is_joined_not_run_twice(
    cohort_with_met, issuer_admin, django_capture_on_commit_callbacks
):
    bulk = _stopped_bulk(cohort_with_met, issuer_admin)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert services.issue_for_cohort(cohort_with_met, by=issuer_admin) == bulk

    assert callbacks == []


def test_the_issuer_page_offers_to_resume_a_stopped_bulk_issue(
    client, cohort_with_met, issuer, issuer_admin
):
    _stopped_bulk(cohort_with_met, issuer_admin)
    client.force_login(issuer_admin)

    with _a_while_later():
        page = client.get(f"/author/credentials/{issuer.slug}/").text

    assert "Stopped: 0 of 3 credentials signed" in page
    assert "Resume issuing for Spring cohort" in page


def test_the_issuer_page_counts_the_met_earners_before_their_awards_exist(
    client, cohort_with_met, issuer, issuer_admin
):
    _stopped_bulk(cohort_with_met, issuer_admin, awards_made=False)
    client.force_login(issuer_admin)

    page = client.get(f"/author/credentials/{issuer.slug}/").text

    assert "Signing: 0 of 3 credentials signed" in page


def test_signing_other_awards_does_not_mark_done_an_issue_whose_awards_are_not_made(
    cohort_with_met, issuer_admin
):
    bulk = _stopped_bulk(cohort_with_met, issuer_admin, awards_made=False)

    tasks.sign_awards.call()

    bulk.refresh_from_db()
    assert bulk.status == BulkIssue.Status.RUNNING


def test_the_sweep_signs_awards_nobody_queued_signing_for(cohort_with_met):
    batch_signing.create_cohort_awards(cohort_with_met)

    report = services.sweep_signing()

    assert report["unsigned"] == 3
    assert report["signers_queued"] == 1
    assert not Award.objects.filter(signed_at__isnull=True).exists()
    assert services.sweep_signing()["signers_queued"] == 0


def test_the_sweep_leaves_awards_a_living_signer_holds(cohort_with_met):
    batch_signing.create_cohort_awards(cohort_with_met)
    batch_signing.claim(10)

    assert services.sweep_signing()["unsigned"] == 0
    assert Award.objects.filter(signed_at__isnull=True).count() == 3


def test_the_sweep_queues_no_more_signers_than_are_already_waiting(cohort_with_met, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_TASKS
    settings.CREDENTIALS_SIGNING_BATCH = 1
    batch_signing.create_cohort_awards(cohort_with_met)

    first = services.sweep_signing()
    second = services.sweep_signing()

    assert first["signers_queued"] == 3
    assert second["signers_queued"] == 0
    assert DBTaskResult.objects.filter(task_path=tasks.sign_awards.module_path).count() == 3


def test_the_sweep_resumes_a_stopped_bulk_issue(
    cohort_with_met, issuer_admin, django_capture_on_commit_callbacks
):
    bulk = _stopped_bulk(cohort_with_met, issuer_admin, awards_made=False)

    with _a_while_later(), django_capture_on_commit_callbacks(execute=True):
        report = services.sweep_signing()

    assert report["resumed"] == 1
    bulk.refresh_from_db()
    assert bulk.status == BulkIssue.Status.DONE
    assert Award.objects.filter(signed_at__isnull=False).count() == 3


def test_every_award_made_for_a_cohort_is_in_its_history_as_issued(cohort_with_met):
    batch_signing.create_cohort_awards(cohort_with_met)

    for award in Award.objects.all():
        assert list(
            CredentialAudit.objects.filter(award=award).values_list("action", flat=True)
        ) == [AuditAction.ISSUED]
