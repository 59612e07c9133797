"""Reusing one expansion per shape gives exactly the bytes of the full RDFC-1.0 path."""

import copy
import json

import pytest

from microcred.credentials.formats import canonical, documents, rdfc
from microcred.credentials.issuing.signing import Signer

from .factories import signed_award

pytestmark = pytest.mark.django_db

AWKWARD = [
    'Quotes " and \\ backslashes',
    "Two\nlines\r\nand a\ttab",
    "Émoji 🎓 and accents: façade, niño",
    "_:b0 looks like a blank node <http://x> .",
    "urn:x-microcred-slot:3",
    "Controls \x00 \x08 \x0b \x0c \x1f \x7f and separators \u2028 \u2029 \x85",
    "{braces} {0} {b1} {{doubled}}",
    "",
    "x" * 5000,
]


@pytest.fixture
def credential(earner, issuer, issuer_admin):
    award = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    document = json.loads(award.credential_json)
    document.pop("proof")
    return document


def test_the_reused_shape_gives_the_full_algorithms_bytes(credential):
    shapes = canonical.Shapes()

    assert shapes.canonize(credential) == canonical.canonize(credential)


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_text_in_every_string_gives_the_same_bytes(credential, text):
    shapes = canonical.Shapes()
    shapes.canonize(credential)  # the shape is learnt from another document
    changed = copy.deepcopy(credential)
    changed["name"] = text
    changed["credentialSubject"]["achievement"]["criteria"]["narrative"] = text
    changed["credentialSubject"]["identifier"][0]["salt"] = text
    changed["issuer"]["description"] = text

    assert shapes.canonize(changed) == canonical.canonize(changed)


def test_a_string_that_would_not_stay_an_iri_takes_the_full_path(credential):
    shapes = canonical.Shapes()
    shapes.canonize(credential)
    changed = copy.deepcopy(credential)
    changed["credentialSubject"]["achievement"]["id"] = "not an absolute address"

    assert shapes.canonize(changed) is None


def test_another_shape_is_learnt_separately(credential):
    shapes = canonical.Shapes()
    shapes.canonize(credential)
    changed = copy.deepcopy(credential)
    changed["credentialSubject"]["creditsEarned"] = 2.5
    del changed["credentialSubject"]["achievement"]["alignment"]

    assert shapes.canonize(changed) == canonical.canonize(changed)


def test_blank_nodes_with_equal_first_degree_hashes_are_left_to_the_full_algorithm():
    twins = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": [
            {"name": "same"},
            {"name": "same"},
            {"name": "other"},
        ],
    }
    shapes = canonical.Shapes()
    shapes.canonize(twins)
    different = copy.deepcopy(twins)
    different["credentialSubject"][1]["name"] = "different"

    assert shapes.canonize(twins) is None  # the n-degree algorithm is needed
    assert shapes.canonize(different) == canonical.canonize(different)


def test_a_batch_signs_by_the_reused_shape_after_checking_a_sample(earner, issuer, issuer_admin):
    award = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    signer = Signer()

    assert signer.check_sample(award)
    for _ in range(3):
        signer.sign(award)

    assert signer.stats == {"fast": 3}


def test_control_characters_are_escaped_as_rdf_canonical_n_quads_require():
    document = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "validFrom": "2026-01-01T00:00:00Z",
        "name": 'a"b\\c\bd\te\nf\fg\rh\x00i\x0bj\x7fk',
        "credentialSubject": {"id": "did:example:someone"},
    }

    quads = canonical.canonize(document)

    assert '"a\\"b\\\\c\\bd\\te\\nf\\fg\\rh\\u0000i\\u000Bj\\u007Fk"' in quads


def test_a_document_the_reused_shape_cannot_take_is_signed_by_the_full_path(credential):
    signer = Signer()
    signer.canonical(credential)
    changed = copy.deepcopy(credential)
    changed["credentialSubject"]["achievement"]["id"] = "not an absolute address"

    assert signer.canonical(changed) == canonical.canonize(changed)
    assert signer.stats["full"] == 1


