"""Data Integrity proofs with the eddsa-rdfc-2022 cryptosuite.

W3C Data Integrity EdDSA Cryptosuites v1.0, §3.3 (https://www.w3.org/TR/vc-di-eddsa/):
the document without its proof and the proof options (with the document's @context) are
each canonicalized with RDFC-1.0 and hashed with SHA-256; the signature is Ed25519 over
hash(proof options) ‖ hash(document), and `proofValue` is its base58btc multibase form.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass

from cachetools import LRUCache
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from ..issuing import keys
from . import canonical

CRYPTOSUITE = "eddsa-rdfc-2022"


class ProofError(Exception):
    pass


def proof_options(*, verification_method: str, created: str, context) -> dict:
    return {
        "@context": context,
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }


# The proof options of every credential one issuer signs in one batch are the same few
# lines; their hash depends on nothing but their JSON (the contexts are the shipped ones),
# so it is kept by that JSON rather than canonicalized for every credential.
_options_hashes: LRUCache = LRUCache(maxsize=1024)
_options_lock = threading.Lock()


def options_hash(options: dict) -> bytes:
    key = json.dumps(options, separators=(",", ":"), ensure_ascii=False)
    with _options_lock:
        digest = _options_hashes.get(key)
    if digest is None:
        digest = hashlib.sha256(canonical.canonize(options).encode()).digest()
        with _options_lock:
            _options_hashes[key] = digest
    return digest


def document_hash(document: dict, *, previous: list[dict] | None = None) -> bytes:
    """The hash of the document without its proofs; for a link of a proof chain, with
    the proofs it names in `previousProof` (VC Data Integrity §4.2 "Add Proof", step 4)."""
    unsigned = {key: value for key, value in document.items() if key != "proof"}
    if previous:
        unsigned["proof"] = previous
    return hashlib.sha256(canonical.canonize(unsigned).encode()).digest()


def sign(
    document: dict,
    private_key: ed25519.Ed25519PrivateKey,
    *,
    verification_method: str,
    created: str,
    canonical_document: str | None = None,
    options_digest: bytes | None = None,
) -> dict:
    """The document with a DataIntegrityProof appended to its `proof` array.

    `canonical_document` and `options_digest` may be given when the caller has them
    already (a batch signs many documents with the same proof options).
    """
    options = proof_options(
        verification_method=verification_method, created=created, context=document["@context"]
    )
    if options_digest is None:
        options_digest = options_hash(options)
    if canonical_document is None:
        digest = document_hash(document)
    else:
        digest = hashlib.sha256(canonical_document.encode()).digest()
    signature = private_key.sign(options_digest + digest)
    proof = {key: value for key, value in options.items() if key != "@context"}
    proof["proofValue"] = keys.multibase_encode(signature)
    signed = dict(document)
    signed["proof"] = [proof]
    return signed


@dataclass
class ProofCheck:
    verification_method: str
    created: str | None


def proofs_of(document: dict) -> list[dict]:
    proof = document.get("proof")
    if proof is None:
        return []
    return proof if isinstance(proof, list) else [proof]


def check_shape(proof: dict, purposes=("assertionMethod",)) -> None:
    if not isinstance(proof, dict):
        raise ProofError("The proof is not an object.")
    if proof.get("type") != "DataIntegrityProof":
        raise ProofError(f"The proof type {proof.get('type')!r} is not DataIntegrityProof.")
    if proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError(
            f"The cryptosuite {proof.get('cryptosuite')!r} is not supported; "
            f"this verifier checks {CRYPTOSUITE}."
        )
    if proof.get("proofPurpose") not in purposes:
        raise ProofError(f"The proof's purpose is not {' or '.join(purposes)}.")
    for name in ("verificationMethod", "proofValue"):
        if not isinstance(proof.get(name), str):
            raise ProofError(f"The proof has no {name}.")


def verify(
    document: dict,
    proof: dict,
    public_key,
    *,
    purposes=("assertionMethod",),
    previous: list[dict] | None = None,
) -> None:
    """Raise ProofError unless `proof` is a valid eddsa-rdfc-2022 proof of `document`
    by `public_key`. Always the full canonicalization: nothing from outside is trusted
    to have a known shape."""
    check_shape(proof, purposes)
    if not isinstance(public_key, ed25519.Ed25519PublicKey):
        raise ProofError("The verification method is not an Ed25519 key.")
    options = {key: value for key, value in proof.items() if key != "proofValue"}
    options["@context"] = document.get("@context")
    try:
        signature = keys.multibase_decode(proof["proofValue"])
    except keys.KeyFormatError as exc:
        raise ProofError(f"The proofValue is not readable: {exc}") from exc
    if len(signature) != 64:
        raise ProofError("The proofValue is not an Ed25519 signature.")
    hashed = options_hash(options) + document_hash(document, previous=previous)
    try:
        public_key.verify(signature, hashed)
    except InvalidSignature as exc:
        raise ProofError(
            "The signature does not match: the credential was changed after it was signed, "
            "or signed with another key."
        ) from exc
