"""Fingerprints of written evidence: MinHash signatures over word shingles, and LSH bands.

A text becomes the set of its overlapping runs of `SHINGLE_WORDS` words (lower-cased,
punctuation dropped), so rewording a few words changes only the runs that touch them.
The Jaccard similarity of two such sets — shared runs over all runs — is what a copy keeps
high and two independent texts on the same teaching practice keep near zero.

The signature is a one-permutation MinHash (Li, Owen and Zhang, NIPS 2012): every run is
hashed once, the hash picks one of `BINS` bins and the smallest value seen in each bin is
kept. Empty bins borrow from the next filled one by rotation (Shrivastava and Li, ICML
2014), so a short text still has a full signature. Two signatures agree in a bin with a
probability equal to the Jaccard similarity of the texts, so the share of agreeing bins
estimates it. Hashing each run once (not once per permutation) keeps a 100,000-word text
to a fraction of a second in plain Python.

Candidates are found by banding (Leskovec, Rajaraman and Ullman, Mining of Massive
Datasets, ch. 3.4): the signature is cut into `BANDS` bands of `ROWS` bins and each band
is stored as one 64-bit key; two texts become candidates when any band key is equal. With
42 bands of 3 rows, a pair at similarity 0.4 is found with probability 0.94, at 0.5 with
0.996, and a pair at 0.05 only with 0.005. Candidates are then scored from their stored
signatures, never from their text.

Changing any constant here changes every stored signature: raise `SCHEME` with it and
fingerprint the evidence again.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from dataclasses import dataclass
from hashlib import blake2b

SCHEME = 1
SHINGLE_WORDS = 4
BINS = 128
ROWS = 3
BANDS = BINS // ROWS  # 42 bands; the last two bins only count toward the estimate
_EMPTY = 1 << 64
_MASK32 = 0xFFFFFFFF
# Added per step when an empty bin borrows a value, so borrowed values differ from the
# lender's own (an odd 32-bit constant).
_ROTATION = 0x9E3779B1
_PACK = struct.Struct(f"<{BINS}I")
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The words of a text as they are compared: NFKC, case-folded, without punctuation."""
    return _WORD.findall(unicodedata.normalize("NFKC", text or "").casefold())


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """Each word of the original text with its position, for marking shared runs."""
    normalized = text or ""
    return [
        (m.start(), m.end(), unicodedata.normalize("NFKC", m.group()).casefold())
        for m in _WORD.finditer(normalized)
    ]


def _hash64(data: bytes) -> int:
    return int.from_bytes(blake2b(data, digest_size=8).digest(), "little")


def shingle_hashes(tokens: list[str]) -> set[int]:
    """The 64-bit hashes of every run of SHINGLE_WORDS words; a shorter text is one run."""
    if not tokens:
        return set()
    if len(tokens) < SHINGLE_WORDS:
        return {_hash64(" ".join(tokens).encode())}
    # Each word is hashed once; a run's hash mixes its words' hashes by position.
    cache: dict[str, int] = {}
    ids = []
    for token in tokens:
        value = cache.get(token)
        if value is None:
            value = cache[token] = _hash64(token.encode())
        ids.append(value)
    mixed = set()
    mask = (1 << 64) - 1
    for i in range(len(ids) - SHINGLE_WORDS + 1):
        h = 0xCBF29CE484222325
        for value in ids[i : i + SHINGLE_WORDS]:
            h = ((h ^ value) * 0x100000001B3) & mask
            h ^= h >> 29
        mixed.add(h)
    return mixed


@dataclass(frozen=True)
class TextFingerprint:
    signature: tuple[int, ...]
    shingles: int

    def packed(self) -> bytes:
        return _PACK.pack(*self.signature)

    def band_keys(self) -> list[int]:
        return band_keys(self.signature)


def fingerprint(text: str) -> TextFingerprint | None:
    """The signature of a text, or None for a text with no words."""
    hashes = shingle_hashes(words(text))
    if not hashes:
        return None
    bins = [_EMPTY] * BINS
    for h in hashes:
        b = h & (BINS - 1)
        v = (h >> 7) & _MASK32
        if v < bins[b]:
            bins[b] = v
    return TextFingerprint(signature=_densify(bins), shingles=len(hashes))


def _densify(bins: list[int]) -> tuple[int, ...]:
    filled = [i for i, v in enumerate(bins) if v != _EMPTY]
    if len(filled) == BINS:
        return tuple(bins)
    out = list(bins)
    for i in range(BINS):
        if bins[i] != _EMPTY:
            continue
        for step in range(1, BINS):
            j = (i + step) % BINS
            if bins[j] != _EMPTY:
                out[i] = (bins[j] + step * _ROTATION) & _MASK32
                break
    return tuple(out)


def unpack(packed: bytes) -> tuple[int, ...]:
    return _PACK.unpack(bytes(packed))


def band_keys(signature: tuple[int, ...]) -> list[int]:
    """One signed 64-bit key per band (a database bigint), namespaced by band number."""
    keys = []
    for band in range(BANDS):
        rows = signature[band * ROWS : (band + 1) * ROWS]
        keys.append(signed64(_hash64(b"t%d:" % band + b",".join(b"%d" % r for r in rows))))
    return keys


def signed64(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / BINS


def containment(jaccard: float, shingles_a: int, shingles_b: int) -> float:
    """Estimated share of the shorter text's runs found in the other text.

    From |A ∩ B| = J (|A| + |B|) / (1 + J): a short answer pasted whole into a longer one
    has a modest Jaccard similarity but a containment near 1.
    """
    if not (shingles_a and shingles_b):
        return 0.0
    shared = jaccard * (shingles_a + shingles_b) / (1 + jaccard)
    return min(1.0, shared / min(shingles_a, shingles_b))


def shared_runs(text: str, other: str) -> list[tuple[int, int]]:
    """Character ranges of `text` covered by runs of SHINGLE_WORDS words that also occur
    in `other`, merged; for marking matching parts side by side."""
    spans = word_spans(text)
    other_words = words(other)
    if len(spans) < SHINGLE_WORDS or len(other_words) < SHINGLE_WORDS:
        return []
    theirs = {
        tuple(other_words[i : i + SHINGLE_WORDS])
        for i in range(len(other_words) - SHINGLE_WORDS + 1)
    }
    covered = [False] * len(spans)
    mine = [w for _s, _e, w in spans]
    for i in range(len(mine) - SHINGLE_WORDS + 1):
        if tuple(mine[i : i + SHINGLE_WORDS]) in theirs:
            for k in range(i, i + SHINGLE_WORDS):
                covered[k] = True
    ranges: list[tuple[int, int]] = []
    for (start, end, _w), hit in zip(spans, covered, strict=True):
        if not hit:
            continue
        if ranges and _only_gap(text, ranges[-1][1], start):
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((start, end))
    return ranges


def _only_gap(text: str, end: int, start: int) -> bool:
    """Between two marked words there is only spacing and punctuation."""
    return not _WORD.search(text, end, start)
