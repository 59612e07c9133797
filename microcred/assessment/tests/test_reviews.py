import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from microcred.assessment.models import (
    Assignment,
    AssignmentStatus,
    Decision,
    Outcome,
    Purpose,
    TieBreak,
)
from microcred.assessment.services import assign, reviews
from microcred.backpack.models import Enrollment, EnrollmentStatus
from microcred.catalog.models import RubricCriterion
from microcred.submissions import services as submissions
from microcred.submissions.models import Submission
from microcred.submissions.states import State
from microcred.submissions.tests.factories import enrollment_for

from .factories import qualified_assessor, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrollment(earner, issuer, issuer_admin):
    return enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0)


@pytest.fixture
def pool(enrollment):
    return [qualified_assessor(enrollment.micro_credential) for _ in range(4)]


@pytest.fixture
def in_review(enrollment, pool):
    submission = submitted(enrollment)
    assign.sweep()
    return submission


def criteria(submission):
    return list(
        RubricCriterion.objects.filter(requirement__version_id=submission.enrollment.version_id)
    )


def score(assignment, *, met: bool, feedback="Needs the students' work samples."):
    return reviews.record_review(
        assignment,
        by=assignment.assessor.user,
        scores={c.pk: (met, "" if met else feedback) for c in criteria(assignment.submission)},
        overall_comment="Thank you for the detailed plan.",
    )


def reviewers(submission, purpose=Purpose.REVIEW):
    return list(
        Assignment.objects.filter(
            submission=submission, purpose=purpose, status__in=["offered", "accepted"]
        ).order_by("label")
    )


def test_two_agreeing_reviews_decide_met_and_the_earner_earns(in_review, enrollment):
    first, second = reviewers(in_review)

    score(first, met=True)
    score(second, met=True)

    decision = Decision.objects.get(submission=in_review)
    assert (decision.outcome, decision.by_tie_break) == (Outcome.MET, False)
    assert Submission.objects.get(pk=in_review.pk).state == State.MET
    assert Enrollment.objects.get(pk=enrollment.pk).status == EnrollmentStatus.EARNED


def test_one_review_alone_decides_nothing(in_review):
    score(reviewers(in_review)[0], met=False)

    assert not Decision.objects.exists()
    assert Submission.objects.get(pk=in_review.pk).state == State.IN_REVIEW


def test_disagreement_calls_a_third_assessor_whose_review_decides(in_review, pool):
    first, second = reviewers(in_review)
    score(first, met=True)
    score(second, met=False)

    assert TieBreak.objects.filter(submission=in_review).exists()
    assign.sweep()
    [third] = reviewers(in_review, Purpose.TIE_BREAK)
    assert third.assessor not in {first.assessor, second.assessor}
    score(third, met=False)

    decision = Decision.objects.get(submission=in_review)
    assert (decision.outcome, decision.by_tie_break) == (Outcome.NOT_MET, True)


def test_not_met_needs_feedback(in_review):
    assignment = reviewers(in_review)[0]

    with pytest.raises(ValidationError) as error:
        reviews.record_review(
            assignment,
            by=assignment.assessor.user,
            scores={c.pk: (False, "  ") for c in criteria(in_review)},
            overall_comment="Overall fine.",
        )

    assert any("feedback is required" in m for m in error.value.messages)
    assert Assignment.objects.get(pk=assignment.pk).status == AssignmentStatus.OFFERED


def test_every_criterion_must_be_scored(in_review):
    assignment = reviewers(in_review)[0]

    with pytest.raises(ValidationError):
        reviews.record_review(
            assignment, by=assignment.assessor.user, scores={}, overall_comment="Hm."
        )


def test_reviewing_someone_elses_assignment_is_refused(in_review, pool):
    first, second = reviewers(in_review)

    with pytest.raises(PermissionDenied):
        reviews.record_review(
            first,
            by=second.assessor.user,
            scores={c.pk: (True, "") for c in criteria(in_review)},
            overall_comment="Not mine.",
        )


def test_a_reassigned_review_cannot_be_scored(in_review):
    assignment = reviewers(in_review)[0]
    reviews.decline(assignment, by=assignment.assessor.user)

    with pytest.raises(reviews.ReviewClosed):
        score(assignment, met=True)


def test_a_closed_review_cannot_be_scored_again(in_review):
    first, second = reviewers(in_review)
    score(first, met=True)

    with pytest.raises(reviews.ReviewClosed):
        score(first, met=False)


def test_a_resubmission_goes_back_to_the_same_assessors(in_review, enrollment, earner, pool):
    first, second = reviewers(in_review)
    score(first, met=False)
    score(second, met=False)
    revision = submissions.start_attempt(enrollment, by=earner)
    submissions.submit(revision, by=earner)

    assign.sweep()

    assert {a.assessor for a in reviewers(revision)} == {first.assessor, second.assessor}


def test_the_earner_sees_results_by_assessor_letter_only(in_review, earner, client):
    first, second = reviewers(in_review)
    score(first, met=False, feedback="Add the exit tickets.")
    score(second, met=False, feedback="Show the student work.")
    client.force_login(earner)

    page = client.get(f"/submissions/{in_review.reference}/").text

    assert "Assessor A" in page
    assert "Add the exit tickets." in page
    assert first.assessor.user.name not in page
    assert second.assessor.user.email not in page


def test_a_revision_shows_last_times_feedback_beside_each_requirement(
    in_review, enrollment, earner, client
):
    first, second = reviewers(in_review)
    score(first, met=False, feedback="Add the exit tickets.")
    score(second, met=False, feedback="Show the student work.")
    revision = submissions.start_attempt(enrollment, by=earner)
    client.force_login(earner)

    page = client.get(f"/submissions/{revision.reference}/").text

    [requirement_id] = {c.requirement_id for c in criteria(revision)}
    part = page.split(f'id="requirement-{requirement_id}"', 1)[1].split("</section>", 1)[0]
    assert "What the assessors said on attempt 1" in part
    assert "<strong>Assessor A:</strong> Add the exit tickets." in part
    assert "<strong>Assessor B:</strong> Show the student work." in part
    assert first.assessor.user.name not in page
    assert second.assessor.user.name not in page


def test_after_a_tie_break_the_result_says_a_third_assessor_decided_and_marks_the_overruled(
    in_review, pool, earner, client
):
    first, second = reviewers(in_review)
    score(first, met=True)
    score(second, met=False, feedback="Show the student work.")
    assign.sweep()
    [third] = reviewers(in_review, Purpose.TIE_BREAK)
    reviews.record_review(
        third,
        by=third.assessor.user,
        scores={c.pk: (True, "The tally is the student work.") for c in criteria(in_review)},
        overall_comment="Met on every criterion.",
    )
    client.force_login(earner)

    page = client.get(f"/submissions/{in_review.reference}/").text

    assert "a third assessor, Assessor C, reviewed your evidence and decided" in page
    assert "<strong>Assessor B (overruled):</strong> Show the student work." in page
    assert "<strong>Assessor C (third assessor, decided):</strong> Met on every criterion." in page
    assert "Assessor A (overruled)" not in page
