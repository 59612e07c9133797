"""Keeping reviews on time: stale offers and overdue reviews move on, assessors are
reminded, admins are told of late submissions, and the report counts what was on time."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail

from microcred.accounts.tests.factories import UserFactory
from microcred.assessment import service_level
from microcred.assessment.models import Assignment, AssignmentStatus, Escalation, Review
from microcred.assessment.services import assign, reviews
from microcred.catalog.models import RubricCriterion
from microcred.notifications.models import Notification
from microcred.submissions.business_days import HolidayCalendar, add_business_days
from microcred.submissions.models import Submission
from microcred.submissions.tests.factories import enrollment_for

from .factories import qualified_assessor, submitted

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
# A Monday with no holiday near it: the decision is due 14 business days later, on Friday
# March 19.
MONDAY = datetime(2027, 3, 1, 10, 0, tzinfo=NEW_YORK)


def at(day: date, hour: int = 10):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=NEW_YORK))


@pytest.fixture
def enrollment(earner, issuer, issuer_admin):
    return enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0)


@pytest.fixture
def pool(enrollment):
    return [qualified_assessor(enrollment.micro_credential) for _ in range(3)]


@pytest.fixture
def in_review(enrollment, pool):
    with at(MONDAY.date()):
        submission = submitted(enrollment)
        assign.sweep()
    return Submission.objects.get(pk=submission.pk)


def offers(submission, *statuses):
    return list(
        Assignment.objects.filter(submission=submission, status__in=statuses or ["offered"])
        .select_related("assessor__user")
        .order_by("label")
    )


def all_met(assignment):
    return {
        c.pk: (True, "")
        for c in RubricCriterion.objects.filter(
            requirement__version_id=assignment.submission.enrollment.version_id
        )
    }


def notices(user, containing):
    return list(Notification.objects.filter(user=user, subject__contains=containing))


def test_the_decision_is_due_fourteen_business_days_after_submission(in_review):
    assert in_review.due_on == date(2027, 3, 19)
    assert {a.due_on for a in offers(in_review)} == {date(2027, 3, 19)}


def test_an_overdue_review_is_taken_back_and_offered_to_someone_else(in_review, pool):
    late, prompt = offers(in_review)
    with at(date(2027, 3, 2)):
        reviews.accept(late, by=late.assessor.user)
        reviews.accept(prompt, by=prompt.assessor.user)
        reviews.record_review(
            prompt, by=prompt.assessor.user, scores=all_met(prompt), overall_comment="Clear."
        )

    with at(date(2027, 3, 22)):  # the Monday after the due date
        assign.sweep()

    late.refresh_from_db()
    assert late.status == AssignmentStatus.REASSIGNED
    [replacement] = offers(in_review)
    assert replacement.assessor not in {late.assessor, prompt.assessor}
    # The new assessor has time to do it, though the submission is already late.
    assert replacement.due_on == add_business_days(
        date(2027, 3, 22), settings.REPLACEMENT_REVIEW_BUSINESS_DAYS, holidays=HolidayCalendar()
    )
    [told] = notices(late.assessor.user, "has been reassigned")
    assert in_review.reference in told.body


def test_a_review_taken_back_cannot_be_sent_and_nothing_is_counted(in_review):
    late, _other = offers(in_review)
    with at(date(2027, 3, 2)):
        reviews.accept(late, by=late.assessor.user)
    with at(date(2027, 3, 22)):
        assign.sweep()

        with pytest.raises(reviews.ReviewClosed, match="reassigned"):
            reviews.record_review(
                late, by=late.assessor.user, scores=all_met(late), overall_comment="Late."
            )

    assert not Review.objects.filter(assignment=late).exists()


def test_an_offer_not_answered_in_time_tells_its_assessor(in_review):
    first, _second = offers(in_review)
    hours = settings.ASSIGNMENT_RESPONSE_HOURS

    with time_machine.travel(MONDAY + timedelta(hours=hours + 1)):
        assign.sweep()

    assert Assignment.objects.get(pk=first.pk).status == AssignmentStatus.EXPIRED
    assert len(notices(first.assessor.user, "has passed")) == 1
    assert len(offers(in_review)) == 1  # only the third assessor was left to offer it to


def test_taking_back_twice_tells_the_assessor_once(in_review):
    first, _second = offers(in_review)
    later = MONDAY + timedelta(hours=settings.ASSIGNMENT_RESPONSE_HOURS + 1)

    with time_machine.travel(later):
        assign.sweep()
        assign.sweep()

    assert len(notices(first.assessor.user, "has passed")) == 1


def test_an_assessor_is_reminded_three_days_before_the_due_date_once(
    in_review, django_capture_on_commit_callbacks
):
    first, second = offers(in_review)
    with at(date(2027, 3, 2)):
        reviews.accept(first, by=first.assessor.user)
        reviews.accept(second, by=second.assessor.user)

    with at(date(2027, 3, 15)):
        assert service_level.remind_assessors() == 0  # due on the 19th: not yet
    with at(date(2027, 3, 16)), django_capture_on_commit_callbacks(execute=True):
        assert service_level.remind_assessors() == 2
        assert service_level.remind_assessors() == 0

    assert len(notices(first.assessor.user, "is due on 2027-03-19")) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [first.assessor.user.email, second.assessor.user.email]
    )


def test_a_reminder_is_repeated_after_two_days_not_sooner(in_review):
    first, _second = offers(in_review)
    with at(date(2027, 3, 16)):
        reviews.accept(first, by=first.assessor.user)
        service_level.remind_assessors()
    with at(date(2027, 3, 17)):
        service_level.remind_assessors()
    with at(date(2027, 3, 18), hour=11):
        service_level.remind_assessors()

    assert len(notices(first.assessor.user, "is due on")) == 2


def test_a_finished_review_is_not_reminded(in_review):
    first, _second = offers(in_review)
    with at(date(2027, 3, 16)):
        reviews.record_review(
            first, by=first.assessor.user, scores=all_met(first), overall_comment="Clear."
        )
        service_level.remind_assessors()

    assert notices(first.assessor.user, "is due on") == []


def test_an_overdue_submission_is_escalated_to_the_issuers_admins_once(
    in_review, issuer_admin, org_admin, earner
):
    with at(date(2027, 3, 19)):
        assert service_level.escalate_overdue() == 0  # due today: not late yet
    with at(date(2027, 3, 22)):
        assert service_level.escalate_overdue() == 1
        assert service_level.escalate_overdue() == 0

    assert Escalation.objects.filter(submission=in_review).count() == 1
    for admin in (issuer_admin, org_admin):
        [notice] = notices(admin, "Overdue")
        assert in_review.reference in notice.body
    assert notices(earner, "Overdue") == []


def test_a_decided_submission_is_never_escalated(in_review):
    for assignment in offers(in_review):
        with at(date(2027, 3, 3)):
            reviews.record_review(
                assignment,
                by=assignment.assessor.user,
                scores=all_met(assignment),
                overall_comment="Clear.",
            )

    with at(date(2027, 3, 22)):
        assert service_level.escalate_overdue() == 0


def _decide_on(submission, day: date):
    with at(day):
        for assignment in offers(submission):
            reviews.record_review(
                assignment,
                by=assignment.assessor.user,
                scores=all_met(assignment),
                overall_comment="Clear.",
            )


def test_the_report_counts_decisions_on_time_late_and_open_overdue(issuer, issuer_admin):
    def waiting(day):
        enrollment = enrollment_for(
            UserFactory(), issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
        )
        for _ in range(3):  # two reviewers and a tie-break: the review can start
            qualified_assessor(enrollment.micro_credential)
        with at(day):
            return submitted(enrollment)

    on_time, late, overdue = (waiting(MONDAY.date()) for _ in range(3))
    waiting(date(2027, 3, 29))
    with at(MONDAY.date()):
        assign.sweep()
    _decide_on(on_time, date(2027, 3, 5))  # 4 business days after submission
    _decide_on(late, date(2027, 3, 24))  # 17 business days: 3 late

    report = service_level.report([issuer.pk], today=date(2027, 3, 31))

    assert (report.decided, report.decided_on_time, report.on_time_percent) == (2, 1, 50)
    assert report.median_business_days == (4 + 17) / 2
    # Due on the 19th, 8 business days late on the 31st; the fresh one is within its time.
    assert [(s.pk, days) for s, days in report.open_overdue] == [(overdue.pk, 8)]
    assert report.open_on_time == 1


def test_the_report_is_only_the_issuers_own(in_review, other_issuer):
    report = service_level.report([other_issuer.pk], today=date(2027, 3, 31))

    assert (report.decided, report.open_on_time, report.open_overdue) == (0, 0, [])
