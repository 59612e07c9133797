"""Demo calibration and reliability: anchors and calibration sets for "Protecting Student
Data Privacy", three assessors new to its pool (one calibrated after a second try, one
flagged for retraining, one yet to start), and live anchors scored by everyone, so the
reliability page has figures to show. Everything goes through the assessment services;
a second run finds the calibration sets and creates nothing.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from microcred.accounts.models import Membership, Role, User
from microcred.assessment import calibration, pools
from microcred.assessment.models import (
    AssessorProfile,
    CalibrationSet,
    ExpertScore,
)
from microcred.assessment.services import reviews
from microcred.catalog.models import MicroCredential, Requirement, RubricCriterion

from .content import calibration as content


def load(people: dict[str, User], catalog: dict[str, MicroCredential], *, email, password):
    """`people` and `catalog` are the loader's demo accounts and micro-credentials by key
    and slug; `email` makes a demo address from a key."""
    mc = catalog.get(slugify(content.MICRO_CREDENTIAL.title))
    if mc is None or CalibrationSet.objects.filter(micro_credential=mc).exists():
        return
    mc = MicroCredential.objects.select_related("issuer", "current_version").get(pk=mc.pk)
    admin = _issuer_admin(mc)
    version = mc.current_version
    requirements = {r.title: r for r in Requirement.objects.filter(version=version)}
    criteria = {c.name: c for c in RubricCriterion.objects.filter(requirement__version=version)}
    anchors = {}
    for title, members in content.SETS:
        chosen = calibration.create_calibration_set(mc, by=admin, title=title)
        for member in members:
            anchors[member.title] = _anchor(mc, admin, member, requirements, criteria, chosen)
    for member in content.LIVE:
        anchors[member.title] = _anchor(mc, admin, member, requirements, criteria, None)

    newcomers = {
        a.key: _newcomer(a, mc, email=email, password=password) for a in content.NEW_ASSESSORS
    }
    everyone = {**people, **newcomers}
    for key, attempts in content.CALIBRATION.items():
        for _set_title, wrong in attempts:
            attempt = calibration.start_calibration(mc, by=everyone[key])
            scores = {
                (s.anchor_id, s.criterion_id): s.met
                != ((s.anchor.title, s.criterion.name) in wrong)
                for s in ExpertScore.objects.filter(
                    anchor__calibration_set=attempt.calibration_set
                ).select_related("anchor", "criterion")
            }
            calibration.score_calibration(attempt, by=everyone[key], scores=scores)
    names = {c.pk: name for name, c in criteria.items()}
    for key, scored in content.LIVE_SCORING.items():
        user = everyone[key]
        profile = AssessorProfile.objects.get(user=user)
        for title, wrong in scored.items():
            anchor = anchors[title]
            assignment = calibration.offer_anchor(anchor, to=profile, by=admin)
            reviews.accept(assignment, by=user)
            verdicts = {
                s.criterion_id: s.met != (names[s.criterion_id] in wrong)
                for s in anchor.expert_scores.all()
            }
            reviews.record_review(
                assignment,
                by=user,
                scores={
                    pk: (met, "" if met else _gap(criteria[names[pk]]))
                    for pk, met in verdicts.items()
                },
                overall_comment="Scored against the rubric; see each criterion.",
            )


def _gap(criterion: RubricCriterion) -> str:
    text = criterion.met_description
    return f"Not shown yet: {text[0].lower()}{text[1:]}"


def _issuer_admin(mc: MicroCredential) -> User:
    return (
        User.objects.filter(
            memberships__organization=mc.issuer,
            memberships__role=Role.ISSUER_ADMIN,
            memberships__is_active=True,
        )
        .order_by("pk")
        .first()
    )


def _anchor(mc, admin, member, requirements, criteria, calibration_set):
    expert, evidence = {}, {}
    for answer in member.answers:
        evidence[requirements[answer.requirement].pk] = answer.text
        for name, (met, reason) in answer.verdicts.items():
            expert[criteria[name].pk] = (met, reason)
    return calibration.write_anchor(
        mc,
        by=admin,
        title=member.title,
        rationale=member.rationale,
        expert=expert,
        evidence=evidence,
        calibration_set=calibration_set,
        in_live_rotation=calibration_set is None,
    )


def _newcomer(person, mc, *, email, password) -> User:
    """A demo assessor who has just joined this micro-credential's pool, as accepting an
    invitation to it does."""
    address = email(person.key)
    user = User.objects.filter(email=address).first()
    if user is None:
        user = User.objects.create(
            email=address, name=person.name, password=make_password(password)
        )
        EmailAddress.objects.create(user=user, email=address, verified=True, primary=True)
        Membership.objects.create(user=user, organization=mc.issuer, role=Role.ASSESSOR)
    pools.join_pool(user, mc.issuer, micro_credential_ids=[mc.pk])
    return user
