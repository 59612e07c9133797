"""Finding the public key behind a verification method, and a credential's status list.

Keys pinned by this platform's operator (`PinnedKey`, kept by platform staff in the Django
admin) are read first, from the database. Our own issuers' DID documents and status lists
are read from the database, never over HTTP. Other issuers: did:key is decoded from the
identifier itself; did:web and https key URLs are fetched over HTTPS only, with a timeout
and a size cap, and never from a private, loopback or link-local address, so a credential
cannot make this server probe its own network.

Within one verification (`one_verification`: a credential, a learner record and every
credential inside it, a presentation) each key, DID document and status list is read
once: a record of a hundred credentials by one issuer reads that issuer's DID document and
status list once, not a hundred times, and every credential in it is judged against the
same reading.
"""

from __future__ import annotations

import contextlib
import contextvars
import ipaddress
import json
import socket
from collections.abc import Callable, Iterator
from urllib.parse import unquote, urlsplit

import requests
from django.conf import settings

from ..issuing import keys


class ResolutionError(Exception):
    pass


_readings: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "credential_readings", default=None
)


@contextlib.contextmanager
def one_verification() -> Iterator[None]:
    """What is read inside is read once: keys, DID documents, status lists. Nested uses
    share the outermost one's readings."""
    if _readings.get() is not None:
        yield
        return
    token = _readings.set({})
    try:
        yield
    finally:
        _readings.reset(token)


def read_once(what: tuple, read: Callable):
    """`read()`, or inside `one_verification` what it gave the first time for `what`
    (its answer or its ResolutionError)."""
    readings = _readings.get()
    if readings is None:
        return read()
    if what not in readings:
        try:
            readings[what] = (True, read())
        except ResolutionError as exc:
            readings[what] = (False, exc)
    ok, value = readings[what]
    if not ok:
        raise value
    return value


def _own_prefix() -> str:
    return settings.BASE_URL + "/"


def _own_did_host() -> str:
    from ..issuing import identity

    return identity.web_did("x").rsplit(":issuers:", 1)[0] + ":issuers:"


def own_issuer_slug(did: str) -> str | None:
    """The slug of the issuer of this platform a did:web identifier names, or None."""
    own = _own_did_host()
    return did[len(own) :] if did.startswith(own) and did != own else None


def resolve_did(did: str) -> dict:
    """The DID document of a did:key or did:web identifier."""
    if did.startswith("did:key:"):
        return _did_key_document(did)
    if did.startswith("did:web:"):
        own = _own_did_host()
        if did.startswith(own):
            return _own_did_document(did[len(own) :])
        return fetch_json(did_web_url(did))
    raise ResolutionError(f"The DID method of {did} is not supported (did:web and did:key are).")


def did_web_url(did: str) -> str:
    """did:web:example.com:issuers:1 → https://example.com/issuers/1/did.json (§3.2.1)."""
    parts = did[len("did:web:") :].split(":")
    if not parts or not parts[0]:
        raise ResolutionError(f"{did} is not a valid did:web identifier.")
    host = unquote(parts[0])
    path = "/".join(parts[1:])
    return f"https://{host}/{path}/did.json" if path else f"https://{host}/.well-known/did.json"


def _own_did_document(slug: str) -> dict:
    from microcred.accounts.models import Organization

    from ..issuing import identity

    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise ResolutionError(f"No issuer on this platform is called {slug!r}.")
    return identity.did_document(organization)


def _did_key_document(did: str) -> dict:
    from ..formats import documents

    value = did[len("did:key:") :].split("#")[0]
    try:
        keys.public_key_from_multikey(value)
    except keys.KeyFormatError as exc:
        raise ResolutionError(f"{did} does not hold a key this verifier reads: {exc}") from exc
    method = {
        "id": f"did:key:{value}#{value}",
        "type": "Multikey",
        "controller": f"did:key:{value}",
        "publicKeyMultibase": value,
    }
    return {
        "@context": [documents.DID_V1, documents.MULTIKEY_V1],
        "id": f"did:key:{value}",
        "verificationMethod": [method],
        "assertionMethod": [method["id"]],
        "authentication": [method["id"]],
    }


def verification_method(url: str) -> dict:
    """The verification method object a proof or a JWT `kid` names: a key pinned by this
    platform's operator first (marked `"pinned": True`), then the issuer's published one."""
    if not isinstance(url, str) or not url:
        raise ResolutionError("No verification method is named.")
    return read_once(("method", url), lambda: _verification_method(url))


