"""Remembering the verification of a credential of ours, so that a badge page or the VC API
does not check the same proof on every view.

A result is kept under the digest of the credential's content together with what could
change its answer: the version of every status list it names (so a revocation shows at
once) and the number of keys of every issuer it names (keys are only ever added, and a
new one could make a proof verify). It is kept for CREDENTIALS_VERIFY_CACHE_SECONDS at
most, never past the credential's validUntil, and not at all before its validFrom. Only
credentials whose every issuer and status list are this platform's are kept: anything
naming another issuer is verified the full way every time, its keys and lists read anew.

A status list credential, ours or another issuer's, is still read every time a credential
names it, and its bits are read from what was just fetched; only the check of its own
proof is remembered, under the digest of its content (`verified_status_list`): a list that
changed in any way, a revocation included, is checked anew.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
import time
from datetime import UTC, datetime

from cachetools import LRUCache, TLRUCache
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


# did:key identifiers found not to be ours. A key of ours is made here, so one seen
# first as another issuer's never becomes ours; and an answer of "not ours" only means
# the result is not kept, so it can never make a verification wrong.
_not_ours: LRUCache = LRUCache(maxsize=4096)


def _issuer_version(did: str) -> int | None:
    """How many keys one of our issuers has; None for an issuer that is not ours."""
    if did in _not_ours:
        return None
    version = resolver.read_once(("issuer version", did), lambda: _count_keys(did))
    if version is None and did.startswith("did:key:"):
        _not_ours[did] = True
    return version


def _count_keys(did: str) -> int | None:
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
    for url in sorted(list_ids):
        updated = resolver.read_once(("list version", url), lambda pk=list_ids[url]: _updated(pk))
        if updated is None:
            return None
        versions.append(f"{url}={updated}")
    content = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(content.encode()).hexdigest()
    depends = hashlib.sha256("\n".join(versions).encode()).hexdigest()
    return f"{_PREFIX}{digest}:{depends}"


def _updated(pk) -> str | None:
    from ..models import StatusList

    updated = StatusList.objects.filter(pk=pk).values_list("updated_at", flat=True).first()
    return updated.isoformat() if updated is not None else None


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


# -- Status lists ------------------------------------------------------------------------

# (address, digest of the content) → seconds to keep; each entry expires on its own.
_lists: TLRUCache = TLRUCache(
    maxsize=1024, ttu=lambda _key, lifetime, now: now + lifetime, timer=time.time
)
_lists_lock = threading.Lock()


def verified_status_list(url: str, listed: dict, check) -> bool:
    """Whether the status list credential `listed`, as just read from `url`, carries a
    valid proof by its issuer (`check(listed)`). A yes is remembered for these very
    bytes for a short while (`_list_lifetime`), as every credential naming the list asks
    the same question; a no is asked again, since a key that could not be fetched may be
    fetched next time."""
    content = json.dumps(listed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    key = (url, hashlib.sha256(content.encode()).hexdigest())
    with _lists_lock:
        if _lists.get(key) is not None:
            return True
    if not check(listed):
        return False
    lifetime = _list_lifetime(listed)
    if lifetime > 0:
        with _lists_lock:
            _lists[key] = lifetime
    return True


def _list_lifetime(listed: dict) -> float:
    """CREDENTIALS_STATUS_LIST_CACHE_SECONDS at most, never longer than the list's own
    `ttl` (milliseconds, Bitstring Status List §2.1) nor past its validUntil."""
    lifetime = float(settings.CREDENTIALS_STATUS_LIST_CACHE_SECONDS)
    subject = listed.get("credentialSubject")
    ttl = subject.get("ttl") if isinstance(subject, dict) else None
    if isinstance(ttl, int | float) and not isinstance(ttl, bool):
        lifetime = min(lifetime, ttl / 1000)
    ends = _moment(listed.get("validUntil") or listed.get("expirationDate"))
    if ends is not None:
        lifetime = min(lifetime, (ends - timezone.now()).total_seconds())
    return max(lifetime, 0.0)


def forget_status_lists() -> None:
    with _lists_lock:
        _lists.clear()
