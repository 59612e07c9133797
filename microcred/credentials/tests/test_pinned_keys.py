"""Keys pinned by this platform's operator: platform staff vouch, in the Django admin,
for another issuer's key that cannot be fetched (a closed network, a test issuer). The
resolver reads a pinned key before the network, and every result says it was pinned."""

import io
import json

import jwt
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from microcred.accounts.tests.factories import UserFactory
from microcred.credentials.formats import data_integrity
from microcred.credentials.issuing import keys
from microcred.credentials.models import PinnedKey
from microcred.credentials.verification import resolver, verify

from .test_verify import _minimal

pytestmark = pytest.mark.django_db

ISSUER = "https://closed.example.net/issuers/3"
METHOD = f"{ISSUER}#key-1"


@pytest.fixture
def offline(monkeypatch):
    def refused(*args, **kwargs):
        raise resolver.requests.ConnectionError("offline")

    monkeypatch.setattr(resolver.requests, "get", refused)
    monkeypatch.setattr(resolver, "_refuse_private", lambda host, port: None)


@pytest.fixture
def private():
    return keys.new_ed25519()


@pytest.fixture
def signed(private) -> dict:
    return data_integrity.sign(
        _minimal(ISSUER), private, verification_method=METHOD, created="2026-01-01T00:00:00Z"
    )


def pin(public, *, method=METHOD, controller=ISSUER) -> PinnedKey:
    key = PinnedKey(
        verification_method=method,
        controller=controller,
        public_key_multibase=keys.ed25519_multikey(public),
        note="Checked with the issuer's registrar by phone.",
    )
    key.full_clean()
    key.save()
    return key


def test_an_unreachable_issuer_verifies_through_its_pinned_key(offline, private, signed):
    pin(private.public_key())

    result = verify.verify_credential(signed)

    assert result.verified, result.errors
    assert result.check("issuer key").message == (
        f"Signed with {METHOD}, a key of the issuer pinned by this platform's operator."
    )
    assert result.as_dict()["pinnedKeys"] == [METHOD]


def test_without_the_pin_the_same_credential_cannot_be_checked(offline, signed):
    result = verify.verify_credential(signed)

    assert not result.verified
    assert "could not be reached" in result.errors[0].message
    assert result.as_dict()["pinnedKeys"] == []


def test_the_pinned_key_is_read_before_the_network(monkeypatch, private, signed):
    """Even where the issuer publishes another key, the operator's pin is what counts."""
    monkeypatch.setattr(resolver.requests, "get", lambda *a, **k: pytest.fail("fetched"))
    pin(private.public_key())

    assert verify.verify_credential(signed).verified


def test_a_pinned_key_of_another_issuer_is_not_this_issuers(offline, private, signed):
    pin(private.public_key(), controller="https://elsewhere.example.net/issuers/9")

    message = verify.verify_credential(signed).errors[0].message

    assert "belongs to https://elsewhere.example.net/issuers/9" in message


def test_a_tampered_credential_fails_even_with_its_key_pinned(offline, private, signed):
    pin(private.public_key())
    signed["name"] = "Another name"

    assert "does not match" in verify.verify_credential(signed).check("signature").message


def test_a_vc_jwt_verifies_through_a_pinned_jwk(offline):
    private = keys.new_p256()
    document = _minimal(ISSUER)
    token = jwt.encode(
        {**document, "iss": ISSUER, "jti": document["id"]},
        private,
        algorithm="ES256",
        headers={"kid": METHOD},
    )
    PinnedKey.objects.create(
        verification_method=METHOD,
        controller=ISSUER,
        public_key_jwk=keys.p256_jwk(private.public_key()),
        note="Pinned for the district's closed network.",
    )

    result = verify.verify_text(token)

    assert result.verified, result.errors
    assert result.pinned_keys == [METHOD]


@pytest.mark.parametrize(
    ("fields", "field", "reason"),
    [
        ({"verification_method": "http://x.example/k"}, "verification_method", "https URL"),
        ({"public_key_multibase": ""}, "public_key_multibase", "once"),
        ({"public_key_jwk": {"kty": "EC"}}, "public_key_multibase", "once"),
        ({"public_key_multibase": "z123"}, "public_key_multibase", "neither"),
        (
            {"public_key_multibase": "", "public_key_jwk": {"kty": "EC", "crv": "P-256"}},
            "public_key_jwk",
            "malformed",
        ),
    ],
)
def test_a_pinned_key_that_is_not_one_is_refused_with_a_reason(private, fields, field, reason):
    key = PinnedKey(
        verification_method=METHOD,
        controller=ISSUER,
        public_key_multibase=keys.ed25519_multikey(private.public_key()),
        note="n",
    )
    for name, value in fields.items():
        setattr(key, name, value)

    with pytest.raises(ValidationError) as refused:
        key.full_clean()

    assert reason in " ".join(refused.value.message_dict[field])


def test_the_verifier_page_says_the_key_was_pinned(client, offline, private, signed):
    pin(private.public_key())

    response = client.post("/verify/", {"credential": json.dumps(signed)})

    assert response.context["result"].verified
    assert "Key pinned by this platform's operator:" in response.text
    assert METHOD in response.text


def test_the_vc_api_lists_the_pinned_keys(client, offline, private, signed):
    pin(private.public_key())

    response = client.post(
        "/credentials/verify",
        data=json.dumps({"verifiableCredential": signed}),
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["pinnedKeys"] == [METHOD]


def test_the_command_says_the_key_was_pinned(tmp_path, offline, private, signed):
    pin(private.public_key())
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(signed))
    said = io.StringIO()

    call_command("verify_credential", str(path), stdout=said)

    assert "pinned by this platform's operator" in said.getvalue()


def test_platform_staff_pin_a_key_in_the_admin(client, private):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(
        "/admin/credentials/pinnedkey/add/",
        {
            "verification_method": METHOD,
            "controller": ISSUER,
            "public_key_multibase": keys.ed25519_multikey(private.public_key()),
            "public_key_jwk": "null",
            "note": "Checked with the issuer.",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert PinnedKey.objects.get().verification_method == METHOD


def test_the_admin_refuses_a_key_it_cannot_read(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(
        "/admin/credentials/pinnedkey/add/",
        {
            "verification_method": METHOD,
            "controller": ISSUER,
            "public_key_multibase": "z6Mknotakey",
            "public_key_jwk": "null",
            "note": "n",
        },
    )

    assert response.status_code == 200
    assert not PinnedKey.objects.exists()
    assert "Ed25519 nor a P-256 Multikey" in response.text or "base58" in response.text
