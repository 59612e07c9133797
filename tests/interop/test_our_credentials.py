"""The platform's credentials, checked by implementations that are not ours: Digital
Bazaar's Data Integrity verifier (eddsa-rdfc-2022) and jose for VC-JWT, both on node, and
1EdTech's Open Badges 3.0 JSON Schema through the jsonschema package."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from microcred.credentials.formats import documents
from microcred.credentials.issuing import services
from microcred.credentials.models import DidMethod, KeyType
from microcred.credentials.tests.factories import earned_stack, signed_award
from microcred.credentials.verification import resolver

pytestmark = pytest.mark.django_db


def published(credential: dict) -> dict:
    """What a verifier anywhere could fetch: the issuer's DID document and status list."""
    found = {}
    issuer = credential["issuer"]
    issuer = issuer["id"] if isinstance(issuer, dict) else issuer
    if issuer.startswith("did:web:"):
        found[issuer] = resolver.resolve_did(issuer)
    status = credential.get("credentialStatus", {}).get("statusListCredential")
    if status:
        found[status] = resolver.status_list_credential(status)
    return found


@pytest.fixture
def award(earner, issuer, issuer_admin):
    return signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)


@pytest.fixture
def credential(award):
    return json.loads(award.credential_json)


def test_the_credential_verifies_independently(independent_verifier, credential):
    answer = independent_verifier({"credential": credential, "documents": published(credential)})

    assert answer == {"verified": True, "errors": [], "revoked": False}


def test_its_vc_jwt_verifies_independently(independent_verifier, award, credential):
    answer = independent_verifier({"jwt": award.credential_jwt, "documents": published(credential)})

    assert answer["verified"], answer["errors"]
    assert answer["payload"]["jti"] == credential["id"]


@pytest.mark.parametrize(
    "change",
    [
        lambda c: c.update(name="Another title"),
        lambda c: c["credentialSubject"]["achievement"].update(description="Easier"),
        lambda c: c["credentialSubject"]["result"][0].update(value="Not met"),
        lambda c: c["issuer"].update(name="Another college"),
        lambda c: c.update(validFrom="2020-01-01T00:00:00Z"),
        lambda c: c["credentialStatus"].update(statusListIndex="1"),
    ],
)
def test_any_changed_signed_field_fails_independently(independent_verifier, credential, change):
    changed = copy.deepcopy(credential)
    change(changed)

    answer = independent_verifier({"credential": changed, "documents": published(credential)})

    assert not answer["verified"]


def test_a_changed_jwt_fails_independently(independent_verifier, award, credential):
    header, payload, signature = award.credential_jwt.split(".")
    flipped = signature[:10] + ("A" if signature[10] != "A" else "B") + signature[11:]

    answer = independent_verifier(
        {"jwt": f"{header}.{payload}.{flipped}", "documents": published(credential)}
    )

    assert not answer["verified"]


def test_revocation_shows_in_the_independent_status_check(
    independent_verifier, award, credential, issuer_admin
):
    services.revoke(award, by=issuer_admin, reason="Issued to the wrong person.")

    answer = independent_verifier({"credential": credential, "documents": published(credential)})

    assert answer["revoked"] is True


def test_a_did_key_issuers_credential_verifies_independently(
    independent_verifier, earner, issuer, issuer_admin
):
    services.set_identifier_method(issuer, method=DidMethod.KEY, by=issuer_admin)
    award = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    credential = json.loads(award.credential_json)

    answer = independent_verifier({"credential": credential, "documents": published(credential)})

    assert answer["verified"], answer["errors"]


def test_an_old_credential_verifies_independently_after_key_rotation(
    independent_verifier, credential, issuer, issuer_admin
):
    services.rotate_key(issuer, key_type=KeyType.ED25519, by=issuer_admin, reason="yearly")

    answer = independent_verifier({"credential": credential, "documents": published(credential)})

    assert answer["verified"], answer["errors"]


def test_a_jwt_naming_only_its_kid_verifies_independently_through_the_published_jwk(
    independent_verifier, award, credential, issuer
):
    """Without the `jwk` header the independent verifier must find the key itself: the
    `kid` is the DID document's JsonWebKey method, whose publicKeyJwk it reads."""
    import jwt

    from microcred.credentials.formats import vc_jwt
    from microcred.credentials.issuing import identity, keys
    from microcred.credentials.models import SigningKey

    key = SigningKey.objects.get(organization=issuer, key_type=KeyType.P256)
    kid = identity.verification_method_id(key, issuer)
    payload = vc_jwt.unverified_payload(award.credential_jwt)
    token = jwt.encode(
        payload, keys.unseal(key.sealed_private), algorithm="ES256", headers={"kid": kid}
    )

    answer = independent_verifier({"jwt": token, "documents": published(credential)})

    assert answer["verified"], answer["errors"]


