"""Checking an uploaded evidence file before it is stored.

The type is read from the file's content, never from its name or the browser's claim.
Office documents are zip archives; they are opened and their declared sizes checked, so
that a small upload that would inflate to gigabytes (a zip bomb) is refused.

Student data as CSV has no signature to read: a file with none is accepted as CSV when it
is UTF-8 text without NUL bytes whose rows parse with one delimiter. It is stored as
text/csv, downloaded only as an attachment, and assessors receive a copy whose formula
cells are plain text (`blind_copies`). An image is refused here, with the reason, when
its blind copy could not be drawn later (too many pixels, or unreadable).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.utils.translation import gettext as _

# What evidence may be, by the extension filetype reports, with the type we store. HEIC
# photos are left out: their location data cannot be removed before assessors see them,
# so earners export them as JPEG.
ACCEPTED = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt": "application/vnd.ms-powerpoint",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "rtf": "application/rtf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "wav": "audio/wav",
    "ogg": "audio/ogg",
    "aac": "audio/aac",
    "mp4": "video/mp4",
    "m4v": "video/mp4",
    "mov": "video/quicktime",
    "webm": "video/webm",
    "csv": "text/csv",
}
ZIP_BASED = {"docx", "xlsx", "pptx", "odt", "ods", "odp"}
# An office document that inflates past this, or by more than this ratio, is refused.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
MAX_PACK_RATIO = 200
MAX_ARCHIVE_MEMBERS = 20_000


class UploadRefused(Exception):
    """The file cannot be accepted; the message says why, in words for the earner."""


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    extension: str
    content_type: str
    size: int
    sha256: str


def accepted_kinds_text() -> str:
    return _(
        "PDF, Word, Excel, PowerPoint or OpenDocument files, CSV (UTF-8), images (JPEG, PNG, "
        "GIF, WebP), audio or video"
    )


def limits_text() -> str:
    """What the upload field says before anyone chooses a file: the same limits `inspect`
    keeps."""
    from .blind_copies import pixel_limit_text

    return _("%(kinds)s. Up to %(size)s MB; images up to %(pixels)s.") % {
        "kinds": accepted_kinds_text(),
        "size": round(settings.MAX_EVIDENCE_UPLOAD_BYTES / 1048576),
        "pixels": pixel_limit_text(),
    }


def safe_file_name(raw: str, extension: str) -> str:
    """A display name without folders or control characters, ending in the real type."""
    base = re.split(r"[\\/]", raw or "")[-1]
    base = "".join(
        ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C"
    )
    base = base.strip().strip(".") or "evidence"
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem[:200]}.{extension}"


def display_name(raw: str) -> str:
    """The name the earner chose, fit to show back to them in a message."""
    base = re.split(r"[\\/]", raw or "")[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    return (base[:120] + "…") if len(base) > 120 else (base or _("your file"))


def inspect(upload, *, max_bytes: int | None = None) -> CheckedUpload:
    max_bytes = max_bytes or settings.MAX_EVIDENCE_UPLOAD_BYTES
    size = upload.size or 0
    if size == 0:
        raise UploadRefused(_("The file is empty."))
    if size > max_bytes:
        raise UploadRefused(
            _("The file is %(size)s MB; the largest accepted is %(limit)s MB.")
            % {"size": round(size / 1048576, 1), "limit": round(max_bytes / 1048576)}
        )
    upload.seek(0)
    head = upload.read(8192)
    kind = filetype.guess(head)
    extension = kind.extension if kind else None
    if extension is None and _is_csv(upload):
        extension = "csv"
    if extension not in ACCEPTED:
        raise UploadRefused(
            _("This file is not a type we accept (%(kinds)s). Its content looks like %(found)s.")
            % {
                "kinds": accepted_kinds_text(),
                "found": _("“%(ext)s”") % {"ext": extension} if extension else _("none of these"),
            }
        )
    if extension in ZIP_BASED:
        _check_archive(upload, size)
    if ACCEPTED[extension].startswith("image/"):
        from .blind_copies import CannotClean, check_image

        try:
            check_image(upload, ACCEPTED[extension])
        except CannotClean as exc:
            raise UploadRefused(str(exc)) from exc
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in (
        upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(65536), b"")
    ):
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(
        name=safe_file_name(getattr(upload, "name", ""), extension),
        extension=extension,
        content_type=ACCEPTED[extension],
        size=size,
        sha256=digest.hexdigest(),
    )


def _is_csv(upload) -> bool:
    """UTF-8 text without NUL bytes whose first rows parse as a table of one delimiter."""
    upload.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    sample = ""
    try:
        while chunk := upload.read(65536):
            if b"\0" in chunk:
                return False
            text = decoder.decode(chunk)
            if len(sample) < 65536:
                sample += text
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        upload.seek(0)
    lines = sample[:65536].splitlines()[:50]
    if len(sample) > 65536 and len(lines) > 1:
        lines = lines[:-1]  # the last line of a cut sample may be cut too
    if not lines:
        return False
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t")
        rows = [row for row in csv.reader(io.StringIO("\n".join(lines)), dialect) if row]
    except csv.Error:
        return False
    widths = {len(row) for row in rows}
    return len(rows) >= 2 and len(widths) == 1 and widths.pop() >= 2


def _check_archive(upload, size: int) -> None:
    """Inflate the archive up to a budget; the sizes its headers declare may lie."""
    budget = min(MAX_UNPACKED_BYTES, MAX_PACK_RATIO * max(size, 1))
    too_big = UploadRefused(
        _("The document expands to far more than its size and cannot be accepted.")
    )
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > MAX_ARCHIVE_MEMBERS:
                raise too_big
            if sum(member.file_size for member in members) > budget:
                raise too_big
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(1 << 20):
                        budget -= len(chunk)
                        if budget < 0:
                            raise too_big
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        OSError,
        EOFError,
        RuntimeError,  # an encrypted member
        NotImplementedError,  # an unknown compression method
    ) as exc:
        raise UploadRefused(_("The document is damaged and cannot be opened.")) from exc
