"""The authorization server as OB 3.0 §7 profiles it: registration, consent, PKCE (S256
only), tokens, refresh and revocation, and every refused request refused clearly."""

import json
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from oauth2_provider.models import AccessToken, Application, Grant, RefreshToken

from microcred.connect import scopes
from microcred.connect.models import ClientProfile

from .wallet import ALL, REDIRECT, Wallet, bearer, metadata, pkce

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser(earner):
    client = Client()
    client.force_login(earner)
    return client


@pytest.fixture
def wallet():
    return Wallet.register()


def register(document):
    return Client().post(
        "/ims/ob/v3p0/oauth/register", json.dumps(document), content_type="application/json"
    )


# -- Registration ------------------------------------------------------------------------


def test_a_wallet_registers_and_gets_its_credentials_once():
    response = register(metadata())

    assert response.status_code == 201
    assert response["Cache-Control"] == "no-store"
    answer = response.json()
    assert answer["client_name"] == "Pocket Wallet"
    assert answer["redirect_uris"] == [REDIRECT]
    assert answer["scope"] == ALL
    assert answer["grant_types"] == ["authorization_code", "refresh_token"]
    assert answer["client_secret"]
    assert answer["client_id_issued_at"] > 0
    application = Application.objects.get(client_id=answer["client_id"])
    # Only the secret's hash is kept.
    assert application.client_secret != answer["client_secret"]
    assert application.connect_profile.logo_uri == "https://wallet.example/logo.png"


@pytest.mark.parametrize(
    ("changes", "error", "words"),
    [
        ({"client_name": None}, "invalid_client_metadata", "client_name is required"),
        ({"client_uri": "http://wallet.example/"}, "invalid_client_metadata", "https URL"),
        ({"logo_uri": "javascript:alert(1)"}, "invalid_client_metadata", "logo_uri"),
        ({"redirect_uris": []}, "invalid_redirect_uri", "at least one"),
        ({"redirect_uris": ["http://wallet.example/cb"]}, "invalid_redirect_uri", "https"),
        ({"redirect_uris": ["https://wallet.example/cb#x"]}, "invalid_redirect_uri", "no #"),
        ({"scope": "https://example.org/admin"}, "invalid_client_metadata", "Unknown scope"),
        ({"scope": None}, "invalid_client_metadata", "scope is required"),
        ({"grant_types": ["client_credentials"]}, "invalid_client_metadata", "grant_types"),
        ({"response_types": ["token"]}, "invalid_client_metadata", "response_types"),
        ({"token_endpoint_auth_method": "none"}, "invalid_client_metadata", "client_secret"),
        ({"contacts": "me@example.org"}, "invalid_client_metadata", "contacts"),
        ({"client_name": "x" * 201}, "invalid_client_metadata", "longer than"),
        ({"software_id": 7}, "invalid_client_metadata", "must be a string"),
    ],
)
def test_a_registration_the_spec_does_not_allow_is_refused(changes, error, words):
    response = register(metadata(**changes))

    assert response.status_code == 400
    assert response.json()["error"] == error
    assert words in response.json()["error_description"]
    assert not Application.objects.exists()
    assert not ClientProfile.objects.exists()


def test_a_registration_that_is_not_json_is_refused():
    response = Client().post(
        "/ims/ob/v3p0/oauth/register", "client_name=x", content_type="text/plain"
    )

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_client_metadata"


# -- Consent -----------------------------------------------------------------------------


def test_the_consent_page_names_the_app_and_what_it_asks_in_plain_words(wallet, browser):
    _, challenge = pkce()
    page = browser.get(wallet.authorize_query(challenge=challenge))

    text = page.content.decode()
    assert "Connect Pocket Wallet to your backpack" in text
    assert "See the credentials you have earned here" in text
    assert "Add credentials to your backpack here, or replace them" in text
    # The logo is named, not fetched.
    assert "https://wallet.example/logo.png" in text
    assert "<img" not in text.split("<main", 1)[1]
    assert "form-action 'self' https://wallet.example" in page["Content-Security-Policy"]


