"""1EdTech's Open Badges 2.0 validator (`openbadges` on PyPI) run against what this
platform serves.

Its HTTP requests are answered at the edge: a `requests` adapter hands every request for
BASE_URL to Django's test client, so the validator reads exactly what the views serve; the
OB 2.0 JSON-LD context comes from the copy shipped in `credentials/formats/contexts/`; anything else
is a connection error.

openbadges 1.1.2 was written for PyLD 0.7, whose document loaders took only a URL and
returned the text. PyLD 3 calls `loader(url, options)` and expects the parsed document and
its content type; `pyld_compatible_loader` adapts the validator's own loader to that.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import requests
from django.conf import settings
from django.test import Client
from openbadges.verifier import utils as validator_utils
from openbadges.verifier import verify
from requests.adapters import BaseAdapter

CONTEXTS = Path(__file__).resolve().parents[1] / "formats" / "contexts"
OB2_CONTEXT = "https://w3id.org/openbadges/v2"


class DjangoAdapter(BaseAdapter):
    """Answers the validator's requests from our views (and the shipped OB 2.0 context)."""

    def __init__(self):
        super().__init__()
        self.client = Client()
        self.requested: list[str] = []

    def send(self, request, **kwargs):
        self.requested.append(request.url)
        response = requests.Response()
        response.url, response.request = request.url, request
        if request.url.rstrip("/") == OB2_CONTEXT:
            response.status_code = 200
            response._content = (CONTEXTS / "ob-v2.jsonld").read_bytes()
            response.headers["Content-Type"] = "application/ld+json"
            return response
        if not request.url.startswith(settings.BASE_URL + "/"):
            raise requests.ConnectionError(f"No network in tests: {request.url}")
        answer = self.client.get(
            request.url[len(settings.BASE_URL) :],
            headers={"Accept": request.headers.get("Accept", "*/*")},
        )
        response.status_code = answer.status_code
        response._content = b"".join(answer) if answer.streaming else answer.content
        for name, value in answer.items():
            response.headers[name] = value
        return response

    def close(self):
        pass


def pyld_compatible(call):
    def loader(self, url, options=None):
        document = call(self, url)
        document.setdefault("contentType", "application/ld+json")
        if isinstance(document.get("document"), str):
            document["document"] = json.loads(document["document"])
        return document

    return loader


def run_validator(badge_input) -> dict:
    # The validator calls APIs its newer dependencies deprecate (rfc3986's is_valid_uri);
    # those warnings are about it, not about what we serve.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return verify(badge_input, use_cache=False, cache_backend=None)


def answered_by_our_views(monkeypatch):
    """The validator, its HTTP requests answered by our views for the rest of the test."""
    adapter = DjangoAdapter()
    monkeypatch.setattr(requests.Session, "get_adapter", lambda self, url: adapter)
    monkeypatch.setattr(
        validator_utils.CachableDocumentLoader,
        "__call__",
        pyld_compatible(validator_utils.CachableDocumentLoader.__call__),
    )
    run_validator.adapter = adapter
    return run_validator


def errors(result: dict) -> list[str]:
    return [
        f"{m.get('name')}: {m.get('result')}"
        for m in result["report"]["messages"]
        if m.get("messageLevel") == "ERROR"
    ]


def passes(result: dict) -> bool:
    """Valid in the validator's report, and not revoked. The validator reports the hosted
    assertion's `revoked` in its graph but does not count it as an error itself (it checks
    revocation lists for signed assertions only), so a revoked badge is read from there."""
    revoked = any(node.get("revoked") is True for node in result.get("graph", []))
    return result["report"]["valid"] and not revoked
