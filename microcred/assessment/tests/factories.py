from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory, UserFactory
from microcred.assessment.models import AssessorProfile, PoolMember, Qualification
from microcred.catalog.models import Requirement
from microcred.submissions import services as submissions


def qualified_assessor(micro_credential, *, capacity=10, district=None, name=None):
    user = UserFactory(**({"name": name} if name else {}))
    MembershipFactory(user=user, organization=micro_credential.issuer, role=Role.ASSESSOR)
    if district is not None:
        MembershipFactory(user=user, organization=district, role=Role.EARNER)
    profile = AssessorProfile.objects.create(user=user, capacity=capacity)
    PoolMember.objects.create(assessor=profile, issuer=micro_credential.issuer, capacity=capacity)
    Qualification.objects.create(
        assessor=profile, micro_credential=micro_credential, is_calibrated=True
    )
    return profile


def submitted(enrollment, *, text="My lesson plan and what happened."):
    """The earner's attempt with every requirement answered, submitted."""
    earner = enrollment.earner
    submission = submissions.start_attempt(enrollment, by=earner)
    for requirement in Requirement.objects.filter(version=enrollment.version):
        submissions.save_text(submission, requirement, by=earner, kind="text", text=text)
    return submissions.submit(submission, by=earner)


def new_assessor(micro_credential, *, capacity=10, name=None):
    """Someone who just joined the pool: not calibrated, so no live work yet."""
    profile = qualified_assessor(micro_credential, capacity=capacity, name=name)
    Qualification.objects.filter(assessor=profile).update(is_calibrated=False)
    return profile


def current_version_id(micro_credential) -> int:
    from microcred.catalog.models import MicroCredential

    return MicroCredential.objects.values_list("current_version_id", flat=True).get(
        pk=micro_credential.pk
    )


def criteria_of(micro_credential):
    from microcred.catalog.models import RubricCriterion

    return list(
        RubricCriterion.objects.filter(
            requirement__version=current_version_id(micro_credential)
        ).order_by("requirement__position", "position", "pk")
    )


def anchor(
    micro_credential, *, by, met=True, calibration_set=None, in_live_rotation=True, title=None
):
    """An anchor written for training, every criterion scored `met` by the experts (or
    per criterion, when `met` is a list)."""
    from microcred.assessment import calibration

    criteria = criteria_of(micro_credential)
    verdicts = met if isinstance(met, list) else [met] * len(criteria)
    return calibration.write_anchor(
        micro_credential,
        by=by,
        title=title or f"Anchor {Qualification.objects.count()}-{len(verdicts)}",
        rationale="The plan names the goal, and the reflection ties the data to the next step.",
        expert={
            c.pk: (v, f"Expert view on {c.name}: {'shown' if v else 'missing'}.")
            for c, v in zip(criteria, verdicts, strict=True)
        },
        evidence={
            r.pk: "A lesson plan with an exit ticket, and what the tally showed."
            for r in Requirement.objects.filter(version=current_version_id(micro_credential))
        },
        calibration_set=calibration_set,
        in_live_rotation=in_live_rotation,
    )


def calibration_set(micro_credential, *, by, anchors=1, met=True, title=None, pass_percent=None):
    from microcred.assessment import calibration
    from microcred.assessment.models import CalibrationSet

    made = calibration.create_calibration_set(
        micro_credential,
        by=by,
        title=title or f"Set {CalibrationSet.objects.count() + 1}",
        pass_percent=pass_percent,
    )
    for n in range(anchors):
        anchor(micro_credential, by=by, met=met, calibration_set=made, title=f"{made.title} #{n}")
    return made


def answers(attempt, *, agree=True, wrong=0):
    """Calibration scores for every anchor of the attempt: as the experts scored them, with
    the first `wrong` criteria turned the other way."""
    from microcred.assessment.models import Anchor, ExpertScore

    scores = {}
    for a in Anchor.objects.filter(calibration_set=attempt.calibration_set_id).order_by("pk"):
        for score in ExpertScore.objects.filter(anchor=a).order_by("criterion__position", "pk"):
            scores[(a.pk, score.criterion_id)] = score.met if agree else not score.met
    for key in list(scores)[:wrong]:
        scores[key] = not scores[key]
    return scores
