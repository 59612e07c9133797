"""Anchors in live queues: expert-scored submissions offered like any other review, so an
assessor's agreement with the experts is measured on the job as well as in calibration."""

from __future__ import annotations

import secrets
import string
from collections import defaultdict

from django.conf import settings
from django.db.models import Count, Q

from microcred.catalog.models import MicroCredentialVersion

from .. import lifecycle
from ..models import (
    Anchor,
    AssessorProfile,
    Assignment,
    AssignmentStatus,
    CalibrationScore,
    Purpose,
)
from .seats import LIVE, Candidate, Need, offer_deadline, review_due


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
    letters_of = _letters_per_version(available)
    offer = {"respond_by": offer_deadline(now), "due_on": review_due(now), "offered_at": now}
    rows = []
    for profile_id, mc_id in sorted(receivers):
        live, anchors = counts.get((profile_id, mc_id), (0, 0))
        candidate = by_pair[(profile_id, issuer_of[mc_id])]
        choices = [row for row in available[mc_id] if row[0] not in seen[profile_id]]
        for anchor_id, submission_id, version_id in _draw(
            choices, owed=live * percent // (100 - percent) - anchors, candidate=candidate
        ):
            rows.append(
                {
                    "submission_id": submission_id,
                    "assessor_id": profile_id,
                    "anchor_id": anchor_id,
                    "label": secrets.choice(letters_of(version_id)),
                    "purpose": Purpose.REVIEW,
                    "status": AssignmentStatus.OFFERED,
                    **offer,
                }
            )
            seen[profile_id].add(anchor_id)
    return rows


def _draw(choices: list[tuple[int, int, int]], *, owed: int, candidate: Candidate):
    """Anchors drawn at random from `choices` while some are owed and the assessor has free
    capacity; each one drawn counts towards their load."""
    while owed > 0 and choices and candidate.load < candidate.capacity:
        yield choices.pop(secrets.randbelow(len(choices)))
        candidate.load += 1
        owed -= 1


def _letters_per_version(available: dict[int, list[tuple[int, int, int]]]):
    """The letters an anchor may wear, per version: those its live submissions' assessors
    wear, so an anchor's letter gives nothing away."""
    per_version = dict(
        MicroCredentialVersion.objects.filter(
            pk__in={v for rows in available.values() for _a, _s, v in rows}
        ).values_list("pk", "assessors_per_submission")
    )
    return lambda version_id: string.ascii_uppercase[: max(per_version.get(version_id, 2), 1)]


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
    version = MicroCredentialVersion.objects.get(pk=anchor.submission.enrollment.version_id)
    letters = string.ascii_uppercase[: max(version.assessors_per_submission, 1)]
    assignment = Assignment.objects.create(
        submission_id=anchor.submission_id,
        assessor=profile,
        anchor=anchor,
        label=secrets.choice(letters),
        purpose=Purpose.REVIEW,
        status=AssignmentStatus.OFFERED,
        respond_by=offer_deadline(now),
        due_on=review_due(now),
    )
    lifecycle.offered([assignment.pk], now=now)
    return assignment
