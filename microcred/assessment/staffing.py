"""Whether a micro-credential's assessor pool can staff its review.

A review needs `assessors_per_submission` independent reviewers and, when they disagree,
one more for the tie-break. The assignment sweep only offers live work to pool members who
are calibrated, not flagged for retraining, not taken off the micro-credential, not paused
or removed at its issuer, and taking reviews at all (their own switch and an active
account), so those are the people counted here. Earners' districts are not counted
against anyone: the sweep passes over an assessor from the earner's district only while
someone else is free, so they still staff the review.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from microcred.catalog.models import MicroCredential, MicroCredentialVersion
from microcred.submissions.models import Submission
from microcred.submissions.states import State

from .models import PoolMember, Qualification


@dataclass(frozen=True)
class Staffing:
    needed: int  # reviewers plus one for a tie-break
    ready: int = 0  # who the sweep would offer live work to
    waiting: int = 0  # in the pool, yet to calibrate
    flagged: int = 0  # flagged for retraining
    paused: int = 0  # calibrated but paused at the issuer or not taking reviews

    @property
    def is_staffed(self) -> bool:
        return self.ready >= self.needed

    @property
    def missing(self) -> int:
        return max(0, self.needed - self.ready)


def _needed(micro_credential_ids) -> dict[int, int]:
    """Reviewers plus a tie-break, from the published version, or for a micro-credential
    not yet published, from its newest draft."""
    needed = {}
    for mc_id, per in MicroCredential.objects.filter(pk__in=micro_credential_ids).values_list(
        "pk", "current_version__assessors_per_submission"
    ):
        if per is not None:
            needed[mc_id] = per + 1
    unpublished = set(micro_credential_ids) - set(needed)
    if unpublished:
        for mc_id, per in (
            MicroCredentialVersion.objects.filter(micro_credential_id__in=unpublished)
            .order_by("micro_credential_id", "number")
            .values_list("micro_credential_id", "assessors_per_submission")
        ):
            needed[mc_id] = per + 1  # the newest version comes last and wins
    return needed


def staffing_of(micro_credential_ids) -> dict[int, Staffing]:
    """Staffing per micro-credential id, in two queries whatever the number."""
    ids = list(micro_credential_ids)
    if not ids:
        return {}
    needed = _needed(ids)
    members = PoolMember.objects.filter(
        assessor=OuterRef("assessor_id"),
        issuer=OuterRef("micro_credential__issuer_id"),
        removed_at__isnull=True,
    )
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for mc_id, calibrated, retraining, profile_on, user_on, unpaused in (
        Qualification.objects.filter(micro_credential_id__in=ids, withdrawn_at__isnull=True)
        .filter(Exists(members))
        .annotate(unpaused=Exists(members.filter(paused_at__isnull=True)))
        .values_list(
            "micro_credential_id",
            "is_calibrated",
            "retraining_since",
            "assessor__is_active",
            "assessor__user__is_active",
            "unpaused",
        )
    ):
        if retraining is not None:
            counts[mc_id]["flagged"] += 1
        elif not calibrated:
            counts[mc_id]["waiting"] += 1
        elif profile_on and user_on and unpaused:
            counts[mc_id]["ready"] += 1
        else:
            counts[mc_id]["paused"] += 1
    return {mc_id: Staffing(needed=needed.get(mc_id, 3), **counts.get(mc_id, {})) for mc_id in ids}


def staffing(micro_credential) -> Staffing:
    return staffing_of([micro_credential.pk])[micro_credential.pk]


def unstaffed_waiting(micro_credential_ids) -> dict[int, int]:
    """Open submissions (submitted or in review, undecided) per micro-credential id."""
    waiting: dict[int, int] = defaultdict(int)
    for mc_id in Submission.objects.filter(
        enrollment__micro_credential_id__in=list(micro_credential_ids),
        state__in=[State.SUBMITTED, State.IN_REVIEW],
        anchor__isnull=True,
    ).values_list("enrollment__micro_credential_id", flat=True):
        waiting[mc_id] += 1
    return dict(waiting)


@dataclass(frozen=True)
class Unstaffed:
    micro_credential: MicroCredential
    title: str
    staffing: Staffing
    waiting: int
    published: bool


def unstaffed(issuer_ids) -> list[Unstaffed]:
    """The issuers' micro-credentials whose review cannot start, published ones first, with
    how many submissions wait on each."""
    mcs = list(
        MicroCredential.objects.filter(issuer_id__in=list(issuer_ids))
        .select_related("current_version", "issuer")
        .order_by("slug")
    )
    # Retired micro-credentials take no new submissions but may still have some waiting.
    by_id = {mc.pk: mc for mc in mcs}
    staffed = staffing_of(by_id)
    short = [mc_id for mc_id, s in staffed.items() if not s.is_staffed]
    waiting = unstaffed_waiting(short)
    titles = dict(
        MicroCredentialVersion.objects.filter(micro_credential_id__in=short)
        .order_by("micro_credential_id", "number")
        .values_list("micro_credential_id", "title")
    )
    rows = []
    for mc_id in short:
        mc = by_id[mc_id]
        published = mc.current_version is not None and mc.current_version.status == "published"
        if not published and not waiting.get(mc_id):
            continue  # a draft: its own page warns; the overview lists what earners meet
        rows.append(
            Unstaffed(
                micro_credential=mc,
                title=mc.current_version.title if mc.current_version else titles.get(mc_id, ""),
                staffing=staffed[mc_id],
                waiting=waiting.get(mc_id, 0),
                published=published,
            )
        )
    rows.sort(key=lambda row: (-row.waiting, row.title))
    return rows
