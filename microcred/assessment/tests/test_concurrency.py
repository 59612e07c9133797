"""Races that only a real server shows: run on PostgreSQL (CI runs the suite there too)."""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections

from microcred.accounts.tests.factories import UserFactory
from microcred.assessment.models import Assignment, Decision, Qualification
from microcred.assessment.services import assign, reviews
from microcred.catalog.models import RubricCriterion
from microcred.submissions import services as submissions
from microcred.submissions.models import StateChange, Submission
from microcred.submissions.tests.factories import enrollment_for

from .factories import qualified_assessor, submitted

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need a PostgreSQL server"
    ),
]


def _at_once(*calls):
    """Run the calls in threads released together; return what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 — reported to the test below
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_last_reviews_saved_at_the_same_instant_make_one_decision(issuer, issuer_admin):
    enrollment = enrollment_for(
        UserFactory(), issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    )
    qualified_assessor(enrollment.micro_credential)
    qualified_assessor(enrollment.micro_credential)
    submission = submitted(enrollment)
    assign.sweep()
    first, second = Assignment.objects.filter(submission=submission)
    criteria = RubricCriterion.objects.filter(requirement__version_id=enrollment.version_id)
    scores = {c.pk: (True, "") for c in criteria}

    results = _at_once(
        *(
            lambda a=a: reviews.record_review(
                a, by=a.assessor.user, scores=scores, overall_comment="Clear evidence."
            )
            for a in (first, second)
        )
    )

    assert not [r for r in results if isinstance(r, Exception)]
    assert Decision.objects.filter(submission=submission).count() == 1
    assert StateChange.objects.filter(submission=submission, event="meet").count() == 1


def test_two_sweeps_at_once_never_assign_a_submission_twice(issuer, issuer_admin):
    enrollments = [
        enrollment_for(
            UserFactory(), issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
        )
        for _ in range(8)
    ]
    pool = [qualified_assessor(enrollments[0].micro_credential, capacity=50) for _ in range(4)]
    for enrollment in enrollments[1:]:
        for profile in pool:
            Qualification.objects.create(
                assessor=profile, micro_credential=enrollment.micro_credential, is_calibrated=True
            )
    submissions = [submitted(enrollment) for enrollment in enrollments]

    results = _at_once(assign.sweep, assign.sweep)

    assert not [r for r in results if isinstance(r, Exception)]
    for submission in submissions:
        assert Assignment.objects.filter(submission=submission).count() == 2
        assert StateChange.objects.filter(submission=submission, event="assign").count() == 1


def test_withdrawing_while_an_assessor_accepts_lets_exactly_one_of_them_win(issuer, issuer_admin):
    enrollment = enrollment_for(
        UserFactory(), issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    )
    qualified_assessor(enrollment.micro_credential)
    qualified_assessor(enrollment.micro_credential)
    submission = submitted(enrollment)
    assign.sweep()
    offer = Assignment.objects.filter(submission=submission).first()

    withdrew, accepted = _at_once(
        lambda: submissions.withdraw(submission, by=enrollment.earner),
        lambda: reviews.accept(offer, by=offer.assessor.user),
    )

    state = Submission.objects.get(pk=submission.pk).state
    status = Assignment.objects.get(pk=offer.pk).status
    if isinstance(withdrew, Exception):
        assert isinstance(withdrew, PermissionDenied)
        assert (state, status) == ("in_review", "accepted")
    else:
        assert isinstance(accepted, reviews.ReviewClosed)
        assert (state, status) == ("withdrawn", "withdrawn")
