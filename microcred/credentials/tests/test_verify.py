import copy
import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from microcred.credentials.formats import data_integrity, vc_jwt
from microcred.credentials.issuing import keys, services
from microcred.credentials.models import DidMethod, KeyType
from microcred.credentials.verification import resolver, verify

from .factories import signed_award

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(earner, issuer, issuer_admin):
    return signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)


@pytest.fixture
def credential(award):
    return json.loads(award.credential_json)


def failed(result) -> dict:
    return {check.name: check.message for check in result.errors}


def test_our_credential_verifies_in_every_check(credential):
    result = verify.verify_credential(credential)

    assert result.verified
    assert [c.name for c in result.checks] == [
        "format",
        "schema",
        "issuer key",
        "signature",
        "status",
        "validity",
    ]


def test_its_jwt_verifies_too(award):
    result = verify.verify_text(award.credential_jwt)

    assert result.verified
    assert result.check("signature").message.endswith("(ES256).")


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("credentialSubject", "achievement", "name"), "Something else"),
        (("validFrom",), "2020-01-01T00:00:00Z"),
        (("issuer", "name"), "Another college"),
        (("credentialSubject", "result", 0, "value"), "Not met"),
        (("credentialSubject", "identifier", 0, "identityHash"), "sha256$00"),
    ],
)
def test_a_changed_signed_field_fails(credential, path, value):
    changed = copy.deepcopy(credential)
    target = changed
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value

    result = verify.verify_credential(changed)

    assert not result.verified
    assert "does not match" in failed(result)["signature"]


def test_a_changed_jwt_payload_fails(award):
    header, payload, signature = award.credential_jwt.split(".")
    claims = json.loads(keys.b64url_decode(payload))
    claims["name"] = "Something else"
    forged = ".".join([header, keys.b64url(json.dumps(claims).encode()), signature])

    result = verify.verify_text(forged)

    assert not result.verified
    assert "does not match" in failed(result)["signature"]


def test_a_credential_signed_with_another_key_fails(credential, issuer):
    stranger = keys.new_ed25519()
    resigned = data_integrity.sign(
        {k: v for k, v in credential.items() if k != "proof"},
        stranger,
        verification_method=credential["proof"][0]["verificationMethod"],
        created=credential["proof"][0]["created"],
    )

    assert "does not match" in failed(verify.verify_credential(resigned))["signature"]


def test_a_key_of_someone_else_is_not_the_issuers(credential):
    impostor = keys.new_ed25519()
    multikey = keys.ed25519_multikey(impostor.public_key())
    resigned = data_integrity.sign(
        {k: v for k, v in credential.items() if k != "proof"},
        impostor,
        verification_method=f"did:key:{multikey}#{multikey}",
        created=credential["proof"][0]["created"],
    )

    message = failed(verify.verify_credential(resigned))["signature"]
    assert "belongs to did:key:" in message
    assert "not to the issuer" in message


def test_an_unknown_issuer_on_this_platform_is_named(credential):
    changed = copy.deepcopy(credential)
    method = changed["proof"][0]["verificationMethod"].replace(
        changed["issuer"]["id"].rsplit(":", 1)[1], "nobody-here"
    )
    changed["proof"][0]["verificationMethod"] = method

    assert "No issuer on this platform" in failed(verify.verify_credential(changed))["signature"]


def test_a_revoked_credential_says_so(award, credential, issuer_admin):
    services.revoke(award, by=issuer_admin, reason="Issued by mistake.")

    result = verify.verify_credential(credential)

    assert not result.verified
    assert result.revoked
    assert failed(result)["status"] == "The issuer has revoked this credential."
    # Other awards of the same list are untouched.
    assert result.check("signature").ok


def test_a_credential_not_yet_valid_or_expired_fails(credential, award):
    from microcred.credentials.issuing.signing import Signer

    later = copy.deepcopy(credential)
    later.pop("proof")
    later["validFrom"] = (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    later["validUntil"] = (timezone.now() + timedelta(days=9)).strftime("%Y-%m-%dT%H:%M:%SZ")
    expired = copy.deepcopy(later)
    expired["validFrom"] = "2020-01-01T00:00:00Z"
    expired["validUntil"] = "2021-01-01T00:00:00Z"
    signer = Signer(fast=False)

    not_yet = verify.verify_credential(signer.sign_document(later, award.issuer)[0])
    gone = verify.verify_credential(signer.sign_document(expired, award.issuer)[0])

    assert "not valid before" in failed(not_yet)["validity"]
    assert "expired on 2021-01-01" in failed(gone)["validity"]
    assert not_yet.check("signature").ok
    assert gone.check("signature").ok


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "A credential is a JSON object."),
        ("eyJhbGciOiJIUzI1NiJ9.eyJ4IjoxfQ.c2ln", "algorithm 'HS256' is not accepted"),
        ("e30.e30.", "not accepted"),
        (
            '{"@context": ["https://example.com/x"], "type": ["VerifiableCredential"]}',
            "not the W3C",
        ),
        ("\xff\xfe", "not valid JSON"),
    ],
)
def test_malformed_input_gets_a_reason(text, reason):
    result = verify.verify_text(text)

    assert not result.verified
    assert reason in " ".join(c.message for c in result.errors)