def test_a_signer_without_reused_shapes_signs_every_credential_by_the_full_path(
    earner, issuer, issuer_admin
):
    award = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    signer = Signer(fast=False)

    assert signer.check_sample(award)
    signer.sign(award)

    assert signer.stats == {"full": 1}


def test_an_award_without_a_status_entry_has_no_credential_status(earner, issuer, issuer_admin):
    award = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    assert "credentialStatus" in Signer().unsigned(award)

    award.status_list = None

    assert "credentialStatus" not in Signer().unsigned(award)


def test_a_key_or_type_holding_the_shape_separator_takes_the_full_path():
    shapes = canonical.Shapes()
    base = {"@context": {"name": "https://schema.org/name"}, "@id": "urn:example:a"}

    assert shapes.canonize(base | {"list": [{"na\x1fme": "x"}]}) is None
    assert shapes.canonize(base | {"type": ["Verifiable\x1fCredential"]}) is None


def test_language_tagged_strings_and_named_graphs_give_the_full_algorithms_bytes():
    document = {
        "@context": {
            "name": {"@id": "https://schema.org/name", "@language": "en"},
            "plain": "https://schema.org/description",
        },
        "@id": "https://example.org/graph",
        "@graph": [{"@id": "https://example.org/a", "name": "A title", "plain": "words"}],
    }
    shapes = canonical.Shapes()

    assert shapes.canonize(document) == canonical.canonize(document)
    assert "@en" in canonical.canonize(document)


def test_a_document_that_is_not_json_ld_is_refused_with_the_reason():
    with pytest.raises(canonical.CanonicalizationError) as refused:
        canonical.canonize({"@context": {"@version": 2}, "@id": "urn:example:a"})

    assert not isinstance(refused.value, canonical.UndefinedTerm)
    assert str(refused.value)


def test_a_json_literal_takes_the_full_path_since_its_strings_are_inside_one_value():
    document = {
        "@context": {"data": {"@id": "https://example.org/data", "@type": "@json"}},
        "@id": "https://example.org/a",
        "data": {"key": "value"},
    }

    assert canonical.Shapes().canonize(document) is None
    assert '"{\\"key\\":\\"value\\"}"' in canonical.canonize(document)


def test_a_string_only_json_ld_reads_as_a_keyword_takes_the_full_path():
    document = {
        "@context": {"text": "https://example.org/text"},
        "@id": "https://example.org/a",
        "text": {"@value": "words", "@direction": "ltr"},
    }

    assert canonical.Shapes().canonize(document) is None
    assert '"words"' in canonical.canonize(document)


def test_a_property_no_context_defines_is_refused_rather_than_left_unsigned():
    document = {
        "@context": {"name": "https://schema.org/name"},
        "@id": "https://example.org/a",
        "nobody": "defines this",
    }

    with pytest.raises(canonical.UndefinedTerm) as refused:
        canonical.canonize(document)

    assert refused.value.term == "nobody"


def test_a_context_the_platform_does_not_ship_is_refused_by_name():
    document = {"@context": "https://unknown.example.org/context.json", "@id": "urn:example:a"}

    with pytest.raises(documents.UnknownDocument) as refused:
        canonical.canonize(document)

    assert "https://unknown.example.org/context.json" in str(refused.value)


def _pyld_urdna2015(document: dict) -> str:
    """The bytes of pyld's own path: its processor without kept contexts, its URDNA2015."""
    from pyld import jsonld

    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": documents.loader,
    }
    return jsonld.JsonLdProcessor().normalize(document, options)


def test_the_full_path_gives_the_bytes_of_pyld_processing_every_context_anew(credential):
    twice = [canonical.canonize(credential), canonical.canonize(credential)]

    assert twice == [_pyld_urdna2015(credential)] * 2


def test_blank_nodes_that_first_degree_hashes_cannot_tell_apart_get_pylds_labels():
    document = {
        "@context": {"@vocab": "https://schema.org/"},
        "@id": "https://example.org/a",
        "knows": [{"name": "same"}, {"name": "same"}, {"knows": {"name": "same"}}],
    }

    assert canonical.canonize(document) == _pyld_urdna2015(document)


