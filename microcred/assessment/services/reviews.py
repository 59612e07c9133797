"""An assessor's side of a review: accept or decline an offer, and score it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred import permissions
from microcred.catalog.models import RubricCriterion
from microcred.submissions.models import Submission

from .. import calibration, lifecycle, notifications
from ..models import (
    Assignment,
    AssignmentEvent,
    AssignmentStatus,
    CriterionScore,
    Qualification,
    Review,
)
from ..tasks import assign_assessors
from .decisions import decide_if_ready


class ReviewClosed(Exception):
    """The assignment is no longer open to this assessor (declined, reassigned or done)."""


def _locked_assignment(assignment: Assignment, by, *statuses) -> Assignment:
    # The submission first, then the assignment: the order withdrawing takes them in, so
    # an earner withdrawing and an assessor accepting queue up instead of deadlocking,
    # and whoever comes second sees what the first did.
    Submission.objects.select_for_update().filter(pk=assignment.submission_id).exists()
    current = (
        Assignment.objects.select_for_update()
        .select_related("assessor", "submission__enrollment")
        .get(pk=assignment.pk)
    )
    if not permissions.can_review(by, current):
        raise PermissionDenied
    if current.status not in statuses:
        raise ReviewClosed(
            _("This review is %(status)s and can no longer be changed.")
            % {"status": current.get_status_display().lower()}
        )
    return current


@transaction.atomic
def accept(assignment: Assignment, *, by) -> Assignment:
    current = _locked_assignment(assignment, by, AssignmentStatus.OFFERED)
    lifecycle.move([current], AssignmentEvent.ACCEPT, by=by)
    assignment.status = current.status
    return assignment


@transaction.atomic
def decline(assignment: Assignment, *, by, reason: str = "") -> Assignment:
    """Hand the review back; the next sweep offers it to someone else."""
    current = _locked_assignment(
        assignment, by, AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED
    )
    lifecycle.move([current], AssignmentEvent.DECLINE, by=by, reason=reason)
    assignment.status = current.status
    transaction.on_commit(assign_assessors.enqueue)
    return assignment


def withdraw_offers(submission: Submission) -> None:
    """Close the open offers of a submission its earner withdrew, and tell their assessors.

    Runs in the caller's transaction, with the submission locked.
    """
    offers = list(
        Assignment.objects.select_for_update(of=("self",))
        .filter(submission=submission, status=AssignmentStatus.OFFERED)
        .select_related("assessor__user", "submission__enrollment__version")
    )
    lifecycle.move(offers, AssignmentEvent.WITHDRAW, reason=_("the earner withdrew it"))
    notifications.released(offers)


@transaction.atomic
def record_review(
    assignment: Assignment, *, by, scores: dict[int, tuple[bool, str]], overall_comment: str
) -> Review:
    """Score every criterion Met or Not met (with feedback for Not met) and finish the review.

    `scores` maps each rubric criterion id of the submission's version to (met, feedback).
    """
    current = _locked_assignment(
        assignment, by, AssignmentStatus.OFFERED, AssignmentStatus.ACCEPTED
    )
    criteria = list(
        RubricCriterion.objects.filter(
            requirement__version_id=current.submission.enrollment.version_id
        ).order_by("requirement__position", "position", "pk")
    )
    errors = {}
    for criterion in criteria:
        if criterion.pk not in scores:
            errors[f"criterion-{criterion.pk}"] = _("Choose Met or Not met.")
            continue
        met, feedback = scores[criterion.pk]
        if not met and not (feedback or "").strip():
            errors[f"criterion-{criterion.pk}"] = _(
                "Say what is missing: feedback is required for Not met."
            )
    if set(scores) - {c.pk for c in criteria}:
        errors["__all__"] = _("The scores do not match this rubric.")
    if not (overall_comment or "").strip():
        errors["overall_comment"] = _("Write an overall comment for the earner.")
    if errors:
        raise ValidationError(errors)
    review = Review.objects.create(assignment=current, overall_comment=overall_comment.strip())
    CriterionScore.objects.bulk_create(
        [
            CriterionScore(
                review=review,
                criterion=criterion,
                met=scores[criterion.pk][0],
                feedback=(scores[criterion.pk][1] or "").strip(),
            )
            for criterion in criteria
        ]
    )
    now = timezone.now()
    lifecycle.move([current], AssignmentEvent.COMPLETE, by=by, now=now)
    assignment.status = current.status
    if current.anchor_id is not None:
        # An anchor in the live queue: its submission belongs to no earner, so nothing is
        # decided; the review only measures the assessor against the experts.
        qualification = Qualification.objects.filter(
            assessor_id=current.assessor_id,
            micro_credential_id=current.submission.enrollment.micro_credential_id,
        ).first()
        if qualification is not None:
            calibration.check_retraining(qualification, now=now)
        return review
    decide_if_ready(current.submission)
    return review
