"""Calibration: anchors with expert scores, calibration sets, and qualifying on them.

An issuer's admins write anchors (or copy a real submission's evidence into one) and
score every rubric criterion Met or Not met with a rationale. A new member of a
micro-credential's assessor pool scores one calibration set blind; at or above the pass
mark they are calibrated and the assignment sweep starts offering them live work. Below
it they see where they differed from the experts, and why, and may try another set.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred import permissions
from microcred.backpack import services as backpack
from microcred.catalog.models import EvidenceType, MicroCredential, Requirement, RubricCriterion
from microcred.submissions import services as submissions
from microcred.submissions.models import Submission
from microcred.submissions.states import State

from . import reliability
from .models import (
    Anchor,
    AnchorSource,
    CalibrationAttempt,
    CalibrationScore,
    CalibrationSet,
    ExpertScore,
    Qualification,
)
from .selectors import anchors_of, next_set
from .services.anchor_rotation import anchor_offer
from .tasks import assign_assessors


class CalibrationUnavailable(Exception):
    """No calibration set is left for this assessor, or they need none."""


class AlreadyScored(Exception):
    """A calibration set is scored once; the first scores stand."""


# --- anchors (issuer admins) ---------------------------------------------------------------


@transaction.atomic
def create_calibration_set(
    micro_credential: MicroCredential, *, by, title: str, pass_percent: int | None = None
) -> CalibrationSet:
    if not permissions.can_manage_anchors(by, micro_credential):
        raise PermissionDenied
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the calibration set a name.")})
    if pass_percent is not None and not 0 <= pass_percent <= 100:
        raise ValidationError({"pass_percent": _("A pass mark is a percentage from 0 to 100.")})
    if CalibrationSet.objects.filter(micro_credential=micro_credential, title=title).exists():
        raise ValidationError({"title": _("A calibration set with this name already exists.")})
    position = CalibrationSet.objects.filter(micro_credential=micro_credential).count()
    return CalibrationSet.objects.create(
        micro_credential=micro_credential, title=title, position=position, pass_percent=pass_percent
    )


def _criteria(version_id: int) -> list[RubricCriterion]:
    return list(
        RubricCriterion.objects.filter(requirement__version_id=version_id).order_by(
            "requirement__position", "position", "pk"
        )
    )


def _check_expert(
    criteria: list[RubricCriterion], expert: dict[int, tuple[bool | None, str]], errors: dict
) -> None:
    for criterion in criteria:
        met, rationale = expert.get(criterion.pk, (None, ""))
        if met is None:
            errors[f"expert-{criterion.pk}"] = _("Choose the expert score: Met or Not met.")
        elif not (rationale or "").strip():
            errors[f"expert-{criterion.pk}"] = _(
                "Explain the expert score: assessors read this rationale when they differ."
            )
    if set(expert) - {c.pk for c in criteria}:
        errors["__all__"] = _("The scores do not match this rubric.")


def _anchor_submission(micro_credential: MicroCredential) -> Submission:
    """A draft attempt held by an account of its own that nobody can sign in to.

    The draft never advances, so the assignment sweep never sees it and no decision,
    award, fee or message can follow from reviewing it.
    """
    holder = get_user_model().objects.create_user(
        email=f"anchor-{uuid.uuid4().hex}@anchors.invalid",
        name=_("Anchor"),
    )
    enrollment = backpack.enroll(micro_credential, by=holder)
    return submissions.start_attempt(enrollment, by=holder)


@transaction.atomic
def write_anchor(
    micro_credential: MicroCredential,
    *,
    by,
    title: str,
    rationale: str,
    expert: dict[int, tuple[bool | None, str]],
    evidence: dict[int, str] | None = None,
    copy_from: Submission | None = None,
    calibration_set: CalibrationSet | None = None,
    in_live_rotation: bool = True,
) -> Anchor:
    """An anchor of the micro-credential's current version, written for training (one text
    answer per requirement in `evidence`) or copied from a real submission (`copy_from`).

    `expert` maps each criterion id to (met, rationale); every criterion needs both.
    """
    if not permissions.can_manage_anchors(by, micro_credential):
        raise PermissionDenied
    mc = MicroCredential.objects.select_related("current_version").get(pk=micro_credential.pk)
    version = mc.current_version
    if version is None:
        raise ValidationError(_("Publish the micro-credential before writing anchors for it."))
    requirements = list(Requirement.objects.filter(version=version).order_by("position", "pk"))
    errors = _anchor_errors(
        mc, title, rationale, calibration_set, requirements, evidence, copy_from
    )
    _check_expert(_criteria(version.pk), expert, errors)
    if errors:
        raise ValidationError(errors)
    submission = _anchor_submission(mc)
    holder = submission.enrollment.earner
    if copy_from is not None:
        _copy_evidence(copy_from, submission, holder)
    else:
        for requirement in requirements:
            submissions.save_text(
                submission,
                requirement,
                by=holder,
                kind=EvidenceType.TEXT,
                text=evidence[requirement.pk],
            )
    anchor = Anchor.objects.create(
        micro_credential=mc,
        submission=submission,
        calibration_set=calibration_set,
        title=title.strip(),
        source=AnchorSource.REAL if copy_from is not None else AnchorSource.WRITTEN,
        rationale=rationale.strip(),
        in_live_rotation=in_live_rotation,
        created_by=by,
    )
    ExpertScore.objects.bulk_create(
        [
            ExpertScore(anchor=anchor, criterion_id=pk, met=bool(met), rationale=why.strip())
            for pk, (met, why) in expert.items()
        ]
    )
    return anchor


def _anchor_errors(
    mc: MicroCredential,
    title: str,
    rationale: str,
    calibration_set: CalibrationSet | None,
    requirements: list[Requirement],
    evidence: dict[int, str] | None,
    copy_from: Submission | None,
) -> dict[str, str]:
    """What is missing or wrong in an anchor's form, by field."""
    errors: dict[str, str] = {}
    if not (title or "").strip():
        errors["title"] = _("Give the anchor a name only admins will see.")
    if not (rationale or "").strip():
        errors["rationale"] = _("Write the overall rationale for the expert scores.")
    if calibration_set is not None and calibration_set.micro_credential_id != mc.pk:
        errors["calibration_set"] = _("That calibration set belongs to another micro-credential.")
    if copy_from is not None:
        if copy_from.enrollment.version_id != mc.current_version_id:
            errors["copy_from"] = _(
                "That submission answers another version of this micro-credential."
            )
        elif copy_from.state in (State.DRAFT, State.WITHDRAWN):
            errors["copy_from"] = _("Only submitted evidence can become an anchor.")
        return errors
    for requirement in requirements:
        text = (evidence or {}).get(requirement.pk, "")
        if not text.strip():
            errors[f"evidence-{requirement.pk}"] = _("Write the evidence for this requirement.")
        elif EvidenceType.TEXT not in requirement.evidence_types:
            errors[f"evidence-{requirement.pk}"] = _(
                "This requirement takes no written answer; copy a real submission instead."
            )
    return errors


