"""What the W3C test suites check of the VC API (vc-data-model-2.0-test-suite and
vc-di-eddsa-test-suite), held here so that CI keeps it without running them.

Issuing refuses, with 400 and the property named, every credential VC Data Model 2.0
forbids, and signs every one it allows; presentations verify with or without
credentials, holder and extra types. The presentations in `vectors/presentations.json`
were signed by Digital Bazaar's libraries (`tests/interop/make_presentations.mjs`).
"""

import base64
import copy
import json
from pathlib import Path

import pytest

from microcred.credentials.formats import canonical, documents, vcdm_checks
from microcred.credentials.issuing import keys, services
from microcred.credentials.verification import verify

pytestmark = pytest.mark.django_db

V2 = documents.VC_V2
V1 = documents.VC_V1
EXAMPLES = documents.VC_EXAMPLES_V2
VECTORS = json.loads((Path(__file__).parent / "vectors" / "presentations.json").read_text())
# The published base context's digests, as VC Data Model 2.0 names them (§5.3's example
# resource is the base context itself).
BASE_SHA256 = "24a18c90e9856d526111f29376e302d970b2bd10182e33959995b0207d7043b9"
BASE_SRI = "sha384-NSOcNpmdIVUxIJGvGUoe22FjTWrXiaXlsZ8q6912LdnR3KraQO2n75Ica4wK4Qeg"
BASE_MULTIBASE = "u" + base64.urlsafe_b64encode(bytes.fromhex(BASE_SHA256)).decode().rstrip("=")


@pytest.fixture
def token(issuer, issuer_admin):
    _client, token = services.create_api_client(issuer, name="Suite", by=issuer_admin)
    return token


