"""Reading the public keys other issuers publish (Multikey and JWK), as a verifier does, and
refusing with a reason what is not a key."""

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from microcred.credentials.issuing import keys
from microcred.credentials.verification import verify

from .test_verify import _minimal


def _jwk(private) -> dict:
    return jwt.algorithms.get_default_algorithms()[
        "RS256" if isinstance(private, rsa.RSAPrivateKey) else "ES256"
    ].to_jwk(private.public_key(), as_dict=True)


def test_a_jwt_carrying_its_rsa_key_verifies():
    """A VC-JWT with its public key in the header (jwk, no kid) signed with RS256."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    document = _minimal("https://badges.example.org/issuers/7")
    token = jwt.encode(
        {**document, "iss": document["issuer"]["id"], "jti": document["id"]},
        private,
        algorithm="RS256",
        headers={"jwk": _jwk(private)},
    )

    result = verify.verify_text(token)

    assert result.check("issuer key").ok
    assert result.check("signature").message.endswith("(RS256).")


def test_published_p256_and_ed25519_keys_read_back_as_the_same_keys():
    p256 = keys.new_p256().public_key()
    edwards = keys.new_ed25519().public_key()

    assert keys.public_key_from_jwk(keys.p256_jwk(p256)).public_numbers() == (p256.public_numbers())
    assert keys.public_key_from_multikey(keys.p256_multikey(p256)).public_numbers() == (
        p256.public_numbers()
    )
    okp = jwt.algorithms.OKPAlgorithm.to_jwk(edwards, as_dict=True)
    assert isinstance(keys.public_key_from_jwk(okp), ed25519.Ed25519PublicKey)
    assert keys.public_key_from_multikey(keys.ed25519_multikey(edwards)) == edwards


@pytest.mark.parametrize(
    ("jwk", "reason"),
    [
        ("not an object", "without a private part"),
        ({**keys.p256_jwk(keys.new_p256().public_key()), "d": "c2VjcmV0"}, "private part"),
        ({"kty": "EC", "crv": "P-256", "x": "AAAA"}, "malformed"),
        ({"kty": "EC", "crv": "P-256", "x": "AAAA", "y": "AAAA"}, "malformed"),
        ({"kty": "RSA", "n": "AQAB"}, "malformed"),
        ({"kty": "OKP", "crv": "X25519", "x": "AAAA"}, "Only EC P-256, RSA and Ed25519"),
        ({"kty": "EC", "crv": "P-384", "x": "AAAA", "y": "AAAA"}, "Only EC P-256"),
    ],
)
def test_what_is_not_a_public_jwk_is_refused_with_a_reason(jwk, reason):
    with pytest.raises(keys.KeyFormatError, match=reason):
        keys.public_key_from_jwk(jwk)


def test_what_is_not_a_multikey_is_refused_with_a_reason():
    not_on_the_curve = keys.multibase_encode(keys.P256_PUB + b"\x02" + b"\xff" * 32)
    x25519 = keys.multibase_encode(b"\xec\x01" + bytes(32))

    with pytest.raises(keys.KeyFormatError, match="base58btc multibase"):
        keys.public_key_from_multikey("u" + "A" * 40)
    with pytest.raises(keys.KeyFormatError, match="not valid base58btc"):
        keys.public_key_from_multikey("z0OIl")
    with pytest.raises(keys.KeyFormatError, match="not a point on the curve"):
        keys.public_key_from_multikey(not_on_the_curve)
    with pytest.raises(keys.KeyFormatError, match="neither an Ed25519 nor a P-256"):
        keys.public_key_from_multikey(x25519)


def test_an_ec_key_on_another_curve_is_not_read_as_p256():
    p384 = ec.generate_private_key(ec.SECP384R1()).public_key()
    jwk = jwt.algorithms.ECAlgorithm.to_jwk(p384, as_dict=True)

    with pytest.raises(keys.KeyFormatError, match="Only EC P-256"):
        keys.public_key_from_jwk(jwk)
