"""What earners and assessors are told as a review moves. Assessors never learn who the
earner is, and earners see assessors only by their letter."""

from django.urls import reverse
from django.utils.translation import gettext as _

from microcred.notifications.services import notify

from .models import Assignment, Decision, Outcome


def offers_made(assignment_ids: list[int]) -> None:
    for assignment in Assignment.objects.filter(pk__in=assignment_ids).select_related(
        "assessor__user", "submission__enrollment__version"
    ):
        notify(
            [assignment.assessor.user],
            subject=_("A review is waiting for you: %(title)s")
            % {"title": assignment.submission.enrollment.version.title},
            body=_(
                "You have been offered the review of submission %(reference)s. Please accept "
                "or decline it by %(respond_by)s; it is due on %(due)s."
            )
            % {
                "reference": assignment.submission.reference,
                "respond_by": assignment.respond_by.strftime("%Y-%m-%d %H:%M UTC"),
                "due": assignment.due_on.isoformat(),
            },
            url=reverse("assessment:queue"),
        )


def decision_made(decision_id: int) -> None:
    decision = Decision.objects.select_related(
        "submission__enrollment__earner", "submission__enrollment__version"
    ).get(pk=decision_id)
    submission = decision.submission
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
