"""What connected apps change: registering one, the credentials and profile they write for
an earner, and an earner disconnecting one."""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oauth2_provider.models import (
    AbstractApplication,
    get_access_token_model,
    get_application_model,
    get_grant_model,
    get_refresh_token_model,
)
from oauth2_provider.oauth2_backends import get_oauthlib_core
from oauth2_provider.settings import oauth2_settings

from microcred import permissions
from microcred.accounts import services as accounts
from microcred.accounts.models import ROLES_BY_KIND, Organization, Role, User
from microcred.credentials.formats import vc_jwt
from microcred.credentials.verification import verify

from . import scopes, selectors
from .models import ClientProfile, HeldCredential, OrganizationClient

_JWS = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")


class ConnectProblem(Exception):
    """A request refused for what it says, with an explanation for its sender."""

    def __init__(self, message: str, *, code: str = "invalid_client_metadata"):
        super().__init__(message)
        self.message = message
        self.code = code


# -- Dynamic client registration (RFC 7591 as OB 3.0 §7.1.1.2 profiles it) --------------


@dataclass
class Registration:
    application: Any
    client_secret: str
    profile: ClientProfile


def _text(metadata: dict, name: str, *, required: bool = False, limit: int = 200) -> str:
    value = metadata.get(name, "")
    if not isinstance(value, str):
        raise ConnectProblem(_("%(name)s must be a string.") % {"name": name})
    value = value.strip()
    if required and not value:
        raise ConnectProblem(_("%(name)s is required.") % {"name": name})
    if len(value) > limit:
        raise ConnectProblem(
            _("%(name)s is longer than %(limit)s characters.") % {"name": name, "limit": limit}
        )
    return value


def _url(metadata: dict, name: str, *, required: bool = False) -> str:
    value = _text(metadata, name, required=required, limit=500)
    if value:
        try:
            URLValidator(schemes=["https"])(value)
        except ValidationError:
            raise ConnectProblem(_("%(name)s must be an https URL.") % {"name": name}) from None
    return value


def _redirect_uris(metadata: dict) -> list[str]:
    uris = metadata.get("redirect_uris")
    if not isinstance(uris, list) or not uris or not all(isinstance(u, str) for u in uris):
        raise ConnectProblem(
            _("redirect_uris must list at least one address."), code="invalid_redirect_uri"
        )
    allowed: list[str] = oauth2_settings.ALLOWED_REDIRECT_URI_SCHEMES
    for uri in uris:
        parts = urlsplit(uri)
        if parts.scheme not in allowed or not parts.netloc or parts.fragment:
            raise ConnectProblem(
                _("%(uri)s is not a redirect address this server accepts (%(schemes)s, no #).")
                % {"uri": uri, "schemes": ", ".join(allowed)},
                code="invalid_redirect_uri",
            )
    return uris


def _scope(metadata: dict) -> str:
    requested = scopes.parse(_text(metadata, "scope", required=True, limit=2000))
    known = scopes.all_scopes()
    unknown = [scope for scope in requested if scope not in known]
    if unknown:
        raise ConnectProblem(_("Unknown scope: %(scopes)s.") % {"scopes": " ".join(unknown)})
    return " ".join(dict.fromkeys(requested))


