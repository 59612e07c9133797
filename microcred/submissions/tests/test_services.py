import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from microcred.accounts.tests.factories import UserFactory
from microcred.assessment.models import Assignment, AssignmentStatus, Review
from microcred.assessment.services import assign
from microcred.assessment.services import reviews as assessment
from microcred.assessment.tests.factories import qualified_assessor
from microcred.backpack.models import EnrollmentStatus
from microcred.catalog.models import Requirement
from microcred.notifications.models import Notification
from microcred.payments import services as fee_services
from microcred.payments.models import Payment, PaymentStatus
from microcred.submissions import services, workflow
from microcred.submissions.models import Evidence, Holiday, StateChange, Submission
from microcred.submissions.states import Event, State
from microcred.submissions.tests.factories import enrollment_for

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def enrollment(earner, issuer, issuer_admin):
    return enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0)


@pytest.fixture
def paid_enrollment(earner, issuer, issuer_admin):
    return enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)


@pytest.fixture
def draft(enrollment, earner):
    return services.start_attempt(enrollment, by=earner)


@pytest.fixture
def requirement(enrollment):
    return Requirement.objects.get(version=enrollment.version)  # accepts file and text


def test_starting_twice_returns_the_same_draft(enrollment, earner, draft):
    assert services.start_attempt(enrollment, by=earner) == draft
    assert (draft.attempt, draft.state) == (1, State.DRAFT)
    assert draft.reference.startswith("MC-")


class _RandomThatRepeats:
    """The random source, drawing one letter for the first eight characters (an ID that
    is taken) and another from then on."""

    def __init__(self):
        self.drawn = 0

    def choice(self, alphabet):
        self.drawn += 1
        return alphabet[0] if self.drawn <= 8 else alphabet[1]


def test_a_submission_id_already_taken_is_drawn_again(
    enrollment, earner, issuer, issuer_admin, monkeypatch
):
    other = enrollment_for(
        UserFactory(), issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    )
    Submission.objects.create(enrollment=other, reference="MC-AAAAAAAA")
    monkeypatch.setattr("microcred.submissions.models.secrets", _RandomThatRepeats())

    draft = services.start_attempt(enrollment, by=earner)

    assert draft.reference == "MC-CCCCCCCC"
    assert draft.enrollment == enrollment


def test_nobody_else_may_start_an_earners_attempt(enrollment, outsider):
    with pytest.raises(PermissionDenied):
        services.start_attempt(enrollment, by=outsider)


def test_text_saves_in_place_and_clearing_removes_it(draft, requirement, earner):
    services.save_text(draft, requirement, by=earner, kind="text", text="First try")
    services.save_text(draft, requirement, by=earner, kind="text", text="Better answer")

    assert Evidence.objects.get(submission=draft).text == "Better answer"
    services.save_text(draft, requirement, by=earner, kind="text", text="   ")
    assert not Evidence.objects.filter(submission=draft).exists()


def test_a_kind_the_requirement_does_not_accept_is_refused(draft, requirement, earner):
    with pytest.raises(ValidationError, match="does not accept"):
        services.add_link(draft, requirement, by=earner, url="https://example.org/video")


def test_a_file_is_stored_under_a_random_name(draft, requirement, earner):
    upload = SimpleUploadedFile("../../My plan.pdf", PDF, "application/pdf")

    evidence = services.add_file(draft, requirement, by=earner, upload=upload)

    assert evidence.original_name == "My plan.pdf"
    assert "My plan" not in evidence.file.name
    assert evidence.file.name.startswith("evidence/")
    assert evidence.content_type == "application/pdf"


def test_a_disguised_file_is_refused_and_nothing_is_stored(draft, requirement, earner):
    upload = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00" + b"\x00" * 100, "application/pdf")

    with pytest.raises(ValidationError) as error:
        services.add_file(draft, requirement, by=earner, upload=upload)

    assert "not a type we accept" in str(error.value)
    assert not Evidence.objects.exists()


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("plan.pdf", b"MZ\x90\x00" + b"\x00" * 100, "not a type we accept"),
        ("big.pdf", PDF + b"\0" * 2048, "the largest accepted is"),
        ("plan.docx", None, "expands to far more than its size"),
        ("empty.pdf", b"", "The file is empty"),
    ],
)
def test_a_refused_upload_says_why_and_keeps_the_evidence_already_there(
    draft, requirement, earner, settings, name, content, says
):
    settings.MAX_EVIDENCE_UPLOAD_BYTES = 2048
    kept = services.add_file(
        draft, requirement, by=earner, upload=SimpleUploadedFile("kept.pdf", PDF)
    )
    stored = sorted(p.name for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())
    settings.MAX_EVIDENCE_UPLOAD_BYTES = 2048 if content is not None else 10 * 1024 * 1024
    upload = SimpleUploadedFile(name, _zip_bomb() if content is None else content)

    with pytest.raises(ValidationError, match=says):
        services.add_file(draft, requirement, by=earner, upload=upload)

    assert list(Evidence.objects.all()) == [kept]
    assert sorted(p.name for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()) == stored
    with kept.file.open("rb") as handle:
        assert handle.read() == PDF


