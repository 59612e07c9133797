"""Baked badges: a credential carried inside its own badge image, and read back out.

- Open Badges 2.0 Baking (https://www.imsglobal.org/sites/default/files/Badges/OBv2p0Final/
  baking/index.html): a PNG `iTXt` chunk with keyword `openbadges`, uncompressed, holding
  the assertion's JSON; an SVG `<openbadges:assertion verify="URL">` in the namespace
  `http://openbadges.org`, right after `<svg>`, the JSON in CDATA.
- Open Badges 3.0 §"Baked badges" (https://www.imsglobal.org/spec/ob/v3p0/#baking): the
  keyword `openbadgecredential`, the namespace `https://purl.imsglobal.org/ob/v3p0` and an
  `<openbadges:credential>` element holding the signed credential's JSON.

Both specs allow one such chunk or element per image; reading refuses an image with two,
since which one is meant cannot be told. SVG is parsed with defusedxml: no DTD, no entity,
nothing fetched.
"""

from __future__ import annotations

import base64
import functools
import io
import struct
import zlib
from dataclasses import dataclass
from xml.etree.ElementTree import Element  # noqa: S405 — type only; parsing is defusedxml's
from xml.sax.saxutils import escape, quoteattr  # noqa: S406 — escaping only, no parsing

import defusedxml.ElementTree as SafeTree
from cachetools import LRUCache, cached
from defusedxml import DefusedXmlException
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, UnidentifiedImageError

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
OB2_KEYWORD = "openbadges"
OB3_KEYWORD = "openbadgecredential"
OB2_NAMESPACE = "http://openbadges.org"
OB3_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
BADGE_SIZE = 400


class BakingError(Exception):
    """An image that cannot be read as a baked badge; the message says why."""


@dataclass
class Baked:
    """What an image carries: the Open Badges 2.0 assertion (JSON or a URL or a signature)
    and the 3.0 credential (JSON or a compact JWT), each as text."""

    image_type: str
    assertion: str | None = None
    assertion_url: str | None = None
    credential: str | None = None


# -- Images to bake into ---------------------------------------------------------------------


def badge_png(field, *, title: str) -> bytes:
    """The badge image as PNG: the uploaded image converted if need be, or a plain disc
    with the title's initial when there is none. Anyone may ask for these images, so what
    costs drawing or converting is kept: an upload is never changed in place (a new image
    is a new file), and a plain badge depends on the initial alone."""
    if field:
        try:
            with field.open("rb") as handle:
                raw = handle.read()
            if raw.startswith(PNG_SIGNATURE):
                return raw
            return _converted(field.name, raw)
        except (OSError, UnidentifiedImageError, ValueError):
            pass  # a missing or unreadable upload gets the plain badge below
    return _plain_badge((title.strip()[:1] or "?").upper())


@cached(LRUCache(maxsize=256), key=lambda name, raw: name)
def _converted(name: str, raw: bytes) -> bytes:
    with Image.open(io.BytesIO(raw)) as image:
        return _png(image.convert("RGBA"))


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@functools.lru_cache(maxsize=128)
def _plain_badge(initial: str) -> bytes:
    image = Image.new("RGBA", (BADGE_SIZE, BADGE_SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, BADGE_SIZE - 8, BADGE_SIZE - 8), fill=(31, 78, 121, 255))
    draw.ellipse((36, 36, BADGE_SIZE - 36, BADGE_SIZE - 36), outline=(255, 255, 255, 255), width=6)
    draw.text((BADGE_SIZE / 2, BADGE_SIZE / 2), initial, fill="white", anchor="mm", font_size=160)
    return _png(image)


