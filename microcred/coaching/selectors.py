"""Reads of cohorts and their coaching worth naming."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from microcred import permissions
from microcred.backpack.models import Enrollment
from microcred.catalog.models import Cohort
from microcred.submissions.models import Evidence, Submission

from .models import CoachingComment, CohortDeadline, DeadlineKind


def readable_cohorts(user) -> list[Cohort]:
    """The cohorts this person facilitates, and those of the issuers they author for,
    newest first, with their earner counts."""
    if not user.is_authenticated:
        return []
    issuers = permissions.organizations_with_role(user, *permissions.AUTHOR_ROLES)
    return list(
        Cohort.objects.filter(Q(facilitator=user) | Q(micro_credential__issuer_id__in=issuers))
        .select_related(
            "micro_credential__current_version", "micro_credential__issuer", "facilitator"
        )
        .annotate(earner_count=Count("enrollments"))
        .order_by("-starts_on")
    )


@dataclass
class RosterRow:
    enrollment: Enrollment
    submission: Submission | None
    evidence_count: int
    comment_count: int


def roster(cohort: Cohort) -> list[RosterRow]:
    """Each earner of the cohort with their latest attempt; three queries in all."""
    enrollments = list(
        Enrollment.objects.filter(cohort=cohort).select_related("earner").order_by("earner__name")
    )
    latest: dict[int, tuple[Submission | None, int, int]] = {}
    for attempt in (
        Submission.objects.filter(enrollment__in=enrollments)
        .annotate(
            evidence_count=Count("evidence", distinct=True),
            comment_count=Count(
                "coaching_comments", filter=Q(coaching_comments__cohort=cohort), distinct=True
            ),
        )
        .order_by("enrollment_id", "attempt")
    ):
        latest[attempt.enrollment_id] = (attempt, attempt.evidence_count, attempt.comment_count)
    rows = []
    for enrollment in enrollments:
        submission, evidence_count, comment_count = latest.get(enrollment.pk, (None, 0, 0))
        rows.append(
            RosterRow(
                enrollment=enrollment,
                submission=submission,
                evidence_count=evidence_count,
                comment_count=comment_count,
            )
        )
    return rows


def cohort_submission(cohort: Cohort, reference: str) -> Submission | None:
    """A submission of one of the cohort's earners, or None (also for everyone else's)."""
    return (
        Submission.objects.filter(reference=reference, enrollment__cohort=cohort)
        .select_related(
            "enrollment__earner", "enrollment__version", "enrollment__cohort__facilitator"
        )
        .prefetch_related("evidence")
        .first()
    )


def threads(submission: Submission) -> dict[int, list[CoachingComment]]:
    """The coaching on a submission, by requirement id, oldest first."""
    by_requirement: dict[int, list[CoachingComment]] = {}
    for note in CoachingComment.objects.filter(submission=submission).select_related("author"):
        by_requirement.setdefault(note.requirement_id, []).append(note)
    return by_requirement


def deadlines(cohort: Cohort | None) -> list[CohortDeadline]:
    if cohort is None:
        return []
    return list(CohortDeadline.objects.filter(cohort=cohort))


def earners_behind(deadline: CohortDeadline):
    """The cohort's earners who have not yet done what the deadline asks: any evidence in
    a draft for a first draft, a submitted attempt for a submission deadline."""
    enrollments = Enrollment.objects.filter(cohort_id=deadline.cohort_id)
    if deadline.kind == DeadlineKind.FIRST_DRAFT:
        done = Exists(Evidence.objects.filter(submission__enrollment=OuterRef("pk")))
    else:
        done = Exists(
            Submission.objects.filter(enrollment=OuterRef("pk"), submitted_at__isnull=False)
        )
    return [enrollment.earner for enrollment in enrollments.filter(~done).select_related("earner")]
