"""What connected apps read: an earner's credentials a page at a time, their profile, and
the apps they connected."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Max, Prefetch, QuerySet
from django.utils import timezone
from oauth2_provider.models import (
    get_access_token_model,
    get_application_model,
    get_refresh_token_model,
)

from microcred.accounts.models import Membership, User
from microcred.credentials.models import Award

from . import scopes
from .models import HeldCredential, OrganizationClient


@dataclass
class CredentialPage:
    total: int
    credentials: list[str]  # JSON texts, each as signed
    compact_jws: list[str]


def _awards(earner: User, since: datetime | None) -> QuerySet[Award]:
    awards = Award.objects.filter(earner=earner, signed_at__isnull=False, revoked_at__isnull=True)
    if since is not None:
        awards = awards.filter(signed_at__gte=since)
    return awards.order_by("-awarded_at", "-pk")


def _held(earner: User, since: datetime | None) -> QuerySet[HeldCredential]:
    held = HeldCredential.objects.filter(earner=earner)
    if since is not None:
        held = held.filter(updated_at__gte=since)
    return held.order_by("received_at", "pk")


def held_credentials(earner: User) -> QuerySet[HeldCredential]:
    """The credentials from other issuers an earner keeps, with the app that put each."""
    return (
        HeldCredential.objects.filter(earner=earner)
        .select_related("received_from")
        .order_by("received_at", "pk")
    )


def credentials_page(
    earner: User, *, limit: int, offset: int, since: datetime | None = None
) -> CredentialPage:
    """One page of the earner's credentials: what they earned here (newest first, revoked
    ones left out), then what they brought from other issuers (oldest first). Each is
    counted once; the texts are read as stored, so what an app gets is byte for byte what
    was signed. A fixed number of queries whatever the page."""
    awards = _awards(earner, since)
    held = _held(earner, since)
    award_count, held_count = awards.count(), held.count()
    page = CredentialPage(total=award_count + held_count, credentials=[], compact_jws=[])
    end = offset + limit
    if offset < award_count:
        page.credentials += awards.values_list("credential_json", flat=True)[
            offset : min(end, award_count)
        ]
    if end > award_count:
        start = max(offset - award_count, 0)
        for json_text, jws in held.values_list("credential_json", "compact_jws")[
            start : end - award_count
        ]:
            if jws:
                page.compact_jws.append(jws)
            else:
                page.credentials.append(json_text)
    return page


def profile_of(earner: User) -> dict:
    """The earner as an OB 3.0 Profile. Its id is stable and says nothing about them."""
    return {
        "@context": ["https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "type": ["Profile"],
        "id": profile_id(earner),
        "name": earner.name,
        "email": earner.email,
    }


def profile_id(earner: User) -> str:
    return "urn:uuid:" + str(
        uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.BASE_URL}/people/{earner.pk}")
    )


@dataclass
class ConnectedApp:
    application: object
    scopes: list[str]
    last_used: datetime | None


def connected_apps(earner: User) -> list[ConnectedApp]:
    """Apps holding a live access or refresh token for the earner, with what they may do in
    plain words and when they were last given a token."""
    now = timezone.now()
    tokens = get_access_token_model().objects.filter(user=earner, expires__gt=now)
    refreshes = get_refresh_token_model().objects.filter(user=earner, revoked__isnull=True)
    granted: dict[int, set[str]] = {}
    last: dict[int, datetime] = {}
    for app_id, scope, created in tokens.values_list("application_id", "scope", "created"):
        granted.setdefault(app_id, set()).update(scopes.parse(scope))
        last[app_id] = max(last.get(app_id, created), created)
    for app_id, access_scope in refreshes.values_list("application_id", "access_token__scope"):
        granted.setdefault(app_id, set()).update(scopes.parse(access_scope or ""))
    for app_id, created in refreshes.values_list("application_id", "created"):
        last[app_id] = max(last.get(app_id, created), created)
    apps = (
        get_application_model()
        .objects.filter(pk__in=granted)
        .select_related("connect_profile")
        .order_by("name", "pk")
    )
    return [ConnectedApp(app, scopes.in_words(granted[app.pk]), last.get(app.pk)) for app in apps]


def organization_clients(organization) -> QuerySet[OrganizationClient]:
    """An organization's API clients, newest first, each with who made and revoked it, the
    roles its account holds or held there (`held`) and when it last got a token (`last_token`,
    None once its tokens are gone). Three queries whatever the number."""
    return (
        OrganizationClient.objects.filter(organization=organization)
        .select_related("application", "created_by", "revoked_by", "account", "organization")
        .annotate(last_token=Max("application__accesstoken__created"))
        .prefetch_related(
            Prefetch(
                "account__memberships",
                queryset=Membership.objects.filter(organization=organization)
                .select_related("organization")
                .order_by("pk"),
                to_attr="held",
            )
        )
        .order_by("-created_at", "-pk")
    )


def live_client(token) -> OrganizationClient | None:
    """The organization's API client an access token of the client credentials grant speaks
    for, while the client is not revoked; None for a person's token or a revoked client."""
    if token.user_id is not None:
        return None
    client = getattr(token.application, "organization_client", None)
    if client is None or client.revoked_at is not None:
        return None
    return client
