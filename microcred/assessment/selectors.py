"""Reads for assessors and for the earner's view of results.

Assessor-facing reads build a review packet that carries no earner identity (no name,
e-mail, school or district): blindness is enforced here, not in templates.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext as _

from microcred import permissions
from microcred.accounts.models import Organization
from microcred.catalog.models import EvidenceType, MicroCredential, Requirement, RubricCriterion
from microcred.submissions.models import Evidence, Submission

from .models import (
    ACTIVE_ASSIGNMENT,
    Anchor,
    Assignment,
    AssignmentStatus,
    CalibrationSet,
    CriterionScore,
    Decision,
    Outcome,
    PoolChange,
    PoolMember,
    Purpose,
    Qualification,
    Review,
)

# A qualification counts while its holder is in the pool of the micro-credential's issuer.
_current_member = PoolMember.objects.filter(
    assessor=OuterRef("assessor_id"),
    issuer=OuterRef("micro_credential__issuer_id"),
    removed_at__isnull=True,
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


def assessor_assignments(user, *, statuses=()):
    """Every assignment offered to this assessor, in any status (or only `statuses`),
    soonest due first: the queue and the finished list of the assessor's pages as one."""
    found = Assignment.objects.filter(assessor__user=user)
    if statuses:
        found = found.filter(status__in=statuses)
    return found.select_related("submission__enrollment__version").order_by("due_on", "pk")


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


def evidence_items(submission: Submission) -> dict[int, list[EvidenceItem]]:
    """A submission's evidence per requirement id, as an assessor may see it."""
    evidence: dict[int, list[EvidenceItem]] = {}
    files: dict[int, int] = {}
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
    return evidence


def review_packet(assignment: Assignment) -> ReviewPacket:
    submission = Submission.objects.select_related("enrollment__version").get(
        pk=assignment.submission_id
    )
    version = submission.enrollment.version
    requirements = Requirement.objects.filter(version=version).prefetch_related(
        Prefetch("criteria", queryset=RubricCriterion.objects.order_by("position", "pk"))
    )
    evidence = evidence_items(submission)
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
class Judgement:
    label: str  # "A", "B", "C": never a name, review is double blind
    met: bool
    feedback: str
    overruled: bool = False  # the third assessor of a tie-break decided otherwise


@dataclass
class CriterionResult:
    criterion: RubricCriterion
    met: bool | None  # the decision's view: None while undecided
    judgements: list[Judgement]


@dataclass
class Comment:
    label: str
    text: str
    tie_break: bool = False  # this assessor was called to decide a disagreement
    overruled: bool = False  # this assessor's overall view was not the decision


def results_for_earner(submission: Submission) -> dict | None:
    """Per criterion, what each assessor (by letter only) judged and wrote, once decided.

    After a tie-break the third assessor's scores are the decision; an earlier reviewer
    whose judgement (per criterion, or overall) went the other way is marked overruled, so
    the earner knows which advice to follow.
    """
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
            result.judgements.append(Judgement(review.assignment.label, score.met, score.feedback))
    tie_breakers = [r for r in reviews if r.assignment.purpose == Purpose.TIE_BREAK]
    deciding = tie_breakers or reviews
    for review in deciding[:1]:
        for score in review.scores.all():
            by_criterion[score.criterion_id].met = score.met
    deciding_label = tie_breakers[0].assignment.label if tie_breakers else ""
    if deciding_label:
        for result in by_criterion.values():
            for judgement in result.judgements:
                judgement.overruled = (
                    judgement.label != deciding_label and judgement.met != result.met
                )
    met_overall = decision.outcome == Outcome.MET
    criteria = sorted(
        by_criterion.values(),
        key=lambda r: (r.criterion.requirement_id, r.criterion.position, r.criterion.pk),
    )
    return {
        "decision": decision,
        "criteria": criteria,
        "tie_breaker": deciding_label,
        "comments": [
            Comment(
                r.assignment.label,
                r.overall_comment,
                tie_break=r.assignment.label == deciding_label,
                overruled=bool(deciding_label)
                and r.assignment.label != deciding_label
                and all(s.met for s in r.scores.all()) != met_overall,
            )
            for r in reviews
        ],
    }


def feedback_to_revise(submission: Submission) -> tuple[int, dict[int, list[CriterionResult]]]:
    """For a new attempt: the last decided attempt's number and its results per
    requirement id ((0, {}) for a first attempt).

    A revision keeps the version of the attempt before it, so its requirements are the
    same rows; the earner reads what was said beside each one as they revise.
    """
    if submission.attempt <= 1:
        return 0, {}
    previous = (
        Submission.objects.filter(
            enrollment_id=submission.enrollment_id, attempt__lt=submission.attempt
        )
        .filter(decision__isnull=False)
        .order_by("-attempt")
        .first()
    )
    results = results_for_earner(previous) if previous else None
    by_requirement: dict[int, list[CriterionResult]] = {}
    for result in results["criteria"] if results else []:
        by_requirement.setdefault(result.criterion.requirement_id, []).append(result)
    return (previous.attempt if previous else 0), by_requirement


