"""The calibration, anchor and reliability pages: who may open them, and clear answers to
bad input."""

import pytest
from django.urls import reverse

from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory, UserFactory
from microcred.assessment import calibration
from microcred.assessment.models import (
    Anchor,
    Assignment,
    CalibrationAttempt,
    CalibrationScore,
    CalibrationSet,
)
from microcred.assessment.services import assign
from microcred.submissions.tests.factories import enrollment_for

from .factories import (
    anchor,
    answers,
    calibration_set,
    criteria_of,
    new_assessor,
    qualified_assessor,
    submitted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrollment(earner, issuer, issuer_admin):
    return enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0)


@pytest.fixture
def mc(enrollment):
    return enrollment.micro_credential


@pytest.fixture
def newcomer(mc, issuer_admin):
    calibration_set(mc, by=issuer_admin, anchors=5, title="First set")
    return new_assessor(mc, name="Nia Newcomer")


def _form(attempt, scores):
    return {f"score-{a}-{c}": "met" if met else "not_met" for (a, c), met in scores.items()}


def test_the_queue_tells_a_new_assessor_to_calibrate(client, newcomer):
    client.force_login(newcomer.user)
    page = client.get(reverse("assessment:queue")).content.decode()
    assert "Calibrate to receive reviews" in page
    assert reverse("assessment:calibration") in page


def test_a_new_assessor_starts_and_scores_a_calibration_set(client, mc, newcomer):
    client.force_login(newcomer.user)
    started = client.post(reverse("assessment:calibration_start", args=[mc.pk]))
    attempt = CalibrationAttempt.objects.get()
    assert started.url == reverse("assessment:calibration_attempt", args=[attempt.pk])

    sent = client.post(started.url, _form(attempt, answers(attempt)))
    page = client.get(sent.url).content.decode()

    assert "You passed" in page


def test_a_failed_calibration_page_shows_the_experts_rationale(client, mc, newcomer):
    client.force_login(newcomer.user)
    client.post(reverse("assessment:calibration_start", args=[mc.pk]))
    attempt = CalibrationAttempt.objects.get()

    client.post(
        reverse("assessment:calibration_attempt", args=[attempt.pk]),
        _form(attempt, answers(attempt, wrong=3)),
    )
    page = client.get(reverse("assessment:calibration_attempt", args=[attempt.pk])).content.decode()

    assert "Not passed yet" in page
    assert "Where you differed" in page
    assert "Expert view on Protocol chosen: shown." in page


def test_the_calibration_form_shows_no_expert_scores_before_scoring(client, mc, newcomer):
    client.force_login(newcomer.user)
    client.post(reverse("assessment:calibration_start", args=[mc.pk]))
    attempt = CalibrationAttempt.objects.get()

    page = client.get(reverse("assessment:calibration_attempt", args=[attempt.pk])).content.decode()

    assert "Expert view" not in page
    assert "First set #" not in page  # the admins' names for anchors stay with admins


def test_an_incomplete_calibration_form_is_shown_again_with_what_is_missing(client, mc, newcomer):
    client.force_login(newcomer.user)
    client.post(reverse("assessment:calibration_start", args=[mc.pk]))
    attempt = CalibrationAttempt.objects.get()
    partial = dict(list(answers(attempt).items())[:2])

    response = client.post(
        reverse("assessment:calibration_attempt", args=[attempt.pk]), _form(attempt, partial)
    )

    assert response.status_code == 400
    assert "3 criteria still need a score" in response.content.decode()
    assert not CalibrationScore.objects.exists()


def test_sending_calibration_scores_twice_keeps_the_first(client, mc, newcomer):
    client.force_login(newcomer.user)
    client.post(reverse("assessment:calibration_start", args=[mc.pk]))
    attempt = CalibrationAttempt.objects.get()
    url = reverse("assessment:calibration_attempt", args=[attempt.pk])
    client.post(url, _form(attempt, answers(attempt, wrong=3)))

    again = client.post(url, _form(attempt, answers(attempt)), follow=True)

    assert "your first scores stand" in again.content.decode()
    attempt.refresh_from_db()
    assert attempt.passed is False


