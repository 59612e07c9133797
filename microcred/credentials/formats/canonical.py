"""RDF Dataset Canonicalization (RDFC-1.0, https://www.w3.org/TR/rdf-canon/) of JSON-LD.

The full path is pyld's JSON-LD to RDF conversion, with each context processed once per
process (`expansion`), followed by RDFC-1.0 (`rdfc`). Expanding a credential is most of
what is left, and every credential the platform issues for one achievement has the same
shape; `Shapes` reuses the RDF of one expansion and puts each credential's values into it
(see `Shapes.canonize`); it signs, and never verifies, since nothing from outside is
trusted to have a known shape.
"""

from __future__ import annotations

import hashlib
import re

from pyld import jsonld
from pyld.nquads import RDF_LANGSTRING, XSD_STRING

from . import documents, expansion, rdfc
from .rdfc import escape


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
    return expansion.Processor(on_property_dropped=_refuse)


def canonize(document: dict) -> str:
    """The canonical N-Quads of a JSON-LD document, by the full algorithm: its RDF
    dataset (JSON-LD 1.1 "Deserialize JSON-LD to RDF"), then RDFC-1.0."""
    dataset = to_dataset(document)
    try:
        return rdfc.canonize(dataset)
    except rdfc.TooComplex as exc:
        raise CanonicalizationError(str(exc)) from exc


class _ReadOnly(dict):
    """A document given to pyld without its defensive deep copy. Expansion reads the
    document and builds new objects from it, never changing it (tests compare documents
    before and after); copying a learner record of a megabyte took a sixth of the time of
    canonicalizing it."""

    def __deepcopy__(self, memo):
        return self


def to_dataset(document: dict) -> dict:
    """The RDF dataset of a JSON-LD document (before canonical labelling)."""
    return _processed(
        lambda: _processor().to_rdf(_ReadOnly(document), {"documentLoader": documents.loader})
    )


def _processed(run):
    """Run pyld, turning its errors into ours: an unknown context or undefined term as
    itself, anything else as a CanonicalizationError with pyld's reason."""
    try:
        return run()
    except jsonld.JsonLdError as exc:
        unknown = _unknown_context(exc)
        if unknown is not None:
            raise unknown from exc
        raise CanonicalizationError(_reason(exc)) from exc
    except KeyError as exc:
        # pyld fails this way on `{"@vocab": null}` when no vocabulary is set; JSON-LD
        # would ignore it, and an undefined term would then fail the document anyway.
        raise CanonicalizationError(
            f"A context of the document could not be applied (at {exc})."
        ) from exc


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


def _skeleton(document) -> tuple[str, list[str]] | None:
    """A document's shape as one string, and its strings in order; None when a key would
    make the shape ambiguous."""
    tokens: list[str] = []
    strings: list[str] = []
    if not _walk(document, tokens, strings, False):
        return None
    return _SEPARATOR.join(tokens), strings


_SEPARATOR = "\x1f"


