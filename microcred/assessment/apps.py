from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "microcred.assessment"
    label = "assessment"
    verbose_name = _("Assessment")

    def ready(self):
        # The catalog, submissions and operations sit below assessment and name no
        # assessment code: assessment hands them its answers, its recurring work and what it
        # does when a submission moves.
        from microcred.catalog import above as catalog
        from microcred.operations import periodic
        from microcred.submissions import above as submissions
        from microcred.submissions import signals

        from . import selectors, staffing
        from .tasks import assign_assessors, escalate_overdue, remind_assessors

        catalog.answers.provide(staffing=staffing.staffing, unstaffed=staffing.unstaffed)
        submissions.answers.provide(
            review_can_start=lambda mc: staffing.staffing(mc).is_staffed,
            feedback_to_revise=selectors.feedback_to_revise,
            results_for_earner=selectors.results_for_earner,
        )

        periodic.every_round(
            "the assignment sweep, reminders, escalations",
            assign_assessors,
            remind_assessors,
            escalate_overdue,
        )
        signals.submitted.connect(_staff_soon, dispatch_uid="assessment.staff_soon")
        signals.withdrawn.connect(_close_offers, dispatch_uid="assessment.close_offers")


def _staff_soon(sender, submission_id, **kwargs) -> None:
    """A submission came in: the sweep offers its review seats."""
    from .tasks import assign_assessors

    assign_assessors.enqueue()


def _close_offers(sender, submission, **kwargs) -> None:
    """A submission was withdrawn: its open offers close and their assessors are told."""
    from . import services

    services.withdraw_offers(submission)