def _copy_evidence(source: Submission, target: Submission, holder) -> None:
    """The earner's evidence, through the same services an earner uses. Files are copied
    under a neutral name; who made them never travels with the anchor."""
    for item in source.evidence.select_related("requirement").order_by("created_at", "pk"):
        if item.kind in (EvidenceType.TEXT, EvidenceType.REFLECTION):
            submissions.save_text(
                target, item.requirement, by=holder, kind=item.kind, text=item.text
            )
        elif item.kind == EvidenceType.LINK:
            submissions.add_link(target, item.requirement, by=holder, url=item.url)
        elif item.kind == EvidenceType.FILE:
            with item.file.open("rb") as handle:
                data = handle.read()
            extension = (
                item.original_name.rsplit(".", 1)[-1] if "." in item.original_name else "bin"
            )
            submissions.add_file(
                target,
                item.requirement,
                by=holder,
                upload=ContentFile(data, name=f"evidence.{extension}"),
            )


# --- calibrating (assessors) ---------------------------------------------------------------


def _qualification(user, micro_credential: MicroCredential) -> Qualification:
    if not permissions.can_calibrate(user, micro_credential):
        raise PermissionDenied(
            _(
                "You are not in the assessor pool of this micro-credential, so you cannot "
                "calibrate for it."
            )
        )
    return Qualification.objects.select_for_update().get(
        assessor__user=user, micro_credential=micro_credential
    )


