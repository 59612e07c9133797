"""Calibration: who scores which set, when they qualify, and what the sweep does about it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from microcred.assessment import calibration
from microcred.assessment.models import (
    Assignment,
    CalibrationAttempt,
    CalibrationScore,
    Qualification,
)
from microcred.assessment.services import assign
from microcred.submissions.tests.factories import enrollment_for

from .factories import answers, calibration_set, new_assessor, qualified_assessor, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrollment(earner, issuer, issuer_admin):
    return enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0)


@pytest.fixture
def mc(enrollment):
    return enrollment.micro_credential


@pytest.fixture
def first_set(mc, issuer_admin):
    return calibration_set(mc, by=issuer_admin, anchors=5, title="First set")


@pytest.fixture
def second_set(mc, issuer_admin, first_set):
    return calibration_set(mc, by=issuer_admin, anchors=5, title="Second set")


def test_someone_new_to_the_pool_starts_uncalibrated(mc):
    profile = new_assessor(mc)
    assert Qualification.objects.get(assessor=profile).is_calibrated is False


def test_assessor_below_the_calibration_threshold_is_never_assigned_live_work(
    mc, enrollment, first_set
):
    profile = new_assessor(mc)
    attempt = calibration.start_calibration(mc, by=profile.user)
    calibration.score_calibration(attempt, by=profile.user, scores=answers(attempt, wrong=2))
    submitted(enrollment)

    assign.sweep()

    assert not Assignment.objects.filter(assessor=profile).exists()


def test_assessor_who_passes_calibration_is_assigned_live_work(mc, enrollment, first_set):
    profile = new_assessor(mc)
    attempt = calibration.start_calibration(mc, by=profile.user)
    calibration.score_calibration(attempt, by=profile.user, scores=answers(attempt, wrong=1))
    submission = submitted(enrollment)

    assign.sweep()

    assert Assignment.objects.filter(assessor=profile, submission=submission).exists()


def test_passing_at_exactly_the_threshold_qualifies(mc, first_set):
    profile = new_assessor(mc)
    attempt = calibration.start_calibration(mc, by=profile.user)
    result = calibration.score_calibration(
        attempt, by=profile.user, scores=answers(attempt, wrong=1)
    )
    assert (result.passed, float(result.agreement)) == (True, 0.8)


def test_a_calibration_set_can_set_its_own_stricter_pass_mark(mc, issuer_admin):
    calibration_set(mc, by=issuer_admin, anchors=5, pass_percent=100)
    profile = new_assessor(mc)
    attempt = calibration.start_calibration(mc, by=profile.user)
    result = calibration.score_calibration(
        attempt, by=profile.user, scores=answers(attempt, wrong=1)
    )
    assert result.passed is False


def test_failing_shows_where_the_assessor_differed_with_the_rationale(mc, first_set):
    profile = new_assessor(mc)
    attempt = calibration.start_calibration(mc, by=profile.user)
    scored = calibration.score_calibration(
        attempt, by=profile.user, scores=answers(attempt, wrong=2)
    )

    differences = [d for r in calibration.result_of(scored) for d in r.differences]

    assert [(d.yours, d.expert, d.rationale) for d in differences] == [
        (False, True, "Expert view on Protocol chosen: shown.")
    ] * 2


def test_after_failing_the_assessor_gets_another_set(mc, first_set, second_set):
    profile = new_assessor(mc)
    first = calibration.start_calibration(mc, by=profile.user)
    calibration.score_calibration(first, by=profile.user, scores=answers(first, wrong=3))

    again = calibration.start_calibration(mc, by=profile.user)

    assert (first.calibration_set, again.calibration_set) == (first_set, second_set)


def test_with_every_set_tried_the_assessor_is_told_to_wait_for_a_new_one(mc, first_set):
    profile = new_assessor(mc)
    attempt = calibration.start_calibration(mc, by=profile.user)
    calibration.score_calibration(attempt, by=profile.user, scores=answers(attempt, wrong=3))

    with pytest.raises(calibration.CalibrationUnavailable, match="no calibration set left"):
        calibration.start_calibration(mc, by=profile.user)


def test_starting_twice_returns_the_same_open_attempt(mc, first_set):
    profile = new_assessor(mc)
    first = calibration.start_calibration(mc, by=profile.user)
    assert calibration.start_calibration(mc, by=profile.user) == first


def test_calibrating_outside_the_pool_is_refused_with_a_reason(mc, first_set, outsider):
    with pytest.raises(PermissionDenied, match="not in the assessor pool"):
        calibration.start_calibration(mc, by=outsider)
    assert not CalibrationAttempt.objects.exists()


def test_scoring_a_calibration_set_twice_keeps_the_first_scores(mc, first_set):
    profile = new_assessor(mc)
    attempt = calibration.start_calibration(mc, by=profile.user)
    calibration.score_calibration(attempt, by=profile.user, scores=answers(attempt, wrong=2))

    with pytest.raises(calibration.AlreadyScored, match="first scores stand"):
        calibration.score_calibration(attempt, by=profile.user, scores=answers(attempt))

    attempt.refresh_from_db()
    assert (attempt.passed, CalibrationScore.objects.filter(attempt=attempt).count()) == (False, 5)


def test_an_incomplete_calibration_form_saves_nothing_and_names_what_is_missing(mc, first_set):
    profile = new_assessor(mc)
    attempt = calibration.start_calibration(mc, by=profile.user)
    partial = dict(list(answers(attempt).items())[:3])

    with pytest.raises(ValidationError) as raised:
        calibration.score_calibration(attempt, by=profile.user, scores=partial)

    assert len(raised.value.message_dict) == 2
    attempt.refresh_from_db()
    assert (attempt.scored_at, CalibrationScore.objects.count()) == (None, 0)


def test_someone_else_cannot_score_an_assessors_calibration(mc, first_set):
    profile, other = new_assessor(mc), new_assessor(mc)
    attempt = calibration.start_calibration(mc, by=profile.user)
    with pytest.raises(PermissionDenied):
        calibration.score_calibration(attempt, by=other.user, scores=answers(attempt))


def test_an_anchor_needs_an_expert_score_and_rationale_for_every_criterion(mc, issuer_admin):
    with pytest.raises(ValidationError) as raised:
        calibration.write_anchor(
            mc, by=issuer_admin, title="Thin", rationale="Why.", expert={}, evidence={}
        )
    assert any(key.startswith("expert-") for key in raised.value.message_dict)


def test_only_the_issuers_admins_write_anchors(mc, assessor):
    with pytest.raises(PermissionDenied):
        calibration.create_calibration_set(mc, by=assessor, title="Mine")


def test_assessors_qualified_before_calibration_existed_keep_receiving_work(mc, enrollment):
    veteran = qualified_assessor(mc)
    submission = submitted(enrollment)
    assign.sweep()
    assert Assignment.objects.filter(assessor=veteran, submission=submission).exists()
