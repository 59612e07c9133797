import contextlib
import io
import re
import zipfile
import zlib

import pytest
from PIL import Image, ImageCms, ImageSequence, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Text
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from microcred.submissions import blind_copies
from microcred.submissions.blind_copies import CannotClean, strip_identifying_metadata

MARKER = "ERIN-EARNER-MARKER"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
    f"<dc:creator><rdf:Seq><rdf:li>{MARKER}</rdf:li></rdf:Seq></dc:creator>"
    "</rdf:Description></rdf:RDF></x:xmpmeta>"
).encode()
SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


# Images -----------------------------------------------------------------------------


def _exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x013B] = MARKER  # Artist
    exif[0x8298] = MARKER  # Copyright
    exif[0x010E] = MARKER  # ImageDescription
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (40.0, 26.0, 46.0)  # GPSLatitudeRef, GPSLatitude
    gps[3], gps[4] = "W", (79.0, 58.0, 56.0)  # GPSLongitudeRef, GPSLongitude
    gps[0x1C] = MARKER  # GPSAreaInformation
    return exif


RED, BLUE = (255, 0, 0), (0, 0, 255)


def _two_tone(size=(40, 20)) -> Image.Image:
    """Red on the left half, blue on the right."""
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0] // 2, size[1]))
    return image


def _looks_like(pixel, colour) -> bool:
    """Within what JPEG compression does to a flat colour."""
    return all(abs(got - wanted) <= 40 for got, wanted in zip(pixel, colour, strict=True))


def _jpeg(*, orientation: int = 1, icc_profile: bytes = b"") -> bytes:
    exif = _exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    _two_tone().save(
        out,
        format="JPEG",
        exif=exif,
        xmp=XMP,
        comment=MARKER,
        icc_profile=icc_profile or MARKER.encode(),
    )
    return out.getvalue()


def _png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", MARKER)  # tEXt
    info.add_text("Comment", MARKER, zip=True)  # zTXt: compressed, invisible to a byte search
    info.add_itxt("Description", MARKER)  # iTXt
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    out = io.BytesIO()
    _two_tone().save(out, format="PNG", pnginfo=info, exif=_exif(), icc_profile=SRGB_PROFILE)
    return out.getvalue()


def _webp() -> bytes:
    out = io.BytesIO()
    _two_tone().save(
        out, format="WEBP", lossless=True, exif=_exif(), xmp=XMP, icc_profile=SRGB_PROFILE
    )
    return out.getvalue()


def _gif() -> bytes:
    out = io.BytesIO()
    _two_tone().save(out, format="GIF", comment=MARKER)
    return out.getvalue()


def _everything_pillow_reads(data: bytes) -> bytes:
    """The bytes of an image plus all Pillow decodes from them: compressed text chunks,
    EXIF and its GPS directory."""
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        return b"\n".join(
            [
                data,
                repr(image.info).encode(),
                repr(dict(exif)).encode(),
                repr(exif.get_ifd(0x8825)).encode(),
            ]
        )


def _format_and_size(data: bytes) -> tuple[str, tuple[int, int]]:
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return image.format, image.size


IMAGES = [
    pytest.param(_jpeg, "image/jpeg", "JPEG", id="jpeg"),
    pytest.param(_png, "image/png", "PNG", id="png"),
    pytest.param(_webp, "image/webp", "WEBP", id="webp"),
    pytest.param(_gif, "image/gif", "GIF", id="gif"),
]


@pytest.mark.parametrize(("make", "content_type", "image_format"), IMAGES)
def test_an_image_keeps_nothing_that_names_its_author(make, content_type, image_format):
    original = make()
    assert MARKER.encode() in _everything_pillow_reads(original)

    clean = strip_identifying_metadata(original, content_type)

    assert MARKER.encode() not in _everything_pillow_reads(clean)