@transaction.atomic
def register_client(metadata: Any) -> Registration:
    """A wallet registers itself; anyone may, as the spec expects, since every earner still
    decides on the consent page whether it may act for them."""
    if not isinstance(metadata, dict):
        raise ConnectProblem(_("The registration is a JSON object."))
    grant_types = metadata.get("grant_types", ["authorization_code"])
    if not isinstance(grant_types, list) or not set(grant_types) <= {
        "authorization_code",
        "refresh_token",
    }:
        raise ConnectProblem(_("grant_types may hold authorization_code and refresh_token."))
    if metadata.get("response_types", ["code"]) != ["code"]:
        raise ConnectProblem(_('response_types must be ["code"].'))
    method = metadata.get("token_endpoint_auth_method", "client_secret_basic")
    if method not in ("client_secret_basic", "client_secret_post"):
        raise ConnectProblem(
            _("token_endpoint_auth_method must be client_secret_basic or client_secret_post.")
        )
    contacts = metadata.get("contacts", [])
    if not isinstance(contacts, list) or not all(isinstance(c, str) for c in contacts):
        raise ConnectProblem(_("contacts must be a list of strings."))
    name = _text(metadata, "client_name", required=True)
    client_uri = _url(metadata, "client_uri", required=True)
    redirect_uris = _redirect_uris(metadata)
    Application = get_application_model()
    application = Application(
        name=name,
        redirect_uris=" ".join(redirect_uris),
        client_type=AbstractApplication.CLIENT_CONFIDENTIAL,
        authorization_grant_type=AbstractApplication.GRANT_AUTHORIZATION_CODE,
        registration_source=Application.RegistrationSource.DCR,
    )
    # The secret is shown once, in this answer; what is stored is its hash.
    client_secret = application.client_secret
    profile = ClientProfile(
        client_uri=client_uri,
        logo_uri=_url(metadata, "logo_uri"),
        tos_uri=_url(metadata, "tos_uri"),
        policy_uri=_url(metadata, "policy_uri"),
        software_id=_text(metadata, "software_id"),
        software_version=_text(metadata, "software_version", limit=100),
        contacts=[c[:200] for c in contacts[:10]],
        scope=_scope(metadata),
    )
    try:
        application.full_clean()
    except ValidationError as exc:
        raise ConnectProblem(" ".join(exc.messages), code="invalid_redirect_uri") from None
    application.save()
    profile.application = application
    profile.save()
    return Registration(application=application, client_secret=client_secret, profile=profile)


# -- An organization's own systems (client credentials) -----------------------------------


def client_roles(organization: Organization, *, by: User | None = None) -> tuple[str, ...]:
    """The roles an organization may give one of its systems: its own kind's roles, but
    never an earner's or an assessor's, which belong to people. With `by`, only those
    `by` may grant (an issuer admin gives no organization admin role, to a person or to
    a system)."""
    return tuple(
        role
        for role in ROLES_BY_KIND[organization.kind]
        if role not in (Role.EARNER, Role.ASSESSOR)
        and (by is None or permissions.can_grant_role(by, organization, role))
    )


# Within the account's name (150) once " (API client)" is added, and the application's (255).
CLIENT_NAME_LENGTH = 120


@dataclass
class NewClient:
    client: OrganizationClient
    client_secret: str


@transaction.atomic
def create_organization_client(
    organization: Organization, *, by: User, name: str, roles: list[str], scope: list[str]
) -> NewClient:
    """A system of the organization's gets a client identifier and secret (shown once), and
    an account of its own holding `roles`, granted by `by` as any role is granted."""
    if not permissions.can_manage_api_clients(by, organization):
        raise PermissionDenied
    name = name.strip() if isinstance(name, str) else ""
    if not name:
        raise ConnectProblem(_("Give the client a name."))
    if len(name) > CLIENT_NAME_LENGTH or "\x00" in name:
        raise ConnectProblem(
            _("A client's name is at most %(limit)s characters, without NUL characters.")
            % {"limit": CLIENT_NAME_LENGTH}
        )
    allowed = client_roles(organization, by=by)
    if not roles or not set(roles) <= set(allowed):
        raise ConnectProblem(_("Choose at least one of the roles offered."))
    if not scope or not set(scope) <= set(scopes.ORGANIZATION_SCOPES):
        raise ConnectProblem(_("Choose at least one of the areas offered."))
    account = User.objects.create_user(
        email=f"client-{secrets.token_hex(8)}@clients.invalid",
        password=None,
        name=_("%(name)s (API client)") % {"name": name},
    )
    for role in dict.fromkeys(roles):
        accounts.grant_role(organization, account, role, by=by)
    Application = get_application_model()
    application = Application(
        name=name,
        user=account,
        client_type=AbstractApplication.CLIENT_CONFIDENTIAL,
        authorization_grant_type=AbstractApplication.GRANT_CLIENT_CREDENTIALS,
    )
    client_secret = application.client_secret
    application.save()
    client = OrganizationClient.objects.create(
        application=application,
        organization=organization,
        account=account,
        scope=" ".join(dict.fromkeys(scope)),
        created_by=by,
    )
    return NewClient(client=client, client_secret=client_secret)


