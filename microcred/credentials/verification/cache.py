"""Remembering the verification of a credential of ours, so that a badge page or the VC API
does not check the same proof on every view.

A result is kept under the digest of the credential's content together with what could
change its answer: the version of every status list it names (so a revocation shows at
once) and the number of keys of every issuer it names (keys are only ever added, and a
new one could make a proof verify). It is kept for CREDENTIALS_VERIFY_CACHE_SECONDS at
most, never past the credential's validUntil, and not at all before its validFrom. Only
credentials whose every issuer and status list are this platform's are kept: anything
naming another issuer is verified the full way every time, its keys and lists read anew.
"""

from __future__ import annotations

import functools
import hashlib
import json
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.urls import Resolver404, resolve
from django.utils import timezone

from . import resolver

_PREFIX = "credentials:verified:"


def remembered(verify_credential):
    """Wraps `verify.verify_credential`: a credential of ours is answered from the cache
    when nothing it depends on has changed."""

    @functools.wraps(verify_credential)
    def wrapper(document, *, result=None):
        key = _key(document) if result is None and isinstance(document, dict) else None
        if key is None:
            return verify_credential(document, result=result)
        found = cache.get(key)
        if found is not None:
            return found
        found = verify_credential(document)
        lifetime = _lifetime(document)
        if lifetime > 0:
            cache.set(key, found, lifetime)
        return found

    return wrapper


def _walk(value, issuers: set, status_urls: set) -> bool:
    """Collect every issuer and status list a document names, inner credentials included;
    False when something makes it unsuitable for keeping."""
    if isinstance(value, list):
        return all(_walk(item, issuers, status_urls) for item in value)
    if not isinstance(value, dict):
        return True
    issuer = value.get("issuer")
    if issuer is not None:
        issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
        if not isinstance(issuer_id, str):
            return False
        issuers.add(issuer_id)
    status = value.get("credentialStatus")
    if status is not None:
        for entry in status if isinstance(status, list) else [status]:
            url = entry.get("statusListCredential") if isinstance(entry, dict) else None
            if not isinstance(url, str):
                return False
            status_urls.add(url)
    return all(_walk(item, issuers, status_urls) for item in value.values())


def _status_list_id(url: str) -> int | None:
    prefix = settings.BASE_URL + "/"
    if not url.startswith(prefix):
        return None
    try:
        match = resolve("/" + url[len(prefix) :].split("#")[0])
    except Resolver404:
        return None
    return match.kwargs["pk"] if match.url_name == "status_list" else None


def _issuer_version(did: str) -> int | None:
    """How many keys one of our issuers has; None for an issuer that is not ours."""
    from ..models import SigningKey

    if did.startswith("did:key:"):
        value = did[len("did:key:") :]
        found = SigningKey.objects.filter(public_multibase=value).exists()
        return 1 if found else None
    slug = resolver.own_issuer_slug(did)
    if slug is None:
        return None
    return SigningKey.objects.filter(organization__slug=slug).count() or None


def _key(document: dict) -> str | None:
    from ..models import StatusList

    issuers: set[str] = set()
    status_urls: set[str] = set()
    if not _walk(document, issuers, status_urls) or not issuers:
        return None
    versions = []
    for did in sorted(issuers):
        version = _issuer_version(did)
        if version is None:
            return None
        versions.append(f"{did}={version}")
    list_ids = {url: _status_list_id(url) for url in status_urls}
    if None in list_ids.values():
        return None
    changed = dict(
        StatusList.objects.filter(pk__in=list_ids.values()).values_list("pk", "updated_at")
    )
    for url in sorted(list_ids):
        if list_ids[url] not in changed:
            return None
        versions.append(f"{url}={changed[list_ids[url]].isoformat()}")
    content = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(content.encode()).hexdigest()
    depends = hashlib.sha256("\n".join(versions).encode()).hexdigest()
    return f"{_PREFIX}{digest}:{depends}"


def _moment(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _lifetime(document: dict) -> int:
    """Seconds the result may be kept: 0 before validFrom, as it will change then."""
    now = timezone.now()
    lifetime = settings.CREDENTIALS_VERIFY_CACHE_SECONDS
    starts = _moment(document.get("validFrom") or document.get("issuanceDate"))
    if starts is not None and starts > now:
        return 0
    ends = _moment(document.get("validUntil") or document.get("expirationDate"))
    if ends is not None:
        lifetime = min(lifetime, int((ends - now).total_seconds()))
    return max(lifetime, 0)
