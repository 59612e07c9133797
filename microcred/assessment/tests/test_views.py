"""The assessor's pages: the queue reads the same however long it is, and a review that is
not, or no longer, the assessor's answers with a clear refusal and saves nothing."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from microcred.accounts.tests.factories import UserFactory
from microcred.assessment.models import Assignment, AssignmentStatus, Review
from microcred.assessment.services import assign, reviews
from microcred.backpack.models import Enrollment
from microcred.catalog.models import RubricCriterion
from microcred.submissions.tests.factories import SubmissionFactory, enrollment_for

from .factories import qualified_assessor, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrollment(earner, issuer, issuer_admin):
    return enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0)


@pytest.fixture
def in_review(enrollment):
    qualified_assessor(enrollment.micro_credential)
    qualified_assessor(enrollment.micro_credential)
    submission = submitted(enrollment)
    assign.sweep()
    return submission


def scores_posted(assignment) -> dict:
    criteria = RubricCriterion.objects.filter(
        requirement__version_id=assignment.submission.enrollment.version_id
    )
    return {
        **{f"criterion-{c.pk}": "met" for c in criteria},
        "overall_comment": "Clear evidence.",
    }


def _queue_queries(client, enrollment, count: int) -> int:
    profile = qualified_assessor(enrollment.micro_credential)
    now = timezone.now()

    def another(state):
        return SubmissionFactory(
            state=state,
            enrollment=Enrollment.objects.create(
                earner=UserFactory(password=None),
                micro_credential=enrollment.micro_credential,
                version=enrollment.version,
            ),
        )

    for index in range(count):
        Assignment.objects.create(
            submission=another("in_review"),
            assessor=profile,
            label="A",
            status=AssignmentStatus.ACCEPTED if index % 2 else AssignmentStatus.OFFERED,
            respond_by=now + timedelta(days=2),
            due_on=now.date() + timedelta(days=10),
        )
        Assignment.objects.create(
            submission=another("met"),
            assessor=profile,
            label="B",
            status=AssignmentStatus.COMPLETED,
            respond_by=now,
            due_on=now.date(),
            closed_at=now,
        )
    client.force_login(profile.user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/assessor/")
    assert response.status_code == 200
    assert response.text.count("Accept MC-") == (count + 1) // 2
    client.logout()
    return len(queries)


def test_the_queue_reads_as_often_for_3_assignments_as_for_30(client, enrollment):
    assert _queue_queries(client, enrollment, 3) == _queue_queries(client, enrollment, 30)


def test_someone_elses_review_is_not_found_and_a_post_saves_nothing(client, in_review):
    first, second = Assignment.objects.filter(submission=in_review).order_by("label")
    client.force_login(second.assessor.user)

    assert client.get(f"/assessor/reviews/{first.pk}/").status_code == 404
    response = client.post(f"/assessor/reviews/{first.pk}/", scores_posted(first))

    assert response.status_code == 404
    assert client.post(f"/assessor/reviews/{first.pk}/accept/").status_code == 404
    assert not Review.objects.exists()
    assert Assignment.objects.get(pk=first.pk).status == AssignmentStatus.OFFERED


def test_sending_a_review_that_was_reassigned_says_so_and_saves_nothing(client, in_review):
    assignment = Assignment.objects.filter(submission=in_review).first()
    reviews.accept(assignment, by=assignment.assessor.user)
    client.force_login(assignment.assessor.user)
    form = client.get(f"/assessor/reviews/{assignment.pk}/")
    assert "Send review" in form.text
    assign.sweep(now=timezone.now() + timedelta(days=30))  # the review ran past its due date

    response = client.post(
        f"/assessor/reviews/{assignment.pk}/", scores_posted(assignment), follow=True
    )

    assert "This review is reassigned and can no longer be changed." in response.text
    assert not Review.objects.filter(assignment=assignment).exists()


def test_sending_a_review_twice_keeps_the_first(client, in_review):
    assignment = Assignment.objects.filter(submission=in_review).first()
    client.force_login(assignment.assessor.user)
    client.post(f"/assessor/reviews/{assignment.pk}/", scores_posted(assignment))
    again = {**scores_posted(assignment), "overall_comment": "Changed my mind."}

    response = client.post(f"/assessor/reviews/{assignment.pk}/", again, follow=True)

    assert "This review is completed and can no longer be changed." in response.text
    assert Review.objects.get(assignment=assignment).overall_comment == "Clear evidence."