# -- PNG -----------------------------------------------------------------------------------------


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """Every chunk of a PNG as (type, data), each CRC checked; a damaged or cut-short file
    raises BakingError."""
    if not png.startswith(PNG_SIGNATURE):
        raise BakingError(_("This is not a PNG image."))
    chunks, at = [], len(PNG_SIGNATURE)
    while True:
        if at + 8 > len(png):
            raise BakingError(_("The PNG is cut short: it ends before its last chunk."))
        length, kind = struct.unpack(">I4s", png[at : at + 8])
        end = at + 8 + length + 4
        if end > len(png):
            raise BakingError(_("The PNG is cut short: a chunk runs past the end of the file."))
        data = png[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length : end])
        if zlib.crc32(kind + data) != crc:
            raise BakingError(
                _("The PNG is damaged: the checksum of its %(chunk)s chunk does not match.")
                % {"chunk": kind.decode("latin-1")}
            )
        chunks.append((kind, data))
        at = end
        if kind == b"IEND":
            return chunks


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _itxt(keyword: str, text: str) -> bytes:
    # keyword, NUL, compression flag 0, method 0, empty language tag and translated
    # keyword (both NUL-terminated), then the UTF-8 text (PNG 1.2 §11.3.4.5).
    return keyword.encode("latin-1") + b"\x00\x00\x00\x00\x00" + text.encode("utf-8")


def bake_png(png: bytes, *, keyword: str, text: str) -> bytes:
    """The PNG with one `iTXt` chunk of `keyword` holding `text`, placed before IEND; a
    chunk of the same keyword already there is replaced, never duplicated."""
    out = [PNG_SIGNATURE]
    for kind, data in _chunks(png):
        if kind in (b"iTXt", b"tEXt", b"zTXt") and data.split(b"\x00", 1)[0] == keyword.encode():
            continue
        if kind == b"IEND":
            out.append(_chunk(b"iTXt", _itxt(keyword, text)))
        out.append(_chunk(kind, data))
    return b"".join(out)


def _read_text_chunk(kind: bytes, data: bytes) -> tuple[str, str]:
    keyword, _sep, rest = data.partition(b"\x00")
    name = keyword.decode("latin-1")
    if kind == b"tEXt":  # the pre-2.0 way: a hosted assertion's URL
        return name, rest.decode("latin-1")
    if kind == b"zTXt":
        raise BakingError(_("The badge data in this PNG is compressed, which baking forbids."))
    if len(rest) < 2:
        raise BakingError(_("The PNG's iTXt chunk is cut short."))
    if rest[0] != 0:
        raise BakingError(_("The badge data in this PNG is compressed, which baking forbids."))
    parts = rest[2:].split(b"\x00", 2)
    if len(parts) != 3:
        raise BakingError(_("The PNG's iTXt chunk is malformed."))
    try:
        return name, parts[2].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BakingError(_("The PNG's badge text is not UTF-8.")) from exc


def read_png(png: bytes) -> Baked:
    baked = Baked("PNG")
    found: dict[str, list[str]] = {}
    for kind, data in _chunks(png):
        if kind not in (b"iTXt", b"tEXt", b"zTXt"):
            continue
        name = data.split(b"\x00", 1)[0].decode("latin-1")
        if name not in (OB2_KEYWORD, OB3_KEYWORD):
            continue
        found.setdefault(name, []).append(_read_text_chunk(kind, data)[1])
    for name, texts in found.items():
        if len(texts) > 1:
            raise BakingError(
                _(
                    "This PNG carries %(count)d %(keyword)s chunks; a baked badge has one, so "
                    "which one is meant cannot be told."
                )
                % {"count": len(texts), "keyword": name}
            )
    if OB2_KEYWORD in found:
        text = found[OB2_KEYWORD][0].strip()
        if text.startswith(("https://", "http://")):
            baked.assertion_url = text
        else:
            baked.assertion = text
    if OB3_KEYWORD in found:
        baked.credential = found[OB3_KEYWORD][0].strip()
    return baked


# -- SVG ---------------------------------------------------------------------------------------