def test_a_signed_out_earner_signs_in_first(wallet):
    _, challenge = pkce()
    response = Client().get(wallet.authorize_query(challenge=challenge))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_approving_sends_a_code_with_the_scope_and_state(wallet, browser):
    verifier, challenge = pkce()
    page = browser.get(
        wallet.authorize_query(challenge=challenge, scope=scopes.CREDENTIAL_READONLY)
    )
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields} | {"allow": "Authorize"}

    answer = browser.post("/ims/ob/v3p0/oauth/authorize", data)

    location = urlsplit(answer["Location"])
    query = parse_qs(location.query)
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    assert query["state"] == ["af0ifjsldkj"]
    assert query["scope"] == [scopes.CREDENTIAL_READONLY]
    assert Grant.objects.filter(code_challenge_method="S256").count() == 1


def test_denying_tells_the_app_and_grants_nothing(wallet, browser):
    code, _ = wallet.consent(browser, allow=False)

    assert code == ""
    assert not Grant.objects.exists()


def test_denying_sends_access_denied_with_the_state(wallet, browser):
    _, challenge = pkce()
    page = browser.get(wallet.authorize_query(challenge=challenge))
    form = page.context["form"]

    answer = browser.post(
        "/ims/ob/v3p0/oauth/authorize", {name: form[name].value() or "" for name in form.fields}
    )

    query = parse_qs(urlsplit(answer["Location"]).query)
    assert query["error"] == ["access_denied"]
    assert query["state"] == ["af0ifjsldkj"]


def test_a_request_without_pkce_is_refused(wallet, browser):
    answer = browser.get(wallet.authorize_query(challenge=None))

    query = parse_qs(urlsplit(answer["Location"]).query)
    assert query["error"] == ["invalid_request"]
    assert "challenge" in query["error_description"][0].lower()


def test_the_plain_pkce_method_is_refused(wallet, browser):
    answer = browser.get(wallet.authorize_query(challenge="a" * 43, method="plain"))

    query = parse_qs(urlsplit(answer["Location"]).query)
    assert query["error"] == ["invalid_request"]
    assert "S256" in query["error_description"][0]


def test_a_redirect_uri_the_app_did_not_register_is_refused_on_the_page(wallet, browser):
    _, challenge = pkce()
    page = browser.get(
        wallet.authorize_query(challenge=challenge, redirect_uri="https://evil.example/cb")
    )

    # Never sent to an address the app did not register: the earner reads why here.
    assert page.status_code == 400
    assert "This app cannot connect" in page.content.decode()
    assert "redirect" in page.content.decode().lower()


def test_an_unknown_client_is_refused_on_the_page(browser):
    _, challenge = pkce()
    page = browser.get(Wallet("nobody", "x", Client()).authorize_query(challenge=challenge))

    assert "This app cannot connect" in page.content.decode()


def test_a_scope_the_app_did_not_register_is_refused(browser):
    wallet = Wallet.register(scope=scopes.CREDENTIAL_READONLY)
    _, challenge = pkce()

    answer = browser.get(
        wallet.authorize_query(challenge=challenge, scope=scopes.CREDENTIAL_UPSERT)
    )

    assert parse_qs(urlsplit(answer["Location"]).query)["error"] == ["invalid_scope"]


def test_a_scope_added_to_the_consent_form_is_refused(browser):
    wallet = Wallet.register(scope=scopes.CREDENTIAL_READONLY)
    _, challenge = pkce()
    page = browser.get(
        wallet.authorize_query(challenge=challenge, scope=scopes.CREDENTIAL_READONLY)
    )
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields} | {"allow": "Authorize"}
    data["scope"] = f"{scopes.CREDENTIAL_READONLY} {scopes.CREDENTIAL_UPSERT}"

    answer = browser.post("/ims/ob/v3p0/oauth/authorize", data)

    assert parse_qs(urlsplit(answer["Location"]).query)["error"] == ["invalid_scope"]
    assert not Grant.objects.exists()


