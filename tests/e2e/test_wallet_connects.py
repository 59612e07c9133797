"""A wallet connects through the Open Badges 3.0 API, in a real browser: it reads the
discovery document and registers; the earner signs in and approves it on the consent page
(on a phone, and with JavaScript off); the wallet trades the code for tokens, fetches the
earner's credentials, upserts one from another issuer, reads back an equal credential and
verifies it."""

import base64
import hashlib
import json
import re
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

import requests
from playwright.sync_api import expect

from microcred.connect.tests import outside
from microcred.credentials.tests.factories import signed_award
from microcred.credentials.verification import verify

from .conftest import assert_accessible

PASSWORD = "correct horse battery staple"
PHONE = {"width": 375, "height": 740}
REDIRECT = "https://wallet.example/callback"
OB = "https://purl.imsglobal.org/spec/ob/v3p0/scope/"
SCOPE = f"{OB}credential.readonly {OB}credential.upsert {OB}profile.readonly"


def _consent(page, url: str) -> str:
    """Approve on the consent page; the code the wallet's address receives."""
    received = []

    def wallet(route):
        received.append(route.request.url)
        route.fulfill(status=200, body="Connected.", content_type="text/plain")

    page.route("https://wallet.example/**", wallet)
    page.goto(url)
    expect(
        page.get_by_role("heading", name="Connect Pocket Wallet to your backpack")
    ).to_be_visible()
    expect(page.get_by_text("See the credentials you have earned here")).to_be_visible()
    page.get_by_role("button", name="Allow Pocket Wallet").click()
    expect(page.get_by_text("Connected.")).to_be_visible()
    (url,) = received
    return parse_qs(urlsplit(url).query)["code"][0]


def test_a_wallet_connects_reads_and_adds_a_credential(
    new_page, live_server, earner, issuer, issuer_admin
):
    signed_award(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    server = live_server.url
    discovery = requests.get(f"{server}/ims/ob/v3p0/discovery", timeout=10).json()
    oauth = discovery["components"]["securitySchemes"]["OAuth2ACG"]
    flow = oauth["flows"]["authorizationCode"]
    registered = requests.post(
        oauth["x-imssf-registrationUrl"],
        json={
            "client_name": "Pocket Wallet",
            "client_uri": "https://wallet.example/",
            "logo_uri": "https://wallet.example/logo.png",
            "redirect_uris": [REDIRECT],
            "grant_types": ["authorization_code", "refresh_token"],
            "response_types": ["code"],
            "scope": SCOPE,
        },
        timeout=10,
    ).json()
    client = (registered["client_id"], registered["client_secret"])

    verifier = secrets.token_urlsafe(48)
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    )
    authorize = (
        flow["authorizationUrl"]
        + "?"
        + urlencode(
            {
                "response_type": "code",
                "client_id": client[0],
                "redirect_uri": REDIRECT,
                "scope": SCOPE,
                "state": "xyz",
                "code_challenge": challenge,
                "code_challenge_method": "S256",
            }
        )
    )

    page = new_page(viewport=PHONE)
    page.goto(authorize)
    page.get_by_label("Email").fill(earner.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Allow Pocket Wallet")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    code = _consent(page, authorize)

    tokens = requests.post(
        flow["tokenUrl"],
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "code_verifier": verifier,
        },
        auth=client,
        timeout=10,
    )
    assert tokens.headers["Cache-Control"] == "no-store"
    access = {"Authorization": f"Bearer {tokens.json()['access_token']}"}
    api = discovery["servers"][0]["url"]

    mine = requests.get(f"{api}/credentials", headers=access, timeout=10)
    assert mine.headers["X-Total-Count"] == "1"
    assert verify.verify_credential(mine.json()["credentials"][0]).verified

    brought = outside.signed_json()
    added = requests.post(f"{api}/credentials", json=brought, headers=access, timeout=10)
    assert added.status_code == 201
    everything = requests.get(f"{api}/credentials", headers=access, timeout=10).json()
    (read_back,) = [c for c in everything["credentials"] if c["id"] == brought["id"]]
    assert read_back == brought
    assert verify.verify_credential(read_back).verified

    # The credential the wallet brought is in the earner's backpack, on a phone.
    page.goto("/backpack/")
    held = page.get_by_role("region", name=re.compile("From other issuers"))
    expect(held.get_by_role("heading", name="Leading restorative circles")).to_be_visible()
    expect(held.get_by_text("Issued by Example Badges · added by Pocket Wallet")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)
    with page.expect_download() as download:
        held.get_by_role("link", name=re.compile("Download Leading restorative circles")).click()
    assert json.loads(download.value.path().read_text()) == brought

    # The earner sees the app under their profile and disconnects it.
    page.goto("/profile/apps/")
    expect(page.get_by_text("Pocket Wallet")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Disconnect Pocket Wallet").click()
    expect(page.get_by_text("No app is connected to your account.")).to_be_visible()
    assert requests.get(f"{api}/credentials", headers=access, timeout=10).status_code == 401


def test_the_consent_page_works_without_javascript(new_page, live_server, earner):
    registered = requests.post(
        f"{live_server.url}/ims/ob/v3p0/oauth/register",
        data=json.dumps(
            {
                "client_name": "Pocket Wallet",
                "client_uri": "https://wallet.example/",
                "redirect_uris": [REDIRECT],
                "scope": SCOPE,
            }
        ),
        headers={"Content-Type": "application/json"},
        timeout=10,
    ).json()
    query = urlencode(
        {
            "response_type": "code",
            "client_id": registered["client_id"],
            "redirect_uri": REDIRECT,
            "scope": SCOPE,
            "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            "code_challenge_method": "S256",
        }
    )
    page = new_page(java_script_enabled=False)
    page.goto(f"/ims/ob/v3p0/oauth/authorize?{query}")
    page.get_by_label("Email").fill(earner.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    code = _consent(page, f"/ims/ob/v3p0/oauth/authorize?{query}")
    assert re.fullmatch(r"[A-Za-z0-9]+", code)
