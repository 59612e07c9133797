"""The independent verifier itself: it accepts what it must and refuses what it must.

The Data Integrity vector is 1EdTech's signed Open Badges 3.0 test vector, the "Signed
credential" of the OB 3.0 implementation guide's "Linked Data Proof Test Vector"
(repository 1EdTech/openbadges-specification, ob_v3p0/impl/linked-data-proof-ob.md at
47fa8253413f39715714647947ff4a992258298a), kept verbatim in vectors/.

It names the OB context by a pre-release URL, .../v3p0/context/ob_v3p0.jsonld, which the
platform does not ship and no npm package carries. Its signature holds over the terms of
the OB 3.0.0 context (.../v3p0/context.json), so the tests serve our copy of that file at
the old URL through `documents`. (The guide's HTML edition swaps in the VC 2.0 context
and validFrom but keeps the same proof; that document cannot even be expanded, since
data-integrity/v1 redefines the protected term DataIntegrityProof of VC 2.0.)
"""

from __future__ import annotations

import base64
import copy
import json
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from tests.interop.harness import HERE, node_path

VECTOR = json.loads((HERE / "vectors" / "ob_v3p0_linked_data_proof.json").read_text())
CONTEXTS = (
    Path(__file__).resolve().parents[2] / "microcred" / "credentials" / "formats" / "contexts"
)
PRE_RELEASE_OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context/ob_v3p0.jsonld"
ISSUER = "https://example.edu/issuers/565049"
KEY = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"

# The issuer's controller document, as the vector's verificationMethod implies. The DID
# context comes first: Digital Bazaar's proof purpose check reads such a document as is
# only then, and otherwise frames it in JSON-LD safe mode.
CONTROLLER_DOCUMENT = {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
    "id": ISSUER,
    "verificationMethod": [
        {
            "id": f"{ISSUER}#{KEY}",
            "type": "Multikey",
            "controller": ISSUER,
            "publicKeyMultibase": KEY,
        }
    ],
    "assertionMethod": [f"{ISSUER}#{KEY}"],
}

DID_WEB = "did:web:issuer.example"
JWT_KEY_ID = f"{DID_WEB}#key-1"


def vector_documents() -> dict:
    ob_context = json.loads((CONTEXTS / "ob-v3p0-context-3.0.json").read_text())
    return {ISSUER: CONTROLLER_DOCUMENT, PRE_RELEASE_OB_CONTEXT: ob_context}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def public_jwk(key: ec.EllipticCurvePrivateKey) -> dict:
    numbers = key.public_key().public_numbers()
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": b64url(numbers.x.to_bytes(32, "big")),
        "y": b64url(numbers.y.to_bytes(32, "big")),
    }


def sign_es256(header: dict, payload: dict, key: ec.EllipticCurvePrivateKey) -> str:
    """A compact JWS (RFC 7515 §7.1) with the raw r||s signature ES256 prescribes."""
    signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(payload).encode())}"
    r, s = decode_dss_signature(key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256())))
    return f"{signing_input}.{b64url(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def jwt_payload() -> dict:
    """OB 3.0 §8.2.2: the claims repeat the credential's issuer, id, subject and dates."""
    credential = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:4f1c7c2e-6d0b-4c55-9a59-2f3f0e8f4b1a",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": DID_WEB, "type": ["Profile"], "name": "Lakeside Teaching Institute"},
        "validFrom": "2025-01-15T10:00:00Z",
        "name": "Formative Assessment",
        "credentialSubject": {
            "id": "did:example:earner",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://issuer.example/achievements/formative-assessment",
                "type": ["Achievement"],
                "name": "Formative Assessment",
                "description": "Uses evidence of learning to adjust instruction.",
                "criteria": {"narrative": "Three annotated lesson cycles, assessed blind."},
            },
        },
    }
    return {
        "iss": DID_WEB,
        "jti": credential["id"],
        "sub": "did:example:earner",
        "nbf": 1736935200,
        "vc": credential,
    }


@pytest.fixture(scope="module")
def es256_key():
    return ec.generate_private_key(ec.SECP256R1())


@pytest.fixture
def did_web_documents(es256_key):
    return {
        DID_WEB: {
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/jwk/v1"],
            "id": DID_WEB,
            "verificationMethod": [
                {
                    "id": JWT_KEY_ID,
                    "type": "JsonWebKey",
                    "controller": DID_WEB,
                    "publicKeyJwk": public_jwk(es256_key),
                }
            ],
            "assertionMethod": [JWT_KEY_ID],
        }
    }


def test_the_official_ob3_test_vector_verifies(independent_verifier):
    result = independent_verifier({"credential": VECTOR, "documents": vector_documents()})

    assert result == {"verified": True, "errors": []}


def test_the_vector_with_another_achievement_name_fails(independent_verifier):
    tampered = copy.deepcopy(VECTOR)
    tampered["credentialSubject"]["achievement"]["name"] = "Leadership"

    result = independent_verifier({"credential": tampered, "documents": vector_documents()})

    assert result["verified"] is False
    assert "Invalid signature." in result["errors"]


