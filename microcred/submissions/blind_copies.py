"""Removing identifying metadata from evidence before an assessor sees it.

Reviews are double-blind: a photo's EXIF, a PDF's Author field or a Word document's
"created by" would name the earner. Assessors receive a cleaned copy; the earner's
original stays untouched in storage.
"""

from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

IMAGE_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP", "image/gif": "GIF"}
OFFICE_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
# The parts of an Office Open XML package that carry people's names.
NEUTRAL_PARTS = {
    "docProps/core.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"/>'
    ),
    "docProps/app.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"/>'
    ),
    "docProps/custom.xml": None,
}
MAX_OFFICE_BYTES = 200 * 1024 * 1024


class CannotClean(Exception):
    """The file could not be read to remove its metadata; it is not served."""


def strip_identifying_metadata(data: bytes, content_type: str) -> bytes:
    """A copy of the file without the metadata that could name its author.

    Images are re-encoded from their pixels (EXIF, XMP, ICC and text chunks dropped, the
    orientation applied first); PDFs lose their information dictionary and XMP; Office
    documents lose their document properties. Audio and video are returned unchanged.
    """
    if content_type in IMAGE_TYPES:
        return _clean_image(data, IMAGE_TYPES[content_type])
    if content_type == "application/pdf":
        return _clean_pdf(data)
    if content_type in OFFICE_TYPES:
        return _clean_office(data)
    return data


def _clean_image(data: bytes, image_format: str) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            clean = ImageOps.exif_transpose(image).copy()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise CannotClean(_("The image could not be read.")) from exc
    # Savers fall back to the image's own info (EXIF, ICC, text chunks): empty it.
    clean.info = {}
    if image_format == "JPEG" and clean.mode not in ("RGB", "L"):
        clean = clean.convert("RGB")
    out = io.BytesIO()
    clean.save(out, format=image_format, **({"quality": 92} if image_format == "JPEG" else {}))
    return out.getvalue()


def _clean_pdf(data: bytes) -> bytes:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise CannotClean(_("The PDF is encrypted."))
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        # A fresh writer carries only a Producer entry: replace it with nothing that
        # describes a person, and leave out the XMP metadata stream altogether.
        writer.add_metadata({"/Producer": "microcred"})
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise CannotClean(_("The PDF could not be read.")) from exc


def _clean_office(data: bytes) -> bytes:
    if len(data) > MAX_OFFICE_BYTES:
        raise CannotClean(_("The document is too large to clean."))
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for member in source.infolist():
                if member.filename in NEUTRAL_PARTS:
                    replacement = NEUTRAL_PARTS[member.filename]
                    if replacement is not None:
                        target.writestr(member.filename, replacement)
                    continue
                target.writestr(member, source.read(member))
        return out.getvalue()
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
        raise CannotClean(_("The document could not be read.")) from exc
