"""What a connected app may be allowed to do, by area, each in plain words.

A scope belongs to one area of the platform: the Open Badges 3.0 API's four
(https://www.imsglobal.org/spec/ob/v3p0/#scopes), and the REST API's one per area of the
platform (`/api/v1/`). The authorization server, the consent page, the organization's
API clients page and both APIs read every area, so one registration, one consent and one
token serve them all.
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

# The REST API's areas (/api/v1/): reading the catalog needs no token at all.
CATALOG_WRITE = "catalog.write"
BACKPACK = "backpack"
SUBMISSIONS = "submissions"
REVIEWS = "reviews"
AWARDS = "awards"
VOUCHERS = "vouchers"
COHORTS = "cohorts"
REPORTS = "reports"
# The W3C VC API's issue endpoint (/credentials/issue): sign as the organization.
CREDENTIALS_ISSUE = "credentials.issue"
# What an organization's own system may be given (the rest act for one person).
ORGANIZATION_SCOPES = (CATALOG_WRITE, AWARDS, VOUCHERS, COHORTS, REPORTS, CREDENTIALS_ISSUE)

AREAS: dict[str, dict[str, str]] = {
    "ob": {
        CREDENTIAL_READONLY: _("See the credentials you have earned here"),
        CREDENTIAL_UPSERT: _("Add credentials to your backpack here, or replace them"),
        PROFILE_READONLY: _("See your name and e-mail address"),
        PROFILE_UPDATE: _("Change the name on your profile"),
        OFFLINE_ACCESS: _("Keep this access until you disconnect the app"),
    },
    "api": {
        CATALOG_WRITE: _("Create and change the micro-credentials your organization issues"),
        BACKPACK: _("See your backpack and enroll in micro-credentials"),
        SUBMISSIONS: _("See your submissions, write them and send them for review"),
        REVIEWS: _("See the reviews you are assigned and send your scores"),
        AWARDS: _("See awards and revoke them"),
        VOUCHERS: _("See and make your organization's vouchers"),
        COHORTS: _("See and change cohorts and their members"),
        REPORTS: _("See your organization's reports"),
        CREDENTIALS_ISSUE: _("Sign credentials as your organization through the VC API"),
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
            registered = getattr(getattr(application, "organization_client", None), "scope", None)
        if registered is None:
            return list(known)
        return [scope for scope in parse(registered) if scope in known]

    def get_default_scopes(self, application=None, request=None, *args, **kwargs):
        return self.get_available_scopes(application, request)
