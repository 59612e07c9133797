import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from microcred.catalog.models import Requirement
from microcred.payments import services as fee_services
from microcred.submissions.models import Evidence, Submission
from microcred.submissions.states import State
from microcred.submissions.tests.factories import enrollment_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def enrollment(earner, issuer, issuer_admin):
    return enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)


@pytest.fixture
def draft(client, earner, enrollment):
    client.force_login(earner)
    client.post(reverse("submissions:start", args=[enrollment.pk]))
    return Submission.objects.get(enrollment=enrollment)


@pytest.fixture
def requirement(enrollment):
    return Requirement.objects.get(version=enrollment.version)


def test_the_backpack_offers_to_prepare_evidence(client, earner, enrollment):
    client.force_login(earner)

    page = client.get(reverse("backpack:home")).text

    assert "Prepare evidence for" in page


def test_the_draft_page_shows_requirements_rubric_and_the_fee(client, draft):
    page = client.get(reverse("submissions:detail", args=[draft.reference])).text

    assert draft.reference in page
    assert "Lesson plan" in page
    assert "Protocol chosen" in page
    assert "The fee is 25.00 USD. It must be paid before you submit" in page


def test_text_saves_as_the_earner_types(client, draft, requirement):
    response = client.post(
        reverse("submissions:save_text", args=[draft.reference, requirement.pk, "text"]),
        {"text": "Students chose the protocol."},
        headers={"HX-Request": "true"},
    )

    assert "Saved at" in response.text
    assert Evidence.objects.get(submission=draft).text == "Students chose the protocol."


def test_an_upload_arrives_and_the_earner_can_download_it(client, draft, requirement):
    client.post(
        reverse("submissions:add_file", args=[draft.reference, requirement.pk]),
        {"file": SimpleUploadedFile("plan.pdf", PDF, "application/pdf")},
    )
    evidence = Evidence.objects.get(submission=draft)

    response = client.get(reverse("submissions:evidence_file", args=[draft.reference, evidence.pk]))

    assert 'filename="plan.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF


def test_a_disguised_upload_is_refused_with_a_message(client, draft, requirement):
    response = client.post(
        reverse("submissions:add_file", args=[draft.reference, requirement.pk]),
        {"file": SimpleUploadedFile("plan.pdf", b"MZ\x90\x00" + b"\0" * 64, "application/pdf")},
        follow=True,
    )

    assert "not a type we accept" in response.text
    assert not Evidence.objects.exists()


def test_submitting_without_paying_says_the_fee_is_due(client, draft, requirement):
    client.post(
        reverse("submissions:save_text", args=[draft.reference, requirement.pk, "text"]),
        {"text": "My plan"},
    )

    response = client.post(reverse("submissions:submit", args=[draft.reference]), follow=True)

    assert "The fee is not paid yet." in response.text
    assert Submission.objects.get(pk=draft.pk).state == State.DRAFT


def test_a_voucher_then_submit(client, draft, requirement, issuer, issuer_admin):
    code = (
        fee_services.create_voucher_batch(issuer, by=issuer_admin, name="Pilot", count=1)
        .vouchers.get()
        .code
    )
    client.post(
        reverse("submissions:save_text", args=[draft.reference, requirement.pk, "text"]),
        {"text": "My plan"},
    )

    client.post(reverse("submissions:pay_voucher", args=[draft.reference]), {"code": code})
    response = client.post(reverse("submissions:submit", args=[draft.reference]), follow=True)

    assert "Submitted" in response.text
    submission = Submission.objects.get(pk=draft.pk)
    assert submission.state == State.SUBMITTED
    assert submission.due_on is not None
    assert "decision due by" in response.text


def test_another_earner_cannot_see_the_submission(client, draft, outsider):
    client.force_login(outsider)

    assert client.get(reverse("submissions:detail", args=[draft.reference])).status_code == 404


@pytest.mark.parametrize("reference", ["MC-NOPE", "x' OR 1=1 --", "../../etc"])
def test_an_unknown_or_malformed_reference_is_404(client, draft, reference):
    assert client.get(f"/submissions/{reference}/").status_code == 404


def test_an_empty_file_field_is_a_message_not_an_error(client, draft, requirement):
    response = client.post(
        reverse("submissions:add_file", args=[draft.reference, requirement.pk]), {}, follow=True
    )

    assert "Choose a file to upload." in response.text
