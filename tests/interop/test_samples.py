"""Credentials made by others, verified by ours: Digital Bazaar's and jose's output as
those libraries make it by default, and 1EdTech's own CLR 2.0 sample. Each verifies, and
its tampered twin does not. How the files were made: samples/README.md.

1EdTech's validator is the yardstick: where a standard says MUST, a failure is an error;
where its JSON-LD schema is lenient (one value where plain JSON has an array), a warning
that leaves the credential verified.
"""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from microcred.credentials.formats import data_integrity
from microcred.credentials.issuing import keys
from microcred.credentials.models import PinnedKey
from microcred.credentials.verification import resolver, verify
from tests.interop.harness import HERE

pytestmark = pytest.mark.django_db

SAMPLES = HERE / "samples"
EDU_KEY = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
CORP_KEY = "z6MkvREVgsHx7Ppae68vCoByy73ZD4aMSJiPML2cryVL8JAx"


def sample(name: str):
    text = (SAMPLES / name).read_text()
    return text.strip() if name.endswith(".jwt") else json.loads(text)


def errors(result) -> dict:
    return {check.name: check.message for check in result.errors}


def warnings(result) -> dict:
    return {check.name: check.message for check in result.warnings}


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    """Nothing here may reach the network: did:key needs none, pinned keys replace it."""

    def refused(*args, **kwargs):
        raise resolver.requests.ConnectionError("offline")

    monkeypatch.setattr(resolver.requests, "get", refused)
    monkeypatch.setattr(resolver, "_refuse_private", lambda host, port: None)


# -- Digital Bazaar: one proof object, as the library emits it ----------------------------


def test_a_digital_bazaar_credential_with_a_single_proof_object_verifies_with_a_warning():
    credential = sample("digitalbazaar-ob3-single-proof.json")
    assert isinstance(credential["proof"], dict)

    result = verify.verify_credential(credential)

    assert result.verified, result.errors
    assert "proof holds a single value where plain JSON has an array" in warnings(result)["schema"]
    assert result.as_dict()["warnings"] == [
        {"check": "schema", "ok": False, "message": warnings(result)["schema"]}
    ]
    assert result.as_dict()["errors"] == []


def test_its_tampered_twin_fails():
    credential = sample("digitalbazaar-ob3-single-proof.json")
    credential["credentialSubject"]["achievement"]["name"] = "Something else"

    result = verify.verify_credential(credential)

    assert not result.verified
    assert "does not match" in errors(result)["signature"]


def test_a_single_value_does_not_hide_what_the_schema_requires():
    """A MUST of the schema stays an error in the JSON-LD reading too."""
    credential = sample("digitalbazaar-ob3-single-proof.json")
    del credential["credentialSubject"]["achievement"]["criteria"]

    message = errors(verify.verify_credential(credential))["schema"]

    assert "credentialSubject/achievement" in message
    assert "'criteria' is a required property" in message


def test_a_single_string_type_is_a_warning_too():
    credential = sample("digitalbazaar-ob3-single-proof.json")
    credential["credentialSubject"]["type"] = "AchievementSubject"

    result = verify.verify_credential(credential)

    assert "credentialSubject/type" in warnings(result)["schema"]
    assert "schema" not in errors(result)
    assert "does not match" not in errors(result).get("signature", "")


# -- Proof sets ------------------------------------------------------------------------------


def test_a_proof_set_verifies_when_every_proof_does():
    credential = sample("digitalbazaar-ob3-proof-set.json")

    result = verify.verify_credential(credential)

    assert result.verified, result.errors
    assert result.check("signature").message == "All 2 signatures are valid (eddsa-rdfc-2022)."


def test_a_proof_set_with_one_bad_proof_fails_naming_it():
    credential = sample("digitalbazaar-ob3-proof-set.json")
    bad = credential["proof"][1]
    bad["created"] = "2025-02-01T00:00:00Z"  # no longer what was signed

    result = verify.verify_credential(credential)

    assert not result.verified
    message = errors(result)["signature"]
    assert message.startswith(f"Proof 2 of 2 ({bad['verificationMethod']}) does not verify:")
    assert "Proof 1" not in message


def test_a_proof_set_with_a_proof_of_an_unsupported_kind_fails():
    credential = sample("digitalbazaar-ob3-proof-set.json")
    credential["proof"][1]["cryptosuite"] = "ecdsa-sd-2023"

    message = errors(verify.verify_credential(credential))["signature"]

    assert "Proof 2 of 2" in message
    assert "'ecdsa-sd-2023' is not supported" in message


def test_a_proof_set_without_the_issuers_proof_fails():
    credential = sample("digitalbazaar-ob3-proof-set.json")
    credential["proof"] = credential["proof"][1:]

    message = errors(verify.verify_credential(credential))["signature"]

    assert "belongs to did:key:z6Mko9hT" in message
    assert "not to the issuer" in message


# -- Proof chains (VC Data Integrity §2.1.2) -------------------------------------------------


