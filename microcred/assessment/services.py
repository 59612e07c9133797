"""An assessor's side of a review: accept or decline an offer, score, and the decision."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred import permissions
from microcred.backpack import services as backpack
from microcred.catalog.models import RubricCriterion
from microcred.credentials.issuing import services as credentials
from microcred.submissions import workflow
from microcred.submissions.models import Submission
from microcred.submissions.states import Event, State

from . import calibration, lifecycle, notifications
from .models import (
    ACTIVE_ASSIGNMENT,
    Assignment,
    AssignmentEvent,
    AssignmentStatus,
    CriterionScore,
    Decision,
    Outcome,
    Purpose,
    Qualification,
    Review,
    TieBreak,
)


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
    transaction.on_commit(_sweep_soon)
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


def _sweep_soon() -> None:
    from .tasks import assign_assessors

    assign_assessors.enqueue()


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


def decide_if_ready(submission: Submission) -> Decision | None:
    """Decide when the reviews are in: agreement decides, disagreement calls a tie-break.

    Runs in the caller's transaction with the submission row locked, so two reviews saved
    at the same instant queue here and exactly one of them makes the decision.
    """
    current = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("enrollment__version")
        .get(pk=submission.pk)
    )
    if current.state != State.IN_REVIEW or Decision.objects.filter(submission=current).exists():
        return None
    reviews = list(
        Review.objects.filter(assignment__submission=current)
        .select_related("assignment")
        .prefetch_related("scores")
    )
    tie_breaks = [r for r in reviews if r.assignment.purpose == Purpose.TIE_BREAK]
    if tie_breaks:
        return _decide(current, met=_all_met(tie_breaks[0]), by_tie_break=True)
    regular = [r for r in reviews if r.assignment.purpose == Purpose.REVIEW]
    if len(regular) < current.enrollment.version.assessors_per_submission:
        return None
    verdicts = {tuple(sorted((s.criterion_id, s.met) for s in r.scores.all())) for r in regular}
    if len(verdicts) == 1:
        return _decide(current, met=_all_met(regular[0]), by_tie_break=False)
    _, created = TieBreak.objects.get_or_create(submission=current)
    if created:
        transaction.on_commit(_sweep_soon)
    return None


def _all_met(review: Review) -> bool:
    return all(score.met for score in review.scores.all())


def _decide(submission: Submission, *, met: bool, by_tie_break: bool) -> Decision:
    decision = Decision.objects.create(
        submission=submission,
        outcome=Outcome.MET if met else Outcome.NOT_MET,
        by_tie_break=by_tie_break,
    )
    workflow.advance(
        submission,
        Event.MEET if met else Event.NOT_MEET,
        by=None,
        reason=_("decided by a tie-break") if by_tie_break else _("the reviewers agreed"),
    )
    # Offers still open on a decided submission are withdrawn.
    still_open = Assignment.objects.select_for_update(of=("self",)).filter(
        submission=submission, status__in=ACTIVE_ASSIGNMENT
    )
    lifecycle.move(list(still_open), AssignmentEvent.CLOSE, reason=_("the submission is decided"))
    backpack.record_decision(submission.enrollment, met=met)
    if met:
        credentials.award_for_decision(submission)
    notifications.decision_made(decision)
    return decision


def join_pool(user, issuer, *, micro_credential_ids, capacity=None, by=None) -> list[Qualification]:
    """Put a person into the issuer's pool for these of its micro-credentials, uncalibrated:
    live work reaches them once they pass a calibration set. See pools.join_pool."""
    from .pools import join_pool as join

    return join(user, issuer, micro_credential_ids=micro_credential_ids, capacity=capacity, by=by)
