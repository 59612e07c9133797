"""Which tokens the REST API refuses, and the shape of every refusal: RFC 9457 problem
details, with the bearer challenge on a 401 and the missing scope named on a 403."""

import base64
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from oauth2_provider.models import get_access_token_model

from microcred.accounts.models import Role
from microcred.connect import scopes, services
from microcred.connect.models import OrganizationClient

from .tokens import bearer, client_token, person_token

pytestmark = pytest.mark.django_db

CATALOG = "/api/v1/micro-credentials/"


def problem(response, status: int) -> dict:
    """The answer's problem details, after checking their shape."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["title"]
    assert body["detail"]
    assert body["instance"].startswith("/api/")
    return body


def refused_token(response) -> dict:
    body = problem(response, 401)
    assert response["WWW-Authenticate"] == 'Bearer realm="microcred", error="invalid_token"'
    return body


# -- Tokens -------------------------------------------------------------------------------


def test_an_expired_token_is_refused(earner):
    token = person_token(earner, scopes.BACKPACK)
    get_access_token_model().objects.update(expires=timezone.now() - timedelta(seconds=1))

    refused_token(Client().get(CATALOG, **bearer(token)))


def test_a_revoked_token_is_refused(earner):
    token = person_token(earner, scopes.BACKPACK)
    get_access_token_model().objects.get().revoke()

    refused_token(Client().get(CATALOG, **bearer(token)))


@pytest.mark.parametrize("forged", ["forged", "x" * 5000, "a b", "\u00e9t\u00e9"])
def test_a_forged_token_is_refused(forged):
    refused_token(Client().get(CATALOG, **bearer(forged)))


def test_a_header_that_is_not_a_bearer_token_is_refused():
    response = Client().get(CATALOG, HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz")
    assert "Bearer <token>" in refused_token(response)["detail"]


def test_a_request_with_no_token_where_one_is_needed_gets_a_bare_challenge():
    response = Client().post(CATALOG, data="{}", content_type="application/json")
    problem(response, 401)
    assert response["WWW-Authenticate"] == 'Bearer realm="microcred"'


def test_a_revoked_clients_token_is_refused(issuer, org_admin):
    token = client_token(issuer, by=org_admin, roles=[Role.ISSUER_ADMIN], scopes=[scopes.AWARDS])
    services.revoke_organization_client(OrganizationClient.objects.get(), by=org_admin)

    refused_token(Client().get(CATALOG, **bearer(token)))


def test_a_token_that_outlived_its_revoked_client_is_refused(issuer, org_admin):
    token = client_token(issuer, by=org_admin, roles=[Role.ISSUER_ADMIN], scopes=[scopes.AWARDS])
    # As if the token were stored while the revocation committed.
    OrganizationClient.objects.update(revoked_at=timezone.now())

    body = refused_token(Client().get(CATALOG, **bearer(token)))
    assert "revoked" in body["detail"]


def test_a_deactivated_accounts_token_is_refused(earner):
    token = person_token(earner, scopes.BACKPACK)
    earner.is_active = False
    earner.save(update_fields=["is_active"])

    body = refused_token(Client().get(CATALOG, **bearer(token)))
    assert "closed" in body["detail"]


def test_a_client_cannot_get_a_token_for_more_than_it_was_given(issuer, org_admin):
    new = services.create_organization_client(
        issuer, by=org_admin, name="Sync", roles=[Role.ISSUER_ADMIN], scope=[scopes.AWARDS]
    )
    basic = base64.b64encode(
        f"{new.client.application.client_id}:{new.client_secret}".encode()
    ).decode()

    for asked in (scopes.BACKPACK, f"{scopes.AWARDS} {scopes.CATALOG_WRITE}", "anything"):
        response = Client().post(
            "/ims/ob/v3p0/oauth/token",
            {"grant_type": "client_credentials", "scope": asked},
            HTTP_AUTHORIZATION=f"Basic {basic}",
        )
        assert response.status_code == 400, asked
        assert response.json()["error"] == "invalid_scope"
    assert not get_access_token_model().objects.exists()


def test_a_token_without_the_scope_gets_403_naming_it(earner):
    token = person_token(earner, scopes.BACKPACK)

    response = Client().post(CATALOG, data="{}", content_type="application/json", **bearer(token))

    body = problem(response, 403)
    assert body["scope"] == scopes.CATALOG_WRITE
    assert scopes.CATALOG_WRITE in body["detail"]
    assert response["WWW-Authenticate"] == (
        f'Bearer realm="microcred", error="insufficient_scope", scope="{scopes.CATALOG_WRITE}"'
    )


# -- Problem details ----------------------------------------------------------------------


def test_a_bad_parameter_gets_400_naming_it():
    body = problem(Client().get(CATALOG + "?sort=sideways"), 400)
    assert list(body["errors"]) == ["sort"]


def test_an_unknown_micro_credential_gets_404():
    problem(Client().get(CATALOG + "no-such-thing/"), 404)


def test_an_unknown_address_under_the_api_gets_404():
    problem(Client().get("/api/v1/no-such-area/"), 404)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_write_to_an_unknown_address_gets_404_not_a_csrf_page(method):
    response = getattr(Client(enforce_csrf_checks=True), method)(
        "/api/v1/no-such-area/1.5/", data="{}", content_type="application/json"
    )
    problem(response, 404)


def test_a_method_not_taken_gets_405_with_what_is(earner):
    token = person_token(earner, scopes.CATALOG_WRITE)

    response = Client().delete(CATALOG, **bearer(token))

    problem(response, 405)
    assert "GET" in response["Allow"]


def test_too_many_requests_get_429_with_when_to_come_back(settings):
    settings.RATE_LIMITS_ENABLED = True
    settings.API_RATE_ANONYMOUS = "2/min"
    cache.clear()

    answers = [Client().get(CATALOG) for _ in range(3)]

    assert [a.status_code for a in answers[:2]] == [200, 200]
    problem(answers[2], 429)
    assert int(answers[2]["Retry-After"]) > 0
    cache.clear()


def test_a_callers_limit_is_counted_per_account_not_per_address(earner, settings):
    settings.RATE_LIMITS_ENABLED = True
    settings.API_RATE_AUTHENTICATED = "1/min"
    settings.API_RATE_ANONYMOUS = "100/min"
    cache.clear()
    token = person_token(earner, scopes.BACKPACK)

    first = Client().get(CATALOG, **bearer(token))
    second = Client().get(CATALOG, **bearer(token))
    anonymous = Client().get(CATALOG)

    assert first.status_code == 200
    problem(second, 429)
    assert anonymous.status_code == 200
    cache.clear()
