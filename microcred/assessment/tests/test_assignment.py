from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from microcred.accounts.tests.factories import UserFactory
from microcred.assessment.models import Assignment, AssignmentStatus, Qualification
from microcred.assessment.services import assign, reviews
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
def mc(enrollment):
    return enrollment.micro_credential


def live(submission):
    return list(
        Assignment.objects.filter(
            submission=submission, status__in=["offered", "accepted", "completed"]
        ).order_by("label")
    )


def test_a_submission_goes_to_two_qualified_assessors(enrollment, mc):
    first, second, _third = (qualified_assessor(mc) for _ in range(3))
    submission = submitted(enrollment)

    made = assign.sweep()

    assert made == 2
    assert [a.label for a in live(submission)] == ["A", "B"]
    assert Submission.objects.get(pk=submission.pk).state == State.IN_REVIEW


def test_a_second_sweep_changes_nothing(enrollment, mc):
    qualified_assessor(mc), qualified_assessor(mc), qualified_assessor(mc)
    submitted(enrollment)
    assign.sweep()

    assert assign.sweep() == 0
    assert Assignment.objects.count() == 2


def test_the_earner_and_declared_collaborators_never_review(enrollment, mc, earner):
    collaborator = qualified_assessor(mc)
    own = qualified_assessor(mc)
    own.user = earner
    own.save()
    others = [qualified_assessor(mc), qualified_assessor(mc)]
    submission = submissions.start_attempt(enrollment, by=earner)
    submissions.declare_collaboration(
        submission,
        by=earner,
        collaborated=True,
        note="We co-planned.",
        collaborators=[{"name": "Colleague", "email": collaborator.user.email}],
    )
    submitted(enrollment)

    assign.sweep()

    assert {a.assessor for a in live(submission)} == set(others)


def test_someone_from_the_earners_district_is_chosen_only_when_unavoidable(
    enrollment, mc, district
):
    neighbour = qualified_assessor(mc, district=district)
    stranger = qualified_assessor(mc)
    submission = submitted(enrollment)

    assign.sweep()

    assert {a.assessor for a in live(submission)} == {neighbour, stranger}
    assert live(submission)[0].assessor == stranger


def _shared_pool(enrollments, *capacities):
    pool = [qualified_assessor(enrollments[0].micro_credential, capacity=c) for c in capacities]
    for enrollment in enrollments[1:]:
        for profile in pool:
            Qualification.objects.create(
                assessor=profile, micro_credential=enrollment.micro_credential, is_calibrated=True
            )
    return pool


def _enrollments(issuer, issuer_admin, count):
    return [
        enrollment_for(
            UserFactory(), issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
        )
        for _ in range(count)
    ]


def test_load_is_balanced_and_capacity_respected(issuer, issuer_admin):
    enrollments = _enrollments(issuer, issuer_admin, 3)
    busy, first, second = _shared_pool(enrollments, 1, 10, 10)
    for enrollment in enrollments:
        submitted(enrollment)

    assign.sweep()

    loads = {p: Assignment.objects.filter(assessor=p).count() for p in (busy, first, second)}
    assert loads[busy] == 1
    assert sorted([loads[first], loads[second]]) == [2, 3]


def test_a_declined_offer_is_offered_to_someone_else(enrollment, mc):
    assessors = [qualified_assessor(mc) for _ in range(3)]
    submission = submitted(enrollment)
    assign.sweep()
    declined = live(submission)[0]

    reviews.decline(declined, by=declined.assessor.user)
    assign.sweep()

    chosen = {a.assessor for a in live(submission)}
    assert declined.assessor not in chosen
    assert chosen == set(assessors) - {declined.assessor}


def test_an_offer_not_accepted_in_time_moves_on(enrollment, mc):
    [qualified_assessor(mc) for _ in range(3)]
    submission = submitted(enrollment)
    assign.sweep()
    prompt, late = live(submission)
    reviews.accept(prompt, by=prompt.assessor.user)

    assign.sweep(now=timezone.now() + timedelta(hours=49))

    late.refresh_from_db()
    assert late.status == AssignmentStatus.EXPIRED
    assert prompt in live(submission)
    assert len(live(submission)) == 2
    assert late.assessor not in {a.assessor for a in live(submission)}


def test_with_too_few_assessors_the_submission_waits_for_more(enrollment, mc):
    qualified_assessor(mc)
    submission = submitted(enrollment)

    assign.sweep()
    assert len(live(submission)) == 1
    qualified_assessor(mc)
    assign.sweep()

    assert len(live(submission)) == 2


def test_an_inactive_or_unqualified_assessor_gets_nothing(enrollment, mc, issuer, issuer_admin):
    paused = qualified_assessor(mc)
    paused.is_active = False
    paused.save()
    other_mc = _enrollments(issuer, issuer_admin, 1)[0]
    qualified_assessor(other_mc.micro_credential)
    submission = submitted(enrollment)

    assign.sweep()

    assert live(submission) == []
    assert Submission.objects.get(pk=submission.pk).state == State.SUBMITTED


def _sweep_queries(issuer, issuer_admin, count) -> int:
    enrollments = _enrollments(issuer, issuer_admin, count)
    _shared_pool(enrollments, 10, 10, 10)
    for enrollment in enrollments:
        submitted(enrollment)
    with CaptureQueriesContext(connection) as queries:
        assign.sweep()
    return len(queries)


def test_a_sweep_runs_the_same_number_of_queries_for_any_queue(issuer, issuer_admin):
    assert _sweep_queries(issuer, issuer_admin, 2) == _sweep_queries(issuer, issuer_admin, 6)


def test_a_micro_credential_can_ask_for_three_reviewers(enrollment, mc):
    type(enrollment.version).objects.filter(pk=enrollment.version_id).update(
        assessors_per_submission=3
    )
    [qualified_assessor(mc) for _ in range(4)]
    submission = submitted(enrollment)

    assign.sweep()

    assert [a.label for a in live(submission)] == ["A", "B", "C"]