# --- calibration ---------------------------------------------------------------------------


def next_set(qualification: Qualification) -> CalibrationSet | None:
    """The first calibration set with anchors in it that this assessor has not tried."""
    return (
        CalibrationSet.objects.filter(
            micro_credential_id=qualification.micro_credential_id, anchors__is_active=True
        )
        .exclude(attempts__qualification=qualification)
        .distinct()
        .order_by("position", "pk")
        .first()
    )


def anchors_of(attempt) -> list[Anchor]:
    return list(
        Anchor.objects.filter(calibration_set=attempt.calibration_set_id, is_active=True)
        .select_related("submission__enrollment")
        .order_by("pk")
    )


@dataclass
class CalibrationItem:
    """One anchor of a calibration set as the assessor sees it: numbered, never named,
    and without the expert scores."""

    number: int
    anchor_id: int
    # (requirement, [criteria], [EvidenceItem])
    requirements: list


def calibration_packet(attempt) -> list[CalibrationItem]:
    items = []
    for number, anchor in enumerate(anchors_of(attempt), start=1):
        evidence = evidence_items(anchor.submission)
        requirements = Requirement.objects.filter(
            version_id=anchor.submission.enrollment.version_id
        ).prefetch_related(
            Prefetch("criteria", queryset=RubricCriterion.objects.order_by("position", "pk"))
        )
        items.append(
            CalibrationItem(
                number=number,
                anchor_id=anchor.pk,
                requirements=[
                    (r, list(r.criteria.all()), evidence.get(r.pk, [])) for r in requirements
                ],
            )
        )
    return items


@dataclass
class PoolStatus:
    qualification: Qualification
    title: str
    state: str  # "calibrated", "retraining", "not calibrated"
    attempts: list
    open_attempt: object | None
    can_start: bool


def calibration_statuses(user) -> list[PoolStatus]:
    """Each micro-credential whose pool the user is in: calibrated, waiting to calibrate,
    or paused for retraining, with the attempts so far."""
    statuses = []
    for q in (
        Qualification.objects.filter(assessor__user=user, withdrawn_at__isnull=True)
        .filter(Exists(_current_member))
        .select_related("micro_credential__current_version")
        .prefetch_related("calibration_attempts__calibration_set")
        .order_by("micro_credential__slug")
    ):
        attempts = list(q.calibration_attempts.all())
        open_attempt = next((a for a in attempts if a.scored_at is None), None)
        if q.retraining_since is not None:
            state = "retraining"
        elif q.is_calibrated:
            state = "calibrated"
        else:
            state = "not calibrated"
        version = q.micro_credential.current_version
        statuses.append(
            PoolStatus(
                qualification=q,
                title=version.title if version else q.micro_credential.slug,
                state=state,
                attempts=[a for a in attempts if a.scored_at is not None],
                open_attempt=open_attempt,
                can_start=state != "calibrated"
                and (open_attempt is not None or next_set(q) is not None),
            )
        )
    return statuses


@dataclass
class AnchorOverview:
    sets: list  # [(CalibrationSet, [Anchor], pass percent)]
    loose: list  # anchors in no set (live rotation only)
    pool: list  # [(Qualification, state)]
    waiting: int  # pool members not calibrated and not flagged


def anchor_overview(micro_credential) -> AnchorOverview:
    from django.conf import settings

    anchors = list(
        Anchor.objects.filter(micro_credential=micro_credential)
        .prefetch_related("expert_scores")
        .order_by("pk")
    )
    sets = [
        (
            s,
            [a for a in anchors if a.calibration_set_id == s.pk],
            s.pass_percent if s.pass_percent is not None else settings.CALIBRATION_PASS_PERCENT,
        )
        for s in CalibrationSet.objects.filter(micro_credential=micro_credential)
    ]
    pool = []
    for q in (
        Qualification.objects.filter(micro_credential=micro_credential, withdrawn_at__isnull=True)
        .filter(Exists(_current_member))
        .select_related("assessor__user")
    ):
        if q.retraining_since is not None:
            state = "retraining"
        else:
            state = "calibrated" if q.is_calibrated else "not calibrated"
        pool.append((q, state))
    pool.sort(key=lambda row: (row[1] == "calibrated", row[0].assessor.user.name))
    return AnchorOverview(
        sets=sets,
        loose=[a for a in anchors if a.calibration_set_id is None],
        pool=pool,
        waiting=sum(1 for _q, state in pool if state == "not calibrated"),
    )


def reliability_summaries(issuer_ids: list[int]) -> list:
    """The headline figures of each micro-credential of these issuers that has a pool or
    reviews: the index of the reliability page."""
    from .reliability import report

    micro_credentials = (
        MicroCredential.objects.filter(issuer_id__in=issuer_ids, current_version__isnull=False)
        .select_related("current_version", "issuer")
        .order_by("issuer__name", "current_version__title")
    )
    return [(mc, report(mc)) for mc in micro_credentials]