def test_calibrating_outside_the_pool_answers_403_with_a_reason(client, mc, newcomer, outsider):
    client.force_login(outsider)
    response = client.post(reverse("assessment:calibration_start", args=[mc.pk]))
    assert response.status_code == 403
    assert "not in the assessor pool" in response.content.decode()
    assert not CalibrationAttempt.objects.exists()


def test_another_assessors_calibration_does_not_exist_for_you(client, mc, newcomer):
    other = new_assessor(mc)
    attempt = calibration.start_calibration(mc, by=newcomer.user)
    client.force_login(other.user)
    response = client.get(reverse("assessment:calibration_attempt", args=[attempt.pk]))
    assert response.status_code == 404


def test_the_issuer_admin_writes_an_anchor_with_expert_scores(client, mc, issuer_admin):
    client.force_login(issuer_admin)
    chosen = calibration.create_calibration_set(mc, by=issuer_admin, title="Autumn")
    (criterion,) = criteria_of(mc)
    requirement = criterion.requirement

    response = client.post(
        reverse("assessment:anchor_new", args=[mc.pk]),
        {
            "title": "Strong plan",
            "calibration_set": chosen.pk,
            "in_live_rotation": "on",
            f"evidence-{requirement.pk}": "The plan names think-pair-share and why it fits.",
            f"expert-{criterion.pk}": "met",
            f"rationale-{criterion.pk}": "The protocol and its fit are both stated.",
            "rationale": "A clear example of Met.",
        },
    )

    assert response.status_code == 302
    saved = Anchor.objects.get()
    assert (saved.calibration_set, saved.expert_scores.get().met) == (chosen, True)


def test_an_anchor_form_without_a_rationale_is_shown_again_and_saves_nothing(
    client, mc, issuer_admin
):
    client.force_login(issuer_admin)
    (criterion,) = criteria_of(mc)

    response = client.post(
        reverse("assessment:anchor_new", args=[mc.pk]),
        {
            "title": "Half done",
            f"evidence-{criterion.requirement_id}": "Some evidence.",
            f"expert-{criterion.pk}": "met",
            "rationale": "Overall.",
        },
    )

    assert response.status_code == 400
    assert "Explain the expert score" in response.content.decode()
    assert not Anchor.objects.exists()


def test_copying_an_unknown_submission_into_an_anchor_is_refused_clearly(client, mc, issuer_admin):
    client.force_login(issuer_admin)
    response = client.post(
        reverse("assessment:anchor_new", args=[mc.pk]),
        {"title": "Copy", "copy_from": "MC-NOTREAL1", "rationale": "Why."},
    )
    assert response.status_code == 400
    assert "No submission of this micro-credential has the ID MC-NOTREAL1" in (
        response.content.decode()
    )


def test_a_real_submission_becomes_an_anchor_without_its_earner(
    client, mc, enrollment, issuer_admin
):
    submission = submitted(enrollment, text="Think-pair-share, chosen for quiet students.")
    client.force_login(issuer_admin)
    (criterion,) = criteria_of(mc)

    client.post(
        reverse("assessment:anchor_new", args=[mc.pk]),
        {
            "title": "Real one",
            "copy_from": submission.reference,
            f"expert-{criterion.pk}": "met",
            f"rationale-{criterion.pk}": "Named and justified.",
            "rationale": "Met.",
        },
    )

    saved = Anchor.objects.get()
    assert saved.submission != submission
    assert saved.submission.enrollment.earner != enrollment.earner
    assert saved.submission.evidence.get().text == "Think-pair-share, chosen for quiet students."


def test_someone_without_rights_cannot_open_the_anchor_pages(client, mc, assessor):
    client.force_login(assessor)
    assert client.get(reverse("assessment:anchors", args=[mc.pk])).status_code == 403
    assert (
        client.post(reverse("assessment:anchors", args=[mc.pk]), {"title": "X"}).status_code == 403
    )
    assert not CalibrationSet.objects.exists()


def test_a_calibration_set_with_a_pass_mark_that_is_not_a_number_is_refused(
    client, mc, issuer_admin
):
    client.force_login(issuer_admin)
    response = client.post(
        reverse("assessment:anchors", args=[mc.pk]), {"title": "Set", "pass_percent": "lots"}
    )
    assert response.status_code == 400
    assert "whole percentage" in response.content.decode()
    assert not CalibrationSet.objects.exists()


