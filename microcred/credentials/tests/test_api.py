"""The W3C VC API: POST /credentials/verify, /presentations/verify and /credentials/issue."""

import copy
import json

import pytest

from microcred.credentials.formats import documents
from microcred.credentials.issuing import services
from microcred.credentials.verification import verify

from .factories import signed_award

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(earner, issuer, issuer_admin):
    return signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)


def post(client, path, body, **headers):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(path, data=data, content_type="application/json", headers=headers)


def test_a_valid_credential_answers_200_with_its_checks(client, award):
    response = post(
        client, "/credentials/verify", {"verifiableCredential": json.loads(award.credential_json)}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["verified"] is True
    assert body["errors"] == []
    assert "signature" in body["checks"]


def test_a_jwt_is_verified_too(client, award):
    response = post(client, "/credentials/verify", {"verifiableCredential": award.credential_jwt})

    assert response.status_code == 200


def test_a_changed_credential_answers_422_with_the_reason(client, award):
    changed = json.loads(award.credential_json)
    changed["name"] = "Changed"

    response = post(client, "/credentials/verify", {"verifiableCredential": changed})

    assert response.status_code == 422
    assert response.json()["errors"][0]["check"] == "signature"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("{not json", 400),
        ("[]", 400),
        ({"verifiableCredential": 42}, 400),
        ({}, 400),
    ],
)
def test_a_malformed_request_answers_400(client, body, status):
    response = post(client, "/credentials/verify", body)

    assert response.status_code == status
    assert response.json()["message"]


def test_an_oversized_request_answers_413(client):
    response = post(client, "/credentials/verify", "x" * (3 * 1024 * 1024))

    assert response.status_code == 413


def test_get_is_refused(client):
    assert client.get("/credentials/verify").status_code == 405


def test_a_presentation_is_verified_with_every_credential_in_it(client, award):
    credential = json.loads(award.credential_json)
    changed = copy.deepcopy(credential)
    changed["name"] = "Changed"
    presentation = {
        "@context": [documents.VC_V2],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": [
            credential,
            {
                "@context": documents.VC_V2,
                "type": "EnvelopedVerifiableCredential",
                "id": f"data:application/vc+jwt,{award.credential_jwt}",
            },
        ],
    }

    good = post(client, "/presentations/verify", {"verifiablePresentation": presentation})
    presentation["verifiableCredential"].append(changed)
    bad = post(client, "/presentations/verify", {"verifiablePresentation": presentation})

    assert good.status_code == 200
    assert [r["verified"] for r in good.json()["credentialResults"]] == [True, True]
    assert bad.status_code == 422
    assert [r["verified"] for r in bad.json()["credentialResults"]] == [True, True, False]


def test_a_presentation_request_without_a_presentation_answers_400(client):
    assert post(client, "/presentations/verify", {"verifiablePresentation": []}).status_code == 400


def unsigned_credential(issuer_id=None) -> dict:
    credential = {
        "@context": [documents.VC_V2, documents.OB_V3],
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "id": "did:example:teacher",
            "achievement": {
                "id": "https://sis.example.org/achievements/7",
                "type": ["Achievement"],
                "name": "Attended the summer institute",
                "description": "Five days on literacy instruction.",
                "criteria": {"narrative": "Attendance on all five days."},
            },
        },
    }
    if issuer_id:
        credential["issuer"] = {"id": issuer_id, "type": ["Profile"], "name": "Someone"}
    return credential


def test_issuing_needs_an_organizations_token(client):
    response = post(client, "/credentials/issue", {"credential": unsigned_credential()})

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    wrong = post(
        client,
        "/credentials/issue",
        {"credential": unsigned_credential()},
        Authorization="Bearer mc_not-a-token",
    )
    assert wrong.status_code == 401


def test_an_organizations_system_issues_a_signed_credential(client, issuer, issuer_admin):
    _client, token = services.create_api_client(issuer, name="Student system", by=issuer_admin)

    response = post(
        client,
        "/credentials/issue",
        {"credential": unsigned_credential()},
        Authorization=f"Bearer {token}",
    )

    assert response.status_code == 201
    signed = response.json()["verifiableCredential"]
    assert signed["issuer"]["name"] == issuer.name
    assert verify.verify_credential(signed).verified


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda c: c.update(issuer="did:web:elsewhere.example"), "signs only for"),
        (lambda c: c.update({"@context": ["https://example.org/ctx"]}), "first @context"),
        (lambda c: c["credentialSubject"].update(nickname="Ace"), "'nickname' is not defined"),
        (lambda c: c.pop("credentialSubject"), "no credentialSubject"),
        (lambda c: c.update(type="Diploma"), "VerifiableCredential"),
    ],
)
def test_what_cannot_be_issued_answers_400_with_why(client, issuer, issuer_admin, change, reason):
    _client, token = services.create_api_client(issuer, name="SIS", by=issuer_admin)
    credential = unsigned_credential()
    change(credential)

    response = post(
        client, "/credentials/issue", {"credential": credential}, Authorization=f"Bearer {token}"
    )

    assert response.status_code == 400
    assert reason in response.json()["message"]


def test_only_the_issuers_admins_make_tokens(issuer, outsider):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.create_api_client(issuer, name="Mine", by=outsider)
