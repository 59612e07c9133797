"""What a requirement states about length, type and size is what the platform keeps: shown
beside the field before the earner types, enforced on the server, and every refusal said
beside the requirement it is about."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from microcred.catalog import services as catalog
from microcred.catalog.models import Requirement
from microcred.catalog.word_limits import count_words, stated_word_limits
from microcred.submissions.blind_copies import strip_identifying_metadata
from microcred.submissions.models import Evidence, Submission
from microcred.submissions.states import State
from microcred.submissions.tests.factories import enrollment_for

pytestmark = pytest.mark.django_db

REFLECTION = "In 300 to 500 words, reflect on what changed for your students."
STUDENT_DATA = b'student,pre,post\r\nS1,4,7\r\nS2,=HYPERLINK("http://x"),8\r\nS3,@SUM(A1),9\r\n'


@pytest.fixture
def enrollment(earner, issuer, issuer_admin):
    return enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0)


@pytest.fixture
def requirement(enrollment):
    requirement = Requirement.objects.get(version=enrollment.version)
    Requirement.objects.filter(pk=requirement.pk).update(
        instructions=REFLECTION,
        evidence_types=["file", "reflection"],
        min_words=300,
        max_words=500,
    )
    requirement.refresh_from_db()
    return requirement


@pytest.fixture
def draft(client, earner, enrollment, requirement):
    client.force_login(earner)
    client.post(reverse("submissions:start", args=[enrollment.pk]))
    return Submission.objects.get(enrollment=enrollment)


def _words(n: int) -> str:
    return " ".join(["word"] * n)


def _save(client, draft, requirement, text):
    return client.post(
        reverse("submissions:save_text", args=[draft.reference, requirement.pk, "reflection"]),
        {"text": text},
    )


def _part(page: str, requirement) -> str:
    return page.split(f'id="requirement-{requirement.pk}"', 1)[1].split("</section>", 1)[0]


def test_the_limit_stated_in_the_instructions_becomes_the_enforced_one(issuer_admin):
    assert stated_word_limits(REFLECTION) == (300, 500)
    assert stated_word_limits("Write up to 250 words.") == (None, 250)
    assert stated_word_limits("At least 100 words, please.") == (100, None)
    assert stated_word_limits("Upload a video of up to five minutes.") == (None, None)
    assert count_words("Students' well-being — it's 2 things.") == 5


def test_an_author_writing_a_limit_gets_it_kept(issuer, issuer_admin):
    from microcred.catalog.tests.factories import CompleteDraftFactory

    version = CompleteDraftFactory(micro_credential__issuer=issuer)

    requirement = catalog.add_requirement(
        version,
        by=issuer_admin,
        title="Reflection",
        instructions=REFLECTION,
        evidence_types=["reflection"],
    )

    assert (requirement.min_words, requirement.max_words) == (300, 500)


def test_the_limit_stands_beside_the_field_before_the_earner_types(client, draft, requirement):
    page = client.get(reverse("submissions:detail", args=[draft.reference])).text

    part = _part(page, requirement)
    assert "Length: 300 to 500 words." in part
    assert f'aria-describedby="limit-{requirement.pk}-reflection' in part
    assert "Up to 100 MB; images up to" in part
    assert "CSV (UTF-8)" in part


def test_a_short_draft_is_saved_whole_with_its_count(client, draft, requirement):
    _save(client, draft, requirement, _words(60))

    page = client.get(reverse("submissions:detail", args=[draft.reference])).text

    assert Evidence.objects.get(submission=draft, kind="reflection").text == _words(60)
    assert "60 words; this answer needs 300 to 500 words." in _part(page, requirement)


def test_submitting_sixty_words_for_three_hundred_to_five_hundred_is_refused_with_the_count(
    client, draft, requirement
):
    _save(client, draft, requirement, _words(60))

    response = client.post(reverse("submissions:submit", args=[draft.reference]))

    assert response.status_code == 400
    assert "60 words; this answer needs 300 to 500 words." in _part(response.text, requirement)
    assert 'role="alert"' in _part(response.text, requirement)
    assert Submission.objects.get(pk=draft.pk).state == State.DRAFT


def test_too_long_is_refused_on_submit_too(client, draft, requirement):
    _save(client, draft, requirement, _words(501))

    response = client.post(reverse("submissions:submit", args=[draft.reference]))

    assert "501 words; this answer needs 300 to 500 words." in response.text
    assert Submission.objects.get(pk=draft.pk).state == State.DRAFT


def test_an_answer_within_the_limit_is_submitted(client, draft, requirement):
    _save(client, draft, requirement, _words(300))

    client.post(reverse("submissions:submit", args=[draft.reference]))

    assert Submission.objects.get(pk=draft.pk).state == State.SUBMITTED


def test_a_refused_file_is_named_beside_its_requirement_with_what_is_accepted(
    client, draft, requirement
):
    response = client.post(
        reverse("submissions:add_file", args=[draft.reference, requirement.pk]),
        {"file": SimpleUploadedFile("setup.pdf", b"MZ\x90\x00" + b"\0" * 64, "application/pdf")},
    )

    assert response.status_code == 400
    part = _part(response.text, requirement)
    assert "“setup.pdf” was not uploaded." in part
    assert "not a type we accept (PDF, Word" in part
    assert 'role="alert"' in part
    assert not Evidence.objects.exists()


def test_student_data_as_csv_is_accepted_and_downloads_as_an_attachment(client, draft, requirement):
    client.post(
        reverse("submissions:add_file", args=[draft.reference, requirement.pk]),
        {"file": SimpleUploadedFile("scores.csv", STUDENT_DATA, "text/csv")},
    )
    evidence = Evidence.objects.get(submission=draft, kind="file")

    response = client.get(reverse("submissions:evidence_file", args=[draft.reference, evidence.pk]))
    response.close()

    assert evidence.content_type == "text/csv"
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="scores.csv"' in response["Content-Disposition"]


def test_prose_is_not_taken_for_csv(client, draft, requirement):
    response = client.post(
        reverse("submissions:add_file", args=[draft.reference, requirement.pk]),
        {"file": SimpleUploadedFile("notes.csv", b"Hello, world.\nThis is prose.\n")},
    )

    assert "“notes.csv” was not uploaded." in response.text
    assert not Evidence.objects.exists()


def test_the_assessors_copy_of_a_csv_runs_no_formula():
    copy = strip_identifying_metadata(STUDENT_DATA, "text/csv").decode()

    assert copy.splitlines() == [
        "student,pre,post",
        "S1,4,7",
        'S2,"\'=HYPERLINK(""http://x"")",8',
        "S3,'@SUM(A1),9",
    ]


def test_an_image_too_large_to_copy_blind_is_refused_at_upload_with_the_reason(
    client, draft, requirement, monkeypatch
):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)
    picture = io.BytesIO()
    Image.new("RGB", (1200, 1000), "white").save(picture, format="PNG")

    response = client.post(
        reverse("submissions:add_file", args=[draft.reference, requirement.pk]),
        {"file": SimpleUploadedFile("board.png", picture.getvalue(), "image/png")},
    )

    assert response.status_code == 400
    part = _part(response.text, requirement)
    assert "“board.png” was not uploaded." in part
    assert (
        "too large: 1,200 × 1,000 pixels, and the largest we can prepare for assessors is "
        "1 million pixels" in part
    )
    assert not Evidence.objects.exists()


def test_an_image_within_the_limit_is_accepted(client, draft, requirement):
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(picture, format="PNG")

    client.post(
        reverse("submissions:add_file", args=[draft.reference, requirement.pk]),
        {"file": SimpleUploadedFile("board.png", picture.getvalue(), "image/png")},
    )

    assert Evidence.objects.get(submission=draft).content_type == "image/png"


def test_an_author_may_set_the_limits_and_they_must_be_in_order(issuer, issuer_admin):
    from microcred.catalog.tests.factories import CompleteDraftFactory

    version = CompleteDraftFactory(micro_credential__issuer=issuer)
    set_by_hand = catalog.add_requirement(
        version,
        by=issuer_admin,
        title="Summary",
        instructions="Summarize the unit.",
        evidence_types=["text"],
        max_words=250,
    )

    with pytest.raises(ValidationError):
        catalog.add_requirement(
            version,
            by=issuer_admin,
            title="Reflection",
            instructions="Reflect.",
            evidence_types=["reflection"],
            min_words=500,
            max_words=300,
        )
    assert (set_by_hand.min_words, set_by_hand.max_words) == (None, 250)
    assert set_by_hand.word_limit_text == "up to 250 words"


def test_saving_as_the_earner_types_reports_the_count_against_the_limit(client, draft, requirement):
    response = client.post(
        reverse("submissions:save_text", args=[draft.reference, requirement.pk, "reflection"]),
        {"text": _words(60)},
        headers={"HX-Request": "true"},
    )

    assert "Saved at" in response.text
    assert "60 words; this answer needs 300 to 500 words." in response.text
