"""The issuer's P-256 key (VC-JWT) is published twice in its did:web document: as a
Multikey, and as a JsonWebKey (`publicKeyJwk`) referenced from assertionMethod, which
is the method a JWT's `kid` names, so a verifier that reads only JWKs ties the JWT to the
issuer. JWTs signed before keep naming the Multikey, which stays resolvable; so does every
retired key after a rotation."""

import json

import jwt
import pytest

from microcred.credentials.formats import vc_jwt
from microcred.credentials.issuing import identity, keys, services
from microcred.credentials.models import KeyType, SigningKey
from microcred.credentials.verification import resolver, verify

from .factories import signed_award

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(earner, issuer, issuer_admin):
    return signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)


def _p256(issuer) -> list[SigningKey]:
    return list(
        SigningKey.objects.filter(organization=issuer, key_type=KeyType.P256).order_by("pk")
    )


def test_the_did_document_publishes_the_p256_key_as_a_json_web_key(award, issuer, client):
    document = client.get(f"/issuers/{issuer.slug}/did.json").json()

    (key,) = _p256(issuer)
    jwk_methods = [m for m in document["verificationMethod"] if m["type"] == "JsonWebKey"]
    assert jwk_methods == [
        {
            "id": f"{document['id']}#{keys.jwk_thumbprint(identity.public_jwk(key))}",
            "type": "JsonWebKey",
            "controller": document["id"],
            "publicKeyJwk": identity.public_jwk(key),
        }
    ]
    assert jwk_methods[0]["id"] in document["assertionMethod"]
    assert f"{document['id']}#{key.public_multibase}" in document["assertionMethod"]
    assert identity.JSON_WEB_KEY_CONTEXT in document["@context"]
    assert "d" not in jwk_methods[0]["publicKeyJwk"]


def test_the_jwk_is_the_same_key_as_the_multikey(issuer, award):
    (key,) = _p256(issuer)

    from_jwk = keys.public_key_from_jwk(identity.public_jwk(key))
    from_multikey = keys.public_key_from_multikey(key.public_multibase)

    assert from_jwk.public_numbers() == from_multikey.public_numbers()


def test_the_thumbprint_follows_rfc_7638():
    """RFC 7638 §3.1's example key and thumbprint."""
    jwk = {
        "kty": "RSA",
        "n": (
            "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1"
            "L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4"
            "QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbO"
            "pbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csF"
            "Cur-kEgU8awapJzKnqDKgw"
        ),
        "e": "AQAB",
        "alg": "RS256",
        "kid": "2011-04-29",
    }

    assert keys.jwk_thumbprint(jwk) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"


def test_new_jwts_name_the_json_web_key_and_verify_through_it(award, issuer):
    header = vc_jwt.header(award.credential_jwt)
    (key,) = _p256(issuer)

    method = resolver.verification_method(header["kid"])

    assert header["kid"] == identity.verification_method_id(key, issuer)
    assert method["type"] == "JsonWebKey"
    assert method["publicKeyJwk"] == header["jwk"]
    result = verify.verify_text(award.credential_jwt)
    assert result.verified, result.errors
    assert (
        result.check("issuer key").message == f"Signed with {header['kid']}, a key of the issuer."
    )


def test_a_jwt_naming_only_the_kid_verifies_through_the_published_jwk(award, issuer):
    """A JWT without the `jwk` header: its key comes from the DID document alone."""
    (key,) = _p256(issuer)
    private = keys.unseal(key.sealed_private)
    kid = identity.verification_method_id(key, issuer)
    payload = vc_jwt.unverified_payload(award.credential_jwt)

    token = jwt.encode(payload, private, algorithm="ES256", headers={"kid": kid, "typ": "JWT"})

    assert verify.verify_text(token).verified


def test_a_jwt_signed_before_the_jwk_was_published_still_verifies(award, issuer):
    """Earlier JWTs named the Multikey method; the document keeps it."""
    (key,) = _p256(issuer)
    private = keys.unseal(key.sealed_private)
    old_kid = f"{identity.did(issuer)}#{key.public_multibase}"
    payload = vc_jwt.unverified_payload(award.credential_jwt)

    token = jwt.encode(payload, private, algorithm="ES256", headers={"kid": old_kid, "typ": "JWT"})

    assert resolver.verification_method(old_kid)["type"] == "Multikey"
    assert verify.verify_text(token).verified


def test_after_rotation_old_and_new_jwks_resolve_and_their_jwts_verify(award, issuer, issuer_admin):
    old_kid = vc_jwt.header(award.credential_jwt)["kid"]

    services.rotate_key(issuer, key_type=KeyType.P256, by=issuer_admin, reason="yearly")
    newer = signed_award(award.earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)

    new_kid = vc_jwt.header(newer.credential_jwt)["kid"]
    document = identity.did_document(issuer)
    published = [m["id"] for m in document["verificationMethod"] if m["type"] == "JsonWebKey"]
    assert new_kid != old_kid
    assert published == [old_kid, new_kid]
    assert set(published) <= set(document["assertionMethod"])
    assert verify.verify_text(award.credential_jwt).verified
    assert verify.verify_text(newer.credential_jwt).verified


def test_a_kid_naming_a_jwk_the_issuer_never_published_fails(award, issuer):
    header, payload, signature = award.credential_jwt.split(".")
    fields = json.loads(keys.b64url_decode(header))
    fields["kid"] = f"{identity.did(issuer)}#not-a-thumbprint"
    forged = ".".join([keys.b64url(json.dumps(fields).encode()), payload, signature])

    result = verify.verify_text(forged)

    assert not result.verified
    assert "has no key" in result.check("issuer key").message