def post(client, path, body, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(path, data=data, content_type="application/json", headers=headers)


def issue(client, token, credential):
    return post(client, "/credentials/issue", {"credential": credential, "options": {}}, token)


def minimal(**extra) -> dict:
    return {
        "@context": [V2],
        "type": ["VerifiableCredential"],
        "credentialSubject": {"id": "did:example:subject"},
    } | extra


def with_term(name: str, **extra) -> dict:
    """A credential whose inline context defines one type name."""
    credential = minimal(**extra)
    credential["@context"] = [V2, {name: f"https://example.org/examples#{name}"}]
    return credential


def signature_holds(signed: dict) -> bool:
    check = verify.verify_credential(signed).check("signature")
    return bool(check and check.ok)


# -- Issuing what the data model allows -------------------------------------------------------

ALLOWED = {
    "the base context alone": minimal(),
    "the examples context, whose @vocab defines any term": minimal(
        **{"@context": [V2, EXAMPLES], "credentialSubject": {"nickname": "Ace"}}
    ),
    "an inline context defining an extra type": {
        **with_term("ExampleCredential"),
        "type": ["VerifiableCredential", "ExampleCredential"],
    },
    "a type given as a URL, in any order": minimal(
        type=["https://example.org/#One", "VerifiableCredential", "https://example.org/#Two"]
    ),
    "an id that is a URL": minimal(id="https://example.org/credentials/1"),
    "several subjects": minimal(
        credentialSubject=[{"id": "did:example:one"}, {"id": "did:example:two"}]
    ),
    "a typed status without an id": with_term(
        "CredentialStatusList2017", credentialStatus={"type": "CredentialStatusList2017"}
    ),
    "typed terms of use": with_term(
        "OdrlPolicy2017", termsOfUse=[{"type": "OdrlPolicy2017", "id": "did:example:terms/1"}]
    ),
    "typed evidence": with_term(
        "DocumentVerification2018",
        evidence=[{"type": "DocumentVerification2018"}, {"type": "DocumentVerification2018"}],
    ),
    "a typed refresh service": minimal(
        refreshService={"type": "https://example.org/#Refresh", "id": "did:example:refresh/1"}
    ),
    "a typed schema with an id": minimal(
        credentialSchema=[{"type": "https://example.org/#Schema", "id": "did:example:schemas/1"}]
    ),
    "validFrom with milliseconds": minimal(validFrom="2023-02-26T01:02:58.447Z"),
    "validFrom with an offset": minimal(validFrom="2023-02-25T19:10:39-06:00"),
    "validFrom far in the future": minimal(validFrom="4023-02-26T01:02:58.447Z"),
    "a validity that has ended": minimal(
        validFrom="2023-02-26T01:21:23Z", validUntil="2023-02-25T19:21:29-06:00"
    ),
    "a related resource with the published SRI digest": minimal(
        relatedResource={"id": V2, "digestSRI": BASE_SRI, "mediaType": "application/ld+json"}
    ),
    "a related resource with the published multibase digest": minimal(
        relatedResource=[{"id": V2, "digestMultibase": BASE_MULTIBASE}]
    ),
    "a related resource that is never fetched": minimal(
        relatedResource=[{"id": "https://example.org/syllabus.pdf", "digestSRI": BASE_SRI}]
    ),
    "names and descriptions as language values": minimal(
        name=[{"@value": "Diplôme", "@language": "fr"}, {"@value": "Diploma", "@language": "en"}],
        description={"@value": "مثال", "@language": "ar", "@direction": "rtl"},
    ),
}


@pytest.mark.parametrize("credential", ALLOWED.values(), ids=ALLOWED.keys())
def test_what_the_data_model_allows_is_signed(client, token, credential):
    response = issue(client, token, credential)

    assert response.status_code == 201, response.json()
    signed = response.json()["verifiableCredential"]
    assert signed["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"
    assert signature_holds(signed)


def test_a_term_of_the_examples_context_is_signed_under_its_vocabulary(client, token):
    credential = minimal(**{"@context": [V2, EXAMPLES], "credentialSubject": {"nickname": "Ace"}})

    signed = issue(client, token, credential).json()["verifiableCredential"]

    unsigned = {k: v for k, v in signed.items() if k != "proof"}
    assert "<https://www.w3.org/ns/credentials/examples#nickname>" in canonical.canonize(unsigned)


def test_the_issuer_object_keeps_its_name(client, token, issuer):
    credential = minimal(issuer={"id": services.ob3.identity.did(issuer), "name": "Registrar"})

    signed = issue(client, token, credential).json()["verifiableCredential"]

    assert signed["issuer"]["name"] == "Registrar"


def test_a_vc_1_1_credential_is_signed_with_the_data_integrity_context(client, token, issuer):
    credential = {
        "@context": [V1],
        "type": ["VerifiableCredential"],
        "issuer": services.ob3.identity.did(issuer),
        "issuanceDate": "2020-03-16T22:37:26.544Z",
        "credentialSubject": {"id": "did:example:subject"},
    }

    response = issue(client, token, credential)

    assert response.status_code == 201
    signed = response.json()["verifiableCredential"]
    assert signed["@context"] == [V1, documents.DATA_INTEGRITY_V2]
    assert signed["issuanceDate"] == "2020-03-16T22:37:26.544Z"
    assert "validFrom" not in signed
    assert verify.verify_credential(signed).verified


# -- Refusing what it forbids ---------------------------------------------------------------


def changed(**changes) -> dict:
    credential = minimal()
    for name, value in changes.items():
        if value is ...:
            credential.pop(name, None)
        else:
            credential[name] = value
    return credential


REFUSED = {
    "status without a type": (changed(credentialStatus={"id": "did:example:status"}), "type"),
    "status with a non-URL id": (
        with_term("S", credentialStatus={"type": "S", "id": "https ://not-a-url/4"}),
        "credentialStatus",
    ),
    "status with two ids": (
        with_term("S", credentialStatus={"type": "S", "id": ["did:example:1", "did:example:2"]}),
        "credentialStatus",
    ),
    "status whose type is a number": (
        changed(credentialStatus={"id": "did:example:status", "type": 2}),
        "credentialStatus",
    ),
    "empty terms of use": (changed(termsOfUse={}), "termsOfUse"),
    "terms of use without a type": (changed(termsOfUse={"id": "did:example:t/1"}), "termsOfUse"),
    "evidence without a type": (changed(evidence={}), "evidence"),
    "evidence that is not an object": (changed(evidence=["a file"]), "evidence"),
    "refresh service without a type": (
        changed(refreshService={"id": "did:example:refresh/1"}),
        "refreshService",
    ),
    "schema without a type": (
        changed(credentialSchema={"id": "did:example:s/1"}),
        "credentialSchema",
    ),
    "schema without an id": (
        changed(credentialSchema={"type": "https://example.org/#Schema"}),
        "credentialSchema",
    ),
    "schema with a non-URL id": (
        changed(credentialSchema={"type": "https://example.org/#S", "id": "https ://no"}),
        "credentialSchema",
    ),
    "no subject": (changed(credentialSubject=...), "credentialSubject"),
    "an empty subject": (changed(credentialSubject={}), "credentialSubject"),
    "an empty subject among others": (
        changed(credentialSubject=[{"id": "did:example:subject"}, {}]),
        "credentialSubject",
    ),
    "no subjects at all": (changed(credentialSubject=[]), "credentialSubject"),
    "a subject with two ids": (
        changed(credentialSubject={"id": ["did:example:1", "did:example:2"]}),
        "credentialSubject",
    ),
    "a null id": (changed(id=None), "id"),
    "two ids": (changed(id=["https://example.org/1", "https://example.net/1"]), "id"),
    "an id that is not a URL": (changed(id="https ://not-a-url/vcs/1"), "id"),
    "validFrom that is not a dateTimeStamp": (
        changed(validFrom="Sat 25 Feb 2023 07:16:31 PM CST"),
        "validFrom",
    ),
    "validFrom without a time zone": (changed(validFrom="2023-02-25T19:10:39"), "validFrom"),
    "validFrom that is no date": (changed(validFrom="2023-02-30T00:00:00Z"), "validFrom"),
    "validUntil that is not a dateTimeStamp": (
        changed(validFrom="2023-02-26T01:21:51Z", validUntil="Sun, 26 Feb 2023 01:22:14 +0000"),
        "validUntil",
    ),
    "validUntil before validFrom": (
        changed(validFrom="2027-01-01T00:00:00Z", validUntil="2025-01-01T00:00:00Z"),
        "ends before it starts",
    ),
    "related resources as strings": (changed(relatedResource=[V2]), "relatedResource"),
    "a related resource without an id": (
        changed(relatedResource=[{"digestMultibase": BASE_MULTIBASE}]),
        "relatedResource",
    ),
    "a related resource twice": (
        changed(
            relatedResource=[
                {"id": V2, "digestSRI": BASE_SRI},
                {"id": V2, "digestMultibase": BASE_MULTIBASE},
            ]
        ),
        "twice",
    ),
    "a related resource without a digest": (changed(relatedResource=[{"id": V2}]), "digest"),
    "a wrong multibase digest of a published resource": (
        changed(
            relatedResource=[
                {"id": V2, "digestMultibase": "uM4RgWQc3RUDtjJCSgTJtTfvpZ7SPEg_LNO0ESlovQC0"}
            ]
        ),
        "does not match",
    ),
    "a wrong SRI digest of a published resource": (
        changed(
            relatedResource=[
                {
                    "id": V2,
                    "digestSRI": "sha384-_rCVIV7fSXXTNIvpiq26jRDyj8JG8TDjij-tD0ewLk4JpnXEz6a5AeeY"
                    "_1qQ0d0P",
                }
            ]
        ),
        "does not match",
    ),
    "an SRI digest of an unknown algorithm": (
        changed(relatedResource=[{"id": V2, "digestSRI": "md5-AAAA"}]),
        "digestSRI",
    ),
    "an SRI digest that is not base64": (
        changed(relatedResource=[{"id": V2, "digestSRI": "sha256-@@@@"}]),
        "base64",
    ),
    "an SRI digest of the wrong length": (
        changed(relatedResource=[{"id": V2, "digestSRI": "sha256-AAAA"}]),
        "digestSRI",
    ),
    "a multibase digest in an unknown base": (
        changed(relatedResource=[{"id": V2, "digestMultibase": "fabc"}]),
        "digestMultibase",
    ),
    "a multibase digest of no known length": (
        changed(relatedResource=[{"id": V2, "digestMultibase": "uAAAA"}]),
        "digestMultibase",
    ),
    "a name that is a number": (changed(name=7), "name"),
    "a language value with another key": (
        changed(name={"@value": "Diploma", "@language": "en", "extra": "x"}),
        "extra",
    ),
    "a language value whose language is no string": (
        changed(description={"@value": "Diploma", "@language": 7}),
        "@language",
    ),
    "a language value with an unknown direction": (
        changed(description={"@value": "Diploma", "@direction": "up"}),
        "@direction",
    ),
    "an issuer name with another key": (
        changed(issuer={"id": "did:example:issuer", "name": {"@value": "Registrar", "x": 1}}),
        "issuer.name",
    ),
    "no context": (changed(**{"@context": ...}), "@context"),
    "a context that is not a list": (changed(**{"@context": {"@vocab": "urn:x:"}}), "@context"),
    "the examples context first": (changed(**{"@context": [EXAMPLES]}), "first @context"),
    "a number in the context": (changed(**{"@context": [V2, 123192875]}), "@context"),
    "a context that is not a URL": (
        changed(**{"@context": [V2, "https ://not-a-url/contexts/v1"]}),
        "@context",
    ),
    "a context never fetched": (
        changed(**{"@context": [V2, "https://example.com"]}),
        "never fetched",
    ),
    "no type": (changed(type=...), "type"),
    "a type without VerifiableCredential": (changed(type=["RelationshipCredential"]), "type"),
    "an empty type": (changed(type=[]), "type"),
    "a null issuer": (changed(issuer=None), "issuer"),
    "an issuer that is not a URL": (changed(issuer="fake-issuer"), "issuer"),
    "an issuer object whose id is null": (changed(issuer={"id": None}), "issuer"),
    "a redefined protected term": (
        changed(**{"@context": [V2, {"VerifiableCredential": "https://example.org/#Bad"}]}),
        "protected",
    ),
    "a type no context defines": (
        changed(type=["VerifiableCredential", "InvalidType"]),
        "InvalidType",
    ),
    "a context that unsets @vocab before an undefined type": (
        changed(
            **{"@context": [V2, {"@vocab": None}]},
            type=["VerifiableCredential", "ExampleTestCredential"],
        ),
        "context",
    ),
}


@pytest.mark.parametrize(("credential", "named"), REFUSED.values(), ids=REFUSED.keys())
def test_what_the_data_model_forbids_is_refused_naming_the_property(
    client, token, credential, named
):
    response = issue(client, token, credential)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert named.lower() in response.json()["detail"].lower()


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda c: c["type"].append("InvalidType"), "InvalidType"),
        (lambda c: c["credentialSubject"].update(invalidTerm="x"), "invalidTerm"),
        (lambda c: c.update(issuanceDate="yesterday"), "issuanceDate"),
    ],
)
def test_a_vc_1_1_credential_is_refused_for_what_its_context_leaves_undefined(
    client, token, issuer, change, named
):
    credential = {
        "@context": [V1],
        "type": ["VerifiableCredential"],
        "issuer": services.ob3.identity.did(issuer),
        "issuanceDate": "2020-03-16T22:37:26.544Z",
        "credentialSubject": {"id": "did:example:subject"},
    }
    change(credential)

    response = issue(client, token, credential)

    assert response.status_code == 400
    assert named in response.json()["detail"]


