"""Learner records (CLR 2.0) checked by implementations that are not ours: Digital Bazaar's
Data Integrity verifier and jose for the record, and again for each credential inside it
on its own, with 1EdTech's Open Badges 3.0 JSON Schema for those credentials.

1EdTech's CLR 2.0 JSON Schema is not among the documents this project can ship, so the
record's structure is checked against the CLR 2.0 data model in microcred's own verifier
(the `record` check) and here against what 1EdTech's validator reads of it."""

from __future__ import annotations

import copy

import jsonschema
import pytest

from microcred.credentials.formats import documents
from microcred.credentials.issuing import learner_record
from microcred.credentials.tests.factories import earned_stack

from .test_our_credentials import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(earner, issuer, issuer_admin):
    earned_stack(earner, issuer_admin=issuer_admin, issuer=issuer)
    return learner_record.learner_record(earner, by=earner)


def _embedded(record) -> list[dict]:
    return record.document["credentialSubject"]["verifiableCredential"]


def test_the_record_verifies_independently(independent_verifier, record):
    answer = independent_verifier(
        {"credential": record.document, "documents": published(record.document)}
    )

    assert answer["verified"], answer["errors"]


def test_the_records_jwt_verifies_independently(independent_verifier, record):
    answer = independent_verifier({"jwt": record.jwt, "documents": published(record.document)})

    assert answer["verified"], answer["errors"]
    assert answer["payload"]["jti"] == record.document["id"]


def test_each_credential_in_the_record_verifies_independently(independent_verifier, record):
    answers = [
        independent_verifier({"credential": inner, "documents": published(inner)})
        for inner in _embedded(record)
    ]

    assert [a["verified"] for a in answers] == [True] * 3, [a["errors"] for a in answers]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda r: r.update(name="Another record"), id="record"),
        pytest.param(
            lambda r: r["credentialSubject"]["verifiableCredential"][0]["credentialSubject"][
                "achievement"
            ].update(name="Another badge"),
            id="embedded",
        ),
        pytest.param(
            lambda r: r["credentialSubject"]["association"][0].update(associationType="isPeerOf"),
            id="association",
        ),
    ],
)
def test_a_changed_field_anywhere_fails_the_record_independently(
    independent_verifier, record, change
):
    changed = copy.deepcopy(record.document)
    change(changed)

    answer = independent_verifier({"credential": changed, "documents": published(changed)})

    assert not answer["verified"]


def test_a_changed_embedded_credential_fails_on_its_own_independently(independent_verifier, record):
    inner = copy.deepcopy(_embedded(record)[1])
    inner["credentialSubject"]["achievement"]["name"] = "Another badge"

    answer = independent_verifier({"credential": inner, "documents": published(inner)})

    assert not answer["verified"]


def test_each_embedded_credential_follows_1edtech_s_json_schema(record):
    validator = jsonschema.Draft201909Validator(
        documents.ob_schema(), format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
    )

    for inner in _embedded(record):
        assert list(validator.iter_errors(inner)) == []


def test_the_record_has_what_1edtech_s_clr_validator_reads(record):
    """CLR20Inspector: the three contexts first, the ClrCredential type, a ClrSubject
    with an identifier, an embedded issuer Profile, and a proof for assertionMethod."""
    document = record.document
    subject = document["credentialSubject"]

    assert document["@context"][:3] == [documents.VC_V2, documents.CLR_V2, documents.OB_V3]
    assert "ClrCredential" in document["type"]
    assert "ClrSubject" in subject["type"]
    assert subject["identifier"][0]["type"] == "IdentityObject"
    assert "Profile" in document["issuer"]["type"]
    assert isinstance(document["proof"], list)
    assert document["proof"][0]["proofPurpose"] == "assertionMethod"
    assert all(
        "AchievementCredential" in c["type"] or "OpenBadgeCredential" in c["type"]
        for c in subject["verifiableCredential"]
    )
