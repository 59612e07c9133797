"""Badge images for the demo catalog, drawn with Pillow.

Each stack has its own colour. A micro-credential's badge is a disc in its stack's colour;
a stack's badge is a hexagon with a ring, so the two read differently side by side. Both
carry the initials of the title.
"""

from __future__ import annotations

import functools
import io
import math

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont

SIZE = 400
# Drawn at twice the size and scaled down, for smooth edges.
SCALE = 2
SMALL_WORDS = frozenset(
    {"a", "an", "and", "at", "by", "for", "in", "of", "on", "the", "to", "that", "where", "with"}
)
WHITE = (255, 255, 255, 255)


def initials(title: str) -> str:
    words = [w for w in title.replace("-", " ").split() if w[:1].isalpha()]
    significant = [w for w in words if w.lower() not in SMALL_WORDS] or words
    return "".join(w[0] for w in significant[:3]).upper()


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # Pillow built without FreeType: a fixed bitmap font
        return ImageFont.load_default()


def _shade(colour, factor: float) -> tuple[int, int, int, int]:
    return (*(max(0, min(255, round(c * factor))) for c in colour), 255)


def _hexagon(centre: float, radius: float) -> list[tuple[float, float]]:
    return [
        (
            centre + radius * math.cos(math.radians(60 * i - 90)),
            centre + radius * math.sin(math.radians(60 * i - 90)),
        )
        for i in range(6)
    ]


@functools.lru_cache(maxsize=32)
def _shape(colour: tuple[int, int, int], stack: bool) -> Image.Image:
    """The badge without its text, shared by every badge of one colour."""
    size = SIZE * SCALE
    centre = size / 2
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if stack:
        draw.polygon(_hexagon(centre, centre - 8), fill=_shade(colour, 0.7))
        draw.polygon(_hexagon(centre, centre - 44), fill=_shade(colour, 1.0))
        draw.polygon(_hexagon(centre, centre - 92), outline=WHITE, width=10)
    else:
        draw.ellipse((8, 8, size - 8, size - 8), fill=_shade(colour, 0.7))
        draw.ellipse((40, 40, size - 40, size - 40), fill=_shade(colour, 1.0))
        draw.ellipse((88, 88, size - 88, size - 88), outline=WHITE, width=8)
    return image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


def _draw(title: str, colour, *, stack: bool) -> Image.Image:
    image = _shape(tuple(colour), stack).copy()
    draw = ImageDraw.Draw(image)
    text = initials(title)
    font = _font(120 if len(text) < 3 else 95)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    centre = SIZE / 2
    draw.text(
        (centre - (right - left) / 2 - left, centre - (bottom - top) / 2 - top),
        text,
        fill=WHITE,
        font=font,
    )
    return image


def badge(title: str, colour, *, stack: bool = False) -> SimpleUploadedFile:
    """A 400 × 400 PNG badge for a micro-credential or, with `stack`, for a stack."""
    buffer = io.BytesIO()
    _draw(title, colour, stack=stack).save(buffer, format="PNG")
    name = f"{slugify(title)[:60] or 'badge'}.png"
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def evidence_pdf(heading: str, lines: list[str]) -> SimpleUploadedFile:
    """A one-page PDF standing in for an earner's uploaded evidence."""
    page = Image.new("RGB", (612, 792), "white")  # US Letter at 72 dpi
    draw = ImageDraw.Draw(page)
    draw.text((60, 60), heading, fill="black", font=_font(20))
    body = _font(13)
    y = 110
    for line in lines:
        draw.text((60, y), line, fill=(40, 40, 40), font=body)
        y += 22
    buffer = io.BytesIO()
    page.save(buffer, format="PDF")
    name = f"{slugify(heading)[:60] or 'evidence'}.pdf"
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")