# -- Inputs no endpoint may fall over on ----------------------------------------------------

ENDPOINTS = ["/credentials/issue", "/credentials/verify", "/presentations/verify"]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_json_nested_a_thousand_levels_deep_is_refused(client, token, path):
    deep = "[" * 1000 + "]" * 1000
    body = (
        f'{{"credential": {deep}, "verifiableCredential": {deep}, '
        f'"verifiablePresentation": {deep}}}'
    )

    response = post(client, path, body, token)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "deeper" in response.json()["detail"]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_json_deeper_than_a_credential_nests_is_refused(client, token, path):
    deep: dict = {"id": "did:example:subject"}
    for _level in range(vcdm_checks.MAX_DEPTH):
        deep = {"nested": deep}

    response = post(
        client,
        path,
        {"credential": deep, "verifiableCredential": deep, "verifiablePresentation": deep},
        token,
    )

    assert response.status_code == 400


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_context_unsetting_the_vocabulary_answers_4xx(client, token, issuer, path):
    document = {
        "@context": [V2, {"@vocab": None}],
        "type": ["VerifiableCredential", "ExampleTestCredential"],
        "issuer": services.ob3.identity.did(issuer),
        "credentialSubject": {"id": "did:example:subject"},
    }
    signed = copy.deepcopy(issue(client, token, minimal()).json()["verifiableCredential"])
    signed.update({k: v for k, v in document.items() if k != "issuer"})
    presentation = {
        "@context": [V2, {"@vocab": None}],
        "type": ["VerifiablePresentation", "ExampleTestPresentation"],
        "verifiableCredential": [signed],
    }

    response = post(
        client,
        path,
        {
            "credential": document,
            "verifiableCredential": signed,
            "verifiablePresentation": presentation,
        },
        token,
    )

    assert 400 <= response.status_code < 500