def test_a_50_mb_document_is_refused_unread():
    result = verify.verify_text(b" " * (50 * 1024 * 1024))

    assert "larger than 2 MB" in failed(result)["format"]


def test_a_context_we_do_not_ship_is_never_fetched(credential, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the verifier reached the network")

    monkeypatch.setattr(resolver.requests, "get", no_network)
    changed = copy.deepcopy(credential)
    changed["@context"].append("https://attacker.example/context.json")

    message = failed(verify.verify_credential(changed))["format"]
    assert "https://attacker.example/context.json is not one this verifier knows" in message


def test_a_property_no_context_defines_fails_instead_of_being_ignored(credential):
    """JSON-LD would drop an undefined property, leaving it outside the signature."""
    changed = copy.deepcopy(credential)
    changed["credentialSubject"]["licenseLevel"] = "Master teacher"

    message = failed(verify.verify_credential(changed))["signature"]
    assert "'licenseLevel' is not defined by the document's contexts" in message


def test_private_addresses_are_never_fetched(credential, monkeypatch):
    monkeypatch.setattr(resolver.requests, "get", lambda *a, **k: pytest.fail("fetched"))
    changed = copy.deepcopy(credential)
    changed["issuer"]["id"] = "did:web:127.0.0.1%3A9999"
    changed["proof"][0]["verificationMethod"] = "did:web:127.0.0.1%3A9999#key-1"

    message = failed(verify.verify_credential(changed))["signature"]
    assert "not on the public internet" in message


def test_an_http_key_url_is_refused(credential):
    changed = copy.deepcopy(credential)
    changed["proof"][0]["verificationMethod"] = "http://keys.example.org/1"

    assert (
        "neither a DID URL nor an https URL"
        in failed(verify.verify_credential(changed))["signature"]
    )


class _Response:
    def __init__(self, document):
        import io

        self.status_code = 200
        self.raw = io.BytesIO(json.dumps(document).encode())
        self.raw.read = self.raw.read  # the streamed body, as requests gives it
        original = self.raw.read
        self.raw.read = lambda size=-1, decode_content=True: original(size)


def test_a_foreign_did_web_issuer_is_resolved_over_https(monkeypatch):
    """Another platform's credential: its DID document comes from its own domain."""
    private = keys.new_ed25519()
    multikey = keys.ed25519_multikey(private.public_key())
    did = "did:web:badges.example.org:issuers:7"
    document = {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": [
            {
                "id": f"{did}#k1",
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": multikey,
            }
        ],
        "assertionMethod": [f"{did}#k1"],
    }
    asked = []
    monkeypatch.setattr(resolver, "_refuse_private", lambda host, port: None)
    monkeypatch.setattr(
        resolver.requests,
        "get",
        lambda url, **kw: asked.append((url, kw["timeout"])) or _Response(document),
    )
    credential = _minimal(did)
    signed = data_integrity.sign(
        credential, private, verification_method=f"{did}#k1", created="2026-01-01T00:00:00Z"
    )

    result = verify.verify_credential(signed)

    assert result.verified, result.errors
    assert asked == [("https://badges.example.org/issuers/7/did.json", 5)]


def test_an_unreachable_foreign_issuer_is_a_reason_not_an_error(monkeypatch):
    def down(*args, **kwargs):
        raise resolver.requests.ConnectTimeout()

    monkeypatch.setattr(resolver, "_refuse_private", lambda host, port: None)
    monkeypatch.setattr(resolver.requests, "get", down)
    did = "did:web:gone.example.org"
    private = keys.new_ed25519()
    signed = data_integrity.sign(
        _minimal(did), private, verification_method=f"{did}#k1", created="2026-01-01T00:00:00Z"
    )

    message = failed(verify.verify_credential(signed))["signature"]
    assert "https://gone.example.org/.well-known/did.json could not be reached" in message


def _minimal(issuer: str, *, v1: bool = False) -> dict:
    achievement = {
        "id": "https://badges.example.org/achievements/1",
        "type": ["Achievement"],
        "name": "Leading restorative circles",
        "description": "Runs a restorative circle after harm.",
        "criteria": {"narrative": "A recorded circle and a reflection."},
    }
    document = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "urn:uuid:8a9e6f3c-0f0a-4a39-9b61-0f5b0a1d2c3e",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": "Example Badges"},
        "validFrom": "2025-05-01T00:00:00Z",
        "credentialSubject": {
            "id": "did:example:learner",
            "type": ["AchievementSubject"],
            "achievement": achievement,
        },
    }
    if v1:
        document["@context"] = [
            "https://www.w3.org/2018/credentials/v1",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
            "https://w3id.org/security/data-integrity/v2",
        ]
        document["issuanceDate"] = document.pop("validFrom")
    return document