@pytest.mark.parametrize(("make", "content_type", "image_format"), IMAGES)
def test_an_image_keeps_its_format_and_size(make, content_type, image_format):
    clean = strip_identifying_metadata(make(), content_type)

    assert _format_and_size(clean) == (image_format, (40, 20))


@pytest.mark.parametrize(("make", "content_type", "image_format"), IMAGES)
def test_an_image_loses_its_exif_gps_xmp_and_colour_profile(make, content_type, image_format):
    clean = strip_identifying_metadata(make(), content_type)

    with Image.open(io.BytesIO(clean)) as image:
        assert not image.getexif()
        assert not image.getexif().get_ifd(0x8825)
        assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info)


def test_a_png_keeps_its_exact_pixels():
    clean = strip_identifying_metadata(_png(), "image/png")

    with Image.open(io.BytesIO(clean)) as image:
        assert image.convert("RGB").tobytes() == _two_tone().tobytes()
        assert not getattr(image, "text", {})


def test_a_photo_is_turned_upright_before_its_orientation_is_dropped():
    # Orientation 6: the camera was turned; the picture is shown rotated 90° clockwise,
    # so what was the left (red) half is on top.
    clean = strip_identifying_metadata(_jpeg(orientation=6), "image/jpeg")

    with Image.open(io.BytesIO(clean)) as image:
        assert image.size == (20, 40)
        assert _looks_like(image.getpixel((10, 5)), RED)
        assert _looks_like(image.getpixel((10, 35)), BLUE)


def test_a_photo_with_a_real_colour_profile_keeps_its_colours_in_srgb():
    clean = strip_identifying_metadata(_jpeg(icc_profile=SRGB_PROFILE), "image/jpeg")

    with Image.open(io.BytesIO(clean)) as image:
        assert "icc_profile" not in image.info
        assert _looks_like(image.getpixel((5, 10)), RED)


def test_a_png_keeps_its_transparency():
    original = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    original.paste((255, 0, 0, 255), (0, 0, 5, 10))
    out = io.BytesIO()
    original.save(out, format="PNG")

    clean = strip_identifying_metadata(out.getvalue(), "image/png")

    with Image.open(io.BytesIO(clean)) as image:
        assert image.convert("RGBA").tobytes() == original.tobytes()


def test_a_palette_gif_keeps_its_transparent_colour():
    original = Image.new("P", (10, 10), 0)
    original.putpalette([255, 255, 255, 255, 0, 0])
    original.paste(1, (0, 0, 5, 10))
    out = io.BytesIO()
    original.save(out, format="GIF", transparency=0, comment=MARKER)

    clean = strip_identifying_metadata(out.getvalue(), "image/gif")

    with Image.open(io.BytesIO(clean)) as image:
        assert image.convert("RGBA").getpixel((8, 5))[3] == 0
        assert image.convert("RGBA").getpixel((2, 5)) == (255, 0, 0, 255)


def _animation(image_format: str, *, loop: int | None) -> bytes:
    frames = []
    for index, colour in enumerate([(255, 0, 0, 255), (0, 255, 0, 255), (0, 0, 255, 255)]):
        frame = Image.new("RGBA", (30, 20), (0, 0, 0, 0))
        frame.paste(colour, (index * 10, 0, index * 10 + 10, 20))
        frames.append(frame)
    out = io.BytesIO()
    options = {} if loop is None else {"loop": loop}
    if image_format == "WEBP":
        options["lossless"] = True
    frames[0].save(
        out,
        format=image_format,
        save_all=True,
        append_images=frames[1:],
        duration=[100, 200, 300],
        comment=MARKER,
        exif=_exif(),
        **options,
    )
    return out.getvalue()


def _frames(data: bytes) -> tuple[list[tuple[float, bytes]], object]:
    with Image.open(io.BytesIO(data)) as image:
        frames = []
        for frame in ImageSequence.Iterator(image):
            pixels = frame.convert("RGBA").tobytes()  # a WebP frame's duration comes with it
            frames.append((frame.info.get("duration"), pixels))
        return frames, image.info.get("loop")


