import io
import zipfile

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from microcred.submissions.blind_copies import CannotClean, strip_identifying_metadata

MARKER = "ERIN-EARNER-MARKER"


def _jpeg() -> bytes:
    exif = Image.Exif()
    exif[0x013B] = MARKER  # Artist
    exif[0x010E] = MARKER  # ImageDescription
    exif[0x0112] = 6  # Orientation: rotated
    out = io.BytesIO()
    Image.new("RGB", (40, 20), (10, 120, 200)).save(out, format="JPEG", exif=exif, comment=MARKER)
    return out.getvalue()


def _png() -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", MARKER)
    info.add_itxt("Description", MARKER)
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (200, 40, 40)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.add_metadata({"/Author": MARKER, "/Title": MARKER, "/Creator": MARKER})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>Lesson plan</w:document>")
        archive.writestr(
            "docProps/core.xml",
            f"<cp:coreProperties><dc:creator>{MARKER}</dc:creator></cp:coreProperties>",
        )
        archive.writestr(
            "docProps/app.xml", f"<Properties><Company>{MARKER}</Company></Properties>"
        )
    return out.getvalue()


def test_a_photo_loses_its_exif_but_keeps_its_picture_upright():
    clean = strip_identifying_metadata(_jpeg(), "image/jpeg")

    assert MARKER.encode() not in clean
    with Image.open(io.BytesIO(clean)) as image:
        assert image.size == (20, 40)  # the orientation was applied, then dropped
        assert not image.getexif()


def test_a_png_loses_its_text_chunks():
    clean = strip_identifying_metadata(_png(), "image/png")

    assert MARKER.encode() not in clean
    with Image.open(io.BytesIO(clean)) as image:
        assert image.size == (20, 20)


def test_a_pdf_loses_its_author_and_title_and_keeps_its_pages():
    clean = strip_identifying_metadata(_pdf(), "application/pdf")

    assert MARKER.encode() not in clean
    reader = PdfReader(io.BytesIO(clean))
    assert len(reader.pages) == 1
    assert not (reader.metadata or {}).get("/Author")


def test_a_word_document_loses_its_properties_and_keeps_its_text():
    clean = strip_identifying_metadata(
        _docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )

    with zipfile.ZipFile(io.BytesIO(clean)) as archive:
        assert all(MARKER.encode() not in archive.read(name) for name in archive.namelist())
        assert archive.read("word/document.xml") == b"<w:document>Lesson plan</w:document>"


def test_audio_passes_unchanged():
    assert strip_identifying_metadata(b"ID3 audio", "audio/mpeg") == b"ID3 audio"


@pytest.mark.parametrize("content_type", ["image/png", "application/pdf"])
def test_a_file_that_is_not_what_it_claims_cannot_be_cleaned(content_type):
    with pytest.raises(CannotClean):
        strip_identifying_metadata(b"MZ\x90\x00 not really", content_type)


def test_a_decompression_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)

    with pytest.raises(CannotClean):
        strip_identifying_metadata(_png(), "image/png")  # 400 pixels > twice the limit
