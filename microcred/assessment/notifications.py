"""What earners and assessors are told as a review moves. Assessors never learn who the
earner is, and earners see assessors only by their letter."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from microcred.notifications.services import notify

from .models import Assignment, Decision, Outcome


def offers_made(assignment_ids: list[int]) -> None:
    """Tell each assessor about the reviews offered to them, one message per assessor."""
    by_user: dict = {}
    for assignment in Assignment.objects.filter(pk__in=assignment_ids).select_related(
        "assessor__user", "submission__enrollment__version"
    ):
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