def test_a_did_key_credential_on_vc_data_model_1_1_verifies():
    """Wallets hold OB 3.0 credentials built on VC 1.1 (issuanceDate, earlier contexts)."""
    private = keys.new_ed25519()
    multikey = keys.ed25519_multikey(private.public_key())
    did = f"did:key:{multikey}"
    signed = data_integrity.sign(
        _minimal(did, v1=True),
        private,
        verification_method=f"{did}#{multikey}",
        created="2025-05-01T00:00:00Z",
    )

    result = verify.verify_credential(signed)

    assert result.verified, result.errors
    assert result.check("validity").message.startswith("Valid since 2025-05-01")


def test_a_rotated_key_still_verifies_what_it_signed(award, credential, issuer, issuer_admin):
    old_method = credential["proof"][0]["verificationMethod"]

    services.rotate_key(issuer, key_type=KeyType.ED25519, by=issuer_admin, reason="yearly")
    services.rotate_key(issuer, key_type=KeyType.P256, by=issuer_admin, reason="yearly")
    newer = signed_award(award.earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)

    new_method = json.loads(newer.credential_json)["proof"][0]["verificationMethod"]
    assert new_method != old_method
    assert verify.verify_credential(credential).verified
    assert verify.verify_text(award.credential_jwt).verified
    assert verify.verify_text(newer.credential_json).verified
    assert verify.verify_text(newer.credential_jwt).verified


def test_a_did_key_issuer_signs_as_its_key(earner, issuer, issuer_admin):
    services.set_identifier_method(issuer, method=DidMethod.KEY, by=issuer_admin)

    award = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)

    credential = json.loads(award.credential_json)
    assert credential["issuer"]["id"].startswith("did:key:z6Mk")
    assert verify.verify_credential(credential).verified
    with pytest.raises(services.CredentialError):
        services.rotate_key(issuer, key_type=KeyType.ED25519, by=issuer_admin)
    with pytest.raises(services.CredentialError):
        services.set_identifier_method(issuer, method=DidMethod.WEB, by=issuer_admin)


def test_private_keys_are_stored_encrypted(award, settings):
    from microcred.credentials.models import SigningKey

    key = SigningKey.objects.filter(organization=award.issuer).first()
    assert b"PRIVATE KEY" not in bytes(key.sealed_private)
    keys._fernet.cache_clear()
    settings.CREDENTIALS_ENCRYPTION_KEYS = ["another passphrase"]
    try:
        from django.core.exceptions import ImproperlyConfigured

        with pytest.raises(ImproperlyConfigured):
            keys.unseal(key.sealed_private)
        settings.CREDENTIALS_ENCRYPTION_KEYS = ["another passphrase", settings.SECRET_KEY]
        keys._fernet.cache_clear()
        assert keys.unseal(key.sealed_private) is not None
    finally:
        keys._fernet.cache_clear()


def test_the_command_verifies_a_file_and_fails_a_changed_one(tmp_path, credential, capsys):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(credential))
    changed = copy.deepcopy(credential)
    changed["name"] = "Changed"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(changed))

    call_command("verify_credential", str(good))
    assert "Verified." in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_code:
        call_command("verify_credential", str(bad))
    assert exit_code.value.code == 1
    assert "signature   FAILED" in capsys.readouterr().out


def test_the_command_names_a_missing_file():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="There is no file"):
        call_command("verify_credential", "/nonexistent/credential.json")


def test_export_writes_one_file_per_award_in_each_format(tmp_path, award):
    call_command("export_credentials", "--format", "ob3", "--out", str(tmp_path))
    call_command("export_credentials", "--format", "ob3-jwt", "--out", str(tmp_path))

    json_file = tmp_path / f"{award.public_id}.json"
    jwt_file = tmp_path / f"{award.public_id}.jwt"
    assert verify.verify_text(json_file.read_bytes()).verified
    assert verify.verify_text(jwt_file.read_text()).verified
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".json", ".jwt"]


def test_the_jwt_claims_follow_open_badges_3(award):
    payload = vc_jwt.unverified_payload(award.credential_jwt)
    header = vc_jwt.header(award.credential_jwt)
    credential = json.loads(award.credential_json)

    assert header["alg"] == "ES256"
    assert header["typ"] == "JWT"
    assert "d" not in header["jwk"]
    assert payload["iss"] == credential["issuer"]["id"]
    assert payload["jti"] == credential["id"]
    assert payload["nbf"] == vc_jwt.numeric_date(credential["validFrom"])
    assert payload["proof"] == credential["proof"]  # the embedded proof comes first


def test_export_says_how_many_it_wrote_in_the_right_number(tmp_path, award):
    said = io.StringIO()

    call_command("export_credentials", "--format", "ob3", "--out", str(tmp_path), stdout=said)

    assert f"1 credential written to {tmp_path}." in said.getvalue()