def test_a_kept_context_never_stands_in_for_a_document_that_defines_a_term_itself():
    base = {"@id": "https://example.org/a", "name": "A"}
    canonical.canonize({"@context": {"name": "https://schema.org/name"}} | base)

    redefined = canonical.canonize({"@context": {"name": "https://example.org/title"}} | base)

    assert redefined == '<https://example.org/a> <https://example.org/title> "A" .\n'


def test_a_document_whose_blank_nodes_are_a_poison_graph_is_refused_not_worked_on():
    # Ten blank nodes each knowing all the others: alike under every permutation.
    nodes = [f"_:n{n}" for n in range(10)]
    document = {
        "@context": {"knows": {"@id": "https://schema.org/knows", "@type": "@id"}},
        "@graph": [{"@id": node, "knows": [o for o in nodes if o != node]} for node in nodes],
    }

    with pytest.raises(canonical.CanonicalizationError, match="too alike"):
        canonical.canonize(document)


FEATURES = [
    {
        "@context": {
            "@vocab": "https://schema.org/",
            "items": {"@id": "https://schema.org/items", "@container": "@list"},
            "data": {"@id": "https://example.org/data", "@type": "@json"},
            "names": {"@id": "https://schema.org/name", "@container": "@language"},
            "byKey": {"@id": "https://example.org/byKey", "@container": "@index"},
            "parent": {"@reverse": "https://schema.org/children"},
            "details": "@nest",
            "kind": {"@id": "https://schema.org/additionalType", "@type": "@vocab"},
        },
        "@id": "https://example.org/a",
        "@type": ["Thing", "_:local"],
        "items": [{"name": "one"}, "two", {"@list": ["inner"]}],
        "data": {"key": ["value", {"deep": True}], "n": 1.5},
        "names": {"en": "Name", "fr": ["Nom", "Appellation"]},
        "byKey": {"first": {"name": "indexed"}, "second": "plain"},
        "parent": {"@id": "https://example.org/p", "name": "Parent"},
        "details": {"description": "nested"},
        "kind": "Organization",
        "@included": [{"@id": "https://example.org/b", "name": "included"}],
        "knows": {"@id": "_:friend", "@type": "_:local", "knows": {"@id": "_:friend"}},
    },
    {
        "@context": {"@vocab": "https://schema.org/"},
        "@id": "https://example.org/graph",
        "@graph": [
            {"@id": "https://example.org/x", "name": {"@value": "x", "@language": "en"}},
            {"@graph": {"@id": "https://example.org/y", "name": "y"}},
        ],
    },
]


def _pyld_dataset_canonized(document: dict) -> str:
    """RDFC-1.0 of the dataset pyld's own processor gives, on a copy of the document."""
    from pyld import jsonld

    dataset = jsonld.JsonLdProcessor().to_rdf(document, {"documentLoader": documents.loader})
    return rdfc.canonize(dataset)


@pytest.mark.parametrize("document", FEATURES)
def test_canonicalizing_leaves_the_document_as_it_was_and_gives_pylds_dataset(document):
    before = copy.deepcopy(document)

    canonized = canonical.canonize(document)

    assert document == before
    assert canonized == _pyld_dataset_canonized(before)


def test_canonicalizing_leaves_a_credential_as_it_was(credential):
    before = copy.deepcopy(credential)

    canonical.canonize(credential)

    assert credential == before


@pytest.mark.parametrize(
    "value",
    [
        "1",
        " 1.5e-3 ",
        "-0",
        "+.5",
        "1_000",
        "inf",
        "-Infinity",
        "NaN",
        "nan ",
        "١٢",  # Arabic-Indic digits, which float() reads
        "\u20031\u2003",
        "1e",
        "e",
        "",
        "   ",
        "12 34",
        "one",
        "https://example.org/1",
        "data:image/png;base64," + "A" * 10_000,
        "A rubric criterion, described at length. " * 500,
        1,
        1.5,
        True,
        None,
    ],
)
def test_a_value_is_a_number_exactly_when_pyld_says_so(value):
    from microcred.credentials.formats import expansion

    assert bool(expansion._is_numeric(value)) == bool(expansion._pyld_is_numeric(value))
