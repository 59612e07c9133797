"""Reads for assessors and for the earner's view of results.

Assessor-facing reads build a review packet that carries no earner identity (no name,
e-mail, school or district): blindness is enforced here, not in templates.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from microcred.catalog.models import EvidenceType, Requirement, RubricCriterion
from microcred.submissions.models import Evidence, Submission

from .models import (
    ACTIVE_ASSIGNMENT,
    Assignment,
    AssignmentStatus,
    CriterionScore,
    Decision,
    Review,
)


def open_assignments(user):
    """An assessor's queue: offers to answer and reviews in hand, soonest due first."""
    return (
        Assignment.objects.filter(assessor__user=user, status__in=ACTIVE_ASSIGNMENT)
        .select_related("submission__enrollment__version")
        .order_by("due_on", "pk")
    )


def finished_assignments(user, limit: int = 50):
    return (
        Assignment.objects.filter(assessor__user=user)
        .exclude(status__in=ACTIVE_ASSIGNMENT)
        .select_related("submission__enrollment__version")
        .order_by("-closed_at", "-pk")[:limit]
    )


@dataclass
class EvidenceItem:
    """What an assessor sees of one piece of evidence: never who made it, nor the name
    the earner gave its file."""

    pk: int
    kind: str
    kind_label: str
    name: str
    url: str
    text: str
    size: int


@dataclass
class ReviewPacket:
    assignment: Assignment
    reference: str
    attempt: int
    title: str
    version_number: int
    collaborated: bool
    collaboration_note: str
    # (requirement, [criteria], [EvidenceItem])
    requirements: list
    review: Review | None


def review_packet(assignment: Assignment) -> ReviewPacket:
    submission = Submission.objects.select_related("enrollment__version").get(
        pk=assignment.submission_id
    )
    version = submission.enrollment.version
    requirements = Requirement.objects.filter(version=version).prefetch_related(
        Prefetch("criteria", queryset=RubricCriterion.objects.order_by("position", "pk"))
    )
    evidence, files = {}, {}
    for item in Evidence.objects.filter(submission=submission).order_by("created_at", "pk"):
        if item.kind == EvidenceType.FILE:
            # Earners name files after themselves, their school or their class: the
            # assessor gets a neutral name instead, numbered within the requirement.
            files[item.requirement_id] = files.get(item.requirement_id, 0) + 1
            name = _("File %(number)s (%(type)s)") % {
                "number": files[item.requirement_id],
                "type": item.original_name.rsplit(".", 1)[-1].upper(),
            }
        else:
            name = item.get_kind_display()
        evidence.setdefault(item.requirement_id, []).append(
            EvidenceItem(
                pk=item.pk,
                kind=item.kind,
                kind_label=item.get_kind_display(),
                name=name,
                url=item.url,
                text=item.text,
                size=item.size,
            )
        )
    review = (
        Review.objects.filter(assignment=assignment).prefetch_related("scores").first()
        if assignment.status == AssignmentStatus.COMPLETED
        else None
    )
    return ReviewPacket(
        assignment=assignment,
        reference=submission.reference,
        attempt=submission.attempt,
        title=version.title,
        version_number=version.number,
        collaborated=submission.collaborated,
        collaboration_note=submission.collaboration_note,
        requirements=[
            (requirement, list(requirement.criteria.all()), evidence.get(requirement.pk, []))
            for requirement in requirements
        ],
        review=review,
    )


@dataclass
class CriterionResult:
    criterion: RubricCriterion
    met: bool | None  # the decision's view: None while undecided
    # [(assessor label, met, feedback)]
    judgements: list


def results_for_earner(submission: Submission) -> dict | None:
    """Per criterion, what each assessor (by letter only) judged and wrote, once decided."""
    decision = Decision.objects.filter(submission=submission).first()
    if decision is None:
        return None
    reviews = list(
        Review.objects.filter(assignment__submission=submission)
        .select_related("assignment")
        .prefetch_related(
            Prefetch("scores", queryset=CriterionScore.objects.select_related("criterion"))
        )
        .order_by("assignment__label")
    )
    by_criterion: dict[int, CriterionResult] = {}
    for review in reviews:
        for score in review.scores.all():
            result = by_criterion.setdefault(
                score.criterion_id, CriterionResult(score.criterion, None, [])
            )
            result.judgements.append((review.assignment.label, score.met, score.feedback))
    deciding = [r for r in reviews if r.assignment.purpose == "tie_break"] or reviews
    for review in deciding[:1]:
        for score in review.scores.all():
            by_criterion[score.criterion_id].met = score.met
    criteria = sorted(
        by_criterion.values(),
        key=lambda r: (r.criterion.requirement_id, r.criterion.position, r.criterion.pk),
    )
    return {
        "decision": decision,
        "criteria": criteria,
        "comments": [(r.assignment.label, r.overall_comment) for r in reviews],
    }
