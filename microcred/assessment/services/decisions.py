"""Deciding a submission once its reviews are in: agreement decides, disagreement calls a
tie-break, and a Met decision is recorded in the backpack and awarded."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from microcred.backpack import services as backpack
from microcred.credentials.issuing import services as credentials
from microcred.submissions import workflow
from microcred.submissions.models import Submission
from microcred.submissions.states import Event, State

from .. import lifecycle, notifications, signals
from ..models import (
    ACTIVE_ASSIGNMENT,
    Assignment,
    AssignmentEvent,
    Decision,
    Outcome,
    Purpose,
    Review,
    TieBreak,
)
from ..tasks import assign_assessors


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
        transaction.on_commit(assign_assessors.enqueue)
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
    signals.decided.send(sender=Decision, decision_id=decision.pk)
    return decision
