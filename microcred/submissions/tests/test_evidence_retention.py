"""Evidence files are kept EVIDENCE_RETENTION_DAYS after the decision, then the periodic
sweep removes them; the submission page says so, and awards are unaffected."""

from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from microcred.assessment.services import assign
from microcred.assessment.tests.factories import qualified_assessor
from microcred.catalog.models import Requirement
from microcred.credentials.issuing import batch_signing
from microcred.credentials.models import Award
from microcred.credentials.tests.factories import decide
from microcred.credentials.verification import verify
from microcred.submissions import services
from microcred.submissions.evidence_removal import sweep_expired
from microcred.submissions.models import Evidence, Removal
from microcred.submissions.tests.factories import enrollment_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _decided(earner, issuer_admin, issuer, *, name="Lesson plan.pdf"):
    enrollment = enrollment_for(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    )
    for _ in range(2):
        qualified_assessor(enrollment.micro_credential)
    submission = services.start_attempt(enrollment, by=earner)
    requirement = Requirement.objects.get(version=enrollment.version)
    services.save_text(submission, requirement, by=earner, kind="text", text="What I did.")
    services.add_file(
        submission, requirement, by=earner, upload=SimpleUploadedFile(name, PDF, "application/pdf")
    )
    services.submit(submission, by=earner)
    assign.sweep()
    decide(submission, met=True)
    batch_signing.sign_pending()
    submission.refresh_from_db()
    return submission


@pytest.fixture
def decided(earner, issuer_admin, issuer):
    return _decided(earner, issuer_admin, issuer)


def _file_of(submission) -> Evidence:
    return Evidence.objects.get(submission=submission, kind="file")


def test_without_a_retention_period_nothing_is_removed(decided, settings):
    settings.EVIDENCE_RETENTION_DAYS = 0

    with time_machine.travel(timezone.now() + timedelta(days=5000)):
        assert sweep_expired() == 0
    assert _file_of(decided).removed_at is None


def test_files_younger_than_the_period_stay(decided, settings):
    settings.EVIDENCE_RETENTION_DAYS = 30

    with time_machine.travel(decided.decided_at + timedelta(days=29)):
        assert sweep_expired() == 0
    assert _file_of(decided).file


def test_files_past_the_period_are_removed_from_storage(decided, settings):
    settings.EVIDENCE_RETENTION_DAYS = 30
    piece = _file_of(decided)
    path = Path(settings.MEDIA_ROOT) / piece.file.name

    with time_machine.travel(decided.decided_at + timedelta(days=31)):
        assert sweep_expired() == 1

    piece.refresh_from_db()
    assert not path.exists()
    assert (piece.file.name, piece.removed_because) == ("", Removal.RETENTION)
    assert piece.original_name == "Lesson plan.pdf"
    assert Evidence.objects.get(submission=decided, kind="text").text == "What I did."


def test_running_the_sweep_again_changes_nothing(decided, settings):
    settings.EVIDENCE_RETENTION_DAYS = 30
    with time_machine.travel(decided.decided_at + timedelta(days=31)):
        sweep_expired()
        assert sweep_expired() == 0


def test_open_submissions_keep_their_files(earner, issuer_admin, issuer, settings):
    settings.EVIDENCE_RETENTION_DAYS = 1
    enrollment = enrollment_for(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    )
    draft = services.start_attempt(enrollment, by=earner)
    services.add_file(
        draft,
        Requirement.objects.get(version=enrollment.version),
        by=earner,
        upload=SimpleUploadedFile("draft.pdf", PDF, "application/pdf"),
    )

    with time_machine.travel(timezone.now() + timedelta(days=400)):
        assert sweep_expired() == 0


def test_the_award_still_verifies_after_its_evidence_is_removed(decided, settings):
    settings.EVIDENCE_RETENTION_DAYS = 30
    award = Award.objects.get(submission=decided)
    signed = award.credential_json

    with time_machine.travel(decided.decided_at + timedelta(days=31)):
        sweep_expired()

    award.refresh_from_db()
    assert award.credential_json == signed
    assert verify.verify_text(award.credential_json).verified


def test_the_submission_page_says_the_file_was_removed_under_the_policy(
    client, earner, decided, settings
):
    settings.EVIDENCE_RETENTION_DAYS = 30
    with time_machine.travel(decided.decided_at + timedelta(days=31)):
        sweep_expired()
    client.force_login(earner)

    page = client.get(f"/submissions/{decided.reference}/").content.decode()
    download = client.get(f"/submissions/{decided.reference}/evidence/{_file_of(decided).pk}/")

    assert "Lesson plan.pdf" in page
    assert "removed under the retention policy" in page
    assert download.status_code == 404


def test_run_periodic_queues_the_sweep(decided, settings):
    settings.EVIDENCE_RETENTION_DAYS = 30

    with time_machine.travel(decided.decided_at + timedelta(days=31)):
        call_command("run_periodic", "--once")

    assert _file_of(decided).removed_at is not None
