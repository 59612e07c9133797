"""RDF Dataset Canonicalization, RDFC-1.0 (https://www.w3.org/TR/rdf-canon/), of an RDF
dataset in pyld's form ({graph name: [{"subject", "predicate", "object"}]}).

Every quad is written once as canonical N-Quads with its blank nodes as placeholders;
labelling then only formats lines and hashes them. When every blank node's first-degree
hash is unique (§4.4.3 step 5), which is the case for the credentials people issue, that
is the whole algorithm; otherwise the Hash N-Degree Quads algorithm (§4.8) decides, with a
budget on its work (§4.4.2: a poison dataset must not run a verifier out of time).
`tests/test_rdf_canon.py` runs the W3C test suite against it.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable

from pyld.nquads import RDF_LANGSTRING, XSD_STRING


class TooComplex(Exception):
    """The dataset's blank nodes are so alike that labelling them would take more than the
    budget allows."""


# Canonical N-Quads escape, in literals, `"` and `\` and the control characters: \b \t
# \n \f \r by name, the others of U+0000–U+001F and U+007F as \u00XX (RDFC-1.0 §4.3 and
# RDF 1.2 N-Quads, "canonical form").
_ESCAPES = {code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F)}
_ESCAPES.update(
    {
        ord("\b"): "\\b",
        ord("\t"): "\\t",
        ord("\n"): "\\n",
        ord("\f"): "\\f",
        ord("\r"): "\\r",
        ord('"'): '\\"',
        ord("\\"): "\\\\",
    }
)
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')


def escape(value: str) -> str:
    return value.translate(_ESCAPES) if _NEEDS_ESCAPE.search(value) else value


# The work Hash N-Degree Quads may do (each call, each permutation tried), per blank node
# that first-degree hashes leave undecided, and at most. The W3C suite's poison datasets
# that must succeed need 279 per node; its 10-node clique, which must fail, needs millions
# (and fails after about 0.2 s); the cap bounds a document of many such nodes to seconds.
WORK_PER_NODE = 1_000
MAX_WORK = 100_000


def canonize(dataset: dict, *, hash_name: str = "sha256") -> str:
    """The canonical N-Quads of `dataset`."""
    return _Canonicalization(dataset, hash_name).run()


def canonical_labels(dataset: dict, *, hash_name: str = "sha256") -> dict[str, str]:
    """The issued identifiers map (§4.4.1): each input blank node label, without `_:`,
    to its canonical one."""
    state = _Canonicalization(dataset, hash_name)
    state.label()
    return {old[2:]: new[2:] for old, new in state.canonical.issued.items()}


class _Issuer:
    """The Issue Identifier algorithm's state (§4.5): labels issued in order."""

    __slots__ = ("issued", "prefix")

    def __init__(self, prefix: str, issued: dict[str, str] | None = None):
        self.prefix = prefix
        self.issued = {} if issued is None else issued

    def issue(self, node: str) -> str:
        label = self.issued.get(node)
        if label is None:
            label = self.issued[node] = f"{self.prefix}{len(self.issued)}"
        return label

    def copy(self) -> _Issuer:
        return _Issuer(self.prefix, dict(self.issued))


def _term(term: dict) -> str:
    """An IRI or a literal as canonical N-Quads."""
    if term["type"] == "IRI":
        return f"<{term['value']}>"
    datatype = term.get("datatype")
    if datatype == RDF_LANGSTRING:
        suffix = "@" + term["language"] if term.get("language") else ""
    elif datatype is None or datatype == XSD_STRING:
        suffix = ""
    else:
        suffix = f"^^<{datatype}>"
    return f'"{escape(term["value"])}"{suffix}'


def _braced(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}") if "{" in text or "}" in text else text


