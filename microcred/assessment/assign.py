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
import secrets
import string
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from microcred.accounts.models import Membership, Organization
from microcred.catalog.models import MicroCredentialVersion
from microcred.submissions import workflow
from microcred.submissions.business_days import HolidayCalendar, add_business_days
from microcred.submissions.models import Collaborator, Submission
from microcred.submissions.states import Event, State

from . import lifecycle, notifications
from .models import (
    ACTIVE_ASSIGNMENT,
    Anchor,
    AssessorProfile,
    Assignment,
    AssignmentEvent,
    AssignmentStatus,
    CalibrationScore,
    PoolMember,
    Purpose,
    Qualification,
)

LIVE = (*ACTIVE_ASSIGNMENT, AssignmentStatus.COMPLETED)


@dataclass
class Need:
    submission_id: int
    state: str
    due_on: date | None
    purpose: str
    count: int
    micro_credential_id: int
    issuer_id: int = 0
    excluded_users: set[int] = field(default_factory=set)
    earner_districts: set[int] = field(default_factory=set)
    preferred: list[int] = field(default_factory=list)  # assessor profile ids
    used_labels: set[str] = field(default_factory=set)


@dataclass
class Candidate:
    """An assessor as a member of one issuer's pool: capacity and load count that issuer's
    work only, so someone in two pools is two candidates, one per issuer."""

    profile_id: int
    user_id: int
    capacity: int
    load: int
    districts: set[int]
    micro_credentials: set[int]
    member_id: int = 0
    issuer_id: int = 0


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
        transaction.on_commit(lambda: _announce(ids))
    return len(made)


def _announce(assignment_ids: list[int]) -> None:
    # Imported here: the tasks module imports this one.
    from .tasks import announce_offers

    announce_offers.enqueue(assignment_ids)