def test_submitting_with_an_empty_requirement_is_refused(draft, earner):
    with pytest.raises(services.IncompleteEvidence) as error:
        services.submit(draft, by=earner)

    assert [r.title for r in error.value.missing] == ["Lesson plan"]
    assert Submission.objects.get(pk=draft.pk).state == State.DRAFT


def test_submitting_freezes_the_attempt(draft, requirement, earner):
    services.save_text(draft, requirement, by=earner, kind="text", text="My plan")

    services.submit(draft, by=earner)

    assert Submission.objects.get(pk=draft.pk).state == State.SUBMITTED
    assert draft.enrollment.__class__.objects.get(pk=draft.enrollment_id).status == (
        EnrollmentStatus.SUBMITTED
    )
    with pytest.raises(workflow.IllegalTransition):
        services.save_text(draft, requirement, by=earner, kind="text", text="Changed later")
    assert Evidence.objects.get(submission=draft).text == "My plan"


def test_submitting_twice_counts_once(draft, requirement, earner):
    services.save_text(draft, requirement, by=earner, kind="text", text="My plan")
    services.submit(draft, by=earner)

    with pytest.raises(workflow.IllegalTransition):
        services.submit(draft, by=earner)
    assert StateChange.objects.filter(submission=draft, event=Event.SUBMIT).count() == 1


def test_someone_else_cannot_add_evidence(draft, requirement, outsider):
    with pytest.raises(PermissionDenied):
        services.save_text(draft, requirement, by=outsider, kind="text", text="Not mine")


def test_a_new_attempt_after_not_met_starts_from_the_last_evidence(
    draft, requirement, earner, enrollment
):
    services.save_text(draft, requirement, by=earner, kind="text", text="My plan")
    services.submit(draft, by=earner)
    workflow.advance(draft, Event.ASSIGN, by=None)
    workflow.advance(draft, Event.NOT_MEET, by=None)

    second = services.start_attempt(enrollment, by=earner)

    assert second.attempt == 2
    assert Evidence.objects.get(submission=second).text == "My plan"
    assert Submission.objects.get(pk=draft.pk).state == State.NOT_MET


def test_attempts_run_out(draft, requirement, earner, enrollment):
    type(enrollment.version).objects.filter(pk=enrollment.version_id).update(max_attempts=1)
    enrollment.version.max_attempts = 1
    services.save_text(draft, requirement, by=earner, kind="text", text="My plan")
    services.submit(draft, by=earner)
    workflow.advance(draft, Event.ASSIGN, by=None)
    workflow.advance(draft, Event.NOT_MEET, by=None)

    with pytest.raises(services.AttemptsExhausted, match="all 1 attempts"):
        services.start_attempt(enrollment, by=earner)


def test_declaring_collaboration_needs_names_and_how_work_was_divided(draft, earner):
    with pytest.raises(ValidationError):
        services.declare_collaboration(draft, by=earner, collaborated=True, note="")

    services.declare_collaboration(
        draft,
        by=earner,
        collaborated=True,
        note="We planned together; I taught it in my class.",
        collaborators=[{"name": "Sam Partner", "email": "SAM@example.org"}],
    )

    assert draft.collaborators.get().email == "sam@example.org"


def test_a_fee_must_be_settled_before_submitting(paid_enrollment, earner):
    draft = services.start_attempt(paid_enrollment, by=earner)
    requirement = Requirement.objects.get(version=paid_enrollment.version)
    services.save_text(draft, requirement, by=earner, kind="text", text="My plan")

    with pytest.raises(services.FeeDue):
        services.submit(draft, by=earner)
    assert Submission.objects.get(pk=draft.pk).state == State.DRAFT


def test_withdrawing_before_review_returns_a_voucher_use(paid_enrollment, earner, issuer):
    batch = fee_services.create_voucher_batch(
        issuer, by=UserFactory(is_staff=True), name="Pilot", count=1
    )
    voucher = batch.vouchers.get()
    fee_services.redeem_voucher(paid_enrollment, by=earner, code=voucher.code)
    draft = services.start_attempt(paid_enrollment, by=earner)
    requirement = Requirement.objects.get(version=paid_enrollment.version)
    services.save_text(draft, requirement, by=earner, kind="text", text="My plan")
    services.submit(draft, by=earner)

    services.withdraw(draft, by=earner, reason="Not ready")

    voucher.refresh_from_db()
    assert voucher.times_used == 0
    assert Payment.objects.get().status == PaymentStatus.REFUNDED
    assert Submission.objects.get(pk=draft.pk).state == State.WITHDRAWN


def _offered(enrollment, earner, requirement):
    mc = enrollment.micro_credential
    qualified_assessor(mc), qualified_assessor(mc)
    draft = services.start_attempt(enrollment, by=earner)
    services.save_text(draft, requirement, by=earner, kind="text", text="My plan")
    services.submit(draft, by=earner)
    assign.sweep()
    return Submission.objects.get(pk=draft.pk)