# -- Tokens ------------------------------------------------------------------------------


def test_a_code_and_its_verifier_give_tokens_with_the_scope_never_cached(wallet, browser):
    code, verifier = wallet.consent(browser)

    response = wallet.exchange(code, verifier)

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response["Pragma"] == "no-cache"
    answer = response.json()
    assert answer["token_type"] == "Bearer"
    assert answer["expires_in"] == 3600
    assert set(answer["scope"].split()) == set(ALL.split())
    assert answer["refresh_token"]


def test_a_wrong_pkce_verifier_gets_no_token(wallet, browser):
    code, _ = wallet.consent(browser)

    response = wallet.exchange(code, pkce()[0])

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"
    assert not AccessToken.objects.exists()


def test_a_code_is_used_once(wallet, browser):
    code, verifier = wallet.consent(browser)
    assert wallet.exchange(code, verifier).status_code == 200

    replay = wallet.exchange(code, verifier)

    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"
    assert AccessToken.objects.count() == 1


def test_a_code_for_another_redirect_uri_gets_no_token(wallet, browser):
    code, verifier = wallet.consent(browser)

    response = wallet.token(
        grant_type="authorization_code",
        code=code,
        redirect_uri="https://wallet.example/other",
        code_verifier=verifier,
    )

    assert response.status_code == 400
    assert response.json()["error"] in ("invalid_request", "invalid_grant")
    assert not AccessToken.objects.exists()


def test_a_code_given_to_one_app_is_no_use_to_another(wallet, browser):
    code, verifier = wallet.consent(browser)
    thief = Wallet.register()

    response = thief.exchange(code, verifier)

    assert response.status_code == 400
    assert not AccessToken.objects.exists()


def test_a_wrong_client_secret_gets_no_token(wallet, browser):
    code, verifier = wallet.consent(browser)
    wallet.client_secret = "guessed"

    response = wallet.exchange(code, verifier)

    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_an_expired_code_gets_no_token(wallet, browser):
    code, verifier = wallet.consent(browser)

    with time_machine.travel(timezone.now() + timedelta(minutes=2)):
        response = wallet.exchange(code, verifier)

    assert response.json()["error"] == "invalid_grant"


def test_a_refresh_gives_a_new_pair_and_ends_the_old_one(wallet, browser):
    tokens = wallet.connect(browser)

    response = wallet.token(grant_type="refresh_token", refresh_token=tokens["refresh_token"])

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    fresh = response.json()
    assert fresh["access_token"] != tokens["access_token"]
    assert set(fresh["scope"].split()) == set(ALL.split())
    again = wallet.token(grant_type="refresh_token", refresh_token=tokens["refresh_token"])
    assert again.json()["error"] == "invalid_grant"


def test_a_refresh_may_narrow_the_scope_but_not_widen_it(browser):
    wallet = Wallet.register(scope=f"{scopes.CREDENTIAL_READONLY} {scopes.PROFILE_READONLY}")
    tokens = wallet.connect(browser, scope=scopes.CREDENTIAL_READONLY)

    wider = wallet.token(
        grant_type="refresh_token",
        refresh_token=tokens["refresh_token"],
        scope=f"{scopes.CREDENTIAL_READONLY} {scopes.PROFILE_READONLY}",
    )

    assert wider.status_code == 400
    assert wider.json()["error"] == "invalid_scope"


def test_a_refresh_token_is_no_use_to_another_app(wallet, browser):
    tokens = wallet.connect(browser)
    thief = Wallet.register()

    response = thief.token(grant_type="refresh_token", refresh_token=tokens["refresh_token"])

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"


