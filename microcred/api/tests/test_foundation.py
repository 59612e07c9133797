"""What every REST API endpoint shares: who a token speaks for, scopes, problem details,
pages, and the public catalog read with no token at all."""

import base64
import io

import pytest
from django.test import Client
from rest_framework.exceptions import ParseError

from microcred.accounts.models import Role
from microcred.api.parsers import JSONBody
from microcred.catalog.tests.factories import published_version
from microcred.connect import scopes

from .tokens import bearer, client_token, person_token

pytestmark = pytest.mark.django_db


def test_the_catalog_answers_anyone_a_page_at_a_time_with_the_total_and_links(issuer, issuer_admin):
    for number in range(3):
        published_version(
            issuer_admin, micro_credential__issuer=issuer, title=f"Number talks {number}"
        )
    response = Client().get("/api/v1/micro-credentials/?limit=2")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert response["X-Total-Count"] == "3"
    assert 'rel="next"' in response["Link"]
    assert 'rel="last"' in response["Link"]


def test_a_bad_token_is_refused_even_where_no_token_is_needed():
    response = Client().get("/api/v1/micro-credentials/", **bearer("forged"))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith('Bearer realm="microcred"')
    assert response.json()["status"] == 401


def test_an_organization_client_gets_a_token_by_client_credentials_and_acts_with_its_roles(
    issuer, org_admin
):
    from microcred.connect import services

    new = services.create_organization_client(
        issuer, by=org_admin, name="Roster sync", roles=[Role.ISSUER_ADMIN], scope=[scopes.AWARDS]
    )
    basic = base64.b64encode(
        f"{new.client.application.client_id}:{new.client_secret}".encode()
    ).decode()
    response = Client().post(
        "/ims/ob/v3p0/oauth/token",
        {"grant_type": "client_credentials", "scope": scopes.AWARDS},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    assert response.status_code == 200, response.content
    assert response.json()["scope"] == scopes.AWARDS
    escalated = Client().post(
        "/ims/ob/v3p0/oauth/token",
        {"grant_type": "client_credentials", "scope": scopes.REPORTS},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    assert escalated.status_code == 400


def test_the_helpers_tokens_are_read_as_their_holders(earner, issuer, org_admin):
    assert person_token(earner, scopes.BACKPACK)
    assert client_token(issuer, by=org_admin, roles=[Role.ISSUER_ADMIN], scopes=[scopes.AWARDS])


def test_the_openapi_document_and_its_page():
    document = Client().get("/api/openapi.json")
    assert document.status_code == 200
    assert "oauth2" in document.json()["components"]["securitySchemes"]
    page = Client().get("/api/docs/")
    assert page.status_code == 200
    assert b"searchCatalog" in page.content


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ('{"name": "a\\u0000b"}', "null character"),
        ('{"a\\u0000": 1}', "null character"),
        ("[" * 40 + "]" * 40, "nests too deep"),
        ("[" * 200_000 + "]" * 200_000, "nests too deep"),
        ("{not json", "JSON parse error"),
    ],
)
def test_a_body_that_cannot_be_stored_whole_is_refused_whole(body, detail, earner):
    with pytest.raises(ParseError, match=detail):
        JSONBody().parse(io.BytesIO(body.encode()), "application/json", {})


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=ten", "limit"),
        ("offset=-1", "offset"),
        ("offset=null", "offset"),
        ("offset=99999999999", "offset"),
    ],
)
def test_a_page_parameter_out_of_range_is_named_not_replaced(query, name):
    response = Client().get(f"/api/v1/micro-credentials/?{query}")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [name]


def test_the_document_gives_the_page_parameters_bounds():
    document = Client().get("/api/openapi.json").json()
    parameters = {
        p["name"]: p["schema"]
        for p in document["paths"]["/api/v1/assignments/"]["get"]["parameters"]
    }
    assert (parameters["limit"]["minimum"], parameters["limit"]["maximum"]) == (1, 100)
    assert parameters["offset"]["minimum"] == 0


def test_the_document_offers_an_idempotency_key_on_every_write_that_creates():
    document = Client().get("/api/openapi.json").json()
    operation = document["paths"]["/api/v1/enrollments/"]["post"]
    header = [p for p in operation["parameters"] if p["in"] == "header"]
    assert [p["name"] for p in header] == ["Idempotency-Key"]
    assert {"409", "422"} <= set(operation["responses"])
    listing = document["paths"]["/api/v1/enrollments/"]["get"]
    assert all(p["in"] != "header" for p in listing.get("parameters", []))