def test_an_offered_submission_can_still_be_withdrawn_and_its_fee_given_back(
    paid_enrollment, earner, issuer
):
    batch = fee_services.create_voucher_batch(
        issuer, by=UserFactory(is_staff=True), name="Pilot", count=1
    )
    fee_services.redeem_voucher(paid_enrollment, by=earner, code=batch.vouchers.get().code)
    requirement = Requirement.objects.get(version=paid_enrollment.version)
    offered = _offered(paid_enrollment, earner, requirement)
    assert offered.state == State.IN_REVIEW

    services.withdraw(offered, by=earner, reason="Not ready")

    assert Submission.objects.get(pk=offered.pk).state == State.WITHDRAWN
    change = StateChange.objects.filter(submission=offered).last()
    assert (change.from_state, change.to_state, change.actor) == ("in_review", "withdrawn", earner)
    assert batch.vouchers.get().times_used == 0
    assert Notification.objects.filter(user=earner, subject__contains="given back").exists()
    offers = Assignment.objects.filter(submission=offered).select_related("assessor__user")
    assert {a.status for a in offers} == {AssignmentStatus.WITHDRAWN}
    for offer in offers:
        [told] = Notification.objects.filter(user=offer.assessor.user)
        assert told.subject == f"Review {offered.reference} is no longer needed"


def test_once_an_assessor_accepts_the_submission_cannot_be_withdrawn(
    enrollment, requirement, earner
):
    offered = _offered(enrollment, earner, requirement)
    first = Assignment.objects.filter(submission=offered).first()
    assessment.accept(first, by=first.assessor.user)

    with pytest.raises(PermissionDenied):
        services.withdraw(offered, by=earner)
    assert Submission.objects.get(pk=offered.pk).state == State.IN_REVIEW
    assert Assignment.objects.get(pk=first.pk).status == AssignmentStatus.ACCEPTED


def test_an_offer_on_a_withdrawn_submission_cannot_be_accepted_or_scored(
    enrollment, requirement, earner
):
    offered = _offered(enrollment, earner, requirement)
    services.withdraw(offered, by=earner)
    first = Assignment.objects.filter(submission=offered).first()

    with pytest.raises(assessment.ReviewClosed, match="withdrawn by the earner"):
        assessment.accept(first, by=first.assessor.user)
    with pytest.raises(assessment.ReviewClosed):
        assessment.record_review(
            first,
            by=first.assessor.user,
            scores={c.pk: (True, "") for c in requirement.criteria.all()},
            overall_comment="Too late.",
        )
    assert not Review.objects.exists()


def test_a_withdrawn_submission_is_not_offered_again(enrollment, requirement, earner):
    offered = _offered(enrollment, earner, requirement)
    services.withdraw(offered, by=earner)

    assert assign.sweep() == 0


def _submit_at(moment, enrollment, earner, requirement) -> Submission:
    with time_machine.travel(moment):
        draft = services.start_attempt(enrollment, by=earner)
        services.save_text(draft, requirement, by=earner, kind="text", text="My plan")
        return services.submit(draft, by=earner)


def test_the_due_date_skips_weekends_and_thanksgiving(enrollment, earner, requirement):
    friday = datetime(2027, 11, 19, 9, tzinfo=NEW_YORK)

    submission = _submit_at(friday, enrollment, earner, requirement)

    # Fourteen business days: three weekends and Thanksgiving (Thursday, November 25).
    assert submission.due_on == date(2027, 12, 10)
    assert Submission.objects.get(pk=submission.pk).due_on == date(2027, 12, 10)
    assert Notification.objects.get(user=earner).body.endswith("due by 2027-12-10.")


def test_the_issuers_own_holiday_moves_the_due_date_once_more(
    enrollment, earner, requirement, issuer
):
    Holiday.objects.create(organization=issuer, day=date(2027, 11, 26), name="Day after")

    submission = _submit_at(
        datetime(2027, 11, 19, 9, tzinfo=NEW_YORK), enrollment, earner, requirement
    )

    assert submission.due_on == date(2027, 12, 13)


def test_a_friday_evening_submission_counts_from_friday_in_the_platforms_time_zone(
    enrollment, earner, requirement
):
    # 23:30 in New York is already Saturday in UTC.
    submission = _submit_at(
        datetime(2027, 3, 5, 23, 30, tzinfo=NEW_YORK), enrollment, earner, requirement
    )

    assert submission.due_on == date(2027, 3, 25)


def test_a_submission_on_new_years_eve_observed_counts_from_the_next_business_day(
    enrollment, earner, requirement
):
    # New Year's Day 2028 is a Saturday, observed on Friday, December 31, 2027; Martin
    # Luther King Jr. Day is Monday, January 17.
    submission = _submit_at(
        datetime(2027, 12, 31, 10, tzinfo=NEW_YORK), enrollment, earner, requirement
    )

    assert submission.due_on == date(2028, 1, 21)
