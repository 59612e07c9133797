"""What a verifier is told about proofs and JWTs that are not what they claim: each refusal
names its reason. Credentials from other issuers are signed here with did:key identifiers,
which resolve without the network."""

import base64
import json

import jwt
import pytest

from microcred.credentials.formats import data_integrity, vc_jwt
from microcred.credentials.issuing import keys
from microcred.credentials.verification import verify

from .test_verify import _minimal

# Verifying asks the database whether the issuer is one of ours (a result of ours is
# remembered), so every check here may read it.
pytestmark = pytest.mark.django_db


def _b64(value: dict | bytes) -> str:
    raw = value if isinstance(value, bytes) else json.dumps(value).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@pytest.fixture
def ed25519_signed():
    private = keys.new_ed25519()
    multikey = keys.ed25519_multikey(private.public_key())
    did = f"did:key:{multikey}"
    return data_integrity.sign(
        _minimal(did),
        private,
        verification_method=f"{did}#{multikey}",
        created="2026-01-01T00:00:00Z",
    )


def _signature_reason(document: dict) -> str:
    result = verify.verify_credential(document)
    assert not result.verified
    return result.check("signature").message


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"type": "Ed25519Signature2020"}, "is not DataIntegrityProof"),
        ({"cryptosuite": "ecdsa-rdfc-2019"}, "is not supported"),
        ({"proofValue": "u" + "A" * 86}, "The proofValue is not readable"),
        ({"proofValue": keys.multibase_encode(bytes(32))}, "not an Ed25519 signature"),
    ],
)
def test_a_proof_that_is_not_an_eddsa_rdfc_2022_signature_names_why(ed25519_signed, change, reason):
    data_integrity.proofs_of(ed25519_signed)[0].update(change)

    assert reason in _signature_reason(ed25519_signed)


def test_a_proof_that_is_not_an_object_is_refused(ed25519_signed):
    ed25519_signed["proof"] = ["z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk"]

    assert "The proof is not an object." in _signature_reason(ed25519_signed)


def test_a_proof_by_a_key_that_is_not_ed25519_is_refused():
    """The issuer's key is P-256: an eddsa proof cannot be its."""
    p256 = keys.p256_multikey(keys.new_p256().public_key())
    did = f"did:key:{p256}"
    document = data_integrity.sign(
        _minimal(did),
        keys.new_ed25519(),
        verification_method=f"{did}#{p256}",
        created="2026-01-01T00:00:00Z",
    )

    assert "not an Ed25519 key" in _signature_reason(document)


@pytest.fixture
def p256_issuer():
    private = keys.new_p256()
    multikey = keys.p256_multikey(private.public_key())
    return private, f"did:key:{multikey}", f"did:key:{multikey}#{multikey}"


@pytest.mark.parametrize("subject_id", ["did:example:learner", None])
def test_a_credential_signed_as_a_vc_jwt_verifies_and_its_claims_follow_it(p256_issuer, subject_id):
    private, did, kid = p256_issuer
    document = _minimal(did)
    # An achievement subject may be named by an identifier only, without an id.
    document["credentialSubject"]["id"] = subject_id
    document["credentialSubject"] = {k: v for k, v in document["credentialSubject"].items() if v}
    document["validUntil"] = "2036-01-01T00:00:00Z"

    token = vc_jwt.encode(document, private, kid=kid)
    result = verify.verify_text(token)

    assert result.verified, result.errors
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["iss"] == did
    assert claims.get("sub") == subject_id
    assert claims["exp"] == vc_jwt.numeric_date("2036-01-01T00:00:00Z")


def test_a_vc_1_1_jwt_carries_its_credential_in_the_vc_claim(p256_issuer):
    """Older wallets hold JWTs whose credential is the `vc` claim, not the payload."""
    private, did, kid = p256_issuer
    document = _minimal(did, v1=True)
    token = jwt.encode(
        {"vc": document, "iss": did, "jti": document["id"]},
        private,
        algorithm="ES256",
        headers={"kid": kid},
    )

    result = verify.verify_text(token)

    assert result.credential == document
    assert result.check("signature").ok


def _jwt_format_reason(token: str) -> str:
    result = verify.verify_jwt(token)
    assert not result.verified
    return result.check("format").message


def test_a_jwt_naming_no_key_is_refused(p256_issuer):
    private, did, _kid = p256_issuer
    token = jwt.encode(_minimal(did), private, algorithm="ES256")

    assert "names no key" in _jwt_format_reason(token)


def test_a_jwt_carrying_a_private_key_is_refused(p256_issuer):
    private, did, _kid = p256_issuer
    jwk = jwt.algorithms.ECAlgorithm.to_jwk(private, as_dict=True)
    token = jwt.encode(_minimal(did), private, algorithm="ES256", headers={"jwk": jwk})

    assert "carries a private key" in _jwt_format_reason(token)


def test_a_jwt_whose_payload_is_not_json_is_refused(p256_issuer):
    _private, _did, kid = p256_issuer
    token = ".".join([_b64({"alg": "ES256", "kid": kid}), _b64(b"not json"), _b64(bytes(64))])

    assert "payload is not readable" in _jwt_format_reason(token)


def test_a_jwt_whose_algorithm_does_not_fit_its_key_is_refused_not_an_error(p256_issuer):
    """RS256 named in the header, a P-256 key in it: a reason, not a server error."""
    private, did, _kid = p256_issuer
    jwk = keys.p256_jwk(private.public_key())
    token = jwt.encode(_minimal(did), private, algorithm="ES256", headers={"jwk": jwk})
    header, payload, signature = token.split(".")
    forged_header = json.loads(keys.b64url_decode(header)) | {"alg": "RS256"}
    forged = ".".join([_b64(forged_header), payload, signature])

    result = verify.verify_jwt(forged)

    assert not result.verified
    assert "names RS256, which its key cannot verify" in result.check("signature").message


def test_a_jwt_with_a_subject_that_is_not_a_string_does_not_verify(p256_issuer):
    private, did, kid = p256_issuer
    document = _minimal(did)
    token = jwt.encode(
        {**document, "iss": did, "jti": document["id"], "sub": 7},
        private,
        algorithm="ES256",
        headers={"kid": kid},
    )

    result = verify.verify_jwt(token)

    assert not result.verified
    assert "The JWT does not verify" in result.check("signature").message
