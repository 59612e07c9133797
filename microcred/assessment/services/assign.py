"""Choosing assessors for waiting submissions: the assignment sweep.

A sweep reads everything it needs about the waiting submissions and the candidate
assessors in a fixed number of queries, chooses in memory, and writes in bulk, so its
cost in queries does not grow with the queue. It is safe to run twice and to run twice at
once: on PostgreSQL the waiting rows are locked and skipped by a concurrent sweep, and the
seats are counted again after the lock; on SQLite the write transaction is taken up
front, so sweeps queue.
"""

from __future__ import annotations

import heapq
import string
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from microcred.accounts import selectors as accounts_selectors
from microcred.submissions import workflow
from microcred.submissions.models import Collaborator, Submission
from microcred.submissions.states import Event, State

from .. import lifecycle, notifications
from ..models import (
    ACTIVE_ASSIGNMENT,
    Assignment,
    AssignmentEvent,
    AssignmentStatus,
    PoolMember,
    Purpose,
    Qualification,
)
from .anchor_rotation import anchor_rows
from .seats import LIVE, Candidate, Need, lock, offer_deadline, review_due


@transaction.atomic
def sweep(*, now=None, batch_size: int | None = None) -> int:
    """Expire stale offers, release overdue reviews, and fill every open seat.

    Returns how many assignments were made.
    """
    now = now or timezone.now()
    release_stale(now=now)
    needs = _needs(batch_size=batch_size)
    if not needs:
        return 0
    candidates = _candidates({need.micro_credential_id for need in needs})
    made = _choose(needs, candidates, now=now)
    workflow.insert_rows(Assignment, made)
    assigned = {row["submission_id"] for row in made}
    workflow.advance_many(
        [(n.submission_id, n.state) for n in needs if n.submission_id in assigned],
        Event.ASSIGN,
        by=None,
        reason="assessors assigned",
    )
    anchors = anchor_rows(made, needs, candidates, now=now)
    workflow.insert_rows(Assignment, anchors)
    if made:
        ids = list(
            Assignment.objects.filter(
                submission_id__in=assigned | {row["submission_id"] for row in anchors},
                status=AssignmentStatus.OFFERED,
                offered_at=now,
            ).values_list("pk", flat=True)
        )
        lifecycle.offered(ids, reason="assessors assigned", now=now)
        transaction.on_commit(lambda: notifications.announce_offers.enqueue(ids))
    return len(made)


def release_stale(*, now) -> None:
    """Offers not accepted in time expire; accepted reviews past due are taken back. Their
    assessors are told; the seats open for this sweep to fill."""
    today = timezone.localdate(now)
    stale = list(
        lock(
            Assignment.objects.filter(
                Q(status=AssignmentStatus.OFFERED, respond_by__lt=now)
                | Q(status=AssignmentStatus.ACCEPTED, due_on__lt=today)
            )
        ).select_related("assessor__user", "submission__enrollment__version")
    )
    expired = [a for a in stale if a.status == AssignmentStatus.OFFERED]
    overdue = [a for a in stale if a.status == AssignmentStatus.ACCEPTED]
    lifecycle.move(expired, AssignmentEvent.EXPIRE, now=now)
    lifecycle.move(overdue, AssignmentEvent.TAKE_BACK, now=now)
    notifications.released(stale)


def _seats(queryset):
    """Submissions with an open seat, and how many live reviewers each has."""
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
        .annotate(needed=F("enrollment__version__assessors_per_submission"))
        .filter(Q(live_reviews__lt=F("needed")) | Q(tie_break__isnull=False, live_tie_breaks=0))
        .order_by("submitted_at", "pk")
        .values_list("pk", "live_reviews", "needed")
    )