class _Canonicalization:
    def __init__(self, dataset: dict, hash_name: str):
        self.hasher: Callable = getattr(hashlib, hash_name)
        # Quads without blank nodes, as final lines; the others as a format string, the
        # blank nodes it names, and its predicate (Hash Related Blank Node needs it).
        self.plain: set[str] = set()
        self.quads: list[tuple[str, tuple[str, ...], str, tuple[str, ...]]] = []
        seen: set[tuple[str, tuple[str, ...]]] = set()
        self.quads_of: dict[str, list[int]] = {}
        for graph, triples in dataset.items():
            graph_term = None
            if graph != "@default":
                kind = "blank node" if graph.startswith("_:") else "IRI"
                graph_term = {"type": kind, "value": graph}
            for triple in triples:
                terms = [triple["subject"], triple["predicate"], triple["object"]]
                if graph_term is not None:
                    terms.append(graph_term)
                nodes = [t["value"] for t in terms if t["type"] == "blank node"]
                if not nodes:
                    self.plain.add(" ".join(_term(t) for t in terms) + " .\n")
                    continue
                parts, positions = [], []
                for position, t in zip("spog", terms, strict=False):
                    if t["type"] == "blank node":
                        parts.append(f"{{{len(positions)}}}")
                        positions.append(position)
                    else:
                        parts.append(_braced(_term(t)))
                line = " ".join(parts) + " .\n"
                key = (line, tuple(nodes))
                if key in seen:
                    continue
                seen.add(key)
                predicate = f"<{triple['predicate']['value']}>"
                self.quads.append((line, tuple(nodes), predicate, tuple(positions)))
                for node in dict.fromkeys(nodes):
                    self.quads_of.setdefault(node, []).append(len(self.quads) - 1)
        self.canonical = _Issuer("_:c14n")
        self.first_degree: dict[str, str] = {}
        self.work = 0
        self.budget = 0

    def _hash(self, text: str) -> str:
        return self.hasher(text.encode()).hexdigest()

    def hash_first_degree(self, node: str) -> str:
        """§4.6: the node's quads with it as _:a and every other blank node as _:z."""
        digest = self.first_degree.get(node)
        if digest is None:
            lines = sorted(
                self.quads[q][0].format(
                    *("_:a" if other == node else "_:z" for other in self.quads[q][1])
                )
                for q in self.quads_of[node]
            )
            digest = self.first_degree[node] = self._hash("".join(lines))
        return digest

    def label(self) -> None:
        """§4.4.3 steps 3–6: issue every blank node its canonical identifier."""
        by_hash: dict[str, list[str]] = {}
        for node in self.quads_of:
            by_hash.setdefault(self.hash_first_degree(node), []).append(node)
        shared = []
        for digest in sorted(by_hash):
            nodes = by_hash[digest]
            if len(nodes) == 1:
                self.canonical.issue(nodes[0])
            else:
                shared.append(nodes)
        self.budget = min(WORK_PER_NODE * sum(len(nodes) for nodes in shared), MAX_WORK)
        for nodes in shared:
            results = []
            for node in nodes:
                if node in self.canonical.issued:
                    continue
                temporary = _Issuer("_:b")
                temporary.issue(node)
                results.append(self.hash_n_degree(node, temporary))
            for _digest, issuer in sorted(results, key=lambda result: result[0]):
                for node in issuer.issued:
                    self.canonical.issue(node)

    def run(self) -> str:
        self.label()
        labels = self.canonical.issued
        out = set(self.plain)
        out.update(line.format(*(labels[n] for n in nodes)) for line, nodes, _p, _g in self.quads)
        return "".join(sorted(out))

    def hash_related(self, related: str, predicate: str, issuer: _Issuer, position: str) -> str:
        """§4.7."""
        label = self.canonical.issued.get(related) or issuer.issued.get(related)
        if label is None:
            label = self.hash_first_degree(related)
        return self._hash(position + (predicate if position != "g" else "") + label)

    def spend(self) -> None:
        self.work += 1
        if self.work > self.budget:
            raise TooComplex(
                "The document's blank nodes are too alike to be put in canonical order."
            )

    def hash_n_degree(self, node: str, issuer: _Issuer) -> tuple[str, _Issuer]:
        """§4.8, within the budget: each call and each permutation tried spends one."""
        self.spend()
        related_by_hash: dict[str, list[str]] = {}
        for q in self.quads_of[node]:
            _line, nodes, predicate, positions = self.quads[q]
            for related, position in zip(nodes, positions, strict=True):
                if related != node and position != "p":
                    digest = self.hash_related(related, predicate, issuer, position)
                    related_by_hash.setdefault(digest, []).append(related)
        data = []
        canonical = self.canonical.issued
        for digest in sorted(related_by_hash):
            data.append(digest)
            # The first permutation is always chosen, so chosen_issuer is set below.
            chosen_path, chosen_issuer = "", issuer
            for permutation in itertools.permutations(related_by_hash[digest]):
                self.spend()
                candidate = issuer.copy()
                path, recursion, skipped = "", [], False
                for related in permutation:
                    if related in canonical:
                        path += canonical[related]
                    else:
                        if related not in candidate.issued:
                            recursion.append(related)
                        path += candidate.issue(related)
                    if chosen_path and len(path) >= len(chosen_path) and path > chosen_path:
                        skipped = True
                        break
                if skipped:
                    continue
                for related in recursion:
                    result_hash, candidate = self.hash_n_degree(related, candidate)
                    path += candidate.issue(related) + f"<{result_hash}>"
                    if chosen_path and len(path) >= len(chosen_path) and path > chosen_path:
                        skipped = True
                        break
                if skipped:
                    continue
                if not chosen_path or path < chosen_path:
                    chosen_path, chosen_issuer = path, candidate
            data.append(chosen_path)
            issuer = chosen_issuer
        return self._hash("".join(data)), issuer
