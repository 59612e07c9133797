"""Which addresses a webhook may be sent to.

An endpoint's address is typed by an organization's admin, so it must not make this server
reach its own network: every address its host name resolves to must be on the public
internet (no private, loopback, link-local, shared, reserved or multicast range). The
check runs when the endpoint is registered and again before every attempt, and the attempt
connects to the very address that was checked, so a name that resolves to a public address
at registration and to an internal one later (DNS rebinding) is refused then too.

Loopback is allowed only when WEBHOOKS_ALLOW_LOOPBACK is set (tests and a laptop);
plain http only when WEBHOOKS_REQUIRE_HTTPS is off (DEBUG, tests).
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


class RefusedAddress(Exception):
    """The address is not one a webhook is sent to; the message says why."""


@dataclass(frozen=True)
class Target:
    """Where one attempt connects: the checked address, and what the URL named."""

    scheme: str
    host: str  # the name in the URL (Host header, TLS server name)
    port: int
    ip: str  # the address checked, connected to
    path: str  # path and query, as sent in the request line


def _allowed(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback and settings.WEBHOOKS_ALLOW_LOOPBACK:
        return True
    return ip.is_global and not ip.is_multicast


def parse(url: str) -> tuple[str, str, int, str]:
    """Scheme, host, port and path of an address a webhook may name, or RefusedAddress."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise RefusedAddress(_("Enter a complete web address.")) from None
    allowed_schemes = ("https",) if settings.WEBHOOKS_REQUIRE_HTTPS else ("https", "http")
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise RefusedAddress(_("Enter a complete web address, starting with https://."))
    if parts.scheme not in allowed_schemes:
        raise RefusedAddress(_("The address must start with https://: webhooks are encrypted."))
    if parts.username is not None or parts.password is not None:
        raise RefusedAddress(_("Leave the user name and password out of the address."))
    if parts.fragment:
        raise RefusedAddress(_("Leave the #fragment out of the address."))
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80), path


def resolve(host: str, port: int) -> list[str]:
    """Every address the host resolves to, each one allowed, or RefusedAddress."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise RefusedAddress(
            _("The host %(host)s cannot be found.") % {"host": host[:100]}
        ) from None
    addresses = list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))
    for address in addresses:
        if not _allowed(ipaddress.ip_address(address)):
            raise RefusedAddress(
                _(
                    "The host %(host)s is not on the public internet; webhooks go only to "
                    "public addresses."
                )
                % {"host": host[:100]}
            )
    return addresses


def check(url: str) -> Target:
    """Where to send to this address now, or RefusedAddress saying why not."""
    scheme, host, port, path = parse(url)
    return Target(scheme=scheme, host=host, port=port, ip=resolve(host, port)[0], path=path)
