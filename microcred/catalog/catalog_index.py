"""The published catalog in memory, for the public search: facet values as bitsets and
each version's place in every sort order.

Counting facets in SQL read every match once per facet, so a word found in every
micro-credential cost most of a second at 100,000 of them. Here each published version
has a position (in ascending version id), each facet value is a bitset over positions
(a Python int), and a facet count is one AND and one popcount, however many versions
match. The engines still decide what matches and how well (search.matches()); a
query's ranked matches are kept beside the index, so paging, sorting and filtering the
same words again reads the engine no more.

One statement builds the index after each catalog change (search.stamp()). It lives in
the process and is used only while the stamp is unchanged and the cache still holds
the token it was built under: clearing the cache rebuilds it, like the counts it
replaced. Stacks and every label are read afresh each search, since they change
without a publish.
"""

from __future__ import annotations

import heapq
import re
import secrets
import threading
from array import array
from collections import OrderedDict
from dataclasses import dataclass, field

from django.core.cache import cache

from . import search

# Ranked matches kept per process, counted in positions (four bytes each, plus a
# bitset of the catalog's size per query).
MAX_KEPT_POSITIONS = 2_000_000
MAX_KEPT_QUERIES = 256
TOKEN_SECONDS = 24 * 60 * 60

SORTS = ("newest", "title", "shortest")
_NONZERO = re.compile(rb"[^\x00]")
_BITS = [tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256)]