@pytest.mark.parametrize(
    ("image_format", "content_type"),
    [("GIF", "image/gif"), ("PNG", "image/png"), ("WEBP", "image/webp")],
)
def test_an_animation_keeps_every_frame_its_timing_and_its_looping(image_format, content_type):
    original = _animation(image_format, loop=0)

    clean = strip_identifying_metadata(original, content_type)

    assert _frames(clean) == _frames(original)
    assert MARKER.encode() not in _everything_pillow_reads(clean)


def test_a_gif_that_plays_once_still_plays_once():
    clean = strip_identifying_metadata(_animation("GIF", loop=None), "image/gif")

    assert _frames(clean)[1] is None


def test_a_lossy_webp_photo_stays_lossy_and_a_lossless_one_lossless():
    lossy, lossless = io.BytesIO(), io.BytesIO()
    _two_tone().save(lossy, format="WEBP", quality=80, exif=_exif())
    _two_tone().save(lossless, format="WEBP", lossless=True, exif=_exif())

    cleaned = [
        strip_identifying_metadata(data.getvalue(), "image/webp") for data in (lossy, lossless)
    ]

    assert [b"VP8L" in data for data in cleaned] == [False, True]


def test_only_the_first_picture_of_a_multi_picture_jpeg_is_kept():
    out = io.BytesIO()
    _two_tone().save(
        out, format="MPO", save_all=True, append_images=[Image.new("RGB", (8, 8))], exif=_exif()
    )

    clean = strip_identifying_metadata(out.getvalue(), "image/jpeg")

    assert _format_and_size(clean) == ("JPEG", (40, 20))
    assert MARKER.encode() not in clean


def test_the_content_type_is_read_without_regard_to_case_or_parameters():
    clean = strip_identifying_metadata(_jpeg(), "Image/JPEG; charset=binary")

    assert MARKER.encode() not in clean


@pytest.mark.parametrize("content_type", ["image/jpeg", "image/png", "image/webp", "image/gif"])
def test_a_file_that_is_not_an_image_cannot_be_cleaned(content_type):
    with pytest.raises(CannotClean):
        strip_identifying_metadata(b"MZ\x90\x00 not really an image", content_type)


def test_an_image_of_another_format_than_declared_cannot_be_cleaned():
    with pytest.raises(CannotClean):
        strip_identifying_metadata(_png(), "image/jpeg")


def test_a_truncated_image_cannot_be_cleaned():
    with pytest.raises(CannotClean):
        strip_identifying_metadata(_jpeg()[:-200], "image/jpeg")


def test_a_decompression_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)

    with pytest.raises(CannotClean, match="too large"):
        strip_identifying_metadata(_png(), "image/png")  # 800 pixels: over twice the limit


def test_an_image_over_the_limit_is_refused_where_pillow_only_warns(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 500)

    with (
        pytest.warns(Image.DecompressionBombWarning),
        pytest.raises(CannotClean, match="too large"),
    ):
        strip_identifying_metadata(_png(), "image/png")  # 800 pixels: under twice the limit