def pass_percent(calibration_set: CalibrationSet) -> int:
    if calibration_set.pass_percent is not None:
        return calibration_set.pass_percent
    return settings.CALIBRATION_PASS_PERCENT


@transaction.atomic
def start_calibration(micro_credential: MicroCredential, *, by) -> CalibrationAttempt:
    """The assessor's open calibration attempt, or one on the next set they have not tried."""
    qualification = _qualification(by, micro_credential)
    open_attempt = qualification.calibration_attempts.filter(scored_at__isnull=True).first()
    if open_attempt is not None:
        return open_attempt
    if qualification.is_calibrated:
        raise CalibrationUnavailable(
            _("You are calibrated for this micro-credential: reviews come to your queue.")
        )
    calibration_set = next_set(qualification)
    if calibration_set is None:
        raise CalibrationUnavailable(
            _(
                "There is no calibration set left for you to try. The issuer has been asked "
                "to add one; you will find it here."
            )
        )
    try:
        with transaction.atomic():
            return CalibrationAttempt.objects.create(
                qualification=qualification, calibration_set=calibration_set
            )
    except IntegrityError:  # the same assessor, a moment earlier, in another tab
        return CalibrationAttempt.objects.get(
            qualification=qualification, calibration_set=calibration_set
        )


@transaction.atomic
def score_calibration(
    attempt: CalibrationAttempt, *, by, scores: dict[tuple[int, int], bool]
) -> CalibrationAttempt:
    """Score every criterion of every anchor in the set; pass or not, once.

    `scores` maps (anchor id, criterion id) to Met (True) or Not met (False).
    """
    current = (
        CalibrationAttempt.objects.select_for_update()
        .select_related("qualification__assessor", "calibration_set")
        .get(pk=attempt.pk)
    )
    if current.qualification.assessor.user_id != getattr(by, "pk", None) or not by.is_active:
        raise PermissionDenied
    if current.scored_at is not None:
        raise AlreadyScored(
            _("You have already scored this calibration set; your first scores stand.")
        )
    anchors = anchors_of(current)
    expected = {
        (anchor.pk, criterion.pk): criterion
        for anchor in anchors
        for criterion in _criteria(anchor.submission.enrollment.version_id)
    }
    errors = {
        f"score-{anchor_id}-{criterion_id}": _("Choose Met or Not met.")
        for anchor_id, criterion_id in expected
        if (anchor_id, criterion_id) not in scores
    }
    if set(scores) - set(expected):
        errors["__all__"] = _("The scores do not match this calibration set.")
    if not anchors:
        errors["__all__"] = _("This calibration set has no anchors left; start another.")
    if errors:
        raise ValidationError(errors)
    experts = {
        (s.anchor_id, s.criterion_id): s.met for s in ExpertScore.objects.filter(anchor__in=anchors)
    }
    CalibrationScore.objects.bulk_create(
        [
            CalibrationScore(attempt=current, anchor_id=a, criterion_id=c, met=scores[(a, c)])
            for a, c in expected
        ]
    )
    agreed = sum(scores[key] == experts.get(key) for key in expected)
    agreement = Decimal(agreed) / Decimal(len(expected))
    threshold = pass_percent(current.calibration_set)
    passed = agreement * 100 >= threshold
    now = timezone.now()
    CalibrationAttempt.objects.filter(pk=current.pk).update(
        scored_at=now,
        agreement=agreement.quantize(Decimal("0.0001")),
        threshold=Decimal(threshold) / 100,
        passed=passed,
    )
    if passed:
        Qualification.objects.filter(pk=current.qualification_id).update(
            is_calibrated=True, calibrated_at=now, retraining_since=None, retraining_agreement=None
        )
        transaction.on_commit(assign_assessors.enqueue)
    current.refresh_from_db()
    return current