def _needs(*, batch_size) -> list[Need]:
    waiting = _seats(Submission.objects.all()).values("pk")
    # Lock first, then count again: a concurrent sweep may have filled seats between the
    # first look and the lock, and the second count sees what it committed. Subqueries
    # rather than lists of ids keep the statements small whatever the queue's length.
    locked = list(
        lock(Submission.objects.filter(pk__in=waiting[:batch_size] if batch_size else waiting))
        .order_by("submitted_at", "pk")
        .values_list(
            "pk",
            "state",
            "due_on",
            "enrollment_id",
            "enrollment__earner_id",
            "enrollment__micro_credential_id",
            "enrollment__micro_credential__issuer_id",
        )
    )
    if not locked:
        return []
    seats = {pk: (live, needed) for pk, live, needed in _seats(Submission.objects.all())}
    locked = [row for row in locked if row[0] in seats]
    open_submissions = Submission.objects.filter(state__in=[State.SUBMITTED, State.IN_REVIEW])
    # Assessors come from other districts than the earner's when they can.
    districts = accounts_selectors.districts_of(open_submissions.values("enrollment__earner_id"))
    collaborators = _declared_collaborators(open_submissions)
    assigned, labels = _assigned_before(open_submissions)
    previous = _previous_reviewers(open_submissions)

    needs = []
    for pk, state, due_on, enrollment_id, earner, mc_id, issuer_id in locked:
        live, needed = seats[pk]
        if live < needed:
            purpose, count = Purpose.REVIEW, needed - live
        else:
            purpose, count = Purpose.TIE_BREAK, 1
        needs.append(
            Need(
                submission_id=pk,
                state=state,
                due_on=due_on,
                purpose=purpose,
                count=count,
                micro_credential_id=mc_id,
                issuer_id=issuer_id,
                excluded_users={earner} | collaborators[pk] | assigned[pk],
                earner_districts=districts[earner],
                preferred=previous[enrollment_id] if purpose == Purpose.REVIEW else [],
                used_labels=labels[pk],
            )
        )
    return needs


def _declared_collaborators(open_submissions) -> dict[int, set[int]]:
    """The accounts each submission declares as collaborators: never its assessors."""
    collaborators = defaultdict(set)
    for submission_id, user_id in Collaborator.objects.filter(
        submission__in=open_submissions, user__isnull=False
    ).values_list("submission_id", "user_id"):
        collaborators[submission_id].add(user_id)
    return collaborators


def _assigned_before(open_submissions) -> tuple[dict[int, set], dict[int, set]]:
    """Who has held each submission (even if they declined: not offered it again), and the
    letters already used on it."""
    assigned, labels = defaultdict(set), defaultdict(set)
    for submission_id, user_id, label in Assignment.objects.filter(
        submission__in=open_submissions
    ).values_list("submission_id", "assessor__user_id", "label"):
        labels[submission_id].add(label)
        assigned[submission_id].add(user_id)
    return assigned, labels


def _previous_reviewers(open_submissions) -> dict[int, list[int]]:
    """Per enrollment, who reviewed its earlier attempts: a resubmission goes back to them
    when they can take it."""
    previous = defaultdict(list)
    for enrollment_id, profile_id in (
        Assignment.objects.filter(
            submission__enrollment__in=open_submissions.values("enrollment_id"),
            submission__state__in=[State.MET, State.NOT_MET],
            status=AssignmentStatus.COMPLETED,
            purpose=Purpose.REVIEW,
        )
        .order_by("submission__attempt", "label")
        .values_list("submission__enrollment_id", "assessor_id")
    ):
        previous[enrollment_id].append(profile_id)
    return previous


def _candidates(micro_credential_ids: set[int]) -> dict[int, Candidate]:
    """Who may take live work in these micro-credentials, keyed by pool member: calibrated,
    not taken off the micro-credential, in its issuer's pool and not paused there, and
    taking reviews at all. Load is the open work of the same issuer."""
    rows = list(
        Qualification.objects.filter(
            micro_credential_id__in=micro_credential_ids,
            is_calibrated=True,
            withdrawn_at__isnull=True,
            assessor__is_active=True,
            assessor__user__is_active=True,
        ).values_list(
            "assessor_id", "assessor__user_id", "micro_credential__issuer_id", "micro_credential_id"
        )
    )
    if not rows:
        return {}
    members = {
        (profile_id, issuer_id): (member_id, capacity)
        for member_id, profile_id, issuer_id, capacity in PoolMember.objects.filter(
            assessor_id__in={row[0] for row in rows},
            issuer_id__in={row[2] for row in rows},
            paused_at__isnull=True,
            removed_at__isnull=True,
        ).values_list("pk", "assessor_id", "issuer_id", "capacity")
    }
    candidates: dict[int, Candidate] = {}
    for profile_id, user_id, issuer_id, mc_id in rows:
        member = members.get((profile_id, issuer_id))
        if member is None:
            continue  # paused or removed at this issuer
        member_id, capacity = member
        candidate = candidates.setdefault(
            member_id,
            Candidate(profile_id, user_id, capacity, 0, set(), set(), member_id, issuer_id),
        )
        candidate.micro_credentials.add(mc_id)
    if not candidates:
        return candidates
    by_pair = {(c.profile_id, c.issuer_id): c for c in candidates.values()}
    for profile_id, issuer_id, load in (
        Assignment.objects.filter(
            assessor_id__in={c.profile_id for c in candidates.values()},
            status__in=ACTIVE_ASSIGNMENT,
            submission__enrollment__micro_credential__issuer_id__in={
                c.issuer_id for c in candidates.values()
            },
        )
        .values("assessor_id", "submission__enrollment__micro_credential__issuer_id")
        .annotate(load=Count("pk"))
        .values_list("assessor_id", "submission__enrollment__micro_credential__issuer_id", "load")
    ):
        if (profile_id, issuer_id) in by_pair:
            by_pair[(profile_id, issuer_id)].load = load
    by_user = defaultdict(list)
    for candidate in candidates.values():
        by_user[candidate.user_id].append(candidate)
    for user_id, districts in accounts_selectors.districts_of(list(by_user)).items():
        for candidate in by_user[user_id]:
            candidate.districts |= districts
    return candidates