def issuing_organization(request) -> tuple[Organization | None, tuple[int, str] | None]:
    """The organization an API client's bearer token may sign credentials for through the
    VC API (scope `credentials.issue`, and roles that manage the organization's
    credentials), or the status and reason it may not."""
    valid, oauth_request = get_oauthlib_core().verify_request(
        request, scopes=[scopes.CREDENTIALS_ISSUE]
    )
    if not valid:
        error = getattr(oauth_request, "oauth2_error", None) or {}
        if error.get("error") == "insufficient_scope":
            return None, (403, _("The access token does not allow issuing credentials."))
        return None, (401, _("The access token is not valid."))
    client = selectors.live_client(oauth_request.access_token)
    if client is None:
        return None, (403, _("Only an organization's API client signs credentials here."))
    if not permissions.can_manage_credentials(client.account, client.organization):
        return None, (403, _("The API client's roles do not include issuing credentials."))
    return client.organization, None


@transaction.atomic
def revoke_organization_client(client: OrganizationClient, *, by: User) -> None:
    """The client's tokens end at once, its secret stops working and its account loses
    every role; the row stays, so the organization's page still shows who revoked it."""
    if not permissions.can_manage_api_clients(by, client.organization):
        raise PermissionDenied
    client = OrganizationClient.objects.select_for_update().get(pk=client.pk)
    if client.revoked_at:
        return
    application = client.application
    get_access_token_model().objects.filter(application=application).delete()
    get_refresh_token_model().objects.filter(application=application).delete()
    # A new random secret nobody sees: the old one no longer matches.
    application.client_secret = secrets.token_urlsafe(48)
    application.save(update_fields=["client_secret"])
    for membership in client.account.memberships.filter(
        organization=client.organization, is_active=True
    ):
        # An issuer admin may revoke a client an organization admin made with that role;
        # the account then gives the role up itself, and the history says so.
        taker = (
            by
            if permissions.can_grant_role(by, client.organization, membership.role)
            else client.account
        )
        try:
            accounts.revoke_role(
                client.organization,
                client.account,
                membership.role,
                by=taker,
                reason=_("API client revoked"),
            )
        except accounts.MembershipProblem as exc:
            raise ConnectProblem(str(exc)) from None
    User.objects.filter(pk=client.account_id).update(is_active=False)
    client.revoked_at = timezone.now()
    client.revoked_by = by
    client.save(update_fields=["revoked_at", "revoked_by"])


# -- Credentials a wallet puts in the backpack (upsertCredential) ------------------------


@dataclass
class Upserted:
    held: HeldCredential
    created: bool
    changed: bool


def _credential_of(raw: str) -> tuple[dict, bool]:
    """The credential inside what was sent, and whether it came as a compact JWS."""
    text = raw.strip()
    if _JWS.match(text):
        try:
            return vc_jwt.credential_of(vc_jwt.unverified_payload(text)), True
        except vc_jwt.JwtError as exc:
            raise ConnectProblem(str(exc), code="invalid_data") from None
    try:
        document = json.loads(text)
    except ValueError:
        raise ConnectProblem(
            _("Send an AchievementCredential as JSON, or a compact JWS as text/plain."),
            code="invalid_data",
        ) from None
    if not isinstance(document, dict):
        raise ConnectProblem(_("A credential is a JSON object."), code="invalid_data")
    return document, False


def _issuer(document: dict) -> tuple[str, str]:
    issuer = document.get("issuer")
    if isinstance(issuer, dict):
        return str(issuer.get("id", "")), str(issuer.get("name", ""))
    return str(issuer or ""), ""


