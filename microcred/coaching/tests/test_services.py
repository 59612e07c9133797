"""Coaching rules: who comments where and when, deadlines, and their reminders."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from microcred.accounts.tests.factories import UserFactory
from microcred.coaching import services
from microcred.coaching.models import (
    CoachingComment,
    CohortDeadline,
    DeadlineKind,
    DeadlineReminder,
    Voice,
)
from microcred.notifications.models import Notification
from microcred.submissions import services as submissions

from .factories import cohort_draft, on

pytestmark = pytest.mark.django_db


def test_a_facilitator_comments_on_one_requirement_and_the_earner_is_told(
    draft, requirements, facilitator, earner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        note = services.comment(
            draft, requirements[0], by=facilitator, body="Say which protocol and why."
        )

    assert (note.voice, note.requirement, note.body) == (
        Voice.FACILITATOR,
        requirements[0],
        "Say which protocol and why.",
    )
    told = Notification.objects.get(user=earner)
    assert told.url.endswith(f"#requirement-{requirements[0].pk}")
    assert mail.outbox[-1].to == [earner.email]
    assert "Say which protocol and why." in mail.outbox[-1].body


def test_the_earner_replies_and_the_facilitator_is_told(
    draft, requirements, facilitator, earner, django_capture_on_commit_callbacks
):
    services.comment(draft, requirements[1], by=facilitator, body="What would you change?")
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.comment(draft, requirements[1], by=earner, body="The grouping.")

    assert reply.voice == Voice.EARNER
    assert mail.outbox[-1].to == [facilitator.email]


def test_the_facilitator_of_another_cohort_cannot_comment(draft, requirements, other_facilitator):
    with pytest.raises(PermissionDenied):
        services.comment(draft, requirements[0], by=other_facilitator, body="Hello")
    assert not CoachingComment.objects.exists()


def test_the_issuer_admin_reads_the_cohort_but_coaching_is_the_facilitators(
    draft, requirements, issuer_admin
):
    with pytest.raises(PermissionDenied):
        services.comment(draft, requirements[0], by=issuer_admin, body="Hello")


def test_a_draft_outside_any_cohort_takes_no_coaching(stranger_draft, requirements, facilitator):
    with pytest.raises(PermissionDenied):
        services.comment(stranger_draft, requirements[0], by=facilitator, body="Hello")


def test_an_empty_comment_is_refused(draft, requirements, facilitator):
    with pytest.raises(ValidationError, match="Write a comment"):
        services.comment(draft, requirements[0], by=facilitator, body="   \n ")
    assert not CoachingComment.objects.exists()


def test_no_new_comment_after_the_cohort_ends(draft, requirements, facilitator, cohort):
    with (
        on(cohort.ends_on + timedelta(days=1)),
        pytest.raises(services.CoachingClosed, match="cohort ended"),
    ):
        services.comment(draft, requirements[0], by=facilitator, body="Late thought")
    assert not CoachingComment.objects.exists()


def test_the_earner_cannot_reply_after_the_cohort_ends(draft, requirements, earner, cohort):
    with (
        on(cohort.ends_on + timedelta(days=1)),
        pytest.raises(services.CoachingClosed),
    ):
        services.comment(draft, requirements[0], by=earner, body="Thanks!")


def test_coaching_closes_when_the_draft_is_submitted(draft, requirements, facilitator, earner):
    for requirement in requirements[1:]:
        submissions.save_text(draft, requirement, by=earner, kind="text", text="Done.")
    submissions.submit(draft, by=earner)
    with pytest.raises(services.CoachingClosed, match="submitted"):
        services.comment(draft, requirements[0], by=facilitator, body="One more thing")


def test_the_facilitator_sets_and_moves_a_deadline(cohort, facilitator):
    day = timezone.localdate() + timedelta(days=10)
    services.set_deadline(cohort, by=facilitator, kind=DeadlineKind.FIRST_DRAFT, due_on=day)
    services.set_deadline(
        cohort, by=facilitator, kind=DeadlineKind.FIRST_DRAFT, due_on=day + timedelta(days=1)
    )

    deadline = CohortDeadline.objects.get(cohort=cohort)
    assert deadline.due_on == day + timedelta(days=1)


@pytest.mark.parametrize(
    ("days", "message"),
    [(-1, "in the past"), (400, "cohort's end")],
)
def test_a_deadline_outside_the_cohort_is_refused(cohort, facilitator, days, message):
    with pytest.raises(ValidationError, match=message):
        services.set_deadline(
            cohort,
            by=facilitator,
            kind=DeadlineKind.SUBMIT,
            due_on=timezone.localdate() + timedelta(days=days),
        )
    assert not CohortDeadline.objects.exists()


def test_submission_is_not_due_before_the_first_draft(cohort, facilitator):
    today = timezone.localdate()
    services.set_deadline(
        cohort, by=facilitator, kind=DeadlineKind.FIRST_DRAFT, due_on=today + timedelta(days=10)
    )
    with pytest.raises(ValidationError, match="on or after the first draft"):
        services.set_deadline(
            cohort, by=facilitator, kind=DeadlineKind.SUBMIT, due_on=today + timedelta(days=5)
        )


def test_someone_outside_the_cohort_sets_no_deadline(cohort, other_facilitator):
    with pytest.raises(PermissionDenied):
        services.set_deadline(
            cohort,
            by=other_facilitator,
            kind=DeadlineKind.SUBMIT,
            due_on=timezone.localdate() + timedelta(days=5),
        )


def test_reminders_go_once_to_the_earners_who_have_not_started(
    cohort, facilitator, draft, earner, django_capture_on_commit_callbacks
):
    behind = UserFactory(name="Bea Behind")
    cohort_draft(behind, cohort, text="")
    due = timezone.localdate() + timedelta(days=10)
    services.set_deadline(cohort, by=facilitator, kind=DeadlineKind.FIRST_DRAFT, due_on=due)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_deadlines() == 0  # ten days ahead: too early
    with (
        on(timezone.localdate() + timedelta(days=8)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        first = services.remind_deadlines()
        second = services.remind_deadlines()

    assert (first, second) == (1, 0)
    assert [m.to for m in mail.outbox] == [[behind.email]]
    assert "First draft by" in mail.outbox[0].subject
    assert DeadlineReminder.objects.filter(earner=earner).count() == 0


def test_a_moved_deadline_is_reminded_again(cohort, facilitator):
    behind = UserFactory()
    cohort_draft(behind, cohort, text="")
    services.set_deadline(
        cohort, by=facilitator, kind=DeadlineKind.SUBMIT, due_on=timezone.localdate()
    )
    assert services.remind_deadlines() == 1
    services.set_deadline(
        cohort,
        by=facilitator,
        kind=DeadlineKind.SUBMIT,
        due_on=timezone.localdate() + timedelta(days=2),
    )
    assert services.remind_deadlines() == 1
    assert services.remind_deadlines() == 0
