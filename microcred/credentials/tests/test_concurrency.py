"""Signing races that only a real server shows: run on PostgreSQL (CI runs the suite there)."""

import pytest
from django.db import connection, transaction

from microcred.accounts.tests.factories import UserFactory
from microcred.assessment.models import Assignment
from microcred.assessment.services import assign
from microcred.assessment.tests.factories import qualified_assessor, submitted
from microcred.assessment.tests.test_concurrency import _at_once
from microcred.catalog.models import RubricCriterion
from microcred.credentials.issuing import batch_signing, status_entries
from microcred.credentials.models import Award
from microcred.submissions.tests.factories import enrollment_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need a PostgreSQL server"
    ),
]


def test_two_last_reviews_at_the_same_instant_make_one_award(issuer, issuer_admin):
    from microcred.assessment.services import reviews as assessment

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

    _at_once(
        *(
            lambda a=a: assessment.record_review(
                a, by=a.assessor.user, scores=scores, overall_comment="Clear."
            )
            for a in (first, second)
        )
    )

    assert Award.objects.filter(submission=submission).count() == 1


def test_two_workers_signing_at_once_sign_each_award_once(issuer, issuer_admin):
    enrollment = enrollment_for(
        UserFactory(), issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    )
    version = enrollment.version
    earners = [UserFactory() for _ in range(30)]
    with transaction.atomic():
        entries = status_entries.allocate(issuer, len(earners))
    Award.objects.bulk_create(
        [
            Award(
                kind="micro_credential",
                earner=earner,
                issuer=issuer,
                version=version,
                awarded_at=enrollment.started_at,
                status_list=status_list,
                status_index=index,
            )
            for earner, (status_list, index) in zip(earners, entries, strict=True)
        ]
    )

    counts = _at_once(
        lambda: batch_signing.sign_pending(batch=4), lambda: batch_signing.sign_pending(batch=4)
    )

    assert all(isinstance(n, int) for n in counts), counts
    assert sum(counts) == 30
    assert Award.objects.filter(signed_at__isnull=True).count() == 0