def test_an_animation_whose_frames_together_are_too_large_is_refused(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # each frame is 600 pixels

    with pytest.raises(CannotClean, match="too large"):
        strip_identifying_metadata(_animation("GIF", loop=0), "image/gif")


# PDF --------------------------------------------------------------------------------


def _pdf() -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(width=100, height=100)
    writer.add_metadata(
        dict.fromkeys(
            ("/Author", "/Creator", "/Producer", "/Title", "/Subject", "/Keywords"), MARKER
        )
    )
    # XMP on the catalog, deflated so that a search of the raw bytes would miss it, and
    # the same stream on the page.
    writer.xmp_metadata = zlib.compress(XMP)
    metadata = writer.root_object["/Metadata"]
    metadata[NameObject("/Filter")] = NameObject("/FlateDecode")
    metadata[NameObject("/Type")] = NameObject("/Metadata")
    metadata[NameObject("/Subtype")] = NameObject("/XML")
    page[NameObject("/Metadata")] = writer.root_object.raw_get("/Metadata")
    page[NameObject("/PieceInfo")] = DictionaryObject(
        {
            NameObject("/Illustrator"): DictionaryObject(
                {NameObject("/Private"): TextStringObject(MARKER)}
            )
        }
    )
    note = Text(rect=(10, 10, 30, 30), text="Clear objectives")
    note[NameObject("/T")] = TextStringObject(MARKER)  # the comment's author
    writer.add_annotation(page_number=0, annotation=note)
    writer.add_annotation(
        page_number=0,
        annotation=DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/T"): TextStringObject("lesson_title"),  # a form field's name
                NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
            }
        ),
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _everything_in_pdf(data: bytes) -> bytes:
    """The file's bytes with every deflated stream inflated and every string escape
    undone (pypdf writes "-" as "\\055")."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.DOTALL):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(match.group(1)))
    text = b"\n".join(parts)
    return re.sub(rb"\\([0-7]{3})", lambda escape: bytes([int(escape.group(1), 8)]), text)


def test_a_pdf_keeps_nothing_that_names_its_author():
    original = _pdf()
    assert MARKER.encode() not in original  # escaped and deflated: why the search decodes
    assert MARKER.encode() in _everything_in_pdf(original)

    clean = strip_identifying_metadata(original, "application/pdf")

    assert MARKER.encode() not in _everything_in_pdf(clean)


def test_a_pdf_loses_its_information_dictionary_and_xmp():
    clean = strip_identifying_metadata(_pdf(), "application/pdf")

    reader = PdfReader(io.BytesIO(clean))
    assert reader.metadata is None
    assert reader.xmp_metadata is None
    assert "/Info" not in reader.trailer
    assert not {"/Metadata", "/PieceInfo"} & set(reader.pages[0])


def test_a_pdf_keeps_its_pages():
    writer = PdfWriter()
    for width in (100, 200, 300):
        writer.add_blank_page(width=width, height=100)
    writer.add_metadata({"/Author": MARKER})
    out = io.BytesIO()
    writer.write(out)

    clean = strip_identifying_metadata(out.getvalue(), "application/pdf")

    reader = PdfReader(io.BytesIO(clean))
    assert [page.mediabox.width for page in reader.pages] == [100, 200, 300]


def test_a_pdf_comment_loses_its_author_and_a_form_field_keeps_its_name():
    clean = strip_identifying_metadata(_pdf(), "application/pdf")

    annotations = [ref.get_object() for ref in PdfReader(io.BytesIO(clean)).pages[0]["/Annots"]]
    assert [(a["/Subtype"], a.get("/T")) for a in annotations] == [
        ("/Text", None),
        ("/Widget", "lesson_title"),
    ]
    assert annotations[0]["/Contents"] == "Clear objectives"


def test_a_password_protected_pdf_cannot_be_cleaned():
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)

    with pytest.raises(CannotClean, match="password"):
        strip_identifying_metadata(out.getvalue(), "application/pdf")


@pytest.mark.parametrize(
    "data",
    [b"MZ\x90\x00 not really a pdf", b"%PDF-1.7\n1 0 obj <</Type /Catalog", b""],
    ids=["not-a-pdf", "truncated", "empty"],
)
def test_a_broken_pdf_cannot_be_cleaned(data):
    with pytest.raises(CannotClean):
        strip_identifying_metadata(data, "application/pdf")


# Office documents -------------------------------------------------------------------


def _docx(*, core_name: str = "docProps/core.xml") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document>Lesson plan</w:document>")
        archive.writestr(
            core_name,
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:creator>{MARKER}</dc:creator><cp:lastModifiedBy>{MARKER}</cp:lastModifiedBy>"
            "</cp:coreProperties>",
        )
        archive.writestr(
            "docProps/app.xml",
            f"<Properties><Company>{MARKER}</Company><Manager>{MARKER}</Manager></Properties>",
        )
        archive.writestr(
            "docProps/custom.xml", f"<Properties><property>{MARKER}</property></Properties>"
        )
        archive.comment = MARKER.encode()
    return out.getvalue()


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_word_document_keeps_nothing_that_names_its_author():
    clean = strip_identifying_metadata(_docx(), DOCX)

    assert MARKER.encode() not in clean
    assert all(MARKER.encode() not in part for part in _members(clean).values())


def test_a_word_document_keeps_its_parts_their_order_and_its_text():
    original = _docx()

    clean = strip_identifying_metadata(original, DOCX)

    assert list(_members(clean)) == list(_members(original))
    assert _members(clean)["word/document.xml"] == b"<w:document>Lesson plan</w:document>"


@pytest.mark.parametrize(
    ("part", "root"),
    [
        ("docProps/core.xml", b"<cp:coreProperties"),
        ("docProps/app.xml", b"<Properties"),
        ("docProps/custom.xml", b"<Properties"),
    ],
)
def test_document_properties_become_empty_but_valid(part, root):
    clean = strip_identifying_metadata(_docx(), DOCX)

    content = _members(clean)[part]
    assert content.startswith(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + root)
    assert content.endswith(b"/>")


def test_properties_are_found_whatever_the_case_of_their_name():
    clean = strip_identifying_metadata(_docx(core_name="DOCPROPS/Core.XML"), DOCX)

    assert MARKER.encode() not in _members(clean)["DOCPROPS/Core.XML"]


def test_a_document_that_would_inflate_past_the_budget_is_refused(monkeypatch):
    monkeypatch.setattr(blind_copies, "MAX_UNPACKED_BYTES", 100)

    with pytest.raises(CannotClean, match="too large"):
        strip_identifying_metadata(_docx(), DOCX)


def test_a_document_that_is_not_an_archive_cannot_be_cleaned():
    with pytest.raises(CannotClean):
        strip_identifying_metadata(b"PK\x03\x04 not really a zip", DOCX)


def _odt(*, manifest_extra: str = "") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED
        )
        archive.writestr(
            "META-INF/manifest.xml", f"<manifest:manifest>{manifest_extra}</manifest:manifest>"
        )
        archive.writestr(
            "content.xml", "<office:document-content>Unit plan</office:document-content>"
        )
        archive.writestr(
            "meta.xml",
            '<office:document-meta office:version="1.3"><office:meta>'
            f"<meta:initial-creator>{MARKER}</meta:initial-creator>"
            f"<dc:creator>{MARKER}</dc:creator></office:meta></office:document-meta>",
        )
    return out.getvalue()


def test_an_opendocument_file_keeps_nothing_that_names_its_author():
    clean = strip_identifying_metadata(_odt(), ODT)

    assert all(MARKER.encode() not in part for part in _members(clean).values())
    assert b'office:version="1.3"><office:meta/>' in _members(clean)["meta.xml"]
    assert _members(clean)["content.xml"] == (
        b"<office:document-content>Unit plan</office:document-content>"
    )


def test_an_opendocument_file_keeps_its_mimetype_first_and_uncompressed():
    clean = strip_identifying_metadata(_odt(), ODT)

    with zipfile.ZipFile(io.BytesIO(clean)) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)


def test_a_password_protected_opendocument_file_cannot_be_cleaned():
    encrypted = _odt(manifest_extra="<manifest:encryption-data/>")

    with pytest.raises(CannotClean, match="password"):
        strip_identifying_metadata(encrypted, ODT)


# Everything else --------------------------------------------------------------------


@pytest.mark.parametrize("content_type", ["audio/mpeg", "video/mp4", "application/msword"])
def test_other_types_pass_unchanged(content_type):
    assert strip_identifying_metadata(b"ID3 audio", content_type) == b"ID3 audio"
