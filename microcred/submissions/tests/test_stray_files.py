"""What a web process killed mid-upload leaves behind is swept; nothing a row names is."""

import io
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from microcred.catalog.models import Requirement
from microcred.submissions import services, stray_files
from microcred.submissions.tests.factories import enrollment_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TWO_DAYS = 2 * 24 * 60 * 60


def _age(path: str, seconds: int) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def _stored(name: str, *, age: int) -> str:
    saved = default_storage.save(name, ContentFile(PDF))
    _age(default_storage.path(saved), age)
    return saved


@pytest.fixture(autouse=True)
def _storage_of_its_own(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def evidence(earner, issuer, issuer_admin):
    enrollment = enrollment_for(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0
    )
    draft = services.start_attempt(enrollment, by=earner)
    requirement = Requirement.objects.get(version=enrollment.version)
    saved = services.add_file(
        draft, requirement, by=earner, upload=SimpleUploadedFile("plan.pdf", PDF)
    )
    _age(saved.file.path, TWO_DAYS)
    return saved


@pytest.fixture
def upload_folder(settings, tmp_path):
    folder = tmp_path / "uploads"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    return folder


def test_a_stored_file_without_a_row_is_removed_after_a_day(evidence):
    stray = _stored("evidence/2026/01/left-by-a-killed-process.pdf", age=TWO_DAYS)

    removed = stray_files.sweep_stored()

    assert removed == 1
    assert not default_storage.exists(stray)


def test_a_file_a_row_names_is_kept_however_old(evidence):
    stray_files.sweep_stored()

    assert default_storage.exists(evidence.file.name)
    with default_storage.open(evidence.file.name, "rb") as kept:
        assert kept.read() == PDF


def test_a_file_without_a_row_yet_is_kept_for_a_day(evidence):
    """An upload whose row is about to be committed must not lose its file."""
    young = _stored("evidence/2026/01/being-uploaded.pdf", age=60)

    stray_files.sweep_stored()

    assert default_storage.exists(young)


def test_temporary_upload_files_older_than_a_day_are_removed(upload_folder):
    old = upload_folder / "tmpabc.upload.pdf"
    old.write_bytes(PDF)
    _age(str(old), TWO_DAYS)
    current = upload_folder / "tmpdef.upload.pdf"
    current.write_bytes(PDF)

    assert stray_files.sweep_temporary() == 1
    assert not old.exists()
    assert current.exists()


def test_the_periodic_runner_sweeps_once_an_hour(evidence, upload_folder):
    first = _stored("evidence/2026/01/first.pdf", age=TWO_DAYS)
    out = io.StringIO()

    call_command("run_periodic", "--once", stdout=out)
    second = _stored("evidence/2026/01/second.pdf", age=TWO_DAYS)
    call_command("run_periodic", "--once", stdout=io.StringIO())

    assert "Removed 1 stored evidence file(s) without a row" in out.getvalue()
    assert not default_storage.exists(first)
    assert default_storage.exists(second)
    assert default_storage.exists(evidence.file.name)
