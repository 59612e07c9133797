"""The Open Badges 3.0 API (OB 3.0 §6): discovery, getCredentials, upsertCredential,
getProfile and putProfile, each scope enforced, each error an Imsx_StatusInfo."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from oauth2_provider.models import AccessToken

from microcred.connect import scopes
from microcred.connect.models import HeldCredential
from microcred.credentials.tests.factories import signed_award
from microcred.credentials.verification import verify

from . import outside
from .wallet import Wallet, bearer

pytestmark = pytest.mark.django_db

API = "/ims/ob/v3p0"


@pytest.fixture
def browser(earner):
    client = Client()
    client.force_login(earner)
    return client


@pytest.fixture
def wallet():
    return Wallet.register()


@pytest.fixture
def token(wallet, browser):
    return wallet.connect(browser)["access_token"]


def token_for(browser, scope):
    return Wallet.register(scope=scope).connect(browser, scope=scope)["access_token"]


def minor(response) -> str:
    return response.json()["imsx_codeMinor"]["imsx_codeMinorField"][0]["imsx_codeMinorFieldValue"]


def upsert(token, body, content_type="application/json"):
    if isinstance(body, dict):
        body = json.dumps(body)
    return Client().post(f"{API}/credentials", body, content_type=content_type, **bearer(token))


# -- Discovery ---------------------------------------------------------------------------


def test_the_discovery_document_names_every_url_and_scope():
    response = Client().get(f"{API}/discovery")

    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.0")
    assert document["info"]["x-imssf-privacyPolicyUrl"]
    scheme = document["components"]["securitySchemes"]["OAuth2ACG"]
    assert scheme["type"] == "oauth2"
    assert scheme["x-imssf-registrationUrl"] == "http://testserver/ims/ob/v3p0/oauth/register"
    flow = scheme["flows"]["authorizationCode"]
    assert flow["authorizationUrl"] == "http://testserver/ims/ob/v3p0/oauth/authorize"
    assert flow["tokenUrl"] == flow["refreshUrl"] == "http://testserver/ims/ob/v3p0/oauth/token"
    assert set(flow["scopes"]) == {
        scopes.CREDENTIAL_READONLY,
        scopes.CREDENTIAL_UPSERT,
        scopes.PROFILE_READONLY,
        scopes.PROFILE_UPDATE,
    }
    assert set(document["paths"]) == {"/credentials", "/profile", "/discovery"}


def test_the_privacy_policy_url_is_the_operators_when_set(settings):
    settings.CONNECT_PRIVACY_POLICY_URL = "https://example.org/privacy"
    settings.CONNECT_TERMS_OF_SERVICE_URL = "https://example.org/terms"

    document = Client().get(f"{API}/discovery").json()

    assert document["info"]["x-imssf-privacyPolicyUrl"] == "https://example.org/privacy"
    assert document["info"]["termsOfService"] == "https://example.org/terms"


# -- Tokens at the API -------------------------------------------------------------------


def test_no_token_is_a_401_with_a_bare_challenge():
    response = Client().get(f"{API}/credentials")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "error=" not in response["WWW-Authenticate"]
    assert response.json()["imsx_codeMajor"] == "failure"
    assert minor(response) == "unauthorizedrequest"


def test_a_forged_token_is_a_401(token):
    response = Client().get(f"{API}/credentials", **bearer("forged" + token[6:]))

    assert response.status_code == 401
    assert 'error="invalid_token"' in response["WWW-Authenticate"]
    assert "invalid" in response.json()["imsx_description"]


def test_an_expired_token_is_a_401(token):
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        response = Client().get(f"{API}/credentials", **bearer(token))

    assert response.status_code == 401
    assert "expired" in response.json()["imsx_description"]


def test_a_token_meant_for_another_server_is_a_401(token):
    AccessToken.objects.update(resource=["https://elsewhere.example/api/"])

    response = Client().get(f"{API}/credentials", **bearer(token))

    assert response.status_code == 401
    assert 'error="invalid_token"' in response["WWW-Authenticate"]


def test_a_token_in_the_query_string_is_refused(token):
    response = Client().get(f"{API}/credentials?access_token={token}")

    assert response.status_code == 401


def test_a_closed_account_has_no_access(token, earner):
    type(earner).objects.filter(pk=earner.pk).update(is_active=False)

    response = Client().get(f"{API}/credentials", **bearer(token))

    assert response.status_code == 401
    assert "closed" in response.json()["imsx_description"]


@pytest.mark.parametrize(
    ("method", "path", "needs"),
    [
        ("get", "/credentials", scopes.CREDENTIAL_READONLY),
        ("post", "/credentials", scopes.CREDENTIAL_UPSERT),
        ("get", "/profile", scopes.PROFILE_READONLY),
        ("put", "/profile", scopes.PROFILE_UPDATE),
    ],
)
def test_every_endpoint_needs_its_own_scope(browser, method, path, needs):
    others = [s for s in scopes.AREAS["ob"] if s not in (needs, scopes.OFFLINE_ACCESS)]
    token = token_for(browser, " ".join(others))

    body = {} if method == "get" else {"data": "{}", "content_type": "application/json"}
    response = getattr(Client(), method)(f"{API}{path}", **body, **bearer(token))

    assert response.status_code == 403
    assert minor(response) == "forbidden"
    assert 'error="insufficient_scope"' in response["WWW-Authenticate"]
    assert needs in response.json()["imsx_description"]


@pytest.mark.parametrize(("path", "method"), [("/credentials", "put"), ("/profile", "post")])
def test_a_method_the_endpoint_does_not_take_is_a_405(token, path, method):
    response = getattr(Client(), method)(f"{API}{path}", **bearer(token))

    assert response.status_code == 405
    assert minor(response) == "not_allowed"


# -- getCredentials ----------------------------------------------------------------------


def test_an_earner_gets_their_signed_credentials_and_each_verifies(
    token, earner, issuer, issuer_admin
):
    award = signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)

    response = Client().get(f"{API}/credentials", **bearer(token))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    assert response["X-Total-Count"] == "1"
    body = response.json()
    assert body["compactJwsStrings"] == []
    (credential,) = body["credentials"]
    assert credential == json.loads(award.credential_json)
    assert verify.verify_credential(credential).verified


def test_nobody_else_s_credentials_are_given(token, outsider, issuer, issuer_admin):
    signed_award(outsider, issuer_admin=issuer_admin, micro_credential__issuer=issuer)

    response = Client().get(f"{API}/credentials", **bearer(token))

    assert response.json()["credentials"] == []
    assert response["X-Total-Count"] == "0"


def test_credentials_come_a_page_at_a_time_with_links(token, earner):
    for number in range(5):
        HeldCredential.objects.create(
            earner=earner,
            credential_id=f"urn:x:{number}",
            issuer_id="did:key:x",
            credential_json=json.dumps({"id": f"urn:x:{number}"}),
        )

    response = Client().get(f"{API}/credentials?limit=2&offset=2", **bearer(token))

    assert [c["id"] for c in response.json()["credentials"]] == ["urn:x:2", "urn:x:3"]
    assert response["X-Total-Count"] == "5"
    links = response["Link"]
    base = "http://testserver/ims/ob/v3p0/credentials"
    assert f'<{base}?limit=2&offset=4>; rel="next"' in links
    assert f'<{base}?limit=2&offset=0>; rel="prev"' in links
    assert f'<{base}?limit=2&offset=0>; rel="first"' in links
    assert f'<{base}?limit=2&offset=4>; rel="last"' in links


def test_since_leaves_out_older_credentials(token, earner):
    with time_machine.travel(timezone.now() - timedelta(days=3)):
        HeldCredential.objects.create(
            earner=earner, credential_id="urn:old", issuer_id="x", credential_json="{}"
        )
    HeldCredential.objects.create(
        earner=earner, credential_id="urn:new", issuer_id="x", compact_jws="a.b.c"
    )
    since = (timezone.now() - timedelta(days=1)).isoformat()

    response = Client().get(f"{API}/credentials", {"since": since}, **bearer(token))

    assert response.json() == {"credentials": [], "compactJwsStrings": ["a.b.c"]}
    assert "since=" in response["Link"]


@pytest.mark.parametrize(
    "query", ["limit=0", "limit=x", "offset=-1", "since=yesterday", "since=2025-01-01T00:00:00"]
)
def test_a_bad_query_parameter_is_a_400(token, query):
    response = Client().get(f"{API}/credentials?{query}", **bearer(token))

    assert response.status_code == 400
    assert minor(response) == "invalid_query_parameter"


# -- upsertCredential --------------------------------------------------------------------


def test_a_credential_from_another_issuer_is_kept_and_read_back_equal(token, earner):
    credential = outside.signed_json()

    response = upsert(token, credential)

    assert response.status_code == 201
    assert response.json() == credential
    held = HeldCredential.objects.get(earner=earner)
    assert held.issuer_name == "Example Badges"
    assert held.name == "Leading restorative circles"
    read = Client().get(f"{API}/credentials", **bearer(token)).json()
    assert read["credentials"] == [credential]
    assert verify.verify_credential(read["credentials"][0]).verified


def test_a_compact_jws_is_kept_as_it_came(token, earner):
    jws = outside.signed_jws()

    response = upsert(token, jws, content_type="text/plain")

    assert response.status_code == 201
    assert response.content.decode() == jws
    read = Client().get(f"{API}/credentials", **bearer(token)).json()
    assert read["compactJwsStrings"] == [jws]


def test_the_same_credential_again_changes_nothing(token, earner):
    credential = outside.signed_json()
    upsert(token, credential)

    response = upsert(token, credential)

    assert response.status_code == 200
    assert HeldCredential.objects.filter(earner=earner).count() == 1


def test_a_credential_with_the_same_id_replaces_the_earlier(token, earner):
    first = outside.signed_jws()
    upsert(token, first, content_type="text/plain")
    held = HeldCredential.objects.get()
    second = outside.signed_json()
    second_id = second["id"]
    # What was kept under the id the issuer now signs afresh.
    HeldCredential.objects.filter(pk=held.pk).update(credential_id=second_id)

    response = upsert(token, second)

    assert response.status_code == 200
    held.refresh_from_db()
    assert held.compact_jws == ""
    assert json.loads(held.credential_json) == second


@pytest.mark.parametrize(
    ("body", "content_type", "words"),
    [
        (lambda: outside.unsigned("did:key:z6Mkx"), "application/json", "not signed"),
        (lambda: outside.tampered(outside.signed_json()), "application/json", "does not verify"),
        (lambda: outside.signed_jws()[:-4] + "AAAA", "text/plain", "does not verify"),
        (lambda: "not a credential", "text/plain", "Send an AchievementCredential"),
        (lambda: "[1, 2]", "application/json", "JSON object"),
        (lambda: {"type": ["VerifiableCredential"], "id": "x"}, "application/json", "Open Badges"),
        (lambda: {**outside.signed_json(), "id": ""}, "application/json", "no id"),
    ],
)
def test_a_credential_that_does_not_verify_is_refused_and_nothing_kept(
    token, body, content_type, words
):
    response = upsert(token, body(), content_type=content_type)

    assert response.status_code == 400
    assert response.json()["imsx_codeMajor"] == "failure"
    assert minor(response) == "invalid_data"
    assert words in response.json()["imsx_description"]
    assert not HeldCredential.objects.exists()


def test_an_oversized_credential_is_refused_unread(token, settings):
    settings.CONNECT_MAX_CREDENTIAL_BYTES = 2048
    credential = outside.signed_json()
    credential["description"] = "x" * 4096

    response = upsert(token, credential)

    assert response.status_code == 413
    assert "at most 2 KB" in response.json()["imsx_description"]
    assert not HeldCredential.objects.exists()


def test_an_oversized_credential_is_refused_by_the_service_too(earner, settings):
    from microcred.connect import services

    settings.CONNECT_MAX_CREDENTIAL_BYTES = 10
    with pytest.raises(services.ConnectProblem):
        services.upsert_credential(earner, json.dumps(outside.signed_json()))


def test_another_content_type_is_refused(token):
    response = upsert(token, "<credential/>", content_type="application/xml")

    assert response.status_code == 415


def test_a_body_that_is_not_utf8_is_refused(token):
    response = upsert(token, b"\xff\xfe", content_type="text/plain")

    assert response.status_code == 400


# -- Profile -----------------------------------------------------------------------------


def test_the_profile_names_the_earner(token, earner):
    response = Client().get(f"{API}/profile", **bearer(token))

    profile = response.json()
    assert profile["type"] == ["Profile"]
    assert profile["name"] == earner.name
    assert profile["email"] == earner.email
    assert profile["id"].startswith("urn:uuid:")


def test_put_profile_changes_the_name(token, earner):
    profile = Client().get(f"{API}/profile", **bearer(token)).json()

    response = Client().put(
        f"{API}/profile",
        json.dumps(profile | {"name": "Ada Lovelace"}),
        content_type="application/json",
        **bearer(token),
    )

    assert response.status_code == 200
    assert response.json()["name"] == "Ada Lovelace"
    earner.refresh_from_db()
    assert earner.name == "Ada Lovelace"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("not json", "not JSON"),
        ("[]", "JSON object"),
        ('{"name": "  "}', "needs a name"),
        ('{"name": "Ada", "email": "other@example.org"}', "e-mail address"),
    ],
)
def test_a_bad_profile_is_refused_and_nothing_changes(token, earner, body, words):
    before = earner.name

    response = Client().put(
        f"{API}/profile", body, content_type="application/json", **bearer(token)
    )

    assert response.status_code == 400
    assert words in response.json()["imsx_description"]
    earner.refresh_from_db()
    assert earner.name == before


# -- In the earner's backpack ------------------------------------------------------------


def test_a_credential_an_app_brought_is_in_the_backpack_to_download_as_signed(
    token, earner, browser, wallet
):
    credential = outside.signed_json()
    upsert(token, credential)
    held = HeldCredential.objects.get(earner=earner)

    page = browser.get("/backpack/").content.decode()
    assert 'From other issuers <span class="count">(1)</span>' in page
    assert "Leading restorative circles" in page
    assert "Issued by Example Badges" in page
    assert "added by Pocket Wallet" in page

    download = browser.get(f"/backpack/held/{held.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == f'attachment; filename="credential-{held.pk}.json"'
    assert download.content.decode() == held.credential_json
    assert verify.verify_credential(json.loads(download.content)).verified


def test_a_vc_jwt_an_app_brought_downloads_as_it_came(token, earner, browser):
    jws = outside.signed_jws()
    upsert(token, jws, content_type="text/plain")
    held = HeldCredential.objects.get(earner=earner)
    download = browser.get(f"/backpack/held/{held.pk}/download/")
    assert download["Content-Type"] == "application/vc+jwt"
    assert download.content.decode() == jws


def test_the_earner_removes_a_credential_an_app_brought(token, earner, browser):
    upsert(token, outside.signed_json())
    held = HeldCredential.objects.get(earner=earner)
    response = browser.post(f"/backpack/held/{held.pk}/remove/", follow=True)
    assert "Leading restorative circles is no longer in your backpack." in response.content.decode()
    assert not HeldCredential.objects.exists()
    assert 'From other issuers <span class="count">(0)</span>' in response.content.decode()


def test_nobody_else_downloads_or_removes_an_earners_credential(token, earner, outsider):
    upsert(token, outside.signed_json())
    held = HeldCredential.objects.get(earner=earner)
    other = Client()
    other.force_login(outsider)
    assert other.get(f"/backpack/held/{held.pk}/download/").status_code == 404
    assert other.post(f"/backpack/held/{held.pk}/remove/").status_code == 404
    assert HeldCredential.objects.filter(pk=held.pk).exists()
