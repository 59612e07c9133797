"""What earners and assessors are told as a review moves. Assessors never learn who the
earner is, and earners see assessors only by their letter."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from microcred.notifications.services import notify, notify_each
from microcred.submissions.models import Submission

from .models import Assignment, AssignmentStatus, Decision, Outcome


@transaction.atomic
def offers_made(assignment_ids: list[int]) -> None:
    """Tell each assessor about the reviews offered to them, one message per assessor.

    Each offer is announced once: the rows are claimed under a lock, so a rerun of the
    task, or two workers running it at once, tell nobody twice.
    """
    offers = list(
        Assignment.objects.select_for_update(of=("self",))
        .filter(
            pk__in=assignment_ids,
            announced_at__isnull=True,
            status=AssignmentStatus.OFFERED,
        )
        .select_related("assessor__user", "submission__enrollment__version")
    )
    Assignment.objects.filter(pk__in=[a.pk for a in offers]).update(announced_at=timezone.now())
    by_user: dict = {}
    for assignment in offers:
        by_user.setdefault(assignment.assessor.user, []).append(assignment)
    for user, assignments in by_user.items():
        lines = [
            _("%(reference)s — %(title)s, answer by %(respond_by)s, due %(due)s")
            % {
                "reference": a.submission.reference,
                "title": a.submission.enrollment.version.title,
                "respond_by": a.respond_by.strftime("%Y-%m-%d %H:%M UTC"),
                "due": a.due_on.isoformat(),
            }
            for a in assignments
        ]
        notify(
            [user],
            subject=ngettext(
                "A review is waiting for you",
                "%(count)s reviews are waiting for you",
                len(assignments),
            )
            % {"count": len(assignments)},
            body=_("Please accept or decline:") + "\n" + "\n".join(lines),
            url=reverse("assessment:queue"),
        )


# A task beside the message it sends rather than in tasks.py: the sweep enqueues it, and
# tasks.py runs the sweep, so the imports run one way.
@task()
def announce_offers(assignment_ids: list[int]) -> None:
    offers_made(assignment_ids)


def released(assignments: list[Assignment]) -> None:
    """Tell assessors that reviews left their hands: offers not answered in time, reviews
    taken back when overdue, offers on a submission withdrawn by its earner. The
    assignments carry the assessor's user, their submission and its version; one write
    for any number."""
    messages = []
    for a in assignments:
        values = {
            "reference": a.submission.reference,
            "title": a.submission.enrollment.version.title,
        }
        if a.status == AssignmentStatus.WITHDRAWN:
            subject = _("Review %(reference)s is no longer needed") % values
            body = _(
                "Submission %(reference)s for %(title)s was withdrawn before review, so the "
                "offer to review it is closed."
            )
        elif a.status == AssignmentStatus.EXPIRED:
            subject = _("The offer to review %(reference)s has passed") % values
            body = _(
                "You did not accept the review of %(title)s (submission %(reference)s) in "
                "time, so it has been offered to another assessor."
            )
        else:
            values["due"] = a.due_on.isoformat()
            subject = _("Review %(reference)s has been reassigned") % values
            body = _(
                "Your review of %(title)s (submission %(reference)s) was due on %(due)s. It "
                "has been given to another assessor, and you no longer need to finish it."
            )
        messages.append(
            {
                "user": a.assessor.user,
                "subject": subject,
                "body": body % values,
                "url": reverse("assessment:queue"),
            }
        )
    notify_each(messages)


def decision_made(decision: Decision) -> None:
    """Tell the earner; runs in the transaction that made the decision, so once."""
    submission = Submission.objects.select_related("enrollment__earner", "enrollment__version").get(
        pk=decision.submission_id
    )
    title = submission.enrollment.version.title
    if decision.outcome == Outcome.MET:
        subject = _("You earned %(title)s") % {"title": title}
        body = _("Your submission %(reference)s met every criterion. Congratulations!")
    else:
        subject = _("Feedback on your submission for %(title)s") % {"title": title}
        body = _(
            "Your submission %(reference)s did not yet meet every criterion. Read the "
            "assessors' feedback and revise it when you are ready."
        )
    notify(
        [submission.enrollment.earner],
        subject=subject,
        body=body % {"reference": submission.reference},
        url=reverse("submissions:detail", args=[submission.reference]),
    )


def left_pool(assignments: list[Assignment]) -> None:
    """Tell assessors that reviews left their hands because the issuer took them off the
    micro-credential or out of its pool."""
    notify_each(
        [
            {
                "user": a.assessor.user,
                "subject": _("Review %(reference)s has been given to another assessor")
                % {"reference": a.submission.reference},
                "body": _(
                    "The issuer changed what you assess, so your review of %(title)s "
                    "(submission %(reference)s) has been given to another assessor. You "
                    "no longer need to finish it."
                )
                % {
                    "reference": a.submission.reference,
                    "title": a.submission.enrollment.version.title,
                },
                "url": reverse("assessment:queue"),
            }
            for a in assignments
        ]
    )
