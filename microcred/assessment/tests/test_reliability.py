"""The reliability figures of a micro-credential, from reviews made through the services."""

import krippendorff
import pytest

from microcred.assessment import calibration, reliability, selectors
from microcred.assessment.models import Assignment, Purpose
from microcred.assessment.services import assign, reviews
from microcred.submissions.tests.factories import enrollment_for

from .factories import answers, calibration_set, new_assessor, qualified_assessor, submitted

pytestmark = pytest.mark.django_db


def _score(assignment, *, met):
    criteria = selectors.review_packet(assignment).requirements[0][1]
    reviews.record_review(
        assignment,
        by=assignment.assessor.user,
        scores={c.pk: (met, "" if met else "Not shown.") for c in criteria},
        overall_comment="Read against the rubric.",
    )


@pytest.fixture
def reviewed(earner, issuer, issuer_admin):
    """Two submissions: one both reviewers met, one they split on and a third decided."""
    from microcred.accounts.tests.factories import UserFactory
    from microcred.backpack import services as backpack

    first_enrollment = enrollment_for(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    )
    mc = first_enrollment.micro_credential
    a, b = qualified_assessor(mc, name="Ada"), qualified_assessor(mc, name="Bo")
    agreed = submitted(first_enrollment)
    split = submitted(backpack.enroll(mc, by=UserFactory()))
    assign.sweep()
    for assignment in Assignment.objects.filter(submission=agreed):
        _score(assignment, met=True)
    _score(Assignment.objects.get(submission=split, assessor=a), met=True)
    _score(Assignment.objects.get(submission=split, assessor=b), met=False)
    c = qualified_assessor(mc, name="Cy")
    assign.sweep()
    _score(Assignment.objects.get(submission=split, purpose=Purpose.TIE_BREAK), met=False)
    return mc, a, b, c


def test_tie_break_rate_counts_decisions_a_third_assessor_made(reviewed):
    report = reliability.report(reviewed[0])
    assert (report.decisions, report.tie_breaks, report.tie_break_rate) == (2, 1, 0.5)


def test_alpha_covers_every_assessor_of_the_micro_credential(reviewed):
    report = reliability.report(reviewed[0])
    # Units: the agreed submission [Met, Met]; the split one [Met, Not met, Not met].
    expected = krippendorff.alpha(
        reliability_data=[[1, 1], [1, 0], [float("nan"), 0]], level_of_measurement="nominal"
    )
    assert report.alpha == pytest.approx(expected)
    assert report.alpha == pytest.approx(1 / 3)


def test_agreement_with_decisions_is_per_assessor(reviewed):
    mc, a, b, _c = reviewed
    figures = {p.profile_id: p for p in reliability.report(mc).assessors}
    assert (figures[a.pk].agreement_with_decisions, figures[b.pk].agreement_with_decisions) == (
        0.5,
        1.0,
    )


def test_agreement_per_criterion_marks_a_criterion_assessors_split_on(reviewed):
    (criterion,) = reliability.report(reviewed[0]).criteria
    assert (criterion.pairwise_agreement, criterion.unclear) == (0.5, True)


def test_kappa_and_anchor_agreement_come_from_calibration_scores(earner, issuer, issuer_admin):
    mc = enrollment_for(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    ).micro_credential
    calibration_set(mc, by=issuer_admin, anchors=2, met=True)
    calibration_set(mc, by=issuer_admin, anchors=2, met=False)
    profile = new_assessor(mc, name="Dee")
    first = calibration.start_calibration(mc, by=profile.user)
    calibration.score_calibration(first, by=profile.user, scores=answers(first, wrong=1))
    second = calibration.start_calibration(mc, by=profile.user)
    calibration.score_calibration(second, by=profile.user, scores=answers(second))

    (figures,) = reliability.report(mc).assessors

    # Pairs (assessor, expert): (F,T) (T,T) (F,F) (F,F): p_o = 3/4, p_e = 1/4·1/2 + 3/4·1/2.
    assert figures.agreement_with_anchors == 0.75
    assert figures.kappa == pytest.approx(0.5)


def test_drift_is_a_rolling_agreement_over_the_window(reviewed, settings):
    settings.RELIABILITY_WINDOW_REVIEWS = 1
    mc, a, _b, _c = reviewed
    figures = {p.profile_id: p for p in reliability.report(mc).assessors}
    assert figures[a.pk].drift == [1.0, 0.0]


def test_a_micro_credential_without_reviews_reports_no_data_rather_than_zero(
    earner, issuer, issuer_admin
):
    mc = enrollment_for(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    ).micro_credential
    report = reliability.report(mc)
    assert (report.alpha, report.tie_break_rate, report.reviews) == (None, None, 0)


def test_the_csv_export_holds_every_figure(reviewed):
    import io

    out = io.StringIO()
    reliability.write_csv(reliability.report(reviewed[0]), out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "section,name,figure,value"
    assert any(line.endswith("krippendorff_alpha_nominal,0.333") for line in lines)
    assert any(",tie_break_rate_percent,50.0" in line for line in lines)