def release_stale(*, now) -> None:
    """Offers not accepted in time expire; accepted reviews past due are taken back. Their
    assessors are told; the seats open for this sweep to fill."""
    today = timezone.localdate(now)
    stale = list(
        _lock(
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
        _lock(Submission.objects.filter(pk__in=waiting[:batch_size] if batch_size else waiting))
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
    districts = _earner_districts(open_submissions)
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


def _earner_districts(open_submissions) -> dict[int, set[int]]:
    """The districts of each earner with an open submission: assessors come from others
    when they can."""
    districts = defaultdict(set)
    for user_id, org_id in Membership.objects.filter(
        user_id__in=open_submissions.values("enrollment__earner_id"),
        is_active=True,
        organization__kind=Organization.Kind.DISTRICT,
    ).values_list("user_id", "organization_id"):
        districts[user_id].add(org_id)
    return districts


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
    rows = Qualification.objects.filter(
        micro_credential_id__in=micro_credential_ids,
        is_calibrated=True,
        withdrawn_at__isnull=True,
        assessor__is_active=True,
        assessor__user__is_active=True,
    ).values_list(
        "assessor_id", "assessor__user_id", "micro_credential__issuer_id", "micro_credential_id"
    )
    rows = list(rows)
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
    for user_id, org_id in Membership.objects.filter(
        user_id__in=list(by_user), is_active=True, organization__kind=Organization.Kind.DISTRICT
    ).values_list("user_id", "organization_id"):
        for candidate in by_user[user_id]:
            candidate.districts.add(org_id)
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
    today = timezone.localdate(now)
    respond_by = now + timedelta(hours=settings.ASSIGNMENT_RESPONSE_HOURS)
    calendar = HolidayCalendar()
    default_due = add_business_days(today, settings.SERVICE_LEVEL_BUSINESS_DAYS, holidays=calendar)
    # A seat reopened late still gives its new assessor time to do the review.
    least_due = add_business_days(
        today, settings.REPLACEMENT_REVIEW_BUSINESS_DAYS, holidays=calendar
    )
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


def anchor_rows(made: list[dict], needs: list[Need], candidates: dict[int, Candidate], *, now):
    """Anchors to slip into the queues of assessors who just received live work.

    Each assessor's anchors are kept near ANCHOR_LIVE_PERCENT of their assignments in a
    micro-credential: after this sweep's rows are counted, an assessor with L live and A
    anchor assignments is owed ⌊L·p / (100 − p)⌋ − A more. An anchor looks like any other
    offer (same letters, due dates and message); nobody is given an anchor they have seen,
    live or in calibration, and anchors only take free capacity.
    """
    percent = settings.ANCHOR_LIVE_PERCENT
    if not percent or not made:
        return []
    mc_of = {need.submission_id: need.micro_credential_id for need in needs}
    issuer_of = {need.micro_credential_id: need.issuer_id for need in needs}
    by_pair = {(c.profile_id, c.issuer_id): c for c in candidates.values()}
    receivers = {(row["assessor_id"], mc_of[row["submission_id"]]) for row in made}
    profiles = {profile_id for profile_id, _mc in receivers}
    mcs = {mc_id for _profile, mc_id in receivers}
    available = _anchors_in_rotation(mcs)
    if not available:
        return []
    counts = _live_and_anchor_counts(profiles, mcs)
    seen = _anchors_seen(profiles)
    per_version = dict(
        MicroCredentialVersion.objects.filter(
            pk__in={v for rows in available.values() for _a, _s, v in rows}
        ).values_list("pk", "assessors_per_submission")
    )
    calendar = HolidayCalendar()
    due_on = add_business_days(
        timezone.localdate(now), settings.SERVICE_LEVEL_BUSINESS_DAYS, holidays=calendar
    )
    respond_by = now + timedelta(hours=settings.ASSIGNMENT_RESPONSE_HOURS)
    rows = []
    for profile_id, mc_id in sorted(receivers):
        live, anchors = counts.get((profile_id, mc_id), (0, 0))
        owed = live * percent // (100 - percent) - anchors
        candidate = by_pair[(profile_id, issuer_of[mc_id])]
        choices = [row for row in available[mc_id] if row[0] not in seen[profile_id]]
        while owed > 0 and choices and candidate.load < candidate.capacity:
            anchor_id, submission_id, version_id = choices.pop(secrets.randbelow(len(choices)))
            letters = string.ascii_uppercase[: max(per_version.get(version_id, 2), 1)]
            rows.append(
                {
                    "submission_id": submission_id,
                    "assessor_id": profile_id,
                    "anchor_id": anchor_id,
                    "label": secrets.choice(letters),
                    "purpose": Purpose.REVIEW,
                    "status": AssignmentStatus.OFFERED,
                    "offered_at": now,
                    "respond_by": respond_by,
                    "due_on": due_on,
                }
            )
            seen[profile_id].add(anchor_id)
            candidate.load += 1
            owed -= 1
    return rows


def _anchors_in_rotation(mcs: set[int]) -> dict[int, list[tuple[int, int, int]]]:
    """(anchor, its submission, its version) per micro-credential, for live rotation."""
    available = defaultdict(list)
    for anchor_id, mc_id, submission_id, version_id in (
        Anchor.objects.filter(micro_credential_id__in=mcs, is_active=True, in_live_rotation=True)
        .order_by("pk")
        .values_list(
            "pk", "micro_credential_id", "submission_id", "submission__enrollment__version_id"
        )
    ):
        available[mc_id].append((anchor_id, submission_id, version_id))
    return available


def _live_and_anchor_counts(profiles: set[int], mcs: set[int]) -> dict[tuple, tuple[int, int]]:
    """(live, anchor) open assignments per (assessor, micro-credential)."""
    return {
        (profile_id, mc_id): (live, anchors)
        for profile_id, mc_id, live, anchors in Assignment.objects.filter(
            assessor_id__in=profiles,
            status__in=LIVE,
            submission__enrollment__micro_credential_id__in=mcs,
        )
        .values("assessor_id", "submission__enrollment__micro_credential_id")
        .annotate(
            live=Count("pk", filter=Q(anchor__isnull=True)),
            anchors=Count("pk", filter=Q(anchor__isnull=False)),
        )
        .values_list(
            "assessor_id", "submission__enrollment__micro_credential_id", "live", "anchors"
        )
    }


def _anchors_seen(profiles: set[int]) -> dict[int, set[int]]:
    """The anchors each assessor has met, live or in calibration."""
    seen = defaultdict(set)
    for profile_id, anchor_id in Assignment.objects.filter(
        assessor_id__in=profiles, anchor__isnull=False
    ).values_list("assessor_id", "anchor_id"):
        seen[profile_id].add(anchor_id)
    for profile_id, anchor_id in CalibrationScore.objects.filter(
        attempt__qualification__assessor_id__in=profiles
    ).values_list("attempt__qualification__assessor_id", "anchor_id"):
        seen[profile_id].add(anchor_id)
    return seen


def anchor_offer(anchor: Anchor, profile: AssessorProfile, *, now) -> Assignment:
    """One anchor offered to one assessor, dated and lettered like a live review."""
    calendar = HolidayCalendar()
    version = MicroCredentialVersion.objects.get(pk=anchor.submission.enrollment.version_id)
    letters = string.ascii_uppercase[: max(version.assessors_per_submission, 1)]
    assignment = Assignment.objects.create(
        submission_id=anchor.submission_id,
        assessor=profile,
        anchor=anchor,
        label=secrets.choice(letters),
        purpose=Purpose.REVIEW,
        status=AssignmentStatus.OFFERED,
        respond_by=now + timedelta(hours=settings.ASSIGNMENT_RESPONSE_HOURS),
        due_on=add_business_days(
            timezone.localdate(now), settings.SERVICE_LEVEL_BUSINESS_DAYS, holidays=calendar
        ),
    )
    lifecycle.offered([assignment.pk], now=now)
    return assignment