# -- Verifying credentials ---------------------------------------------------------------------


def test_a_credential_without_validfrom_verifies(client):
    credential = VECTORS["presentations"]["holder_string"]["verifiableCredential"][0]

    response = post(client, "/credentials/verify", {"verifiableCredential": credential})

    assert response.status_code == 200
    assert "No start of validity" in verify.verify_credential(credential).check("validity").message


def test_an_issued_credential_verifies_and_a_changed_one_does_not(client, token):
    signed = issue(client, token, minimal()).json()["verifiableCredential"]
    changed_subject = copy.deepcopy(signed)
    changed_subject["credentialSubject"]["id"] = "did:example:someone-else"

    good = post(
        client,
        "/credentials/verify",
        {"verifiableCredential": signed, "options": {"checks": ["proof"]}},
    )
    bad = post(client, "/credentials/verify", {"verifiableCredential": changed_subject})

    assert good.status_code == 200
    assert bad.status_code == 422


# -- Verifying presentations -------------------------------------------------------------------


def verify_presentation(client, presentation, **options):
    options = {"challenge": VECTORS["challenge"], "domain": VECTORS["domain"]} | options
    return post(
        client,
        "/presentations/verify",
        {"verifiablePresentation": presentation, "options": options},
    )


@pytest.mark.parametrize("name", VECTORS["presentations"].keys())
def test_a_presentation_signed_elsewhere_verifies(client, name):
    response = verify_presentation(client, VECTORS["presentations"][name])

    assert response.status_code == 200, response.json()
    assert response.json()["verified"] is True


