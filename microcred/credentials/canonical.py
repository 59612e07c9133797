"""RDF Dataset Canonicalization (RDFC-1.0, https://www.w3.org/TR/rdf-canon/) of JSON-LD.

The full path is pyld's JSON-LD to RDF conversion followed by its URDNA2015 (= RDFC-1.0)
algorithm. Expanding a credential's contexts is most of the cost, and every credential
the platform issues for one achievement has the same shape; `Shape` reuses the RDF of
one expansion and puts each credential's values into it (see `fast`).
"""

from __future__ import annotations

import copy
import hashlib
import re

from pyld import jsonld, nquads
from pyld.canon import URDNA2015
from pyld.nquads import RDF_LANGSTRING, XSD_STRING

from . import documents


class CanonicalizationError(Exception):
    pass


class UndefinedTerm(CanonicalizationError):
    """A property no context defines. JSON-LD would drop it silently, leaving it outside
    the signature; like the "safe mode" of other Data Integrity implementations we refuse
    the document instead."""

    def __init__(self, term):
        self.term = term
        super().__init__(f"The property {term!r} is not defined by the document's contexts.")


def _refuse(term):
    raise UndefinedTerm(term)


def _processor() -> jsonld.JsonLdProcessor:
    return jsonld.JsonLdProcessor(on_property_dropped=_refuse)


def canonize(document: dict) -> str:
    """The canonical N-Quads of a JSON-LD document, by the full algorithm."""
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": documents.loader,
    }
    try:
        return _processor().normalize(document, options)
    except documents.UnknownDocument:
        raise
    except jsonld.JsonLdError as exc:
        unknown = _unknown_context(exc)
        if unknown is not None:
            raise unknown from exc
        raise CanonicalizationError(_reason(exc)) from exc


def to_dataset(document: dict) -> dict:
    """The RDF dataset of a JSON-LD document (before canonical labelling)."""
    try:
        return _processor().to_rdf(document, {"documentLoader": documents.loader})
    except jsonld.JsonLdError as exc:
        unknown = _unknown_context(exc)
        if unknown is not None:
            raise unknown from exc
        raise CanonicalizationError(_reason(exc)) from exc


def canonize_dataset(dataset: dict) -> str:
    return URDNA2015().main(copy.deepcopy(dataset), {"format": "application/n-quads"})


def _unknown_context(exc: BaseException):
    while exc is not None:
        if isinstance(exc, documents.UnknownDocument | UndefinedTerm):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


def _reason(exc: jsonld.JsonLdError) -> str:
    messages = []
    while exc is not None:
        text = getattr(exc, "message", None) or str(exc).split("\n")[0]
        if text and text not in messages:
            messages.append(text)
        exc = exc.__cause__
    return "; ".join(messages[-2:]) or "The document is not valid JSON-LD."


# -- Reusing one expansion for documents of the same shape ------------------------------
#
# Two documents have the same shape when they have the same keys in the same places, the
# same array lengths, the same `@context` and `type` values and the same numbers and
# booleans; only their other strings differ. For one shape the JSON-LD expansion is done
# once, on a copy whose strings are slot markers; each marker lands in the RDF as a whole
# IRI or a whole literal. A document of that shape then becomes N-Quads by putting its
# strings into the slots, and RDFC-1.0 labels its blank nodes by their first-degree hashes
# (§4.4 steps 3–5), which is the whole algorithm when those hashes are distinct. Anything
# else — a marker that lands inside a longer value, a string that would not stay the IRI
# it is, blank nodes whose first-degree hashes collide — is left to the full path.

_SLOT = "urn:x-microcred-slot:"
_FIXED_KEYS = frozenset({"@context", "type", "@type"})
_ABSOLUTE_IRI = re.compile(r"^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$")
_UNSUPPORTED = object()


def _skeleton(value, strings: list, fixed: bool = False):
    if isinstance(value, dict):
        return (
            "{",
            tuple(
                (key, _skeleton(item, strings, fixed or key in _FIXED_KEYS))
                for key, item in value.items()
            ),
        )
    if isinstance(value, list):
        return ("[", tuple(_skeleton(item, strings, fixed) for item in value))
    if isinstance(value, str) and not fixed:
        strings.append(value)
        return "s"
    return ("=", type(value).__name__, value)


def _marked(value, counter: list, fixed: bool = False):
    if isinstance(value, dict):
        return {
            key: _marked(item, counter, fixed or key in _FIXED_KEYS) for key, item in value.items()
        }
    if isinstance(value, list):
        return [_marked(item, counter, fixed) for item in value]
    if isinstance(value, str) and not fixed:
        counter[0] += 1
        return f"{_SLOT}{counter[0] - 1}"
    return value