def _choose(needs: list[Need], candidates: dict[int, Candidate], *, now) -> list[dict]:
    """Pick assessors for each need, oldest submission first, and return the new rows.

    Preference: whoever reviewed the earner's earlier attempt; then the least loaded
    relative to capacity, passing over anyone from the earner's district unless nobody
    else is free. Each micro-credential's pool is a heap on load, so a sweep costs
    O(needs · log pool) rather than sorting the pool for every submission.
    """
    pools: dict[int, list] = defaultdict(list)
    for candidate in candidates.values():
        for mc_id in candidate.micro_credentials:
            pools[mc_id].append((0.0, candidate.member_id))
    for pool in pools.values():
        for index, (_ratio, member_id) in enumerate(pool):
            candidate = candidates[member_id]
            pool[index] = (candidate.load / max(candidate.capacity, 1), member_id)
        heapq.heapify(pool)
    by_pair = {(c.profile_id, c.issuer_id): c for c in candidates.values()}
    respond_by = offer_deadline(now)
    default_due = review_due(now)
    # A seat reopened late still gives its new assessor time to do the review.
    least_due = review_due(now, business_days=settings.REPLACEMENT_REVIEW_BUSINESS_DAYS)
    made = []
    for need in needs:
        chosen = _pick(need, candidates, pools[need.micro_credential_id], by_pair)
        labels = (letter for letter in string.ascii_uppercase if letter not in need.used_labels)
        for candidate in chosen:
            candidate.load += 1
            need.excluded_users.add(candidate.user_id)
            label = next(labels)
            need.used_labels.add(label)
            made.append(
                {
                    "submission_id": need.submission_id,
                    "assessor_id": candidate.profile_id,
                    "label": label,
                    "purpose": need.purpose,
                    "status": AssignmentStatus.OFFERED,
                    "offered_at": now,
                    "respond_by": respond_by,
                    "due_on": max(need.due_on or default_due, least_due),
                }
            )
            _push(pools, candidate)
    return made


def _free(candidate: Candidate, need: Need) -> bool:
    return candidate.user_id not in need.excluded_users and candidate.load < candidate.capacity


def _pick(need: Need, candidates: dict[int, Candidate], pool: list, by_pair: dict) -> list:
    earlier = [by_pair.get((profile_id, need.issuer_id)) for profile_id in need.preferred]
    chosen = [
        candidate
        for candidate in earlier
        if candidate is not None
        and need.micro_credential_id in candidate.micro_credentials
        and _free(candidate, need)
    ][: need.count]
    taken = {c.member_id for c in chosen}
    neighbours, popped = [], []
    while pool and len(chosen) < need.count:
        ratio, member_id = heapq.heappop(pool)
        candidate = candidates[member_id]
        current = candidate.load / max(candidate.capacity, 1)
        if current != ratio:
            continue  # a stale entry: _push added the current one when the load changed
        if candidate.load >= candidate.capacity:
            continue  # full for the rest of this sweep: leave it out of the pool
        popped.append((ratio, member_id))
        if member_id in taken or not _free(candidate, need):
            continue
        if candidate.districts & need.earner_districts:
            neighbours.append(candidate)
            continue
        chosen.append(candidate)
        taken.add(member_id)
    chosen += neighbours[: need.count - len(chosen)]
    picked = {c.member_id for c in chosen}
    for entry in popped:
        if entry[1] not in picked:  # the picked get a fresh entry from _push
            heapq.heappush(pool, entry)
    return chosen


def _push(pools: dict[int, list], candidate: Candidate) -> None:
    """Record a candidate's new load in every pool it belongs to (old entries go stale)."""
    ratio = candidate.load / max(candidate.capacity, 1)
    for mc_id in candidate.micro_credentials:
        heapq.heappush(pools[mc_id], (ratio, candidate.member_id))
