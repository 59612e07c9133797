"""Reads of submissions worth naming."""

from __future__ import annotations

from django.db.models import Prefetch

from microcred.catalog.models import Requirement, RubricCriterion

from .models import Evidence, Submission


def attempt_limit(version) -> int:
    return version.max_attempts


def requirements_with_evidence(submission: Submission) -> list[tuple[Requirement, list[Evidence]]]:
    """Each requirement of the submission's version with the evidence given for it."""
    requirements = Requirement.objects.filter(
        version_id=submission.enrollment.version_id
    ).prefetch_related(
        Prefetch("criteria", queryset=RubricCriterion.objects.order_by("position", "id"))
    )
    evidence_by_requirement: dict[int, list[Evidence]] = {}
    for evidence in submission.evidence.all():
        evidence_by_requirement.setdefault(evidence.requirement_id, []).append(evidence)
    return [(r, evidence_by_requirement.get(r.pk, [])) for r in requirements]


def missing_evidence(submission: Submission) -> list[Requirement]:
    """Requirements the earner has given nothing for yet."""
    return [
        requirement
        for requirement, evidence in requirements_with_evidence(submission)
        if not evidence
    ]


def submission_for_earner(reference: str, earner) -> Submission | None:
    return (
        Submission.objects.filter(reference=reference, enrollment__earner=earner)
        .select_related("enrollment__version__micro_credential__issuer", "enrollment__earner")
        .prefetch_related("evidence", "collaborators")
        .first()
    )


def attempts_of(submission: Submission) -> list[Submission]:
    return list(
        Submission.objects.filter(enrollment_id=submission.enrollment_id).order_by("attempt")
    )
