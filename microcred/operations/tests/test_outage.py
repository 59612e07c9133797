"""With the database down, every answer says so honestly, in the caller's format."""

import json

import pytest
from django.test import Client

from microcred.credentials.tests.factories import signed_award

from .conftest import database_down

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    # The handler's answer, as a browser or API client receives it.
    return Client(raise_request_exception=False)


@pytest.fixture
def credential(earner, issuer, issuer_admin):
    award = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    return json.loads(award.credential_json)


def test_the_verification_api_answers_a_json_503(client, credential):
    with database_down():
        response = client.post(
            "/credentials/verify",
            {"verifiableCredential": credential},
            content_type="application/json",
        )

    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "30"
    assert response.json()["status"] == 503
    assert "database" in response.json()["detail"]


def test_the_issuing_api_answers_a_json_503(client):
    with database_down():
        response = client.post(
            "/credentials/issue",
            {"credential": {}},
            content_type="application/json",
            headers={"Authorization": "Bearer mc_x"},
        )

    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"


def test_the_presentation_api_answers_a_json_503(client, credential):
    presentation = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": [credential],
    }
    with database_down():
        response = client.post(
            "/presentations/verify",
            {"verifiablePresentation": presentation},
            content_type="application/json",
        )

    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"


def test_an_api_caller_gets_json_even_when_a_middleware_loses_the_database(client, earner):
    client.force_login(earner)  # the session is read from the database before the view

    with database_down():
        response = client.post(
            "/credentials/verify", {"verifiableCredential": {}}, content_type="application/json"
        )

    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"


def test_a_page_says_the_database_is_unreachable_and_promises_nothing(client):
    with database_down():
        response = client.get("/catalog/")

    page = response.text
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "cannot reach its database" in page
    assert "was not saved" in page
    assert "Nothing you submitted was lost" not in page


def test_the_500_page_does_not_claim_nothing_was_lost(client):
    from django.template import loader

    page = loader.render_to_string("500.html")

    assert "Nothing you submitted was lost" not in page
    assert "may not have been saved" in page
