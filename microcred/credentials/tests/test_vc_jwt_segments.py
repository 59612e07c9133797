"""A JWT's segments are read by PyJWT's rules, however they are read here: what PyJWT
accepts is accepted with the same bytes, what it refuses is refused with its reason."""

import jwt
import pytest

from microcred.credentials.formats import vc_jwt


def _outcome(read, segment: bytes):
    try:
        return read(segment, "payload")
    except jwt.DecodeError as exc:
        return f"refused: {exc}"


@pytest.mark.parametrize(
    "segment",
    [
        b"",
        b"e30",
        b"e30=",
        b"e30==",
        b"e30===",
        b"eyJhIjoxfQ",
        b"eyJhIjoxfQ==",
        b"eyJhIjoxfR",  # bits past the last byte set: not the canonical encoding
        b"eyJhIjoxfQ=",
        b"e",
        b"e3",
        b"e30!",
        b"e3+/",
        b"e3 0",
        b"e30\n",
        b"=",
        b"-_-_",
        "é30".encode(),
    ],
)
def test_a_segment_is_read_as_pyjwt_reads_it(segment):
    ours = _outcome(vc_jwt._JWS._decode_base64url_segment, segment)

    assert ours == _outcome(jwt.api_jws.PyJWS._decode_base64url_segment, segment)


def test_a_large_token_is_read_whole():
    payload = {"blob": "x" * 1_500_000}
    token = jwt.encode(payload, "a secret of thirty-two bytes or more", algorithm="HS256")

    assert vc_jwt.unverified_payload(token) == payload
