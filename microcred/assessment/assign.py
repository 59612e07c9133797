"""Choosing assessors for waiting submissions: the assignment sweep.

A sweep reads everything it needs about the waiting submissions and the candidate
assessors in a fixed number of queries, chooses in memory, and writes in bulk, so its
cost in queries does not grow with the queue. It is safe to run twice and to run twice at
once: on PostgreSQL the waiting rows are locked and skipped by a concurrent sweep; on
SQLite the write transaction is taken up front, so sweeps queue.
"""

from __future__ import annotations

import string
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from microcred.accounts.models import Membership, Organization
from microcred.submissions import workflow
from microcred.submissions.business_days import HolidayCalendar, add_business_days
from microcred.submissions.models import Collaborator, Submission
from microcred.submissions.states import Event, State

from .models import (
    ACTIVE_ASSIGNMENT,
    AssessorProfile,
    Assignment,
    AssignmentStatus,
    Purpose,
    Qualification,
)

LIVE = (*ACTIVE_ASSIGNMENT, AssignmentStatus.COMPLETED)


@dataclass
class Need:
    submission: Submission
    purpose: str
    count: int
    earner_id: int
    micro_credential_id: int
    excluded_users: set[int] = field(default_factory=set)
    earner_districts: set[int] = field(default_factory=set)
    preferred: list[int] = field(default_factory=list)  # assessor profile ids
    used_labels: set[str] = field(default_factory=set)


@dataclass
class Candidate:
    profile_id: int
    user_id: int
    capacity: int
    load: int
    districts: set[int]
    micro_credentials: set[int]


def _lock(queryset):
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset.select_for_update()


@transaction.atomic
def sweep(*, now=None, batch_size: int | None = None) -> int:
    """Expire stale offers, release overdue reviews, and fill every open seat.

    Returns how many assignments were made.
    """
    now = now or timezone.now()
    release_stale(now=now)
    needs = _needs(now=now, batch_size=batch_size)
    if not needs:
        return 0
    candidates = _candidates({need.micro_credential_id for need in needs})
    made = _choose(needs, candidates, now=now)
    Assignment.objects.bulk_create(made)
    assigned_now = {assignment.submission_id for assignment in made}
    moving = [
        need.submission
        for need in needs
        if need.submission.state == State.SUBMITTED and need.submission.pk in assigned_now
    ]
    workflow.advance_many(moving, Event.ASSIGN, by=None, reason="assessors assigned")
    if made:
        from . import notifications

        transaction.on_commit(lambda: notifications.offers_made([a.pk for a in made]))
    return len(made)


def release_stale(*, now) -> None:
    """Offers not accepted in time expire; accepted reviews past due are taken back."""
    Assignment.objects.filter(status=AssignmentStatus.OFFERED, respond_by__lt=now).update(
        status=AssignmentStatus.EXPIRED, closed_at=now
    )
    Assignment.objects.filter(
        status=AssignmentStatus.ACCEPTED, due_on__lt=timezone.localdate(now)
    ).update(status=AssignmentStatus.REASSIGNED, closed_at=now)


def _seats(queryset):
    """Annotate submissions with their live reviewers and keep those with an open seat."""
    return (
        queryset.filter(state__in=[State.SUBMITTED, State.IN_REVIEW], decision__isnull=True)
        .annotate(
            live_reviews=Count(
                "assignments",
                filter=Q(assignments__status__in=LIVE, assignments__purpose=Purpose.REVIEW),
            ),
            live_tie_breaks=Count(
                "assignments",
                filter=Q(assignments__status__in=LIVE, assignments__purpose=Purpose.TIE_BREAK),
            ),
        )
        .filter(
            Q(live_reviews__lt=settings.ASSESSORS_PER_SUBMISSION)
            | Q(tie_break__isnull=False, live_tie_breaks=0)
        )
        .order_by("submitted_at", "pk")
        .values_list("pk", "live_reviews")
    )