def bitset(positions, size: int) -> int:
    marks = bytearray((size + 7) // 8)
    for position in positions:
        marks[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(marks, "little")


def positions_in(mask: int, size: int) -> list[int]:
    """The positions set in a bitset, ascending; quick when few are set."""
    data = mask.to_bytes((size + 7) // 8, "little")
    found = []
    for hit in _NONZERO.finditer(data):
        base = hit.start() * 8
        found.extend(base + bit for bit in _BITS[data[hit.start()]])
    return found


@dataclass
class Ranked:
    """A query's matches: their bitset, and their positions best first."""

    mask: int
    order: array
    place: dict[int, int] | None = None  # position -> place in `order`, made when needed


@dataclass
class CatalogIndex:
    stamp: str
    token: str | None
    version_ids: array  # position -> version id (a listing's id negated)
    position: dict[int, int]  # version id -> position
    micro_credential_position: dict[int, int]  # micro-credential id -> its version's position
    everything: int
    # facet -> stored value -> bitset. Issuers, providers and topics by id, grades by
    # slug, price ("free"/"paid") and credit unit as stored.
    values: dict[str, dict[str, int]]
    orders: dict[str, array]  # sort -> positions in that order
    places: dict[str, array]  # sort -> position -> place in that order
    _ranked: OrderedDict = field(default_factory=OrderedDict)
    _kept: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def size(self) -> int:
        return len(self.version_ids)

    def ranked(self, cursor, query) -> Ranked:
        """The query's matches, best first (the engine's relevance, then newest)."""
        with self._lock:
            kept = self._ranked.get(query.tokens)
            if kept is not None:
                self._ranked.move_to_end(query.tokens)
                return kept
        newest, position = self.places["newest"], self.position
        scored = []
        for version_id, rank in search.matches(cursor, query):
            at = position.get(version_id)
            if at is not None:  # an entry no current version owns matches nothing
                scored.append((rank, newest[at], at))
        scored.sort()
        order = array("i", [at for _rank, _newest, at in scored])
        kept = Ranked(mask=bitset(order, self.size), order=order)
        with self._lock:
            self._ranked[query.tokens] = kept
            self._kept += len(order)
            while len(self._ranked) > 1 and (
                self._kept > MAX_KEPT_POSITIONS or len(self._ranked) > MAX_KEPT_QUERIES
            ):
                _tokens, dropped = self._ranked.popitem(last=False)
                self._kept -= len(dropped.order)
        return kept

    def forget_matches(self) -> None:
        """As if no words were searched since the index was built."""
        with self._lock:
            self._ranked.clear()
            self._kept = 0

    def page(self, mask: int, *, sort: str, ranked: Ranked | None, offset: int, limit: int):
        """Positions offset..offset+limit of `mask` in the sort's order."""
        if ranked is not None:
            order, universe = ranked.order, ranked.mask
        else:
            order, universe = self.orders[sort], self.everything
        wanted = offset + limit
        if mask == universe:
            return list(order[offset:wanted])
        count = mask.bit_count()
        if count * 8 >= len(order):
            # Many pass: walk the order and keep those in the bitset.
            data = mask.to_bytes((self.size + 7) // 8, "little")
            kept = []
            for at in order:
                if data[at >> 3] >> (at & 7) & 1:
                    kept.append(at)
                    if len(kept) == wanted:
                        break
            return kept[offset:]
        # Few pass: sort just those.
        if ranked is None:
            place = self.places[sort].__getitem__
        else:
            if ranked.place is None:
                ranked.place = {at: n for n, at in enumerate(ranked.order)}
            place = ranked.place.__getitem__
        return heapq.nsmallest(wanted, positions_in(mask, self.size), key=place)[offset:]


_current: CatalogIndex | None = None


def current(cursor) -> CatalogIndex:
    """The index of the catalog as it is now, built again if anything changed."""
    global _current
    stamp = search.stamp()
    # Processes share the token, so that one cleared cache rebuilds each of them once.
    key = f"catalog-search:index:{stamp}"
    token = cache.get(key)
    if token is None:
        cache.add(key, secrets.token_hex(8), TOKEN_SECONDS)
        token = cache.get(key)
    index = _current
    if index is None or index.stamp != stamp or index.token != token:
        index = _current = _build(cursor, stamp, token)
    return index


def _build(cursor, stamp: str, token: str | None) -> CatalogIndex:
    cursor.execute(search.INDEX_ROWS)
    rows = cursor.fetchall()
    size = len(rows)
    marks: dict[str, dict[str, bytearray]] = {
        name: {} for name in ("issuer", "provider", "price", "unit", "topic", "grade")
    }
    lists: dict[str, list[str]] = {}
    version_ids = array("q", bytes(8 * size))
    micro_credential_ids = array("q", bytes(8 * size))
    places = {sort: array("i", bytes(4 * size)) for sort in SORTS}
    orders = {sort: array("i", bytes(4 * size)) for sort in SORTS}

    def mark(name, value, at):
        flags = marks[name].get(value)
        if flags is None:
            flags = marks[name][value] = bytearray((size + 7) // 8)
        flags[at >> 3] |= 1 << (at & 7)

    for at, row in enumerate(rows):
        version_id, micro_credential_id, issuer_id, provider_id, price, unit = row[:6]
        topics, grades = row[6:8]
        version_ids[at], micro_credential_ids[at] = version_id, micro_credential_id
        # A version has an issuer, another provider's listing (a negative id) a provider.
        if provider_id is None:
            mark("issuer", str(issuer_id), at)
        else:
            mark("provider", str(provider_id), at)
        mark("price", price, at)
        mark("unit", unit, at)
        for name, stored in (("topic", topics), ("grade", grades)):
            keys = lists.get(stored)
            if keys is None:
                keys = lists[stored] = [key for key in stored.split(",") if key]
            for key in keys:
                mark(name, key, at)
        for sort, place in zip(SORTS, row[8:], strict=True):
            places[sort][at] = place - 1
            orders[sort][place - 1] = at
    return CatalogIndex(
        stamp=stamp,
        token=token,
        version_ids=version_ids,
        position={version_id: at for at, version_id in enumerate(version_ids)},
        micro_credential_position={pk: at for at, pk in enumerate(micro_credential_ids)},
        everything=(1 << size) - 1,
        values={
            name: {value: int.from_bytes(flags, "little") for value, flags in by_value.items()}
            for name, by_value in marks.items()
        },
        orders=orders,
        places=places,
    )