def test_revoking_an_access_token_ends_it(wallet, browser):
    tokens = wallet.connect(browser)

    response = wallet.http.post(
        "/ims/ob/v3p0/oauth/revoke",
        {"token": tokens["access_token"], "token_type_hint": "access_token"},
        HTTP_AUTHORIZATION=wallet.basic,
    )

    assert response.status_code == 200
    api = Client().get("/ims/ob/v3p0/credentials", **bearer(tokens["access_token"]))
    assert api.status_code == 401


def test_revoking_a_refresh_token_ends_it(wallet, browser):
    tokens = wallet.connect(browser)

    wallet.http.post(
        "/ims/ob/v3p0/oauth/revoke",
        {"token": tokens["refresh_token"], "token_type_hint": "refresh_token"},
        HTTP_AUTHORIZATION=wallet.basic,
    )

    again = wallet.token(grant_type="refresh_token", refresh_token=tokens["refresh_token"])
    assert again.json()["error"] == "invalid_grant"


def test_revoking_an_unknown_token_answers_the_same(wallet):
    response = wallet.http.post(
        "/ims/ob/v3p0/oauth/revoke", {"token": "nothing-like-it"}, HTTP_AUTHORIZATION=wallet.basic
    )

    assert response.status_code == 200


# -- The earner's connected apps ---------------------------------------------------------


def test_an_earner_sees_the_apps_they_connected_in_plain_words(wallet, browser):
    wallet.connect(browser)

    page = browser.get("/profile/apps/")

    text = page.content.decode()
    assert "Pocket Wallet" in text
    assert "See the credentials you have earned here" in text


def test_disconnecting_ends_every_token_of_the_app(wallet, browser, earner):
    tokens = wallet.connect(browser)

    response = browser.post(f"/profile/apps/{wallet.client_id}/disconnect/")

    assert response.status_code == 302
    assert not AccessToken.objects.filter(user=earner).exists()
    assert not RefreshToken.objects.filter(user=earner, revoked__isnull=True).exists()
    api = Client().get("/ims/ob/v3p0/credentials", **bearer(tokens["access_token"]))
    assert api.status_code == 401
    refresh = wallet.token(grant_type="refresh_token", refresh_token=tokens["refresh_token"])
    assert refresh.json()["error"] == "invalid_grant"
    assert "No app is connected" in browser.get("/profile/apps/").content.decode()


def test_disconnecting_touches_nobody_else(wallet, browser, earner, outsider):
    other = Client()
    other.force_login(outsider)
    wallet.connect(other)

    browser.post(f"/profile/apps/{wallet.client_id}/disconnect/")

    assert AccessToken.objects.filter(user=outsider).count() == 1


# -- Limits ------------------------------------------------------------------------------


@pytest.fixture
def limits(settings):
    settings.RATE_LIMITS_ENABLED = True
    settings.PUBLIC_WORK_PER_ADDRESS = 2
    settings.PUBLIC_WORK_OVERALL = 100
    return settings


def test_registrations_from_one_address_past_the_limit_wait_and_register_nothing(limits):
    assert register(metadata()).status_code == 201
    assert register(metadata()).status_code == 201
    refused = register(metadata())
    assert refused.status_code == 429
    assert refused.json()["error"] == "temporarily_unavailable"
    assert int(refused["Retry-After"]) >= 1
    assert refused["Cache-Control"] == "no-store"
    assert ClientProfile.objects.count() == 2


def test_token_requests_from_one_address_past_the_limit_wait(limits, wallet):
    for _ in range(2):
        answer = Client().post("/ims/ob/v3p0/oauth/token", {"grant_type": "refresh_token"})
        assert answer.status_code in (400, 401)
    refused = Client().post("/ims/ob/v3p0/oauth/token", {"grant_type": "refresh_token"})
    assert refused.status_code == 429
    assert "Retry-After" in refused
    revoke = Client().post("/ims/ob/v3p0/oauth/revoke", {"token": "x"})
    assert revoke.status_code == 429
