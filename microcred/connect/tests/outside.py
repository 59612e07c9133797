"""Credentials another issuer signed, with keys made for the test: did:key, so they verify
offline like any wallet's credential would."""

from __future__ import annotations

import copy
import uuid

from microcred.credentials.formats import data_integrity, vc_jwt
from microcred.credentials.issuing import keys


def unsigned(issuer: str, *, name: str = "Leading restorative circles") -> dict:
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": "Example Badges"},
        "validFrom": "2025-05-01T00:00:00Z",
        "name": name,
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://badges.example.org/achievements/1",
                "type": ["Achievement"],
                "name": name,
                "description": "Runs a restorative circle after harm.",
                "criteria": {"narrative": "A recorded circle and a reflection."},
            },
        },
    }


def signed_json(**kwargs) -> dict:
    private = keys.new_ed25519()
    multikey = keys.ed25519_multikey(private.public_key())
    did = f"did:key:{multikey}"
    return data_integrity.sign(
        unsigned(did, **kwargs),
        private,
        verification_method=f"{did}#{multikey}",
        created="2025-05-01T00:00:00Z",
    )


def signed_jws(**kwargs) -> str:
    private = keys.new_p256()
    multikey = keys.p256_multikey(private.public_key())
    did = f"did:key:{multikey}"
    return vc_jwt.encode(unsigned(did, **kwargs), private, kid=f"{did}#{multikey}")


def tampered(credential: dict) -> dict:
    changed = copy.deepcopy(credential)
    changed["credentialSubject"]["achievement"]["name"] = "Something never earned"
    return changed
