"""Anchors in live queues: offered like any review, scored like any review, and never
a decision, award, tie-break, fee or message for an earner. Low agreement with them
pauses an assessor's live work until they calibrate again."""

import pytest
from django.core import mail

from microcred.assessment import calibration, selectors
from microcred.assessment.models import (
    Assignment,
    AssignmentStatus,
    Decision,
    Qualification,
    TieBreak,
)
from microcred.assessment.services import assign, reviews
from microcred.credentials.models import Award
from microcred.notifications.models import Notification
from microcred.submissions.models import StateChange
from microcred.submissions.tests.factories import enrollment_for

from .factories import anchor, answers, calibration_set, qualified_assessor, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _one_anchor_per_live_review(settings):
    settings.ANCHOR_LIVE_PERCENT = 50
    settings.RETRAINING_MIN_ANCHORS = 2
    settings.RETRAINING_THRESHOLD_PERCENT = 70


@pytest.fixture
def enrollment(earner, issuer, issuer_admin):
    return enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0)


@pytest.fixture
def mc(enrollment):
    return enrollment.micro_credential


def _score(assignment, *, met, comment="Checked against the rubric."):
    user = assignment.assessor.user
    criteria = selectors.review_packet(assignment).requirements[0][1]
    return reviews.record_review(
        assignment,
        by=user,
        scores={c.pk: (met, "" if met else "The protocol is not named.") for c in criteria},
        overall_comment=comment,
    )


def test_the_sweep_slips_an_anchor_into_a_calibrated_assessors_queue(mc, enrollment, issuer_admin):
    placed = anchor(mc, by=issuer_admin)
    profile = qualified_assessor(mc)
    submitted(enrollment)

    assign.sweep()

    assert list(
        Assignment.objects.filter(assessor=profile, anchor__isnull=False).values_list(
            "anchor", flat=True
        )
    ) == [placed.pk]


def test_no_anchors_are_slipped_in_when_the_rate_is_zero(mc, enrollment, issuer_admin, settings):
    settings.ANCHOR_LIVE_PERCENT = 0
    anchor(mc, by=issuer_admin)
    qualified_assessor(mc)
    submitted(enrollment)

    assign.sweep()

    assert not Assignment.objects.filter(anchor__isnull=False).exists()


def test_an_assessor_never_gets_an_anchor_they_scored_in_calibration(mc, enrollment, issuer_admin):
    chosen = calibration_set(mc, by=issuer_admin, anchors=1)
    profile = qualified_assessor(mc)
    Qualification.objects.filter(assessor=profile).update(is_calibrated=False)
    attempt = calibration.start_calibration(mc, by=profile.user)
    calibration.score_calibration(attempt, by=profile.user, scores=answers(attempt))
    submitted(enrollment)

    assign.sweep()

    assert chosen.anchors.count() == 1
    assert not Assignment.objects.filter(assessor=profile, anchor__isnull=False).exists()


def test_a_live_anchor_looks_like_any_other_review_in_the_queue(mc, enrollment, issuer_admin):
    anchor(mc, by=issuer_admin)
    profile = qualified_assessor(mc)
    submitted(enrollment)
    assign.sweep()

    packets = [selectors.review_packet(a) for a in selectors.open_assignments(profile.user)]

    assert len(packets) == 2
    shapes = {
        (p.title, p.attempt, p.collaborated, p.assignment.purpose, p.assignment.status)
        for p in packets
    }
    assert len(shapes) == 1
    assert {len(p.reference) for p in packets} == {11}


def test_scoring_a_live_anchor_decides_nothing_and_tells_no_earner(mc, enrollment, issuer_admin):
    anchor(mc, by=issuer_admin, met=True)
    qualified_assessor(mc)
    submitted(enrollment)
    assign.sweep()
    placement = Assignment.objects.get(anchor__isnull=False)
    changes, notices = StateChange.objects.count(), Notification.objects.count()
    mail.outbox.clear()

    _score(placement, met=False)

    assert not Decision.objects.exists()
    assert not TieBreak.objects.exists()
    assert not Award.objects.exists()
    assert StateChange.objects.count() == changes
    assert Notification.objects.count() == notices
    assert mail.outbox == []


def test_an_earners_decision_ignores_anchor_reviews(mc, enrollment, issuer_admin):
    anchor(mc, by=issuer_admin, met=False)
    first, second = qualified_assessor(mc), qualified_assessor(mc)
    submission = submitted(enrollment)
    assign.sweep()
    for placement in Assignment.objects.filter(anchor__isnull=False):
        _score(placement, met=False)
    for review in Assignment.objects.filter(submission=submission):
        _score(review, met=True)

    decision = Decision.objects.get(submission=submission)

    assert (decision.outcome, decision.by_tie_break) == ("met", False)
    assert {first.pk, second.pk} == set(
        Assignment.objects.filter(anchor__isnull=False).values_list("assessor", flat=True)
    )