# --- assessor pools ------------------------------------------------------------------------


def reported_issuers(user) -> list[int] | None:
    """The organizations whose assessment reports this person reads: every issuer for
    platform staff, else those where they hold an admin role; None when they read none."""
    if permissions.is_platform_staff(user):
        return list(
            Organization.objects.filter(kind=Organization.Kind.ISSUER).values_list("pk", flat=True)
        )
    return permissions.organizations_with_role(user, *permissions.AUTHOR_ROLES) or None


def calibration_state(qualification: Qualification) -> str:
    """ "waiting" to calibrate, "calibrated", or "flagged" for retraining."""
    if qualification.retraining_since is not None:
        return "flagged"
    return "calibrated" if qualification.is_calibrated else "waiting"


@dataclass
class PoolMemberRow:
    member: PoolMember
    # [(micro-credential title, Qualification, state)]
    micro_credentials: list
    offered: int
    accepted: int

    @property
    def name(self) -> str:
        user = self.member.assessor.user
        return user.name or user.email


def _titles(micro_credentials) -> dict[int, str]:
    from microcred.catalog.models import MicroCredentialVersion

    titles = dict(
        MicroCredentialVersion.objects.filter(micro_credential__in=micro_credentials)
        .order_by("micro_credential_id", "number")
        .values_list("micro_credential_id", "title")
    )
    for mc in micro_credentials:
        if mc.current_version_id is not None:
            titles[mc.pk] = mc.current_version.title
    return titles


def issuer_micro_credentials(issuer) -> list[tuple[MicroCredential, str]]:
    """The issuer's micro-credentials that are not retired, with their titles, by title."""
    mcs = list(
        MicroCredential.objects.filter(issuer=issuer)
        .exclude(current_version__status="retired")
        .select_related("current_version")
    )
    titles = _titles(mcs)
    return sorted(((mc, titles.get(mc.pk, mc.slug)) for mc in mcs), key=lambda row: row[1])


def pool_members(issuer, *, member_ids=None) -> list[PoolMemberRow]:
    """Everyone in the issuer's pool, with what each assesses and their open work there."""
    in_pool = PoolMember.objects.filter(issuer=issuer, removed_at__isnull=True).select_related(
        "assessor__user"
    )
    if member_ids is not None:
        in_pool = in_pool.filter(pk__in=member_ids)
    members = list(in_pool)
    profiles = [m.assessor_id for m in members]
    qualifications = list(
        Qualification.objects.filter(
            assessor_id__in=profiles, micro_credential__issuer=issuer, withdrawn_at__isnull=True
        ).select_related("micro_credential__current_version")
    )
    titles = _titles({q.micro_credential for q in qualifications})
    work = {
        row["assessor_id"]: row
        for row in Assignment.objects.filter(
            assessor_id__in=profiles,
            status__in=ACTIVE_ASSIGNMENT,
            submission__enrollment__micro_credential__issuer=issuer,
        )
        .values("assessor_id")
        .annotate(
            offered=Count("pk", filter=Q(status=AssignmentStatus.OFFERED)),
            accepted=Count("pk", filter=Q(status=AssignmentStatus.ACCEPTED)),
        )
    }
    rows = []
    for member in members:
        held = sorted(
            (
                (titles.get(q.micro_credential_id, ""), q, calibration_state(q))
                for q in qualifications
                if q.assessor_id == member.assessor_id
            ),
            key=lambda row: row[0],
        )
        counts = work.get(member.assessor_id)
        offered, accepted = (counts["offered"], counts["accepted"]) if counts else (0, 0)
        rows.append(PoolMemberRow(member, held, offered, accepted))
    rows.sort(key=lambda row: row.name.lower())
    return rows


def pool_invitations(issuer) -> list:
    """Assessor invitations of the issuer not yet answered (waiting or expired), newest
    first, each with the titles of the micro-credentials it offers."""
    from microcred.accounts.models import Invitation, Role

    invitations = list(
        Invitation.objects.filter(
            organization=issuer,
            role=Role.ASSESSOR,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        ).select_related("organization", "invited_by")
    )
    wanted = {pk for i in invitations for pk in (i.pool or {}).get("micro_credentials", [])}
    mcs = list(MicroCredential.objects.filter(pk__in=wanted).select_related("current_version"))
    titles = _titles(mcs)
    return [
        (
            invitation,
            sorted(
                titles.get(pk, "") for pk in (invitation.pool or {}).get("micro_credentials", [])
            ),
        )
        for invitation in invitations
    ]


def pool_changes(issuer, *, member: PoolMember | None = None, limit: int = 30):
    changes = PoolChange.objects.filter(issuer=issuer).select_related("assessor__user", "by")
    if member is not None:
        changes = changes.filter(assessor_id=member.assessor_id)
    return list(changes[:limit])