def _needs(*, now, batch_size) -> list[Need]:
    reviewers = settings.ASSESSORS_PER_SUBMISSION
    waiting = _seats(Submission.objects.all())
    candidate_ids = [pk for pk, _count in (waiting[:batch_size] if batch_size else waiting)]
    if not candidate_ids:
        return []
    # Lock first, then count again: a concurrent sweep may have filled seats between the
    # first look and the lock, and the second count sees what it committed.
    submissions = list(
        _lock(Submission.objects.filter(pk__in=candidate_ids))
        .select_related("enrollment")
        .order_by("submitted_at", "pk")
    )
    live_reviews = dict(_seats(Submission.objects.filter(pk__in=[s.pk for s in submissions])))
    submissions = [s for s in submissions if s.pk in live_reviews]
    if not submissions:
        return []
    ids = [s.pk for s in submissions]
    earners = {s.enrollment.earner_id for s in submissions}

    districts = defaultdict(set)
    for user_id, org_id in Membership.objects.filter(
        user_id__in=earners, is_active=True, organization__kind=Organization.Kind.DISTRICT
    ).values_list("user_id", "organization_id"):
        districts[user_id].add(org_id)

    collaborators = defaultdict(set)
    for submission_id, user_id in Collaborator.objects.filter(
        submission_id__in=ids, user__isnull=False
    ).values_list("submission_id", "user_id"):
        collaborators[submission_id].add(user_id)

    assigned = defaultdict(set)
    labels = defaultdict(set)
    for submission_id, user_id, label in Assignment.objects.filter(
        submission_id__in=ids
    ).values_list("submission_id", "assessor__user_id", "label"):
        labels[submission_id].add(label)
        # Whoever already held it, even if they declined, is not offered it again.
        assigned[submission_id].add(user_id)

    # A resubmission goes back to whoever reviewed the earlier attempt, when they can.
    previous = defaultdict(list)
    for enrollment_id, profile_id in (
        Assignment.objects.filter(
            submission__enrollment_id__in={s.enrollment_id for s in submissions},
            status=AssignmentStatus.COMPLETED,
            purpose=Purpose.REVIEW,
        )
        .exclude(submission_id__in=ids)
        .order_by("submission__attempt", "label")
        .values_list("submission__enrollment_id", "assessor_id")
    ):
        previous[enrollment_id].append(profile_id)

    needs = []
    for submission in submissions:
        if live_reviews[submission.pk] < reviewers:
            purpose, count = Purpose.REVIEW, reviewers - live_reviews[submission.pk]
        else:
            purpose, count = Purpose.TIE_BREAK, 1
        earner = submission.enrollment.earner_id
        needs.append(
            Need(
                submission=submission,
                purpose=purpose,
                count=count,
                earner_id=earner,
                micro_credential_id=submission.enrollment.micro_credential_id,
                excluded_users={earner} | collaborators[submission.pk] | assigned[submission.pk],
                earner_districts=districts[earner],
                preferred=previous[submission.enrollment_id] if purpose == Purpose.REVIEW else [],
                used_labels=labels[submission.pk],
            )
        )
    return needs


def _candidates(micro_credential_ids: set[int]) -> dict[int, Candidate]:
    rows = Qualification.objects.filter(
        micro_credential_id__in=micro_credential_ids,
        is_calibrated=True,
        assessor__is_active=True,
        assessor__user__is_active=True,
    ).values_list("assessor_id", "assessor__user_id", "assessor__capacity", "micro_credential_id")
    candidates: dict[int, Candidate] = {}
    for profile_id, user_id, capacity, mc_id in rows:
        candidate = candidates.setdefault(
            profile_id, Candidate(profile_id, user_id, capacity, 0, set(), set())
        )
        candidate.micro_credentials.add(mc_id)
    if not candidates:
        return candidates
    for profile_id, load in (
        AssessorProfile.objects.filter(pk__in=list(candidates))
        .annotate(load=Count("assignments", filter=Q(assignments__status__in=ACTIVE_ASSIGNMENT)))
        .values_list("pk", "load")
    ):
        candidates[profile_id].load = load
    by_user = {c.user_id: c for c in candidates.values()}
    for user_id, org_id in Membership.objects.filter(
        user_id__in=list(by_user), is_active=True, organization__kind=Organization.Kind.DISTRICT
    ).values_list("user_id", "organization_id"):
        by_user[user_id].districts.add(org_id)
    return candidates


def _choose(needs: list[Need], candidates: dict[int, Candidate], *, now) -> list[Assignment]:
    by_mc = defaultdict(list)
    for candidate in candidates.values():
        for mc_id in candidate.micro_credentials:
            by_mc[mc_id].append(candidate)
    today = timezone.localdate(now)
    respond_by = now + timedelta(hours=settings.ASSIGNMENT_RESPONSE_HOURS)
    default_due = add_business_days(
        today, settings.SERVICE_LEVEL_BUSINESS_DAYS, holidays=HolidayCalendar()
    )
    made = []
    for need in needs:
        preferred = {profile_id: rank for rank, profile_id in enumerate(need.preferred)}

        def order(candidate: Candidate, need=need, preferred=preferred):
            return (
                preferred.get(candidate.profile_id, len(preferred)),
                bool(candidate.districts & need.earner_districts),
                candidate.load / max(candidate.capacity, 1),
                candidate.load,
                candidate.profile_id,
            )

        eligible = sorted(
            (
                c
                for c in by_mc[need.micro_credential_id]
                if c.user_id not in need.excluded_users and c.load < c.capacity
            ),
            key=order,
        )
        labels = (letter for letter in string.ascii_uppercase if letter not in need.used_labels)
        for candidate in eligible[: need.count]:
            candidate.load += 1
            need.excluded_users.add(candidate.user_id)
            label = next(labels)
            need.used_labels.add(label)
            made.append(
                Assignment(
                    submission=need.submission,
                    assessor_id=candidate.profile_id,
                    label=label,
                    purpose=need.purpose,
                    respond_by=respond_by,
                    due_on=max(need.submission.due_on or default_due, today),
                )
            )
    return made
