"""How often anyone may ask for work that costs the platform much and needs no account:
verifying credentials and presentations, drawing baked badge images.

Each request counts against its client's address (read as sign-in reads it, behind
TRUSTED_PROXY_COUNT of our own proxies) and against everyone together, in fixed windows
of PUBLIC_WORK_WINDOW_SECONDS. Past PUBLIC_WORK_PER_ADDRESS requests one address waits
for the next window; past PUBLIC_WORK_OVERALL everyone does, so that a crowd of
addresses cannot take the web processes from the people using them. A request refused
for its address is not counted against everyone. The counts live in the shared cache
(the database, or Redis), so every web process sees the same ones; the database cache
counts without a lock, and a few requests sent at the same instant may slip past a
limit: it bounds the work, it does not meter it.
"""

from __future__ import annotations

import functools
import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from . import signin


@dataclass(frozen=True)
class Refused:
    """Over a limit: the request may be sent again in this many seconds."""

    wait_seconds: int
    everyone: bool

    @property
    def message(self) -> str:
        wait = signin.TooManyAttempts(self.wait_seconds).message
        if self.everyone:
            return _("Many people are asking for this at once. %(wait)s") % {"wait": wait}
        return _("This address has asked for this many times in a short while. %(wait)s") % {
            "wait": wait
        }


def _count(key: str, window: int) -> int:
    cache.add(key, 0, window * 2)
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, window * 2)
        return 1


def take(bucket: str, request) -> Refused | None:
    """Count this request against its address and everyone; None if it may go ahead."""
    if not signin.enabled():
        return None
    window = settings.PUBLIC_WORK_WINDOW_SECONDS
    now = time.time()
    slot = int(now // window)
    wait = max(1, math.ceil((slot + 1) * window - now))
    address = hashlib.sha256(signin.client_address(request).encode()).hexdigest()[:32]
    if _count(f"throttle:{bucket}:{slot}:{address}", window) > settings.PUBLIC_WORK_PER_ADDRESS:
        return Refused(wait, everyone=False)
    if _count(f"throttle:{bucket}:{slot}", window) > settings.PUBLIC_WORK_OVERALL:
        return Refused(wait, everyone=True)
    return None


def throttled(bucket: str, *, refuse, methods=("POST",)):
    """A view decorator: requests of these methods are counted in this bucket before the
    view reads anything; over a limit, `refuse(request, refused)` answers instead (a
    problem+json body for an API, a page for people) with Retry-After set."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and (refused := take(bucket, request)):
                response = refuse(request, refused)
                response["Retry-After"] = str(refused.wait_seconds)
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