def _verification_method(url: str) -> dict:
    pinned = pinned_method(url)
    if pinned is not None:
        return pinned
    if url.startswith("did:"):
        did = url.split("#")[0]
        # A DID document may name its methods by the fragment alone (#key-1).
        fragment = url[len(did) :] if url.startswith(did + "#") else None
        method = _method_in(resolve_did(did), url, fragment)
        if method is None:
            raise ResolutionError(f"The DID document of {did} has no key {url}.")
        return method
    if url.startswith("https://"):
        document = fetch_json(url.split("#")[0])
        if document.get("id") == url and (
            "publicKeyMultibase" in document or "publicKeyJwk" in document
        ):
            return document
        method = _method_in(document, url)
        if method is None:
            raise ResolutionError(f"The document at {url.split('#')[0]} has no key {url}.")
        return method
    raise ResolutionError(f"The key {url} is neither a DID URL nor an https URL.")


def pinned_method(url: str) -> dict | None:
    from ..models import PinnedKey

    key = PinnedKey.objects.filter(verification_method=url).first()
    return key.as_method() if key is not None else None


def _method_in(document: dict, url: str, fragment: str | None = None) -> dict | None:
    """The verification method `url` names in a controller document, with the document
    as its controller when the method names none."""
    names = {url} if fragment is None else {url, fragment}
    for method in _methods(document):
        if method.get("id") in names:
            method = dict(method)
            method.setdefault("controller", document.get("id"))
            return method
    return None


def _methods(document: dict) -> list[dict]:
    methods = [m for m in document.get("verificationMethod", []) if isinstance(m, dict)]
    methods += [m for m in document.get("assertionMethod", []) if isinstance(m, dict)]
    return methods


def public_key(method: dict):
    if "publicKeyMultibase" in method:
        return keys.public_key_from_multikey(method["publicKeyMultibase"])
    if "publicKeyJwk" in method:
        return keys.public_key_from_jwk(method["publicKeyJwk"])
    raise ResolutionError("The verification method publishes no key this verifier reads.")


# -- Status lists ------------------------------------------------------------------------


def status_list_credential(url: str) -> dict:
    return read_once(("status list", url), lambda: _status_list_credential(url))


def _status_list_credential(url: str) -> dict:
    from django.urls import Resolver404, resolve

    if url.startswith(_own_prefix()):
        from ..issuing.status_entries import status_list_credential as own
        from ..models import StatusList

        path = "/" + url[len(_own_prefix()) :].split("#")[0]
        try:
            match = resolve(path)
        except Resolver404 as exc:
            raise ResolutionError(f"{url} is not a status list of this platform.") from exc
        if match.url_name != "status_list":
            raise ResolutionError(f"{url} is not a status list of this platform.")
        status = StatusList.objects.filter(pk=match.kwargs["pk"]).first()
        if status is None:
            raise ResolutionError(f"The status list {url} does not exist.")
        return json.loads(own(status))
    return fetch_json(url)


# -- Fetching from elsewhere ---------------------------------------------------------------


def fetch_json(url: str) -> dict:
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise ResolutionError(f"{url} is not an https address; nothing else is fetched.")
    _refuse_private(parts.hostname, parts.port or 443)
    try:
        response = requests.get(
            url,
            timeout=settings.CREDENTIALS_FETCH_TIMEOUT_SECONDS,
            stream=True,
            allow_redirects=False,
            headers={"Accept": "application/did+json, application/json"},
        )
        if response.status_code != 200:
            raise ResolutionError(f"{url} answered {response.status_code}.")
        body = response.raw.read(settings.CREDENTIALS_FETCH_MAX_BYTES + 1, decode_content=True)
    except requests.RequestException as exc:
        raise ResolutionError(f"{url} could not be reached: {exc.__class__.__name__}.") from exc
    if len(body) > settings.CREDENTIALS_FETCH_MAX_BYTES:
        raise ResolutionError(f"{url} returned more than this verifier reads.")
    try:
        document = json.loads(body)
    except ValueError as exc:
        raise ResolutionError(f"{url} did not return JSON.") from exc
    if not isinstance(document, dict):
        raise ResolutionError(f"{url} did not return a JSON object.")
    return document


def _refuse_private(host: str, port: int) -> None:
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, port)}
    except OSError as exc:
        raise ResolutionError(f"The host {host} is unknown.") from exc
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            raise ResolutionError(f"The host {host} is not on the public internet.")