def _cdata(text: str) -> str:
    # "]]>" inside the JSON would end the section early: split it across two sections.
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def bake_svg(
    png: bytes,
    *,
    title: str,
    assertion: str | None = None,
    verify_url: str = "",
    credential: str | None = None,
) -> str:
    """An SVG badge showing the PNG, with the 2.0 assertion or the 3.0 credential in it."""
    with Image.open(io.BytesIO(png)) as image:
        width, height = image.size
    if credential is not None:
        namespace = OB3_NAMESPACE
        element = f"<openbadges:credential>{_cdata(credential)}</openbadges:credential>"
    else:
        namespace = OB2_NAMESPACE
        element = (
            f"<openbadges:assertion verify={quoteattr(verify_url)}>"
            f"{_cdata(assertion or '')}</openbadges:assertion>"
        )
    picture = base64.b64encode(png).decode("ascii")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="{SVG_NAMESPACE}" xmlns:openbadges="{namespace}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">'
        f"{element}"
        f"<title>{escape(title)}</title>"
        f'<image width="{width}" height="{height}" href="data:image/png;base64,{picture}"/>'
        "</svg>\n"
    )


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _refuse_active_content(root: Element) -> None:
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if _local(element.tag).lower() in ("script", "foreignobject", "handler"):
            raise BakingError(
                _(
                    "This SVG holds a script or embedded page; badge images never need one, so it "
                    "is not read."
                )
            )
        if any(_local(name).lower().startswith("on") for name in element.attrib):
            raise BakingError(
                _(
                    "This SVG holds event handlers (on… attributes); badge images never need one, "
                    "so it is not read."
                )
            )


def read_svg(svg: bytes) -> Baked:
    try:
        root = SafeTree.fromstring(svg, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise BakingError(
            _(
                "This SVG declares a DTD or entities; they are never expanded or fetched, so it is "
                "not read."
            )
        ) from exc
    except (SafeTree.ParseError, LookupError, ValueError) as exc:  # LookupError: encoding
        raise BakingError(_("This SVG is not well-formed XML (%(why)s).") % {"why": exc}) from exc
    if _local(root.tag) != "svg":
        raise BakingError(_("This XML file is not an SVG image."))
    _refuse_active_content(root)
    baked = Baked("SVG")
    assertions = root.findall(f".//{{{OB2_NAMESPACE}}}assertion")
    credentials = root.findall(f".//{{{OB3_NAMESPACE}}}credential")
    for elements, what in (
        (assertions, "openbadges:assertion"),
        (credentials, "openbadges:credential"),
    ):
        if len(elements) > 1:
            raise BakingError(
                _(
                    "This SVG carries %(count)d <%(element)s> elements; a baked badge has one, "
                    "so which one is meant cannot be told."
                )
                % {"count": len(elements), "element": what}
            )
    if assertions:
        element = assertions[0]
        body = (element.text or "").strip()
        verify = (element.get("verify") or "").strip()
        if body:
            baked.assertion = body
            baked.assertion_url = verify or None
        elif verify.startswith(("https://", "http://")):
            baked.assertion_url = verify
        else:
            baked.assertion = verify  # a signed 2.0 assertion sits in the attribute
    if credentials:
        element = credentials[0]
        body = (element.text or "").strip()
        baked.credential = body or (element.get("verify") or "").strip()
    return baked


# -- Reading any upload -------------------------------------------------------------------------


def image_type(raw: bytes) -> str | None:
    """PNG, SVG, another image format (named), or None for anything else."""
    if raw.startswith(PNG_SIGNATURE):
        return "PNG"
    head = raw[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<") and b"<svg" in raw[:65536].lower():
        return "SVG"
    if raw.startswith(b"RIFF") and raw[8:12] == b"WEBP":
        return "WebP"
    for signature, name in (
        (b"\xff\xd8\xff", "JPEG"),
        (b"GIF87a", "GIF"),
        (b"GIF89a", "GIF"),
        (b"%PDF", "PDF"),
    ):
        if raw.startswith(signature):
            return name
    return None


def read(raw: bytes) -> Baked:
    kind = image_type(raw)
    if kind == "PNG":
        return read_png(raw)
    if kind == "SVG":
        return read_svg(raw)
    raise BakingError(
        _("A %(kind)s file cannot carry a badge: baked badges are PNG or SVG images.")
        % {"kind": kind or _("binary")}
    )