@dataclass
class Difference:
    criterion: RubricCriterion
    yours: bool
    expert: bool
    rationale: str


@dataclass
class AnchorResult:
    number: int
    anchor: Anchor
    differences: list[Difference]
    agreed: int
    total: int


def result_of(attempt: CalibrationAttempt) -> list[AnchorResult]:
    """Per anchor of a scored attempt, where the assessor differed from the experts and the
    experts' rationale. Nothing is shown before the attempt is scored."""
    if attempt.scored_at is None:
        return []
    yours = {(s.anchor_id, s.criterion_id): s.met for s in attempt.scores.all()}
    experts = {}
    for score in ExpertScore.objects.filter(anchor_id__in={a for a, _c in yours}).select_related(
        "criterion"
    ):
        experts[(score.anchor_id, score.criterion_id)] = score
    results = []
    anchors = Anchor.objects.filter(pk__in={a for a, _c in yours}).order_by("pk")
    for number, anchor in enumerate(anchors, start=1):
        keys = sorted(
            (key for key in yours if key[0] == anchor.pk),
            key=lambda k: (
                experts[k].criterion.requirement_id,
                experts[k].criterion.position,
                k[1],
            ),
        )
        differences = [
            Difference(experts[k].criterion, yours[k], experts[k].met, experts[k].rationale)
            for k in keys
            if yours[k] != experts[k].met
        ]
        results.append(
            AnchorResult(number, anchor, differences, len(keys) - len(differences), len(keys))
        )
    return results


@transaction.atomic
def offer_anchor(anchor: Anchor, *, to, by, now=None):
    """Send one anchor to a calibrated assessor's queue now, as a spot check; it arrives
    like any other offered review. Someone who has already seen it is not sent it again."""
    if not permissions.can_manage_anchors(by, anchor.micro_credential):
        raise PermissionDenied
    if not Qualification.objects.filter(
        assessor=to, micro_credential_id=anchor.micro_credential_id, is_calibrated=True
    ).exists():
        raise ValidationError(_("Only calibrated members of the pool receive anchors."))
    seen = (
        anchor.placements.filter(assessor=to).exists()
        or CalibrationScore.objects.filter(
            anchor=anchor, attempt__qualification__assessor=to
        ).exists()
    )
    if seen:
        raise ValidationError(_("This assessor has already scored this anchor."))
    return anchor_offer(anchor, to, now=now or timezone.now())


# --- the retraining flag -------------------------------------------------------------------


def check_retraining(qualification: Qualification, *, now=None) -> bool:
    """Flag the assessor for retraining when their agreement with anchors in the rolling
    window falls below the threshold; their live work pauses until they pass a new
    calibration set. Runs in the caller's transaction. Returns whether a flag was raised."""
    current = Qualification.objects.select_for_update().get(pk=qualification.pk)
    if current.retraining_since is not None or not current.is_calibrated:
        return False
    share, anchors = reliability.anchor_agreement_in_window(current)
    if share is None or anchors < settings.RETRAINING_MIN_ANCHORS:
        return False
    if share * 100 >= settings.RETRAINING_THRESHOLD_PERCENT:
        return False
    Qualification.objects.filter(pk=current.pk).update(
        is_calibrated=False,
        retraining_since=now or timezone.now(),
        retraining_agreement=Decimal(share).quantize(Decimal("0.0001")),
    )
    return True
