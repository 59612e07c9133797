"""One attempt at a delivery: sign, connect to the checked address, read a little back.

The request goes to the address `addresses.check` approved, not to whatever the host name
resolves to a moment later: urllib3 connects to that IP while the Host header and the TLS
server name (and certificate check) stay those of the URL. Redirects are not followed (a
redirect could lead anywhere), the whole attempt has one deadline, and no more than
WEBHOOKS_MAX_RESPONSE_BYTES of the answer is read.
"""

from __future__ import annotations

import ssl
import time
from dataclasses import dataclass
from datetime import datetime

import urllib3
from django.conf import settings
from standardwebhooks.webhooks import Webhook

from .addresses import RefusedAddress, Target, check

USER_AGENT = "microcred-webhooks/1"
# What the delivery list keeps of an answer.
EXCERPT_CHARS = 1000


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status_code: int | None = None
    duration_ms: int = 0
    excerpt: str = ""
    error: str = ""


def signature_headers(secret: str, *, message_id: str, at: datetime, body: str) -> dict:
    """Standard Webhooks' three headers for this body, signed now."""
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": Webhook(secret).sign(message_id, at, body),
    }


def _pool(target: Target, timeout: float) -> urllib3.HTTPConnectionPool:
    limits = urllib3.Timeout(connect=timeout, read=timeout)
    if target.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            target.ip,
            target.port,
            timeout=limits,
            retries=False,
            maxsize=1,
            server_hostname=target.host,
            assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=settings.WEBHOOKS_CA_BUNDLE or None,
        )
    return urllib3.HTTPConnectionPool(
        target.ip, target.port, timeout=limits, retries=False, maxsize=1
    )


def _host_header(target: Target) -> str:
    host = f"[{target.host}]" if ":" in target.host else target.host
    default = 443 if target.scheme == "https" else 80
    return host if target.port == default else f"{host}:{target.port}"


def _excerpt(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace").replace("\x00", "")[:EXCERPT_CHARS]


def post(url: str, *, body: str, headers: dict, now=time.monotonic) -> Outcome:
    """POST the body to the address, checked again now; never raises for the receiver."""
    started = now()
    try:
        target = check(url)
    except RefusedAddress as exc:
        return Outcome(ok=False, error=str(exc))
    timeout = settings.WEBHOOKS_TIMEOUT_SECONDS
    deadline = started + timeout
    limit = settings.WEBHOOKS_MAX_RESPONSE_BYTES
    pool = _pool(target, timeout)
    try:
        response = pool.urlopen(
            "POST",
            target.path,
            body=body.encode(),
            headers={
                **headers,
                "Host": _host_header(target),
                "Content-Type": "application/json",
                "User-Agent": USER_AGENT,
            },
            redirect=False,
            preload_content=False,
            assert_same_host=False,
        )
        received = bytearray()
        cut = False
        for chunk in response.stream(8192, decode_content=False):
            received += chunk
            if len(received) > limit:
                cut = True
                break
            if now() > deadline:
                raise TimeoutError
        response.release_conn()
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        return Outcome(ok=False, duration_ms=_ms(now() - started), error=_why(exc)[:300])
    finally:
        pool.close()
    excerpt = _excerpt(bytes(received[:limit]))
    if cut:
        excerpt = excerpt[: EXCERPT_CHARS - 1] + "…"
    return Outcome(
        ok=200 <= response.status < 300,
        status_code=response.status,
        duration_ms=_ms(now() - started),
        excerpt=excerpt,
        error="" if 200 <= response.status < 300 else f"HTTP {response.status}",
    )


def _why(exc: BaseException) -> str:
    """What the organization's admin reads of an attempt that got no answer."""
    if _timed_out(exc):
        return "No answer: timed out."
    reason = exc
    while reason.__context__ is not None and not isinstance(reason, ssl.SSLError):
        reason = reason.__context__
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"No answer: the receiver's certificate did not verify ({reason.verify_message})."
    if isinstance(reason, ssl.SSLError):
        return f"No answer: TLS failed ({reason.reason or reason.__class__.__name__})."
    return f"No answer: {exc.__class__.__name__}."


def _timed_out(exc: BaseException) -> bool:
    return isinstance(exc, TimeoutError | urllib3.exceptions.TimeoutError)


def _ms(seconds: float) -> int:
    return max(0, int(seconds * 1000))
