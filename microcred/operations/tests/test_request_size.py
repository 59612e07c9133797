"""A request declaring a body larger than the platform accepts is refused before any of it
is read: nothing is written to disk, nothing stored."""

import json

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from microcred.catalog.models import Requirement
from microcred.submissions.models import Evidence, Submission
from microcred.submissions.tests.factories import enrollment_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def small_limits(settings, tmp_path):
    settings.MAX_EVIDENCE_UPLOAD_BYTES = 10_000
    settings.MAX_REQUEST_BYTES = 12_000
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # whatever is read of a file goes to disk
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path


@pytest.fixture
def add_file_url(client, earner, issuer, issuer_admin):
    enrollment = enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    client.force_login(earner)
    client.post(reverse("submissions:start", args=[enrollment.pk]))
    draft = Submission.objects.get(enrollment=enrollment)
    requirement = Requirement.objects.get(version=enrollment.version)
    return reverse("submissions:add_file", args=[draft.reference, requirement.pk])


def _evidence_files() -> list:
    try:
        return default_storage.listdir("evidence")[1]
    except FileNotFoundError:
        return []


def test_an_upload_declaring_more_than_the_limit_is_refused_unread(
    client, add_file_url, small_limits
):
    body = b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n'
    body += PDF + b"\r\n--x--\r\n"

    # The body declares 50 MB and holds a few hundred bytes: reading any of it past those
    # would fail, so a 413 shows that nothing was read.
    response = client.generic(
        "POST",
        add_file_url,
        body,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )

    assert response.status_code == 413
    assert "nothing of it was read or kept" in response.text
    assert "choose a smaller file" in response.text
    assert list(small_limits.iterdir()) == []
    assert not Evidence.objects.exists()


def test_an_oversized_file_is_refused_whole_with_a_readable_page(
    client, add_file_url, small_limits
):
    file = ("big.pdf", PDF + b"0" * 20_000)

    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(add_file_url, {"file": SimpleUploadedFile(*file)})

    assert response.status_code == 413
    assert "<h1>Too large to accept</h1>" in response.text
    assert list(small_limits.iterdir()) == []
    assert not Evidence.objects.exists()
    assert _evidence_files() == []


def test_an_api_caller_gets_a_problem(client, small_limits):
    response = client.post(
        "/credentials/verify",
        data=json.dumps({"x": "y" * 20_000}),
        content_type="application/json",
    )

    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert "nothing of it was read" in response.json()["detail"]


def test_a_request_within_the_limit_goes_through(client, add_file_url, small_limits):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(add_file_url, {"file": SimpleUploadedFile("plan.pdf", PDF)})

    assert response.status_code == 302
    assert Evidence.objects.count() == 1
