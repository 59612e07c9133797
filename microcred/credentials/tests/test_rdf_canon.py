"""The W3C RDFC-1.0 test suite (rdf_canon/, https://w3c.github.io/rdf-canon/tests/), every
test of its manifest: the canonical N-Quads byte for byte (eval tests), the issued
identifiers (map tests), and a poison dataset refused (the negative test)."""

import json
import re
from pathlib import Path

import pytest

from microcred.credentials.formats import rdfc

SUITE = Path(__file__).parent / "rdf_canon"
MANIFEST = json.loads((SUITE / "manifest.jsonld").read_text())
HASHES = {None: "sha256", "SHA256": "sha256", "SHA384": "sha384"}


def _tests(kind: str) -> list:
    return [
        pytest.param(entry, id=entry["id"].lstrip("#"))
        for entry in MANIFEST["entries"]
        if entry["type"] == f"rdfc:{kind}"
    ]


# N-Quads (https://www.w3.org/TR/n-quads/) as the suite writes it: one quad a line, IRIs,
# blank nodes and literals with their escapes. pyld's own reader skips \u escapes in IRIs
# and \b \f \' in literals, which the suite uses.
_IRI = r"<((?:[^>\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*)>"
_BLANK = r"(_:[^\s]+)"
_LITERAL = r'"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^' + _IRI + ")?"
_TERM = f"(?:{_IRI}|{_BLANK}|{_LITERAL})"
_QUAD = re.compile(rf"^\s*{_TERM}\s+{_TERM}\s+{_TERM}\s*(?:{_TERM})?\s*\.\s*$")
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    def one(match):
        code = match.group(1) or match.group(2)
        return chr(int(code, 16)) if code else _ECHAR[match.group(3)]

    return _ESCAPE.sub(one, text)


def _term(groups: tuple) -> dict | None:
    iri, blank, value, language, datatype = groups
    if iri is not None:
        return {"type": "IRI", "value": _unescape(iri)}
    if blank is not None:
        return {"type": "blank node", "value": blank}
    if value is None:
        return None
    literal = {"type": "literal", "value": _unescape(value)}
    if language:
        literal.update(datatype=rdfc.RDF_LANGSTRING, language=language)
    else:
        literal["datatype"] = _unescape(datatype) if datatype else rdfc.XSD_STRING
    return literal


def _input(entry: dict) -> dict:
    """The test's input dataset, in pyld's form."""
    dataset: dict[str, list] = {}
    for line in (SUITE / entry["action"]).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        match = _QUAD.match(line)
        assert match, line
        groups = match.groups()
        subject, predicate, object_, graph = (_term(groups[n : n + 5]) for n in range(0, 20, 5))
        name = "@default" if graph is None else graph["value"]
        dataset.setdefault(name, []).append(
            {"subject": subject, "predicate": predicate, "object": object_}
        )
    return dataset


def test_the_suite_is_all_here():
    kinds = {entry["type"] for entry in MANIFEST["entries"]}

    assert kinds == {"rdfc:RDFC10EvalTest", "rdfc:RDFC10MapTest", "rdfc:RDFC10NegativeEvalTest"}
    assert len(MANIFEST["entries"]) == 86


@pytest.mark.parametrize("entry", _tests("RDFC10EvalTest"))
def test_the_canonical_n_quads_are_the_suites_byte_for_byte(entry):
    expected = (SUITE / entry["result"]).read_bytes()

    canonical = rdfc.canonize(_input(entry), hash_name=HASHES[entry.get("hashAlgorithm")])

    assert canonical.encode("utf-8") == expected


@pytest.mark.parametrize("entry", _tests("RDFC10MapTest"))
def test_the_issued_identifiers_are_the_suites(entry):
    expected = json.loads((SUITE / entry["result"]).read_text())

    labels = rdfc.canonical_labels(_input(entry), hash_name=HASHES[entry.get("hashAlgorithm")])

    assert labels == expected


@pytest.mark.parametrize("entry", _tests("RDFC10NegativeEvalTest"))
def test_a_poison_dataset_is_refused_quickly(entry):
    with pytest.raises(rdfc.TooComplex):
        rdfc.canonize(_input(entry))
