"""VC-JWT as Open Badges 3.0 §8.2 defines it (https://www.imsglobal.org/spec/ob/v3p0/#jwt-proof).

The payload is the credential itself plus the registered claims `iss` (issuer id), `jti`
(credential id), `nbf` (validFrom), `sub` (subject id, when there is one) and `exp`
(validUntil, when there is one). The JOSE header carries `alg`, `typ: JWT`, `kid` (a DID
URL of the issuer's P-256 key) and the public `jwk`. ES256, one of the two algorithms
1EdTech's validator accepts.

Verifying reads ES256, RS256 and EdDSA (Ed25519, RFC 8037): OB 3.0 §8.2.3 sets RS256 as
the minimum and lets issuers use any other JOSE algorithm, so an EdDSA credential from
another issuer is valid even though 1EdTech's validator checks only RS256 and ES256.
"""

from __future__ import annotations

import json
import re
from datetime import datetime

import jwt
from jwt.utils import base64url_decode, base64url_encode

from ..issuing import keys

ALGORITHMS = ["ES256", "RS256", "EdDSA"]


class JwtError(Exception):
    pass


_BASE64URL = re.compile(rb"[A-Za-z0-9_-]*")


class _JWS(jwt.api_jws.PyJWS):
    """PyJWT's JWS, reading each segment by PyJWT's rules but checking its alphabet with
    one regular expression: PyJWT tests each character in Python, which took most of the
    time of reading a learner record's JWT (over a megabyte, read three times)."""

    @staticmethod
    def _decode_base64url_segment(segment: bytes, name: str) -> bytes:
        stripped = segment.rstrip(b"=")
        padding = len(segment) - len(stripped)
        if (
            padding > 2
            or (padding and len(segment) % 4 != 0)
            or len(stripped) % 4 == 1
            or not _BASE64URL.fullmatch(stripped)
        ):
            raise jwt.DecodeError(f"Invalid {name} padding")
        # Only the alphabet is left, in a length base64 allows: decoding cannot fail.
        decoded = base64url_decode(stripped)
        if base64url_encode(decoded) != stripped:
            raise jwt.DecodeError(f"Invalid {name} padding")
        return decoded


class _JWT(jwt.PyJWT):
    def __init__(self):
        super().__init__()
        self._jws = _JWS(options=self._get_sig_options())


_jws = _JWS()
_jwt = _JWT()


def numeric_date(value: str) -> int:
    return int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())


def claims(credential: dict) -> dict:
    issuer = credential["issuer"]
    registered = {
        "iss": issuer["id"] if isinstance(issuer, dict) else issuer,
        "jti": credential["id"],
        "nbf": numeric_date(credential["validFrom"]),
    }
    subject_id = credential["credentialSubject"].get("id")
    if subject_id:
        registered["sub"] = subject_id
    if credential.get("validUntil"):
        registered["exp"] = numeric_date(credential["validUntil"])
    return registered


def encode(credential: dict, private_key, *, kid: str, serialized: str | None = None) -> str:
    """The compact JWS. `serialized` is the credential's JSON when the caller has it
    already: the payload is then that text with the claims added, not a second dump."""
    registered = claims(credential)
    if serialized is None:
        serialized = json.dumps(credential, ensure_ascii=False, separators=(",", ":"))
    extra = json.dumps(registered, separators=(",", ":"))[1:-1]
    payload = (serialized[:-1] + "," + extra + "}").encode()
    headers = {"kid": kid, "jwk": keys.p256_jwk(private_key.public_key()), "typ": "JWT"}
    return jwt.api_jws.encode(payload, private_key, algorithm="ES256", headers=headers)


def header(token: str) -> dict:
    try:
        head = _jws.get_unverified_header(token)
    except jwt.PyJWTError as exc:
        raise JwtError(f"This is not a readable JWT: {exc}") from exc
    if head.get("alg") not in ALGORITHMS:
        raise JwtError(
            f"The JWT algorithm {head.get('alg')!r} is not accepted; use ES256, RS256 or EdDSA."
        )
    if not head.get("kid") and not head.get("jwk"):
        raise JwtError("The JWT header names no key (neither kid nor jwk).")
    if isinstance(head.get("jwk"), dict) and "d" in head["jwk"]:
        raise JwtError("The JWT header carries a private key.")
    return head


def unverified_payload(token: str) -> dict:
    try:
        return _jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError as exc:
        raise JwtError(f"The JWT payload is not readable: {exc}") from exc


def verify(token: str, public_key, algorithm: str) -> dict:
    """The payload, when the signature is the key's; dates are checked by the caller."""
    try:
        return _jwt.decode(
            token,
            public_key,
            algorithms=[algorithm],
            options={
                "verify_exp": False,
                "verify_nbf": False,
                "verify_iat": False,
                "verify_aud": False,
            },
        )
    except jwt.InvalidSignatureError as exc:
        raise JwtError(
            "The JWT signature does not match: it was changed after signing, or signed "
            "with another key."
        ) from exc
    except jwt.PyJWTError as exc:
        raise JwtError(f"The JWT does not verify: {exc}") from exc
    except TypeError as exc:  # PyJWT's answer to a key of another algorithm's kind
        raise JwtError(f"The JWT names {algorithm}, which its key cannot verify.") from exc


def credential_of(payload: dict) -> dict:
    """The credential in a VC-JWT payload: the payload itself (OB 3.0), or the `vc` claim
    of the VC 1.1 JWT encoding that older wallets hold."""
    if isinstance(payload.get("vc"), dict):
        return payload["vc"]
    registered = {"iss", "jti", "nbf", "sub", "exp", "iat", "aud"}
    return {key: value for key, value in payload.items() if key not in registered}
