"""Earners and assessors are told, in the platform and by e-mail, of every change they must
know, once each, and assessors never learn the earner's name from a message."""

import pytest
from django.core import mail
from django.utils.module_loading import import_string

from microcred.assessment import notifications
from microcred.assessment.models import Assignment
from microcred.assessment.services import assign, reviews
from microcred.catalog.models import RubricCriterion
from microcred.notifications.models import Notification
from microcred.submissions import services as submissions
from microcred.submissions.tests.factories import enrollment_for

from .factories import qualified_assessor, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrollment(earner, issuer, issuer_admin):
    return enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0)


@pytest.fixture
def pool(enrollment):
    return [qualified_assessor(enrollment.micro_credential) for _ in range(3)]


def mails_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def review(assignment, *, met):
    criteria = RubricCriterion.objects.filter(
        requirement__version_id=assignment.submission.enrollment.version_id
    )
    reviews.record_review(
        assignment,
        by=assignment.assessor.user,
        scores={c.pk: (met, "" if met else "Show the student work.") for c in criteria},
        overall_comment="Thank you.",
    )


def test_submitting_tells_the_earner_and_offers_reach_the_assessors(
    enrollment, pool, earner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = submitted(enrollment)

    [received] = Notification.objects.filter(user=earner)
    assert submission.reference in received.subject
    assert len(mails_to(earner)) == 1
    offered = Assignment.objects.filter(submission=submission).select_related("assessor__user")
    assert offered.count() == 2
    for assignment in offered:
        [notice] = Notification.objects.filter(user=assignment.assessor.user)
        assert submission.reference in notice.body
        assert earner.name not in notice.body
        [message] = mails_to(assignment.assessor.user)
        assert earner.name not in message.body
        assert earner.email not in message.body


def test_announcing_offers_again_tells_nobody_twice(
    enrollment, pool, django_capture_on_commit_callbacks
):
    submission = submitted(enrollment)
    assign.sweep()
    ids = list(Assignment.objects.filter(submission=submission).values_list("pk", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        notifications.announce_offers.call(ids)
        notifications.announce_offers.call(ids)

    assert Notification.objects.filter(user__assessor_profile__in=pool).count() == 2
    assert len(mail.outbox) == 2


def test_an_offer_declined_before_its_announcement_is_not_announced(enrollment, pool):
    submission = submitted(enrollment)
    assign.sweep()
    first, second = Assignment.objects.filter(submission=submission).order_by("label")
    reviews.decline(first, by=first.assessor.user)

    notifications.announce_offers.call([first.pk, second.pk])

    assert not Notification.objects.filter(user=first.assessor.user).exists()
    assert Notification.objects.filter(user=second.assessor.user).count() == 1


def test_the_decision_is_told_to_the_earner_once(
    enrollment, pool, earner, django_capture_on_commit_callbacks
):
    submission = submitted(enrollment)
    assign.sweep()
    first, second = Assignment.objects.filter(submission=submission).order_by("label")

    with django_capture_on_commit_callbacks(execute=True):
        review(first, met=False)
        review(second, met=False)

    [notice] = Notification.objects.filter(user=earner, subject__startswith="Feedback on")
    assert submission.reference in notice.body
    assert notice.url == f"/submissions/{submission.reference}/"
    assert [m.subject for m in mails_to(earner)] == [notice.subject]


def test_a_met_decision_congratulates_the_earner(enrollment, pool, earner):
    submission = submitted(enrollment)
    assign.sweep()

    for assignment in Assignment.objects.filter(submission=submission):
        review(assignment, met=True)

    assert Notification.objects.filter(
        user=earner, subject=f"You earned {enrollment.version.title}"
    ).exists()


def test_a_resubmission_offered_to_the_same_assessors_tells_them_again(
    enrollment, pool, earner, django_capture_on_commit_callbacks
):
    submission = submitted(enrollment)
    assign.sweep()
    first, second = Assignment.objects.filter(submission=submission).order_by("label")
    review(first, met=False)
    review(second, met=False)
    revision = submissions.start_attempt(enrollment, by=earner)

    with django_capture_on_commit_callbacks(execute=True):
        submissions.submit(revision, by=earner)

    for assessor in (first.assessor, second.assessor):
        assert Notification.objects.filter(
            user=assessor.user, body__contains=revision.reference
        ).exists()


def test_an_offer_announcement_queued_under_the_old_name_still_runs():
    assert import_string("microcred.assessment.tasks.announce_offers") is (
        notifications.announce_offers
    )
