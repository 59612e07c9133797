import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from microcred.submissions import uploads

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _docx(extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_pdf_is_accepted_with_its_type_read_from_the_content():
    checked = uploads.inspect(SimpleUploadedFile("plan.bin", PDF, "application/octet-stream"))

    assert (checked.extension, checked.content_type) == ("pdf", "application/pdf")
    assert checked.name == "plan.pdf"
    assert len(checked.sha256) == 64


def test_a_word_document_is_accepted():
    checked = uploads.inspect(SimpleUploadedFile("unit.docx", _docx()))

    assert checked.extension == "docx"


def test_an_executable_renamed_pdf_is_refused():
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200

    with pytest.raises(uploads.UploadRefused, match="not a type we accept"):
        uploads.inspect(SimpleUploadedFile("lesson.pdf", exe, "application/pdf"))


def test_a_shell_script_is_refused():
    with pytest.raises(uploads.UploadRefused):
        uploads.inspect(SimpleUploadedFile("notes.pdf", b"#!/bin/sh\nrm -rf /\n"))


def test_an_empty_file_is_refused():
    with pytest.raises(uploads.UploadRefused, match="empty"):
        uploads.inspect(SimpleUploadedFile("empty.pdf", b""))


def test_an_oversized_file_is_refused_with_the_limit():
    with pytest.raises(uploads.UploadRefused, match="largest accepted is 1 MB"):
        uploads.inspect(SimpleUploadedFile("big.pdf", PDF + b"0" * 2_000_000), max_bytes=1_048_576)


def test_a_zip_bomb_dressed_as_a_document_is_refused():
    bomb = _docx({"word/media/filler.xml": b"\0" * (60 * 1024 * 1024)})

    assert len(bomb) < 200_000
    with pytest.raises(uploads.UploadRefused, match="expands"):
        uploads.inspect(SimpleUploadedFile("report.docx", bomb))


def test_a_document_whose_headers_lie_about_its_size_is_still_refused():
    bomb = bytearray(_docx({"word/media/filler.xml": b"\0" * (60 * 1024 * 1024)}))
    # Rewrite the declared uncompressed sizes to look tiny.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := bomb.find(signature, start)) != -1:
            bomb[start + offset : start + offset + 4] = (10).to_bytes(4, "little")
            start += 4

    with pytest.raises(uploads.UploadRefused):
        uploads.inspect(SimpleUploadedFile("report.docx", bytes(bomb)))


def test_a_damaged_document_is_refused():
    broken = _docx()[:150]

    with pytest.raises(uploads.UploadRefused):
        uploads.inspect(SimpleUploadedFile("broken.docx", broken))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\erin\\plan.pdf", "plan.pdf"),
        ("..", "evidence.pdf"),
        ("report\x00.exe.pdf", "report.exe.pdf"),
        ("lesson plan.docx", "lesson plan.pdf"),
    ],
)
def test_file_names_lose_their_folders_and_take_the_real_extension(raw, expected):
    assert uploads.safe_file_name(raw, "pdf") == expected
