"""A wallet as the spec describes one, driven through the Django test client: it
registers, sends the earner to consent, trades the code for tokens and calls the API."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

from django.test import Client

from microcred.connect import scopes

REDIRECT = "https://wallet.example/callback"
ALL = " ".join(
    [
        scopes.CREDENTIAL_READONLY,
        scopes.CREDENTIAL_UPSERT,
        scopes.PROFILE_READONLY,
        scopes.PROFILE_UPDATE,
        scopes.OFFLINE_ACCESS,
    ]
)


def metadata(**changes) -> dict:
    document = {
        "client_name": "Pocket Wallet",
        "client_uri": "https://wallet.example/",
        "logo_uri": "https://wallet.example/logo.png",
        "tos_uri": "https://wallet.example/terms",
        "policy_uri": "https://wallet.example/privacy",
        "software_id": "c88b6ed8-269e-448e-99be-7e2ff47167d1",
        "software_version": "1.0",
        "redirect_uris": [REDIRECT],
        "token_endpoint_auth_method": "client_secret_basic",
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "scope": ALL,
    }
    document.update(changes)
    return {k: v for k, v in document.items() if v is not None}


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    return verifier, challenge.rstrip(b"=").decode()


@dataclass
class Wallet:
    client_id: str
    client_secret: str
    http: Client

    @classmethod
    def register(cls, http: Client | None = None, **changes) -> Wallet:
        http = http or Client()
        response = http.post(
            "/ims/ob/v3p0/oauth/register",
            json.dumps(metadata(**changes)),
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
        answer = response.json()
        return cls(answer["client_id"], answer["client_secret"], http)

    @property
    def basic(self) -> str:
        pair = f"{self.client_id}:{self.client_secret}".encode()
        return "Basic " + base64.b64encode(pair).decode()

    def authorize_query(self, *, scope=ALL, challenge=None, method="S256", **extra) -> str:
        params = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": REDIRECT,
            "scope": scope,
            "state": "af0ifjsldkj",
        }
        if challenge is not None:
            params["code_challenge"] = challenge
            params["code_challenge_method"] = method
        params.update(extra)
        return "/ims/ob/v3p0/oauth/authorize?" + urlencode(
            {k: v for k, v in params.items() if v is not None}
        )

    def consent(self, browser: Client, *, scope=ALL, allow=True) -> tuple[str, str]:
        """The earner (signed in on `browser`) approves; returns (code, verifier)."""
        verifier, challenge = pkce()
        page = browser.get(self.authorize_query(scope=scope, challenge=challenge))
        assert page.status_code == 200, page.content
        form = page.context["form"]
        data = {name: form[name].value() or "" for name in form.fields}
        if allow:
            data["allow"] = "Authorize"
        answer = browser.post("/ims/ob/v3p0/oauth/authorize", data)
        assert answer.status_code == 302, answer.content
        query = parse_qs(urlsplit(answer["Location"]).query)
        return query.get("code", [""])[0], verifier

    def token(self, **form):
        return self.http.post(
            "/ims/ob/v3p0/oauth/token",
            urlencode(form),
            content_type="application/x-www-form-urlencoded",
            HTTP_AUTHORIZATION=self.basic,
        )

    def exchange(self, code: str, verifier: str):
        return self.token(
            grant_type="authorization_code",
            code=code,
            redirect_uri=REDIRECT,
            code_verifier=verifier,
            scope=ALL,
        )

    def connect(self, browser: Client, *, scope=ALL) -> dict:
        code, verifier = self.consent(browser, scope=scope)
        response = self.exchange(code, verifier)
        assert response.status_code == 200, response.content
        return response.json()


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