def test_scoring_a_live_anchor_twice_is_refused_and_keeps_the_first_scores(
    mc, enrollment, issuer_admin
):
    anchor(mc, by=issuer_admin)
    qualified_assessor(mc)
    submitted(enrollment)
    assign.sweep()
    placement = Assignment.objects.get(anchor__isnull=False)
    _score(placement, met=True, comment="First look.")

    with pytest.raises(reviews.ReviewClosed, match="completed"):
        _score(placement, met=False, comment="Second look.")

    placement.refresh_from_db()
    assert placement.review.overall_comment == "First look."
    assert [s.met for s in placement.review.scores.all()] == [True]


def _flagged(mc, enrollment, issuer_admin, earner_factory):
    """An assessor who scored two live anchors against the experts."""
    anchor(mc, by=issuer_admin, met=True)
    anchor(mc, by=issuer_admin, met=True)
    profile = qualified_assessor(mc, capacity=10)
    submitted(enrollment)
    assign.sweep()
    other = earner_factory()
    submitted(enrollment_for_other(other, mc))
    assign.sweep()
    for placement in Assignment.objects.filter(anchor__isnull=False, assessor=profile):
        _score(placement, met=False)
    return profile


def enrollment_for_other(earner, mc):
    from microcred.backpack import services as backpack

    return backpack.enroll(mc, by=earner)


@pytest.fixture
def earner_factory():
    from microcred.accounts.tests.factories import UserFactory

    return UserFactory


def test_low_agreement_with_anchors_flags_the_assessor_for_retraining(
    mc, enrollment, issuer_admin, earner_factory
):
    profile = _flagged(mc, enrollment, issuer_admin, earner_factory)
    qualification = Qualification.objects.get(assessor=profile)
    assert qualification.retraining_since is not None
    assert (qualification.is_calibrated, float(qualification.retraining_agreement)) == (False, 0.0)


def test_a_flagged_assessor_stops_receiving_work_until_they_recalibrate(
    mc, enrollment, issuer_admin, earner_factory
):
    profile = _flagged(mc, enrollment, issuer_admin, earner_factory)
    calibration_set(mc, by=issuer_admin, anchors=2)
    waiting = submitted(enrollment_for_other(earner_factory(), mc))

    assign.sweep()
    assert not Assignment.objects.filter(assessor=profile, submission=waiting).exists()

    attempt = calibration.start_calibration(mc, by=profile.user)
    calibration.score_calibration(attempt, by=profile.user, scores=answers(attempt))
    assign.sweep()

    assert Assignment.objects.filter(assessor=profile, submission=waiting).exists()
    assert Qualification.objects.get(assessor=profile).retraining_since is None


def test_agreement_at_the_threshold_raises_no_flag(mc, enrollment, issuer_admin, earner_factory):
    anchor(mc, by=issuer_admin, met=True)
    anchor(mc, by=issuer_admin, met=True)
    profile = qualified_assessor(mc)
    submitted(enrollment)
    assign.sweep()
    submitted(enrollment_for_other(earner_factory(), mc))
    assign.sweep()

    for placement in Assignment.objects.filter(anchor__isnull=False, assessor=profile):
        _score(placement, met=True)

    assert Qualification.objects.get(assessor=profile).retraining_since is None


def test_a_declined_anchor_is_closed_like_any_review(mc, enrollment, issuer_admin):
    anchor(mc, by=issuer_admin)
    qualified_assessor(mc)
    submitted(enrollment)
    assign.sweep()
    placement = Assignment.objects.get(anchor__isnull=False)

    reviews.decline(placement, by=placement.assessor.user)

    placement.refresh_from_db()
    assert placement.status == AssignmentStatus.DECLINED


def test_an_admin_sends_an_anchor_to_a_calibrated_assessor_as_a_spot_check(mc, issuer_admin):
    sent = anchor(mc, by=issuer_admin)
    profile = qualified_assessor(mc)

    placement = calibration.offer_anchor(sent, to=profile, by=issuer_admin)

    assert (placement.anchor, placement.status) == (sent, AssignmentStatus.OFFERED)


def test_a_spot_check_is_refused_for_an_assessor_who_is_not_calibrated(mc, issuer_admin):
    from django.core.exceptions import ValidationError

    sent = anchor(mc, by=issuer_admin)
    profile = qualified_assessor(mc)
    Qualification.objects.filter(assessor=profile).update(is_calibrated=False)

    with pytest.raises(ValidationError, match="Only calibrated members"):
        calibration.offer_anchor(sent, to=profile, by=issuer_admin)
    assert not Assignment.objects.exists()


def test_the_same_anchor_is_never_sent_twice_to_one_assessor(mc, issuer_admin):
    from django.core.exceptions import ValidationError

    sent = anchor(mc, by=issuer_admin)
    profile = qualified_assessor(mc)
    calibration.offer_anchor(sent, to=profile, by=issuer_admin)

    with pytest.raises(ValidationError, match="already scored this anchor"):
        calibration.offer_anchor(sent, to=profile, by=issuer_admin)