@transaction.atomic
def upsert_credential(earner: User, raw: str, *, by_app=None) -> Upserted:
    """Keep a credential in `earner`'s backpack once the platform's verifier says yes:
    signature, issuer key, status and dates. A credential with the same id replaces the
    earlier one; the same bytes again change nothing."""
    if len(raw.encode("utf-8")) > settings.CONNECT_MAX_CREDENTIAL_BYTES:
        raise ConnectProblem(
            _("A credential may be at most %(size)s KB.")
            % {"size": settings.CONNECT_MAX_CREDENTIAL_BYTES // 1024},
            code="invalid_data",
        )
    document, as_jws = _credential_of(raw)
    types = document.get("type", [])
    types = [types] if isinstance(types, str) else types
    if not {"OpenBadgeCredential", "AchievementCredential"} & set(types):
        raise ConnectProblem(
            _("Only Open Badges 3.0 credentials (OpenBadgeCredential) are kept."),
            code="invalid_data",
        )
    credential_id = document.get("id")
    if not isinstance(credential_id, str) or not credential_id or len(credential_id) > 500:
        raise ConnectProblem(_("The credential has no id."), code="invalid_data")
    if not as_jws and not document.get("proof"):
        raise ConnectProblem(
            _("The credential is not signed: it has no proof and is not a JWS."),
            code="invalid_data",
        )
    result = verify.verify_text(raw)
    if not result.verified:
        reasons = " ".join(check.message for check in result.errors)
        raise ConnectProblem(
            _("The credential does not verify: %(reasons)s") % {"reasons": reasons},
            code="invalid_data",
        )
    issuer_id, issuer_name = _issuer(document)
    stored = raw.strip()
    fields = {
        "issuer_id": issuer_id[:500],
        "issuer_name": issuer_name[:300],
        "name": str(document.get("name") or _achievement_name(document))[:300],
        "credential_json": "" if as_jws else stored,
        "compact_jws": stored if as_jws else "",
        "received_from": by_app,
    }
    held = (
        HeldCredential.objects.select_for_update()
        .filter(earner=earner, credential_id=credential_id)
        .first()
    )
    if held is None:
        held = HeldCredential.objects.create(earner=earner, credential_id=credential_id, **fields)
        return Upserted(held, created=True, changed=True)
    if (held.credential_json or held.compact_jws) == stored:
        return Upserted(held, created=False, changed=False)
    for name, value in fields.items():
        setattr(held, name, value)
    held.save()
    return Upserted(held, created=False, changed=True)


def _achievement_name(document: dict) -> str:
    subject = document.get("credentialSubject")
    if isinstance(subject, list):
        subject = subject[0] if subject else {}
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    return str(achievement.get("name", "")) if isinstance(achievement, dict) else ""


# -- Profile (putProfile) -----------------------------------------------------------------


def update_profile(earner: User, profile: Any) -> User:
    """A connected app changes the earner's name; the e-mail address changes only through
    its verification by e-mail, so a different one is refused rather than ignored."""
    if not isinstance(profile, dict):
        raise ConnectProblem(_("A Profile is a JSON object."), code="invalid_data")
    name = profile.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConnectProblem(_("The Profile needs a name."), code="invalid_data")
    email = profile.get("email")
    if email is not None and str(email).lower() != earner.email.lower():
        raise ConnectProblem(
            _("The e-mail address changes only on the platform, after it is verified."),
            code="invalid_data",
        )
    try:
        return accounts.update_profile(
            earner, name=name, school=earner.school, language=earner.language
        )
    except accounts.MembershipProblem as exc:
        raise ConnectProblem(str(exc), code="invalid_data") from None


# -- Disconnecting ------------------------------------------------------------------------


@transaction.atomic
def remove_held(earner: User, held: HeldCredential) -> None:
    """An earner takes a credential another issuer signed out of their backpack; an app may
    put it back, as it put it there."""
    if held.earner_id != earner.pk:
        raise PermissionDenied
    held.delete()


def disconnect(earner: User, application) -> int:
    """End every grant, access and refresh token `application` holds for `earner`: the app
    can do nothing more for them until they approve it again. Returns how many tokens
    ended."""

    ended = 0
    for refresh in get_refresh_token_model().objects.filter(
        user=earner, application=application, revoked__isnull=True
    ):
        refresh.revoke()
        ended += 1
    tokens = get_access_token_model().objects.filter(user=earner, application=application)
    ended += tokens.count()
    tokens.delete()
    get_grant_model().objects.filter(user=earner, application=application).delete()
    return ended


@transaction.atomic
def forget_earner(earner: User) -> None:
    """What an earner's account deletion asks of the connected apps: every app they
    approved loses its grants and tokens, and the credentials apps put in their backpack are
    deleted."""
    approved = {
        application
        for model in (get_refresh_token_model(), get_access_token_model(), get_grant_model())
        for application in model.objects.filter(user=earner).values_list("application", flat=True)
    }
    applications = get_application_model().objects.filter(pk__in=approved)
    for application in applications:
        disconnect(earner, application)
    HeldCredential.objects.filter(earner=earner).delete()