def test_the_vector_verifies_with_its_proof_in_an_array(independent_verifier):
    # OB 3.0's plain-JSON schema wants "proof" as an array; it must verify the same.
    as_array = {**VECTOR, "proof": [VECTOR["proof"]]}

    result = independent_verifier({"credential": as_array, "documents": vector_documents()})

    assert result == {"verified": True, "errors": []}


def test_an_unknown_context_is_an_error_naming_it_and_is_never_fetched(independent_verifier):
    # Without our copy served at the pre-release URL, the verifier has nothing to read;
    # offline.mjs would turn any connection attempt into an error of its own.
    documents = {ISSUER: CONTROLLER_DOCUMENT}

    result = independent_verifier({"credential": VECTOR, "documents": documents})

    assert result["verified"] is False
    assert result["errors"][0] == (
        f"{PRE_RELEASE_OB_CONTEXT} is neither a context the platform ships nor in the "
        'request\'s "documents" (the verifier never fetches)'
    )
    assert not any("offline" in error for error in result["errors"])


def test_the_verifier_cannot_open_a_network_connection(independent_verifier):
    script = "import './offline.mjs'; await fetch('https://purl.imsglobal.org/');"

    completed = subprocess.run(
        [node_path(), "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=HERE,
    )

    assert completed.returncode != 0
    assert "the verifier is offline" in completed.stderr


def test_an_es256_vc_jwt_with_a_did_kid_verifies(
    independent_verifier, es256_key, did_web_documents
):
    payload = jwt_payload()
    jwt = sign_es256({"alg": "ES256", "typ": "JWT", "kid": JWT_KEY_ID}, payload, es256_key)

    result = independent_verifier({"jwt": jwt, "documents": did_web_documents})

    assert result == {"verified": True, "errors": [], "payload": payload}


def test_an_es256_vc_jwt_with_its_key_in_the_header_verifies(independent_verifier, es256_key):
    header = {"alg": "ES256", "typ": "JWT", "jwk": public_jwk(es256_key)}
    jwt = sign_es256(header, jwt_payload(), es256_key)

    result = independent_verifier({"jwt": jwt, "documents": {}})

    assert result["verified"] is True, result["errors"]


def test_a_vc_jwt_with_a_changed_payload_fails(independent_verifier, es256_key, did_web_documents):
    jwt = sign_es256({"alg": "ES256", "kid": JWT_KEY_ID}, jwt_payload(), es256_key)
    changed = jwt_payload()
    changed["vc"]["credentialSubject"]["achievement"]["name"] = "Leadership"
    header, _, signature = jwt.split(".")
    tampered = f"{header}.{b64url(json.dumps(changed).encode())}.{signature}"

    result = independent_verifier({"jwt": tampered, "documents": did_web_documents})

    assert result["verified"] is False
    assert result["errors"] == ["signature not verified: signature verification failed"]


def test_a_vc_jwt_whose_claims_disagree_with_its_credential_fails(
    independent_verifier, es256_key, did_web_documents
):
    payload = {**jwt_payload(), "iss": "did:web:someone-else.example"}
    jwt = sign_es256({"alg": "ES256", "kid": JWT_KEY_ID}, payload, es256_key)

    result = independent_verifier({"jwt": jwt, "documents": did_web_documents})

    assert result["verified"] is False
    assert result["errors"] == [
        '"iss" (did:web:someone-else.example) does not match issuer.id (did:web:issuer.example)'
    ]


def test_a_vc_jwt_whose_key_is_not_in_documents_names_the_missing_url(
    independent_verifier, es256_key
):
    jwt = sign_es256({"alg": "ES256", "kid": JWT_KEY_ID}, jwt_payload(), es256_key)

    result = independent_verifier({"jwt": jwt, "documents": {}})

    assert result["verified"] is False
    assert JWT_KEY_ID in result["errors"][0]


def test_an_rs256_vc_jwt_verifies(independent_verifier):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    numbers = key.public_key().public_numbers()
    jwk = {
        "kty": "RSA",
        "n": b64url(numbers.n.to_bytes(256, "big")),
        "e": b64url(numbers.e.to_bytes(3, "big")),
    }
    header = b64url(json.dumps({"alg": "RS256", "jwk": jwk}).encode())
    signing_input = f"{header}.{b64url(json.dumps(jwt_payload()).encode())}"
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())

    result = independent_verifier({"jwt": f"{signing_input}.{b64url(signature)}"})

    assert result["verified"] is True, result["errors"]


def test_an_eddsa_vc_jwt_is_refused(independent_verifier):
    # The 1EdTech validator accepts only RS256 and ES256, whatever the signature.
    key = ed25519.Ed25519PrivateKey.generate()
    jwk = {"kty": "OKP", "crv": "Ed25519", "x": b64url(key.public_key().public_bytes_raw())}
    header = b64url(json.dumps({"alg": "EdDSA", "jwk": jwk}).encode())
    signing_input = f"{header}.{b64url(json.dumps(jwt_payload()).encode())}"
    jwt = f"{signing_input}.{b64url(key.sign(signing_input.encode()))}"

    result = independent_verifier({"jwt": jwt})

    assert result["verified"] is False
    assert result["errors"] == ['JOSE header "alg" "EdDSA" is not ES256 or RS256']