def _walk(value, tokens, strings, fixed) -> bool:
    kind = value.__class__
    if kind is str:
        if fixed:
            if _SEPARATOR in value:
                return False
            tokens.append("=" + value)
        else:
            strings.append(value)
            tokens.append("\x01")
    elif kind is dict:
        tokens.append("{")
        for key, item in value.items():
            if _SEPARATOR in key:
                return False
            tokens.append(key)
            if not _walk(item, tokens, strings, fixed or key in _FIXED_KEYS):
                return False
        tokens.append("}")
    elif kind is list:
        tokens.append("[")
        for item in value:
            if not _walk(item, tokens, strings, fixed):
                return False
        tokens.append("]")
    else:
        # Numbers, booleans and null, with their type: 1, 1.0 and true differ in RDF.
        tokens.append(f"{kind.__name__}:{value!r}")
    return True


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
    """The N-Quads of one shape as format strings: `{0[n]}` is the n-th string of the
    document (raw in IRIs, escaped in literals), `{bN}` a blank node."""

    def __init__(self, lines: list[list], iri_slots: set[int], slots: int):
        self.iri_slots = sorted(iri_slots)
        self.slots = slots
        self.plain: list[tuple[str, frozenset[int]]] = []
        self.blank: list[tuple[str, tuple[int, ...], frozenset[int]]] = []
        for parts in lines:
            text, nodes, used = [], [], set()
            for part in parts:
                if part.__class__ is str:
                    text.append(part.replace("{", "{{").replace("}", "}}"))
                elif part[0] == "i":
                    text.append(f"{{0[{part[1]}]}}")
                    used.add(part[1])
                elif part[0] == "l":
                    text.append(f"{{0[{part[1] + slots}]}}")
                    used.add(part[1])
                else:
                    # Doubled, so that it is still a field after the strings are put in.
                    text.append(f"{{{{b{part[1]}}}}}")
                    nodes.append(part[1])
            if nodes:
                self.blank.append(("".join(text), tuple(sorted(set(nodes))), frozenset(used)))
            else:
                self.plain.append(("".join(text), frozenset(used)))
        # What the last document of this shape gave, line by line: documents of a batch
        # share most of their strings (the achievement, the issuer), so only the lines
        # whose strings changed are formatted again.
        self._strings: list[str] | None = None
        self._values: list[str] = []
        self._braced: list[str] = []
        self._plain_out: list[str] = []
        self._blank_out: list[str] = []
        self._hashes: dict[tuple[str, ...], bytes] = {}

    @classmethod
    def build(cls, document: dict):
        counter = [0]
        marked = _marked(document, counter)
        dataset = to_dataset(marked)
        blank: dict[str, int] = {}
        iri_slots: set[int] = set()
        lines = []
        for graph, triples in dataset.items():
            for triple in triples:
                parts: list = []
                for position in ("subject", "predicate", "object"):
                    if not _term_parts(triple[position], parts, blank, iri_slots):
                        return None
                    parts.append(" ")
                if graph != "@default":
                    term = {
                        "type": "blank node" if graph.startswith("_:") else "IRI",
                        "value": graph,
                    }
                    if not _term_parts(term, parts, blank, iri_slots):
                        return None
                    parts.append(" ")
                parts.append(".\n")
                lines.append(parts)
        return cls(lines, iri_slots, counter[0])

    def fill(self, strings: list[str]) -> str | None:
        for index in self.iri_slots:
            value = strings[index]
            if not _ABSOLUTE_IRI.match(value) or value.startswith("_:"):
                return None
        slots = self.slots
        if self._strings is None:
            changed = None
            self._values = strings + [escape(value) for value in strings]
            self._braced = [_brace(value) for value in self._values]
        else:
            last = self._strings
            changed = {i for i in range(slots) if strings[i] != last[i]}
            for i in changed:
                escaped = escape(strings[i])
                self._values[i], self._values[i + slots] = strings[i], escaped
                self._braced[i], self._braced[i + slots] = _brace(strings[i]), _brace(escaped)
        self._strings = list(strings)
        values, braced = self._values, self._braced
        if changed is None:
            self._plain_out = [line.format(values) for line, _used in self.plain]
            self._blank_out = [line.format(braced) for line, _nodes, _used in self.blank]
        else:
            plain_out, blank_out = self._plain_out, self._blank_out
            for k, (line, used) in enumerate(self.plain):
                if not used.isdisjoint(changed):
                    plain_out[k] = line.format(values)
            for k, (line, _nodes, used) in enumerate(self.blank):
                if not used.isdisjoint(changed):
                    blank_out[k] = line.format(braced)
        out = set(self._plain_out)
        blank: dict[str, tuple[int, ...]] = {}
        for text, (_line, nodes, _used) in zip(self._blank_out, self.blank, strict=True):
            blank.setdefault(text, nodes)
        labels = _label(blank, self._hashes)
        if labels is None:
            # Colliding first-degree hashes need the n-degree algorithm: the full path.
            return None
        out.update(line.format_map(labels) for line in blank)
        return "".join(sorted(out))


def _brace(value: str) -> str:
    if "{" in value or "}" in value:
        return value.replace("{", "{{").replace("}", "}}")
    return value


def _term_parts(term, parts, blank, iri_slots) -> bool:
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
    parts.append('"' + escape(value) + '"' + suffix)
    return True


def _label(blank: dict[str, tuple[int, ...]], memo: dict) -> dict[str, str] | None:
    """RDFC-1.0 canonical labels when every blank node's first-degree hash is unique
    (§4.6: the node being hashed is _:a, every other _:z); None when two collide.
    `memo` keeps the hashes of a node's lines seen before."""
    touching: dict[int, list[str]] = {}
    for line, nodes in blank.items():
        for node in nodes:
            touching.setdefault(node, []).append(line)
    # The nodes every credential of a batch shares come back each time; the ones of one
    # earner never do, so the memo is kept small.
    if len(memo) > 2_000:
        memo.clear()
    hashes = {}
    for node, lines in touching.items():
        key = (node, *lines)
        digest = memo.get(key)
        if digest is None:
            labels = {f"b{other}": "_:z" for other in touching}
            labels[f"b{node}"] = "_:a"
            quads = sorted(line.format_map(labels) for line in lines)
            digest = memo[key] = hashlib.sha256("".join(quads).encode()).digest()
        hashes[digest] = node
    if len(hashes) != len(touching):
        return None
    return {f"b{node}": f"_:c14n{n}" for n, (_hash, node) in enumerate(sorted(hashes.items()))}


class Shapes:
    """Canonical N-Quads of documents through the templates of their shapes."""

    def __init__(self):
        self._templates: dict = {}

    def canonize(self, document: dict) -> str | None:
        """The canonical N-Quads, or None when this document must take the full path."""
        shape = _skeleton(document)
        if shape is None:
            return None
        skeleton, strings = shape
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
