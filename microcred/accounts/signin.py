"""Sign-in limits that nobody can turn against someone else.

The client's address is read behind exactly the configured number of our own proxies
(TRUSTED_PROXY_COUNT), so that the proxy's address is never everyone's and a forged
X-Forwarded-For entry is never believed. Failed sign-ins are counted per account *and*
address: after SIGNIN_FREE_FAILURES of them, each further attempt from that address must
wait twice as long as the last, up to SIGNIN_MAX_DELAY_SECONDS. Someone guessing at an
account slows only themselves; its owner, signing in from anywhere else, is never
refused, and a successful sign-in starts the count again. The counts live in the shared
cache (the database, or Redis), so every web process sees the same ones.
"""

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import ngettext

# Counts are forgotten a day after the last failure.
KEEP_SECONDS = 24 * 60 * 60
_LOCK_SECONDS = 5


def client_address(request) -> str:
    """The address of whoever sent this request: with N trusted proxies, the N-th entry of
    X-Forwarded-For from the right (entries further left are the client's to write, and
    are ignored); with none, or a header shorter than the chain of proxies, the address of
    the connection itself."""
    remote = _clean(request.META.get("REMOTE_ADDR", "")) or "unknown"
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    entries = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    entries = [e for e in entries if e]
    if len(entries) < count:
        return remote
    return _clean(entries[-count]) or remote


def _clean(value: str) -> str:
    value = value.strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return ""


@dataclass(frozen=True)
class TooManyAttempts(Exception):
    wait_seconds: int

    @property
    def message(self) -> str:
        seconds = self.wait_seconds
        if seconds > 90:
            minutes = math.ceil(seconds / 60)
            return ngettext(
                "Too many attempts; try again in %(count)d minute.",
                "Too many attempts; try again in %(count)d minutes.",
                minutes,
            ) % {"count": minutes}
        return ngettext(
            "Too many attempts; try again in %(count)d second.",
            "Too many attempts; try again in %(count)d seconds.",
            seconds,
        ) % {"count": seconds}


def enabled() -> bool:
    return settings.RATE_LIMITS_ENABLED


def delay_after(failures: int) -> int:
    """Seconds to wait after this many failures in a row: none while they are free, then
    2, 4, 8 ... up to the cap."""
    if failures < settings.SIGNIN_FREE_FAILURES:
        return 0
    exponent = failures - settings.SIGNIN_FREE_FAILURES + 1
    return min(2 ** min(exponent, 32), settings.SIGNIN_MAX_DELAY_SECONDS)


def _key(login: str, address: str) -> str:
    digest = hashlib.sha256(f"{login.strip().lower()}|{address}".encode()).hexdigest()
    return f"signin-failures:{digest}"


class _Lock:
    """A short lock in the shared cache, so that attempts sent at the same moment are
    counted one after another."""

    def __init__(self, key: str):
        self.key = f"{key}:lock"
        self.held = False

    def __enter__(self):
        deadline = time.monotonic() + 2
        while not cache.add(self.key, 1, _LOCK_SECONDS):
            if time.monotonic() > deadline:
                return self
            time.sleep(0.02)
        self.held = True
        return self

    def __exit__(self, *exc):
        if self.held:
            cache.delete(self.key)


def check(login: str, address: str) -> None:
    """Raise TooManyAttempts if this account may not be tried from this address yet. Once
    past the free failures, an attempt takes the next wait up front, so that attempts sent
    together are not all let through."""
    if not enabled():
        return
    key = _key(login, address)
    with _Lock(key) as lock:
        if not lock.held:
            raise TooManyAttempts(1)
        state = cache.get(key) or {"failures": 0, "until": 0.0}
        now = time.time()
        if state["until"] > now:
            raise TooManyAttempts(max(1, math.ceil(state["until"] - now)))
        if state["failures"] >= settings.SIGNIN_FREE_FAILURES:
            state["until"] = now + delay_after(state["failures"] + 1)
            cache.set(key, state, KEEP_SECONDS)


def failed(login: str, address: str) -> None:
    """Count a failed sign-in for this account from this address."""
    if not enabled():
        return
    key = _key(login, address)
    with _Lock(key):
        state = cache.get(key) or {"failures": 0, "until": 0.0}
        state["failures"] += 1
        state["until"] = time.time() + delay_after(state["failures"])
        cache.set(key, state, KEEP_SECONDS)


def succeeded(login: str, address: str) -> None:
    """A successful sign-in from this address forgets its failures."""
    cache.delete(_key(login, address))


def failures(login: str, address: str) -> int:
    state = cache.get(_key(login, address)) or {}
    return state.get("failures", 0)
