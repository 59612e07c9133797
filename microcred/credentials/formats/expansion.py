"""pyld's JSON-LD processor, with each context processed once per process.

Processing a context (JSON-LD 1.1 §4.1, "Context Processing") turns an active context and
a local context into a new active context, and depends on nothing else but the base IRI
and the flags it is called with. pyld caches that result only while the active context
keeps its identity, and every type-scoped context (OB 3.0 gives one to each of its types)
starts from a fresh copy, so it was processed again for every node of every credential:
most of the cost of canonicalizing one. Here the result is kept for the active context it
came from (pyld's results are frozen and carry an `_uuid` of their own) and for the local
context, when the local context cannot change: the address of a shipped context, or an
object inside one. Contexts written into a document are processed as before.
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from functools import cache

from cachetools import LRUCache
from pyld import jsonld

from . import documents

# Each result holds a copy of its active context's term definitions (a few hundred for
# OB 3.0); the credentials of a platform need some dozens.
_processed: LRUCache = LRUCache(maxsize=512)
_lock = threading.Lock()
# Expanded IRIs by active context, outside context processing; emptied when it grows past
# its size, as most of what a document adds (its own ids) is not asked for again.
_iris: dict[tuple, object] = {}
_IRIS_MAX = 50_000


@cache
def _shipped_objects() -> dict[int, object]:
    """Every object and array inside the shipped contexts, by identity. They live as long
    as the process (documents.context is cached), so an identity is never reused."""
    found: dict[int, object] = {}

    def walk(value):
        if isinstance(value, dict | list):
            found[id(value)] = value
            for item in value.values() if isinstance(value, dict) else value:
                walk(item)

    for url in json.loads((documents.CONTEXTS_DIR / "index.json").read_text()):
        walk(documents.context(url))
    return found


# pyld asks whether a value is an absolute IRI with `re.match` and the pattern as a string,
# which looks the compiled pattern up again on every call, over a hundred times for each
# credential. The same pattern, compiled once, gives the same answers.
_ABSOLUTE_IRI = re.compile(r"^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$")


def _is_absolute_iri(v):
    return isinstance(v, str) and _ABSOLUTE_IRI.match(v)


jsonld._is_absolute_iri = _is_absolute_iri

# pyld asks whether every string value is a number by calling float() on it, whose error
# quotes the whole string: a long description or image address cost more to refuse than
# the rest of its expansion. A string holding a printable ASCII character that no number
# float() reads can hold (a letter outside "e", "inf", "infinity" and "nan", a colon, a
# slash, a quote...) is answered at once; any other goes to pyld's own test.
_NUMBER_CHARACTERS = "0123456789+-._eEiInNfFaAtTyY"
_NEVER_IN_A_NUMBER = re.compile(
    "["
    + re.escape("".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in _NUMBER_CHARACTERS))
    + "]"
)
_pyld_is_numeric = jsonld._is_numeric


def _is_numeric(v):
    if v.__class__ is str and _NEVER_IN_A_NUMBER.search(v):
        return False
    return _pyld_is_numeric(v)


jsonld._is_numeric = _is_numeric


def _local_key(local_ctx):
    """What names a local context that cannot change, or None."""
    if isinstance(local_ctx, str):
        return local_ctx
    if isinstance(local_ctx, list) and all(isinstance(item, str) for item in local_ctx):
        return tuple(local_ctx)
    if _shipped_objects().get(id(local_ctx)) is local_ctx:
        return ("shipped", id(local_ctx))
    return None


class Processor(jsonld.JsonLdProcessor):
    def _expand_iri(self, active_ctx, value, base=None, vocab=False, local_ctx=None, defined=None):
        # Outside context processing the answer depends only on the active context (named
        # by its `_uuid`, given once and never reused), the value, the base and `vocab`.
        identity = active_ctx.get("_uuid")
        if local_ctx is not None or identity is None or value.__class__ is not str:
            return super()._expand_iri(active_ctx, value, base, vocab, local_ctx, defined)
        key = (identity, value, base, vocab)
        try:
            return _iris[key]
        except KeyError:
            pass
        expanded = super()._expand_iri(active_ctx, value, base, vocab)
        if len(_iris) >= _IRIS_MAX:
            _iris.clear()
        _iris[key] = expanded
        return expanded

    def _process_context(
        self,
        active_ctx,
        local_ctx,
        options,
        override_protected=False,
        propagate=True,
        validate_scoped=True,
        cycles=None,
    ):
        args = (active_ctx, local_ctx, options, override_protected, propagate, validate_scoped)
        identity = active_ctx.get("_uuid")
        local = _local_key(local_ctx)
        # `cycles` is set only while a context is itself being processed (its scoped
        # contexts checked as they are defined): that work is part of the result kept.
        if cycles is not None or identity is None or local is None:
            return super()._process_context(*args, cycles)
        key = (
            identity,
            local,
            override_protected,
            propagate,
            validate_scoped,
            options.get("base"),
            options.get("processingMode"),
        )
        with _lock:
            result = _processed.get(key)
        if result is None:
            result = super()._process_context(*args, cycles)
            if "_uuid" not in result:
                # An empty local context gives a plain copy without an identity.
                result["_uuid"] = str(uuid.uuid4())
            with _lock:
                _processed[key] = result
        return result