def _chain():
    """The Digital Bazaar credential, its proof given an id, and a second proof by another
    key that signs over it (previousProof)."""
    credential = sample("digitalbazaar-ob3-single-proof.json")
    first = dict(credential["proof"], id="urn:uuid:0b0c0d0e-0000-4000-8000-000000000001")
    # The first proof is re-made with its id: the id is part of what a proof signs.
    issuer_key = ed25519.Ed25519PrivateKey.from_private_bytes(bytes([1]) * 32)
    unsigned = {k: v for k, v in credential.items() if k != "proof"}
    options = {k: v for k, v in first.items() if k != "proofValue"}
    options["@context"] = unsigned["@context"]
    first["proofValue"] = keys.multibase_encode(
        issuer_key.sign(
            data_integrity.options_hash(options) + data_integrity.document_hash(unsigned)
        )
    )
    notary = ed25519.Ed25519PrivateKey.from_private_bytes(bytes([2]) * 32)
    multikey = keys.ed25519_multikey(notary.public_key())
    second = {
        "id": "urn:uuid:0b0c0d0e-0000-4000-8000-000000000002",
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": "2025-01-17T10:00:00Z",
        "verificationMethod": f"did:key:{multikey}#{multikey}",
        "proofPurpose": "assertionMethod",
        "previousProof": first["id"],
    }
    options = dict(second, **{"@context": unsigned["@context"]})
    second["proofValue"] = keys.multibase_encode(
        notary.sign(
            data_integrity.options_hash(options)
            + data_integrity.document_hash(unsigned, previous=[first])
        )
    )
    return unsigned | {"proof": [first, second]}


def test_a_proof_chain_verifies_link_by_link():
    result = verify.verify_credential(_chain())

    assert result.verified, result.errors


def test_a_proof_chain_whose_first_link_changed_fails_at_both_links():
    chained = _chain()
    chained["proof"][0]["created"] = "2025-03-01T00:00:00Z"

    message = errors(verify.verify_credential(chained))["signature"]

    assert "Proof 1 of 2" in message
    assert "Proof 2 of 2" in message


def test_a_proof_chain_naming_a_missing_proof_fails():
    chained = _chain()
    chained["proof"][1]["previousProof"] = "urn:uuid:not-here"

    message = errors(verify.verify_credential(chained))["signature"]

    assert "names a previous proof urn:uuid:not-here that the credential does not hold" in message


# -- CLR 2.0: single values where the JSON-LD schema allows them -----------------------------


def test_a_record_with_a_single_credential_and_association_verifies_with_a_warning():
    record = sample("digitalbazaar-clr-single-values.json")
    assert isinstance(record["credentialSubject"]["verifiableCredential"], dict)

    result = verify.verify_credential(record)

    assert result.verified, result.errors
    assert result.check("record").message.endswith("of 1 credential.")
    assert "verifiableCredential, association holds a single value" in warnings(result)["record"]
    assert len(result.credentials) == 1
    assert result.credentials[0].verified


def test_its_tampered_twin_fails_for_the_record_and_the_credential_in_it():
    record = sample("digitalbazaar-clr-single-values.json")
    record["credentialSubject"]["verifiableCredential"]["name"] = "Something else"

    result = verify.verify_credential(record)

    assert not result.verified
    assert "does not match" in errors(result)["signature"]
    assert "does not match" in errors(result.credentials[0])["signature"]


# -- 1EdTech's CLR 2.0 sample, its example.edu keys pinned ----------------------------------


@pytest.fixture
def pinned_example_keys():
    PinnedKey.objects.create(
        verification_method=f"https://example.edu/issuers/565049#{EDU_KEY}",
        controller="https://example.edu/issuers/565049",
        public_key_multibase=EDU_KEY,
        note="1EdTech's test issuer (CLR 2.0 sample, digital-credentials-public-validator)",
    )
    PinnedKey.objects.create(
        verification_method=f"https://example.com/issuers/876543#{CORP_KEY}",
        controller="https://example.com/issuers/876543",
        public_key_multibase=CORP_KEY,
        note="1EdTech's test issuer (CLR 2.0 sample, digital-credentials-public-validator)",
    )


def test_1edtechs_clr_sample_verifies_through_pinned_keys(pinned_example_keys):
    result = verify.verify_credential(sample("1edtech-clr-simple.json"))

    assert result.verified, result.errors
    assert result.credentials[0].verified, result.credentials[0].errors
    assert result.as_dict()["pinnedKeys"] == [f"https://example.edu/issuers/565049#{EDU_KEY}"]
    assert "pinned by this platform's operator" in result.check("issuer key").message


def test_1edtechs_clr_sample_tampered_fails(pinned_example_keys):
    record = sample("1edtech-clr-simple.json")
    record["credentialSubject"]["achievement"][0]["name"] = "Achievement 9"

    result = verify.verify_credential(record)

    assert not result.verified
    assert "does not match" in errors(result)["signature"]


def test_without_pinned_keys_1edtechs_sample_cannot_be_checked_offline():
    message = errors(verify.verify_credential(sample("1edtech-clr-simple.json")))["signature"]

    assert "https://example.edu/issuers/565049 could not be reached" in message


# -- EdDSA VC-JWT (OB 3.0 §8.2.3 permits algorithms beyond RS256) ----------------------------


def test_an_eddsa_vc_jwt_from_jose_verifies():
    result = verify.verify_text(sample("jose-eddsa.jwt"))

    assert result.verified, result.errors
    assert result.check("signature").message == "The JWT signature is valid (EdDSA)."


def test_its_tampered_twin_fails_too():
    header, payload, signature = sample("jose-eddsa.jwt").split(".")
    claims = json.loads(keys.b64url_decode(payload))
    claims["name"] = "Something else"
    forged = ".".join([header, keys.b64url(json.dumps(claims).encode()), signature])

    result = verify.verify_text(forged)

    assert not result.verified
    assert "does not match" in errors(result)["signature"]


def test_an_eddsa_header_over_an_es256_signature_fails():
    """The algorithm must fit the key: a P-256 signature relabelled EdDSA does not verify."""
    header, payload, signature = sample("jose-eddsa.jwt").split(".")
    fields = json.loads(keys.b64url_decode(header))
    fields["alg"] = "ES256"
    relabelled = ".".join([keys.b64url(json.dumps(fields).encode()), payload, signature])

    result = verify.verify_text(relabelled)

    assert not result.verified
    assert "signature" in errors(result)
