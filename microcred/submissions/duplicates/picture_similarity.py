"""Fingerprints of pictures: a difference hash (dHash) that survives re-encoding and resizing.

The picture is turned upright (EXIF orientation), made grey and shrunk to 9 × 8 pixels;
each of the 64 bits says whether a pixel is brighter than its right-hand neighbour. A
JPEG saved again at another quality, a PNG of the same photo or a resized copy keeps
nearly every bit; a different photo differs in about half of them. Two pictures match
when their hashes differ in at most `MAX_DISTANCE` bits (the Hamming distance).

Candidates are found by the pigeonhole principle: the hash is cut into 8 bytes, and two
hashes within 6 bits of each other differ in at most 6 bytes, so they agree on at least
one pair of byte positions. Each pair (28 of them) is stored as a band key, so the search
is an index lookup like the text bands, and an unrelated picture shares a key with
probability 28 / 65,536 rather than 8 / 256 for single bytes.

A picture that is nearly one flat colour (a blank page, a white slide) has no gradients
to hash: its hash would match every other flat picture, so it gets none.
"""

from __future__ import annotations

import warnings
from hashlib import blake2b
from itertools import combinations

from PIL import Image, ImageOps, ImageStat, UnidentifiedImageError

from .text_similarity import signed64

MAX_DISTANCE = 6
BYTES = 8
# A thumbnail whose grey levels spread less than this is treated as flat.
MIN_SPREAD = 6.0
# Pictures above this are not decoded for hashing (their exact copies still match by
# content hash); evidence uploads are far smaller.
MAX_PIXELS = 64_000_000
PICTURE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})


def picture_hash(stream) -> int | None:
    """The 64-bit dHash of the picture in `stream`, or None when it is not a picture we
    can read, too large, or flat."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(stream) as image:
                if image.width * image.height > MAX_PIXELS:
                    return None
                image.draft("L", (64, 64))  # JPEG decodes at a reduced scale: far faster
                upright = ImageOps.exif_transpose(image)
                grey = upright.convert("L").resize((9, 8), Image.Resampling.LANCZOS)
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        ValueError,
        SyntaxError,  # Pillow's parsers raise it on some malformed headers
        EOFError,
    ):
        return None
    if ImageStat.Stat(grey).stddev[0] < MIN_SPREAD:
        return None
    pixels = grey.tobytes()
    value = 0
    for row in range(8):
        for col in range(8):
            left, right = pixels[row * 9 + col], pixels[row * 9 + col + 1]
            value = (value << 1) | (1 if left > right else 0)
    return signed64(value)


def distance(a: int, b: int) -> int:
    return ((a ^ b) & ((1 << 64) - 1)).bit_count()


def band_keys(value: int) -> list[int]:
    """One key per pair of byte positions (28 keys): two hashes within MAX_DISTANCE bits
    differ in at most 6 of the 8 bytes, so at least two bytes — one pair — are equal."""
    unsigned = value & ((1 << 64) - 1)
    parts = [(unsigned >> (8 * i)) & 0xFF for i in range(BYTES)]
    return [
        signed64(
            int.from_bytes(
                blake2b(b"p%d,%d:%d,%d" % (i, j, parts[i], parts[j]), digest_size=8).digest(),
                "little",
            )
        )
        for i, j in combinations(range(BYTES), 2)
    ]


def file_band_key(sha256_hex: str) -> int:
    """The band key of an exact file: the content hash, namespaced."""
    return signed64(
        int.from_bytes(blake2b(b"f:" + sha256_hex.encode(), digest_size=8).digest(), "little")
    )