def test_every_credential_of_a_presentation_is_reported(client):
    response = verify_presentation(client, VECTORS["presentations"]["holder_string"])

    assert [r["verified"] for r in response.json()["credentialResults"]] == [True, True]


def presentation(name="holder_string") -> dict:
    return copy.deepcopy(VECTORS["presentations"][name])


def test_a_presentation_whose_proof_was_changed_is_refused(client):
    changed_proof = presentation("empty")
    changed_proof["proof"]["proofValue"] = "z5nmMBw2u9TGKd9NxxHJtyZKgjN2Eh"

    assert verify_presentation(client, changed_proof).status_code == 422


def test_a_presentation_answering_another_challenge_is_refused(client):
    response = verify_presentation(client, presentation("empty"), challenge="another")

    assert response.status_code == 422
    assert "challenge" in response.json()["errors"][0]["message"]


def test_an_unsigned_presentation_holding_nothing_is_not_verified(client):
    response = post(
        client,
        "/presentations/verify",
        {"verifiablePresentation": {"@context": [V2], "type": ["VerifiablePresentation"]}},
    )

    assert response.status_code == 422


def vp_changed(**changes) -> dict:
    document = presentation()
    for name, value in changes.items():
        if value is ...:
            document.pop(name)
        else:
            document[name] = value
    return document


PRESENTATIONS_REFUSED = {
    "no context": (vp_changed(**{"@context": ...}), "@context"),
    "the base context second": (vp_changed(**{"@context": [EXAMPLES, V2]}), "first @context"),
    "the base context missing": (vp_changed(**{"@context": [EXAMPLES]}), "first @context"),
    "a context never fetched": (vp_changed(**{"@context": [V2, "https://example.com"]}), "never"),
    "a context that is not a URL": (
        vp_changed(**{"@context": [V2, "https ://not-a-url/contexts/example/v1"]}),
        "@context",
    ),
    "a number in the context": (vp_changed(**{"@context": [V2, 123192875]}), "@context"),
    "no type": (vp_changed(type=...), "type"),
    "a type without VerifiablePresentation": (vp_changed(type=["Other"]), "VerifiablePresentation"),
    "an id that is not a URL": (vp_changed(id="not a url"), "id"),
    "a holder that is not a URL": (vp_changed(holder="z6MkpJySvETLnxhQG9Dz"), "holder"),
    "a holder object without an id": (vp_changed(holder={"name": "Acme"}), "holder"),
    "a holder object whose id is not a URL": (vp_changed(holder={"id": "z6Mkp"}), "holder"),
    "a credential given as a string": (
        vp_changed(verifiableCredential=["eyJhbGciOiJFUzI1NiJ9.e30.c2ln"]),
        "verifiableCredential",
    ),
    "an enveloped credential whose id is no data: URL": (
        vp_changed(
            verifiableCredential=[
                {"@context": V2, "type": "EnvelopedVerifiableCredential", "id": "urn:x:1"}
            ]
        ),
        "data:",
    ),
}


