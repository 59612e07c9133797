"""The Open Badges 3.0 JSON Schema check: where a credential departs from it, and which
formats it asserts."""

import copy

import pytest

from microcred.credentials.formats import documents, schema
from microcred.credentials.verification import verify

from .test_verify import _minimal

pytestmark = pytest.mark.django_db


@pytest.fixture
def declared():
    document = _minimal("did:example:issuer")
    document["credentialSchema"] = [
        {"id": documents.OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}
    ]
    return document


def test_a_credential_that_follows_the_schema_has_no_errors(declared):
    assert schema.ob_errors(declared) == []


def test_the_first_departure_in_document_order_is_named_with_its_place(declared):
    declared["credentialSubject"]["achievement"]["criteria"] = 5
    declared["validFrom"] = 2025

    errors = schema.ob_errors(declared)

    assert [e.absolute_path for e in errors] == [
        ("credentialSubject", "achievement", "criteria"),
        ("validFrom",),
    ]
    result = verify.verify_credential(declared)
    assert result.check("schema").message.startswith(
        "It does not follow the Open Badges 3.0 JSON Schema at credentialSubject/achievement/"
        "criteria: 5 is not of type"
    )


def test_a_date_is_checked_and_a_date_time_left_to_the_validity_check(declared):
    dated = copy.deepcopy(declared)
    dated["credentialSubject"]["achievement"]["criteria"]["narrative"] = "x"
    dated["awardedDate"] = "the first of May"
    assert schema.ob_errors(dated) == []

    dated["issuer"]["dateOfBirth"] = "1 May 1990"
    # The issuer is one of a URI and a Profile: it is named as a whole.
    assert [e.absolute_path for e in schema.ob_errors(dated)] == [("issuer",)]
