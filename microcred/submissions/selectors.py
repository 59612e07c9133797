"""Reads of submissions worth naming."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import ngettext

from microcred.catalog.models import EvidenceType, Requirement, RubricCriterion
from microcred.catalog.word_limits import count_words

from .models import Evidence, Submission
from .states import State


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


def words_problem(requirement: Requirement, text: str) -> str:
    """What is wrong with the length of a written answer, in the earner's words, or ""."""
    low, high = requirement.min_words, requirement.max_words
    if not (low or high):
        return ""
    words = count_words(text)
    if (low and words < low) or (high and words > high):
        return ngettext(
            "%(count)s word; this answer needs %(limit)s.",
            "%(count)s words; this answer needs %(limit)s.",
            words,
        ) % {"count": f"{words:,}", "limit": requirement.word_limit_text}
    return ""


def evidence_out_of_limits(submission: Submission) -> list[tuple[Requirement, str]]:
    """Written answers whose length is outside what their requirement states."""
    return [
        (requirement, problem)
        for requirement, evidence in requirements_with_evidence(submission)
        for item in evidence
        if item.kind in (EvidenceType.TEXT, EvidenceType.REFLECTION)
        if (problem := words_problem(requirement, item.text))
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


def drafts_in_cohort(cohort) -> int:
    """How many of a cohort's earners still have a draft: a cohort ending in the past
    would close their coaching."""
    return (
        Submission.objects.filter(enrollment__cohort=cohort, state=State.DRAFT)
        .values("enrollment_id")
        .distinct()
        .count()
    )


def attempts_prefetch() -> Prefetch:
    """Each enrollment's attempts, latest first, in `attempts`."""
    return Prefetch(
        "submissions", queryset=Submission.objects.order_by("-attempt"), to_attr="attempts"
    )


def submissions_of(earner):
    """An earner's attempts, newest first, with what a list of them shows."""
    return (
        Submission.objects.filter(enrollment__earner=earner)
        .select_related("enrollment__version", "enrollment__micro_credential__issuer")
        .order_by("-created_at", "-pk")
    )
