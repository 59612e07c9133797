"""Removing identifying metadata from evidence before an assessor sees it.

Reviews are double-blind: assessors must never learn the earner's name, e-mail, district
or school. A photo's EXIF (camera owner, GPS position of the classroom), a PDF's Author
or a Word document's "created by" would tell them. Assessors receive a cleaned copy made
when they open the file; the earner's original stays untouched in storage.

What is cleaned, by content type:

- Images (JPEG, PNG, WebP, GIF) are drawn again from their pixels. EXIF, XMP, IPTC, ICC
  profiles, comments and PNG text chunks (tEXt, iTXt, zTXt) are left behind. The EXIF
  orientation is applied first and a colour profile is converted to sRGB, so the picture
  looks as it did. Animations keep their frames, timing and looping.
- PDFs are rewritten page by page: no document information dictionary, no XMP metadata
  (on the catalog, the pages or anything they use), no application data (/PieceInfo),
  and no author names on comments. Earlier revisions saved in the file are dropped too.
- Word, Excel and PowerPoint files (Office Open XML) get neutral document properties
  (docProps/core.xml, app.xml and custom.xml); OpenDocument files a neutral meta.xml.
  Everything else in the package is copied as it is, so the authors of comments and
  tracked changes in the text, and the EXIF of photos pasted into it, remain.
- CSV files (student data) are written again cell by cell, each cell that a spreadsheet
  would run as a formula made plain text (`microcred.spreadsheet_cells`), so an assessor
  who opens the copy in a spreadsheet runs nothing the file carried.
- Anything else (audio, video, HEIC photos, legacy .doc/.xls/.ppt, RTF) is returned
  unchanged: those formats have no cleaner here yet.

Cleaning a file that cannot be read raises `CannotClean`; such a file is not served.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import struct
import warnings
import zipfile
import zlib

from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, ImageSequence
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject, NameObject

from microcred.spreadsheet_cells import safe_cell

IMAGE_FORMATS = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WEBP",
    "image/gif": "GIF",
}
ANIMATED = {"PNG", "WEBP", "GIF"}
CSV_TYPE = "text/csv"
CSV_DELIMITERS = ",;\t"
OFFICE_OPEN_XML_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
OPEN_DOCUMENT_TYPES = {
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
}

# What an encoder needs to draw the same picture again. Everything else Pillow read from
# the file (exif, xmp, icc_profile, comment, text chunks, dpi) stays behind.
PICTURE_KEYS = ("transparency", "background")

# Keys that carry metadata anywhere below a PDF page: XMP streams (ISO 32000-1, 14.3.2)
# and the private data of the application that made the file (14.5).
PDF_METADATA_KEYS = ("/Metadata", "/PieceInfo")
# pypdf reads broken files leniently; what it raises when it finally gives up varies.
PDF_ERRORS = (
    PyPdfError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    AssertionError,
    RecursionError,
    OSError,
    zlib.error,
    struct.error,
)

# Every part in the Office Open XML core, extended and custom properties is optional
# (ECMA-376 Part 2, 11; Part 1, 22.2 and 22.3), so empty ones are valid.
OFFICE_OPEN_XML_NEUTRAL_PARTS = {
    "docprops/core.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        "<cp:coreProperties"
        ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"/>'
    ),
    "docprops/app.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        "<Properties"
        ' xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>'
    ),
    "docprops/custom.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        "<Properties"
        ' xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>'
    ),
}
# Every element of <office:meta> is optional (ODF 1.2 Part 1, 3.3); the root keeps the
# document's office:version.
OPEN_DOCUMENT_META = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
    ' office:version="{version}"><office:meta/></office:document-meta>'
)
ODF_VERSION = re.compile(rb'office:version="(\d{1,2}\.\d{1,2})"')
# The same budget the upload check applies (uploads.MAX_UNPACKED_BYTES): an archive is
# only ever inflated one member at a time, but never past this in total.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
MAX_ARCHIVE_MEMBERS = 20_000
# Dates inside the archive say when the earner saved it; 1980-01-01 is the zip epoch.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


class CannotClean(Exception):
    """The file could not be read well enough to remove its metadata; it is not served."""


def strip_identifying_metadata(data: bytes, content_type: str) -> bytes:
    """A copy of the file without the metadata that could name or place its author.

    `content_type` is the type found in the file's content when it was uploaded. Images,
    PDFs and Office or OpenDocument files are cleaned as the module describes; audio,
    video and other types come back unchanged. Raises `CannotClean` when a file of a
    cleanable type cannot be read, is encrypted, or is too large to open safely.
    """
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind in IMAGE_FORMATS:
        return _clean_image(data, IMAGE_FORMATS[kind])
    if kind == "application/pdf":
        return _clean_pdf(data)
    if kind in OFFICE_OPEN_XML_TYPES:
        return _clean_package(data, open_document=False)
    if kind in OPEN_DOCUMENT_TYPES:
        return _clean_package(data, open_document=True)
    if kind == CSV_TYPE:
        return _clean_csv(data)
    return data


def check_image(stream, content_type: str) -> None:
    """Raise `CannotClean` now for an image whose copy could not be made later: one too
    large to draw again, or one that cannot be read. Reads the header, not the pixels."""
    image_format = IMAGE_FORMATS.get(content_type.split(";", 1)[0].strip().lower())
    if image_format is None:
        return
    stream.seek(0)
    try:
        # Only the header is read here, so Pillow's warning is not a danger yet; the
        # check below says the size in the earner's words instead.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(stream, formats=[image_format])
        with image:
            _frames_within_limit(image, image_format)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise CannotClean(_too_large_message(0, 0)) from exc
    except (OSError, ValueError, EOFError, SyntaxError, struct.error, zlib.error) as exc:
        raise CannotClean(_("The image could not be read.")) from exc
    finally:
        stream.seek(0)


def pixel_limit_text() -> str:
    limit = Image.MAX_IMAGE_PIXELS or 0
    if limit >= 1_000_000:
        return _("%(n)s million pixels") % {"n": f"{limit / 1_000_000:,.0f}"}
    return _("%(n)s pixels") % {"n": f"{limit:,}"}


def _too_large_message(width: int, height: int) -> str:
    if width and height:
        return _(
            "The image is too large: %(width)s × %(height)s pixels, and the largest we can "
            "prepare for assessors is %(limit)s. Save it smaller and upload it again."
        ) % {"width": f"{width:,}", "height": f"{height:,}", "limit": pixel_limit_text()}
    return _(
        "The image is too large: over %(limit)s, the largest we can prepare for assessors. "
        "Save it smaller and upload it again."
    ) % {"limit": pixel_limit_text()}


def _frames_within_limit(image: Image.Image, image_format: str) -> int:
    """How many frames of the image to draw, once its size is known to be drawable."""
    # A JPEG's further pictures (MPO previews, depth maps) are not part of it.
    frame_count = getattr(image, "n_frames", 1) if image_format in ANIMATED else 1
    # Pillow only warns between MAX_IMAGE_PIXELS and twice that, and does not count
    # animation frames; a warning would let the bomb through.
    limit = Image.MAX_IMAGE_PIXELS
    if limit and image.width * image.height * frame_count > limit:
        raise CannotClean(_too_large_message(image.width, image.height))
    return frame_count


def _clean_csv(data: bytes) -> bytes:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CannotClean(_("The CSV file could not be read.")) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:65536], delimiters=CSV_DELIMITERS)
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            writer.writerow([safe_cell(cell) for cell in row])
    except csv.Error as exc:
        raise CannotClean(_("The CSV file could not be read.")) from exc
    return out.getvalue().encode("utf-8")


def _clean_image(data: bytes, image_format: str) -> bytes:
    try:
        # Only the declared format is tried: no other decoder (or Ghostscript, for EPS)
        # gets to see the bytes.
        with Image.open(io.BytesIO(data), formats=[image_format]) as image:
            frame_count = _frames_within_limit(image, image_format)
            frames, durations = [], []
            for index, frame in enumerate(ImageSequence.Iterator(image)):
                if index == frame_count:
                    break
                frames.append(_redrawn(frame, image_format))
                durations.append(frame.info.get("duration", 0))
            loop = image.info.get("loop")
    except (
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,  # raised only where warnings are errors
    ) as exc:
        raise CannotClean(_("The image is too large to clean.")) from exc
    except (OSError, ValueError, EOFError, SyntaxError, struct.error, zlib.error) as exc:
        raise CannotClean(_("The image could not be read.")) from exc

    options: dict = {"quality": 92} if image_format in ("JPEG", "WEBP") else {}
    if image_format == "WEBP" and _is_lossless_webp(data):
        options["lossless"] = True
    if len(frames) > 1:
        # Pillow hands out every frame fully drawn, so each one replaces the last.
        options.update(save_all=True, append_images=frames[1:], duration=durations)
        if loop is not None:  # a GIF without a loop count plays once
            options["loop"] = loop
        if image_format == "GIF":
            options["disposal"] = 2
    out = io.BytesIO()
    try:
        frames[0].save(out, format=image_format, **options)
    except (OSError, ValueError) as exc:
        raise CannotClean(_("The image could not be written again.")) from exc
    return out.getvalue()


def _is_lossless_webp(data: bytes) -> bool:
    """Whether the (first) picture in a WebP file is lossless (VP8L) rather than lossy."""
    offset = 12  # past "RIFF", the file size and "WEBP"
    while offset + 8 <= len(data):
        fourcc, size = (
            data[offset : offset + 4],
            int.from_bytes(data[offset + 4 : offset + 8], "little"),
        )
        if fourcc in (b"VP8L", b"VP8 "):
            return fourcc == b"VP8L"
        if fourcc == b"ANMF":  # a frame: a 16-byte header, then its own chunks
            offset += 8 + 16
            continue
        offset += 8 + size + (size & 1)
    return False


def _redrawn(frame: Image.Image, image_format: str) -> Image.Image:
    """The frame upright, in sRGB, carrying nothing but what its pixels need."""
    keep = {key: frame.info[key] for key in PICTURE_KEYS if key in frame.info}
    icc_profile = frame.info.get("icc_profile")
    picture = ImageOps.exif_transpose(frame)  # a new image, even when already upright
    if icc_profile:
        picture = _in_srgb(picture, icc_profile)
    if image_format == "JPEG" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    picture.info = keep
    return picture


def _in_srgb(picture: Image.Image, icc_profile: bytes) -> Image.Image:
    # Profiles name their maker and can carry free text, so none is kept. Converting to
    # sRGB, which browsers assume for an untagged image, keeps the colours; a profile
    # that cannot be used is dropped and the colours may shift slightly.
    if picture.mode not in ("RGB", "RGBA", "CMYK"):
        return picture
    try:
        return ImageCms.profileToProfile(
            picture,
            ImageCms.ImageCmsProfile(io.BytesIO(icc_profile)),
            ImageCms.createProfile("sRGB"),
            outputMode="RGBA" if picture.mode == "RGBA" else "RGB",
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return picture


def _clean_pdf(data: bytes) -> bytes:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise CannotClean(_("The PDF is password-protected."))
        # A new file holds only the pages and what they draw: the catalog's XMP, the
        # information dictionary, attachments and earlier revisions stay behind.
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page, excluded_keys=PDF_METADATA_KEYS)
        writer.metadata = None
        for page in writer.pages:
            _drop_comment_authors(page)
        out = io.BytesIO()
        writer.write(out)
    except PDF_ERRORS as exc:
        raise CannotClean(_("The PDF could not be read.")) from exc
    return out.getvalue()


def _drop_comment_authors(page: PageObject) -> None:
    # /T on a markup annotation (a sticky note, a highlight) names whoever added it
    # (ISO 32000-1, 12.5.6.2). On a form field's widget it is the field's name: kept.
    for reference in page.get("/Annots") or []:
        annotation = reference.get_object()
        if not isinstance(annotation, DictionaryObject):
            continue
        if annotation.get("/Subtype") != "/Widget" and "/T" in annotation:
            del annotation[NameObject("/T")]


def _too_large(archive: zipfile.ZipFile) -> bool:
    # Declared sizes are enough: zipfile stops inflating a member at its declared size
    # and then checks the CRC, so a member that lies about its size fails to read.
    members = archive.infolist()
    return (
        len(members) > MAX_ARCHIVE_MEMBERS
        or sum(member.file_size for member in members) > MAX_UNPACKED_BYTES
    )


def _open_document_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    names = set(archive.namelist())
    if "META-INF/manifest.xml" in names and b"encryption-data" in archive.read(
        "META-INF/manifest.xml"
    ):
        raise CannotClean(_("The document is password-protected."))
    version = b"1.2"
    if "meta.xml" in names and (found := ODF_VERSION.search(archive.read("meta.xml"))):
        version = found.group(1)
    return {"meta.xml": OPEN_DOCUMENT_META.format(version=version.decode())}


def _clean_package(data: bytes, *, open_document: bool) -> bytes:
    """The zip package again, member by member in the same order, with the parts that
    describe the document and its authors replaced by neutral ones."""
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            if _too_large(source):
                raise CannotClean(_("The document is too large to clean."))
            neutral_parts = (
                _open_document_parts(source) if open_document else OFFICE_OPEN_XML_NEUTRAL_PARTS
            )
            with zipfile.ZipFile(out, "w") as target:
                for member in source.infolist():
                    _copy_member(source, target, member, neutral_parts=neutral_parts)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as exc:
        # RuntimeError: an encrypted member; NotImplementedError: an unknown compression.
        raise CannotClean(_("The document could not be read.")) from exc
    return out.getvalue()


def _copy_member(
    source: zipfile.ZipFile,
    target: zipfile.ZipFile,
    member: zipfile.ZipInfo,
    *,
    neutral_parts: dict[str, str],
) -> None:
    # A fresh entry: no per-member comment, extra field or time of saving.
    entry = zipfile.ZipInfo(member.filename, date_time=ZIP_EPOCH)
    if member.is_dir():
        entry.external_attr = (0o40755 << 16) | 0x10  # drwxr-xr-x, MS-DOS directory flag
        target.mkdir(entry)
        return
    entry.external_attr = 0o644 << 16  # rw-r--r--
    # OpenDocument's mimetype must stay uncompressed (ODF 1.2 Part 3, 3.3).
    stored = member.compress_type == zipfile.ZIP_STORED
    entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    # Part names in a package are compared without regard to case (OPC, ECMA-376 Part 2).
    replacement = neutral_parts.get(member.filename.lower())
    if replacement is not None:
        target.writestr(entry, replacement)
        return
    with source.open(member) as part, target.open(entry, "w") as copy:
        shutil.copyfileobj(part, copy)