class _Template:
    """The N-Quads of one shape, as parts: fixed text, string slots and blank nodes."""

    def __init__(self, lines: list[list], iri_slots: set[int]):
        self.lines = lines
        self.iri_slots = iri_slots

    @classmethod
    def build(cls, document: dict):
        dataset = to_dataset(_marked(document, [0]))
        blank: dict[str, int] = {}
        iri_slots: set[int] = set()
        lines = []
        for graph, triples in dataset.items():
            for triple in triples:
                parts: list = []
                for position in ("subject", "predicate", "object"):
                    term = triple[position]
                    if not _term_parts(term, parts, blank, iri_slots, position):
                        return None
                    parts.append(" ")
                if graph != "@default":
                    if not _term_parts(
                        {"type": "blank node" if graph.startswith("_:") else "IRI", "value": graph},
                        parts,
                        blank,
                        iri_slots,
                        "graph",
                    ):
                        return None
                    parts.append(" ")
                parts.append(".\n")
                lines.append(_merge_text(parts))
        return cls(lines, iri_slots)

    def fill(self, strings: list[str]) -> str | None:
        for index in self.iri_slots:
            value = strings[index]
            if not _ABSOLUTE_IRI.match(value) or value.startswith("_:"):
                return None
        escaped = {}
        filled = set()
        for line in self.lines:
            out = []
            for part in line:
                if part.__class__ is str or part[0] == "b":
                    out.append(part)
                elif part[0] == "i":
                    out.append(strings[part[1]])
                else:
                    index = part[1]
                    if index not in escaped:
                        escaped[index] = nquads.escape(strings[index])
                    out.append(escaped[index])
            filled.add(tuple(_merge_text(out)))
        return _label(filled)


def _term_parts(term, parts, blank, iri_slots, position) -> bool:
    kind, value = term["type"], term["value"]
    if kind == "blank node":
        parts.append(("b", blank.setdefault(value, len(blank))))
        return True
    if kind == "IRI":
        if value.startswith(_SLOT):
            index = value[len(_SLOT) :]
            if not index.isdigit():
                return False
            parts += ["<", ("i", int(index)), ">"]
            iri_slots.add(int(index))
            return True
        if _SLOT in value:
            return False
        parts.append(f"<{value}>")
        return True
    # a literal
    suffix = ""
    datatype = term.get("datatype")
    if datatype == RDF_LANGSTRING:
        if term.get("language"):
            suffix = "@" + term["language"]
    elif datatype != XSD_STRING:
        suffix = f"^^<{datatype}>"
    if value.startswith(_SLOT) and value[len(_SLOT) :].isdigit():
        parts += ['"', ("l", int(value[len(_SLOT) :])), '"' + suffix]
        return True
    if _SLOT in value:
        return False
    parts.append('"' + nquads.escape(value) + '"' + suffix)
    return True


def _merge_text(parts) -> list:
    merged: list = []
    for part in parts:
        if part.__class__ is str and merged and merged[-1].__class__ is str:
            merged[-1] += part
        else:
            merged.append(part)
    return merged


def _render(line, labels) -> str:
    return "".join(part if part.__class__ is str else labels[part[1]] for part in line)


def _label(lines: set) -> str | None:
    """RDFC-1.0 canonical labels when every blank node's first-degree hash is unique."""
    touching: dict[int, list] = {}
    for line in lines:
        for part in line:
            if part.__class__ is not str:
                touching.setdefault(part[1], []).append(line)
    hashes = {}
    for node, node_lines in touching.items():
        labels = _Other(node)
        digest = hashlib.sha256(
            "".join(sorted(_render(line, labels) for line in node_lines)).encode()
        )
        hashes[digest.hexdigest()] = node
    if len(hashes) != len(touching):
        # Colliding first-degree hashes need the n-degree algorithm: the full path.
        return canonize_dataset(nquads.parse_nquads(_render_all(lines, {})))
    labels = {node: f"_:c14n{n}" for n, (_h, node) in enumerate(sorted(hashes.items()))}
    return "".join(sorted(_render(line, labels) for line in lines))


def _render_all(lines, labels) -> str:
    named = _Named(labels)
    return "".join(_render(line, named) for line in lines)


class _Other(dict):
    """_:a for the blank node being hashed, _:z for every other (RDFC-1.0 §4.6.3)."""

    def __init__(self, node):
        super().__init__()
        self.node = node

    def __missing__(self, key):
        return "_:a" if key == self.node else "_:z"


class _Named(dict):
    def __missing__(self, key):
        return f"_:b{key}"


class Shapes:
    """Canonical N-Quads of documents through the templates of their shapes."""

    def __init__(self):
        self._templates: dict = {}

    def canonize(self, document: dict) -> str | None:
        """The canonical N-Quads, or None when this document must take the full path."""
        strings: list[str] = []
        skeleton = _skeleton(document, strings)
        template = self._templates.get(skeleton)
        if template is None:
            try:
                template = _Template.build(document) or _UNSUPPORTED
            except CanonicalizationError:
                template = _UNSUPPORTED
            self._templates[skeleton] = template
        if template is _UNSUPPORTED:
            return None
        return template.fill(strings)
