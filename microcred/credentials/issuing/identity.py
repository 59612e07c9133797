"""Issuers' decentralized identifiers and their DID documents.

did:web (https://w3c-ccg.github.io/did-method-web/): `did:web:<host>:issuers:<slug>`,
served at `<BASE_URL>/issuers/<slug>/did.json`; a port is percent-encoded in the host
(`127.0.0.1%3A8000`). did:key (https://w3c-ccg.github.io/did-method-key/) is the issuer's
first Ed25519 key itself; it cannot rotate, so a did:key issuer keeps that key.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from django.conf import settings
from django.urls import reverse

from ..formats import documents
from ..models import DidMethod, KeyType, SigningKey
from . import issuer_keys, keys


def web_did(slug: str) -> str:
    parts = urlsplit(settings.BASE_URL)
    host = quote(parts.netloc, safe="")
    path = [segment for segment in parts.path.split("/") if segment]
    return ":".join(["did:web", host, *path, "issuers", slug])


def did(organization) -> str:
    if _method(organization) == DidMethod.KEY:
        existing = _keys(organization, KeyType.ED25519)
        if not existing:
            existing = [issuer_keys.active_key(organization, KeyType.ED25519)]
        return f"did:key:{existing[0].public_multibase}"
    return web_did(organization.slug)


def did_document_url(organization) -> str:
    return settings.BASE_URL + reverse("credentials:did_document", args=[organization.slug])


# Defines the JsonWebKey verification method type and its publicKeyJwk (W3C Controlled
# Identifiers 1.0 §2.2.3, https://www.w3.org/TR/cid-1.0/#JsonWebKey), inline, so that a
# JSON-LD processor reading the DID document knows both terms without fetching anything.
JSON_WEB_KEY_CONTEXT = {
    "JsonWebKey": "https://w3id.org/security#JsonWebKey",
    "publicKeyJwk": {"@id": "https://w3id.org/security#publicKeyJwk", "@type": "@json"},
}


def verification_method_id(key: SigningKey, organization) -> str:
    """The key's method: for a did:web issuer's P-256 key the JsonWebKey method, which
    VC-JWT verifiers that read only `publicKeyJwk` tie to the issuer through the `kid`;
    otherwise the Multikey method (for did:key the fragment is the key itself, as the
    method requires)."""
    if key.key_type == KeyType.P256 and _method(organization) == DidMethod.WEB:
        return f"{did(organization)}#{keys.jwk_thumbprint(public_jwk(key))}"
    return f"{did(organization)}#{key.public_multibase}"


def public_jwk(key: SigningKey) -> dict:
    return keys.p256_jwk(keys.public_key_from_multikey(key.public_multibase))


def did_document(organization) -> dict:
    """The DID document: every key the issuer ever had, retired ones included, so that
    credentials signed before a rotation still verify. Each P-256 key is there twice: as
    a Multikey and as a JsonWebKey; VC-JWTs signed before the JsonWebKey was published
    name the Multikey, which stays."""
    controller = did(organization)
    signing_keys = list(
        SigningKey.objects.filter(organization=organization).order_by("created_at", "pk")
    )
    methods: list[dict] = [
        {
            "id": f"{controller}#{key.public_multibase}",
            "type": "Multikey",
            "controller": controller,
            "publicKeyMultibase": key.public_multibase,
        }
        for key in signing_keys
    ]
    ids = [method["id"] for method in methods]
    jwk_methods = [
        {
            "id": f"{controller}#{keys.jwk_thumbprint(public_jwk(key))}",
            "type": "JsonWebKey",
            "controller": controller,
            "publicKeyJwk": public_jwk(key),
        }
        for key in signing_keys
        if key.key_type == KeyType.P256
    ]
    return {
        # The DID context first: Data Integrity verifiers frame this document with it.
        "@context": [documents.DID_V1, documents.MULTIKEY_V1, JSON_WEB_KEY_CONTEXT],
        "id": controller,
        "verificationMethod": methods + jwk_methods,
        "assertionMethod": ids + [method["id"] for method in jwk_methods],
        "authentication": ids,
    }


def _method(organization) -> str:
    identity = getattr(organization, "identity", None)
    return identity.method if identity is not None else DidMethod.WEB


def _keys(organization, key_type) -> list[SigningKey]:
    return list(
        SigningKey.objects.filter(organization=organization, key_type=key_type).order_by(
            "created_at", "pk"
        )
    )