def test_the_reliability_page_lists_the_admins_own_micro_credentials_only(
    client, mc, issuer_admin, other_issuer
):
    foreign = enrollment_for(
        UserFactory(),
        issuer_admin=UserFactory(is_staff=True),
        micro_credential__issuer=other_issuer,
        fee=0,
    ).micro_credential
    client.force_login(issuer_admin)
    page = client.get(reverse("assessment:reliability")).content.decode()
    assert reverse("assessment:reliability_detail", args=[mc.pk]) in page
    assert reverse("assessment:reliability_detail", args=[foreign.pk]) not in page


def test_the_reliability_page_of_another_issuer_is_refused(client, issuer_admin, other_issuer):
    foreign = enrollment_for(
        UserFactory(),
        issuer_admin=UserFactory(is_staff=True),
        micro_credential__issuer=other_issuer,
        fee=0,
    ).micro_credential
    client.force_login(issuer_admin)
    assert (
        client.get(reverse("assessment:reliability_detail", args=[foreign.pk])).status_code == 403
    )


def test_the_reliability_page_shows_figures_and_charts(client, mc, enrollment, issuer_admin):
    first, second = qualified_assessor(mc, name="Ada"), qualified_assessor(mc, name="Bo")
    submitted(enrollment)
    assign.sweep()
    from microcred.assessment import selectors
    from microcred.assessment.services import reviews

    for assignment in Assignment.objects.filter(assessor__in=[first, second]):
        criteria = selectors.review_packet(assignment).requirements[0][1]
        reviews.record_review(
            assignment,
            by=assignment.assessor.user,
            scores={c.pk: (True, "") for c in criteria},
            overall_comment="Fine.",
        )
    client.force_login(issuer_admin)

    page = client.get(reverse("assessment:reliability_detail", args=[mc.pk])).content.decode()

    assert "Krippendorff" in page
    assert 'class="sparkline"' in page
    assert "Ada" in page


def test_the_csv_export_downloads_for_the_issuer_admin(client, mc, issuer_admin):
    client.force_login(issuer_admin)
    response = client.get(reverse("assessment:reliability_export", args=[mc.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().startswith("section,name,figure,value")


def test_the_csv_export_is_refused_to_someone_without_rights(client, mc, assessor):
    client.force_login(assessor)
    assert client.get(reverse("assessment:reliability_export", args=[mc.pk])).status_code == 403


def test_the_csv_export_asks_a_visitor_to_sign_in(client, mc):
    response = client.get(reverse("assessment:reliability_export", args=[mc.pk]))
    assert response.status_code == 302
    assert "login" in response.url


def test_an_assessor_of_another_issuer_cannot_see_reliability(client, mc, other_issuer):
    user = UserFactory()
    MembershipFactory(user=user, organization=other_issuer, role=Role.ISSUER_ADMIN)
    client.force_login(user)
    assert client.get(reverse("assessment:reliability_detail", args=[mc.pk])).status_code == 403


def test_nothing_on_a_live_anchor_review_page_reveals_it(
    client, mc, enrollment, issuer_admin, settings
):
    settings.ANCHOR_LIVE_PERCENT = 50
    anchor(mc, by=issuer_admin, title="SECRET-ANCHOR-NAME")
    profile = qualified_assessor(mc)
    submitted(enrollment)
    assign.sweep()
    client.force_login(profile.user)
    live = Assignment.objects.get(assessor=profile, anchor__isnull=True)
    placed = Assignment.objects.get(assessor=profile, anchor__isnull=False)

    pages = [
        client.get(reverse("assessment:queue")).content.decode(),
        client.get(reverse("assessment:review", args=[placed.pk])).content.decode(),
    ]
    live_page = client.get(reverse("assessment:review", args=[live.pk])).content.decode()

    for page in pages:
        assert "anchor" not in page.lower()
        assert "SECRET-ANCHOR-NAME" not in page
        assert "Expert view" not in page
    assert live_page.count("<fieldset") == pages[1].count("<fieldset")
