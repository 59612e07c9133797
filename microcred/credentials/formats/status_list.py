"""Bitstring Status List v1.0 (https://www.w3.org/TR/vc-bitstring-status-list/).

A list is a bitstring of at least 131,072 entries, GZIP-compressed and base64url-encoded
with a multibase 'u' prefix (§3.2). Index 0 is the leftmost bit of the first byte. Awards
take indexes in a scattered order (an odd multiplier modulo the power-of-two size is a
permutation), so that neighbouring awards do not sit next to each other in the list.
"""

from __future__ import annotations

import gzip
import io

from ..issuing import keys

SIZE = 131_072
_STRIDE = 40_503  # odd, hence coprime with SIZE


class StatusListError(Exception):
    pass


def empty() -> bytes:
    return bytes(SIZE // 8)


def index_for(position: int) -> int:
    if not 0 <= position < SIZE:
        raise StatusListError("This status list is full.")
    return (position * _STRIDE) % SIZE


def set_bit(bits: bytes, index: int, value: bool = True) -> bytes:
    data = bytearray(bits)
    mask = 0x80 >> (index % 8)
    if value:
        data[index // 8] |= mask
    else:
        data[index // 8] &= ~mask & 0xFF
    return bytes(data)


def get_bit(bits: bytes, index: int) -> bool:
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def encode(bits: bytes) -> str:
    # mtime=0: the same bits always encode to the same string.
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + keys.b64url(compressed)


def decode(encoded: str, *, max_bytes: int = 16 * 1024 * 1024) -> bytes:
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise StatusListError("The encoded list is not multibase base64url ('u…').")
    try:
        compressed = keys.b64url_decode(encoded[1:])
        with gzip.GzipFile(fileobj=io.BytesIO(compressed)) as stream:
            bits = stream.read(max_bytes + 1)
    except (ValueError, OSError, EOFError) as exc:
        raise StatusListError("The encoded list is not GZIP-compressed base64url.") from exc
    if len(bits) > max_bytes:
        raise StatusListError("The status list is too large.")
    return bits