def test_a_presentation_of_the_credential_verifies_independently(independent_verifier, credential):
    presentation = {
        "@context": [documents.VC_V2],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": [credential],
    }

    answer = independent_verifier(
        {
            "presentation": presentation,
            "documents": published(credential),
            "unsignedPresentation": True,
        }
    )

    assert answer["verified"], answer["errors"]


def _schema_errors(credential: dict) -> list:
    schema = documents.ob_schema()
    assert schema["$id"].endswith("ob_v3p0_achievementcredential-jsonschema1.json")
    validator = jsonschema.Draft201909Validator(
        schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
    )
    return list(validator.iter_errors(credential))


def test_the_credential_follows_1edtech_s_json_schema(credential):
    assert _schema_errors(credential) == []


def test_a_stacks_credential_with_its_standards_follows_the_json_schema(
    independent_verifier, earner, issuer, issuer_admin
):
    _parts, stack_award = earned_stack(
        earner,
        issuer_admin=issuer_admin,
        issuer=issuer,
        endorsement="the Reading Specialist endorsement",
        alignments=[
            {
                "framework": "ISTE Standards for Educators",
                "code": "2.5.a",
                "name": "Designer",
                "url": "https://iste.org/standards/educators",
            },
            {"framework": "Summit State Teaching Standards", "name": "Literacy instruction"},
        ],
    )
    credential = json.loads(stack_award.credential_json)

    assert len(credential["credentialSubject"]["achievement"]["alignment"]) == 2
    assert _schema_errors(credential) == []
    answer = independent_verifier({"credential": credential, "documents": published(credential)})
    assert answer["verified"], answer["errors"]


def test_the_status_list_credential_itself_verifies_independently(independent_verifier, credential):
    status = resolver.status_list_credential(credential["credentialStatus"]["statusListCredential"])

    answer = independent_verifier({"credential": status, "documents": published(status)})

    assert answer["verified"], answer["errors"]


def test_text_with_control_characters_verifies_independently(
    independent_verifier, earner, issuer, issuer_admin
):
    """Canonical N-Quads escape control characters; text pasted from a word processor
    carries them."""
    award = signed_award(
        earner,
        issuer_admin=issuer_admin,
        micro_credential__issuer=issuer,
        title="Wait time\x0c after \x08questions\x0b \u2028 \x7f",
    )
    credential = json.loads(award.credential_json)

    answer = independent_verifier({"credential": credential, "documents": published(credential)})

    assert answer["verified"], answer["errors"]


def _itxt_of(png_bytes: bytes, keyword: bytes) -> list[str]:
    """The iTXt texts of a keyword, read with pypng rather than our own PNG reader."""
    import png

    texts = []
    for kind, data in png.Reader(bytes=png_bytes).chunks():
        name, _, rest = data.partition(b"\x00")
        if kind == b"iTXt" and name == keyword:
            assert rest[0] == 0  # uncompressed
            texts.append(rest[2:].split(b"\x00", 2)[2].decode())
    return texts


def test_the_credential_baked_into_a_png_verifies_independently(independent_verifier, award):
    from microcred.credentials.formats import baked

    texts = _itxt_of(baked.ob3_png(award), b"openbadgecredential")

    assert len(texts) == 1
    credential = json.loads(texts[0])
    answer = independent_verifier({"credential": credential, "documents": published(credential)})
    assert answer == {"verified": True, "errors": [], "revoked": False}


def test_the_credential_baked_into_an_svg_verifies_independently(independent_verifier, award):
    from defusedxml import minidom

    from microcred.credentials.formats import baked

    svg = minidom.parseString(baked.ob3_svg(award).encode())
    elements = svg.getElementsByTagNameNS("https://purl.imsglobal.org/ob/v3p0", "credential")

    assert len(elements) == 1
    credential = json.loads("".join(n.data for n in elements[0].childNodes))
    answer = independent_verifier({"credential": credential, "documents": published(credential)})
    assert answer == {"verified": True, "errors": [], "revoked": False}
