"""Key material: Ed25519 for Data Integrity proofs, P-256 for VC-JWT (ES256).

Public keys are published as Multikey verification methods (W3C Controlled Identifiers
§2.2.2): `publicKeyMultibase` is base58btc ('z') of a multicodec prefix and the raw key —
0xed01 for Ed25519 (32 bytes), 0x8024 for a compressed P-256 point (33 bytes). Private keys
are stored encrypted with Fernet under CREDENTIALS_ENCRYPTION_KEYS; the first key encrypts,
every listed key decrypts, so the encryption key itself can be rotated.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import cache

import base58
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ED25519_PUB = b"\xed\x01"
P256_PUB = b"\x80\x24"


class KeyFormatError(ValueError):
    pass


def multibase_encode(data: bytes) -> str:
    return "z" + base58.b58encode(data).decode()


def multibase_decode(value: str) -> bytes:
    if not isinstance(value, str) or not value.startswith("z"):
        raise KeyFormatError("Only base58btc multibase values ('z…') are understood.")
    try:
        return base58.b58decode(value[1:])
    except ValueError as exc:
        raise KeyFormatError("The multibase value is not valid base58btc.") from exc


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(value: str) -> bytes:
    return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))


# -- Ed25519 ---------------------------------------------------------------------------


def new_ed25519() -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.generate()


def ed25519_multikey(public: ed25519.Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return multibase_encode(ED25519_PUB + raw)


# -- P-256 -----------------------------------------------------------------------------


def new_p256() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def p256_multikey(public: ec.EllipticCurvePublicKey) -> str:
    point = public.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint
    )
    return multibase_encode(P256_PUB + point)


def p256_jwk(public: ec.EllipticCurvePublicKey) -> dict:
    numbers = public.public_numbers()
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": b64url(numbers.x.to_bytes(32, "big")),
        "y": b64url(numbers.y.to_bytes(32, "big")),
    }


def jwk_thumbprint(jwk: dict) -> str:
    """The JWK's RFC 7638 thumbprint: SHA-256 of its required members, sorted, without
    whitespace; the usual `kid` of a JWK."""
    required = {
        "EC": ("crv", "kty", "x", "y"),
        "OKP": ("crv", "kty", "x"),
        "RSA": ("e", "kty", "n"),
    }
    members = {name: jwk[name] for name in required[jwk["kty"]]}
    canonical = json.dumps(members, separators=(",", ":"), sort_keys=True)
    return b64url(hashlib.sha256(canonical.encode()).digest())


# -- Reading published keys ------------------------------------------------------------


def public_key_from_multikey(value: str):
    """An Ed25519 or P-256 public key object from a publicKeyMultibase value."""
    data = multibase_decode(value)
    if data[:2] == ED25519_PUB and len(data) == 34:
        return ed25519.Ed25519PublicKey.from_public_bytes(data[2:])
    if data[:2] == P256_PUB and len(data) == 35:
        try:
            return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), data[2:])
        except ValueError as exc:
            raise KeyFormatError("The P-256 key is not a point on the curve.") from exc
    raise KeyFormatError("The key is neither an Ed25519 nor a P-256 Multikey.")


def public_key_from_jwk(jwk: dict):
    if not isinstance(jwk, dict) or "d" in jwk:
        raise KeyFormatError("A public JWK must be an object without a private part.")
    try:
        if jwk.get("kty") == "EC" and jwk.get("crv") == "P-256":
            x = int.from_bytes(b64url_decode(jwk["x"]), "big")
            y = int.from_bytes(b64url_decode(jwk["y"]), "big")
            return ec.EllipticCurvePublicNumbers(x, y, ec.SECP256R1()).public_key()
        if jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519":
            return ed25519.Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
        if jwk.get("kty") == "RSA":
            from cryptography.hazmat.primitives.asymmetric import rsa

            n = int.from_bytes(b64url_decode(jwk["n"]), "big")
            e = int.from_bytes(b64url_decode(jwk["e"]), "big")
            return rsa.RSAPublicNumbers(e, n).public_key()
    except (KeyError, TypeError, ValueError) as exc:
        raise KeyFormatError("The JWK is malformed.") from exc
    raise KeyFormatError("Only EC P-256, RSA and Ed25519 JWKs are understood.")


# -- Private keys at rest --------------------------------------------------------------


@cache
def _fernet() -> MultiFernet:
    # Never empty: the settings fall back to the SECRET_KEY.
    return MultiFernet([Fernet(_fernet_key(s)) for s in settings.CREDENTIALS_ENCRYPTION_KEYS])


def _fernet_key(secret: str) -> bytes:
    # Any passphrase becomes a Fernet key; the same passphrase always gives the same key.
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"microcred-signing-keys", info=b"fernet"
    ).derive(secret.encode())
    return base64.urlsafe_b64encode(derived)


def seal(private_key) -> bytes:
    raw = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return seal_bytes(raw)


def unseal(sealed: bytes):
    return serialization.load_pem_private_key(unseal_bytes(sealed), password=None)


def seal_bytes(raw: bytes) -> bytes:
    """Any secret kept at rest under the same passphrases (webhook signing secrets too)."""
    return _fernet().encrypt(raw)


def unseal_bytes(sealed: bytes) -> bytes:
    try:
        return _fernet().decrypt(bytes(sealed))
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A stored secret cannot be decrypted with CREDENTIALS_ENCRYPTION_KEYS."
        ) from exc