@pytest.mark.parametrize(
    ("document", "named"), PRESENTATIONS_REFUSED.values(), ids=PRESENTATIONS_REFUSED.keys()
)
def test_a_malformed_presentation_is_refused_naming_the_property(client, document, named):
    response = verify_presentation(client, document)

    assert response.status_code == 422
    assert named.lower() in response.json()["errors"][0]["message"].lower()


def test_a_presentation_holding_a_credential_that_fails_is_refused(client):
    document = presentation()
    document["verifiableCredential"][0]["type"] = []

    response = verify_presentation(client, document)

    assert response.status_code == 422


def test_an_enveloped_jwt_is_verified_as_the_credential_it_carries(client, token):
    from microcred.credentials.formats import vc_jwt

    signed = issue(client, token, minimal()).json()["verifiableCredential"]
    envelope = {
        "@context": V2,
        "type": "EnvelopedVerifiableCredential",
        "id": "data:application/vc+jwt,not-a-jwt",
    }

    response = post(
        client,
        "/presentations/verify",
        {
            "verifiablePresentation": {
                "@context": [V2],
                "type": ["VerifiablePresentation"],
                "verifiableCredential": [signed, envelope],
            }
        },
    )

    assert response.status_code == 422
    assert [r["verified"] for r in response.json()["credentialResults"]] == [True, False]
    assert vc_jwt  # the JWT path itself is tested with awards in test_api


def test_a_vc_1_1_presentation_may_hold_a_jwt_string(client):
    document = {
        "@context": [V1],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": ["eyJhbGciOiJFUzI1NiJ9.e30.c2ln"],
    }

    response = post(client, "/presentations/verify", {"verifiablePresentation": document})

    assert response.json()["checks"][0] == "format"
    assert response.json()["credentialResults"][0]["verified"] is False


# -- Pieces ------------------------------------------------------------------------------------


def test_digests_are_read_as_bare_digests_and_as_multihashes():
    raw = bytes.fromhex(BASE_SHA256)
    multihash = keys.multibase_encode(bytes([0x12, 0x20]) + raw)

    vcdm_checks.check_credential(minimal(relatedResource={"id": V2, "digestMultibase": multihash}))
    wrong = keys.multibase_encode(bytes([0x12, 0x20]) + bytes(32))
    with pytest.raises(vcdm_checks.Refused):
        vcdm_checks.check_credential(minimal(relatedResource={"id": V2, "digestMultibase": wrong}))


def test_nesting_is_measured_without_recursion():
    deep: list = []
    for _level in range(100_000):
        deep = [deep]

    assert vcdm_checks.too_deep(deep)
    assert not vcdm_checks.too_deep({"a": [{"b": 1}]}, limit=3)


def test_a_document_too_deep_is_refused_before_its_structure_is_read():
    deep: dict = {"id": "did:example:subject"}
    for _level in range(vcdm_checks.MAX_DEPTH):
        deep = {"nested": deep}

    with pytest.raises(vcdm_checks.Refused, match="deeper"):
        vcdm_checks.check_credential(minimal(credentialSubject=deep))
    with pytest.raises(vcdm_checks.Refused, match="deeper"):
        vcdm_checks.check_presentation(
            {"@context": [V2], "type": ["VerifiablePresentation"], "x": deep}
        )


@pytest.mark.parametrize("url", ["data:text/plain,hello", "data:application/vc+jwt,"])
def test_an_envelope_without_a_jwt_is_no_credential(url):
    entry = {"@context": V2, "type": "EnvelopedVerifiableCredential", "id": url}

    assert vcdm_checks.enveloped_token(entry) is None
    result = verify.verify_presentation(
        {"@context": [V2], "type": ["VerifiablePresentation"], "verifiableCredential": [entry]}
    )
    assert not result.verified
