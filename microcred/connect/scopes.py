"""What a connected app may be allowed to do, by area, each in plain words.

A scope belongs to one area of the platform: the Open Badges 3.0 API's four
(https://www.imsglobal.org/spec/ob/v3p0/#scopes) today. Another API adds its own area
here; the authorization server, the consent page and `oauth.protected` read every area,
so one registration, one consent and one token serve them all.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from oauth2_provider.scopes import BaseScopes

OB = "https://purl.imsglobal.org/spec/ob/v3p0/scope/"
CREDENTIAL_READONLY = OB + "credential.readonly"
CREDENTIAL_UPSERT = OB + "credential.upsert"
PROFILE_READONLY = OB + "profile.readonly"
PROFILE_UPDATE = OB + "profile.update"
# OpenID Connect's name for "keep access while I am away", which wallets send (OB 3.0
# §7.1.1.2's example); refresh tokens are issued whether or not it is asked for.
OFFLINE_ACCESS = "offline_access"

AREAS: dict[str, dict[str, str]] = {
    "ob": {
        CREDENTIAL_READONLY: _("See the credentials you have earned here"),
        CREDENTIAL_UPSERT: _("Add credentials to your backpack here, or replace them"),
        PROFILE_READONLY: _("See your name and e-mail address"),
        PROFILE_UPDATE: _("Change the name on your profile"),
        OFFLINE_ACCESS: _("Keep this access until you disconnect the app"),
    },
}


def all_scopes() -> dict[str, str]:
    return {scope: words for area in AREAS.values() for scope, words in area.items()}


def in_words(scopes) -> list[str]:
    """Each scope as a person reads it, in the order the platform lists them."""
    known = all_scopes()
    wanted = set(scopes)
    return [str(words) for scope, words in known.items() if scope in wanted]


def parse(value: str) -> list[str]:
    return [scope for scope in (value or "").split() if scope]


class ClientScopes(BaseScopes):
    """A client may ask only for the scopes it registered (RFC 7591 `scope`), so an
    authorization or refresh request cannot widen what the app said it needs."""

    def get_all_scopes(self):
        return all_scopes()

    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        known = all_scopes()
        registered = getattr(getattr(application, "connect_profile", None), "scope", None)
        if registered is None:
            return list(known)
        return [scope for scope in parse(registered) if scope in known]

    def get_default_scopes(self, application=None, request=None, *args, **kwargs):
        return self.get_available_scopes(application, request)
