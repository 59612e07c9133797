"""Access tokens for the REST API's tests, made the way the authorization server stores
them: a person's app token (as after their consent), or an organization's API client's
token (as after the client credentials grant)."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.utils import timezone
from oauth2_provider.models import (
    AbstractApplication,
    get_access_token_model,
    get_application_model,
)

from microcred.connect import services


def _token(application, user, scopes) -> str:
    value = secrets.token_urlsafe(30)
    get_access_token_model().objects.create(
        user=user,
        application=application,
        token=value,
        scope=" ".join(scopes),
        expires=timezone.now() + timedelta(hours=1),
    )
    return value


def person_token(user, *scopes: str) -> str:
    """A token an app holds for `user`, allowing `scopes`."""
    application = get_application_model().objects.create(
        name="A teacher's app",
        redirect_uris="https://app.example/callback",
        client_type=AbstractApplication.CLIENT_CONFIDENTIAL,
        authorization_grant_type=AbstractApplication.GRANT_AUTHORIZATION_CODE,
    )
    return _token(application, user, scopes)


def client_token(organization, *, by, roles: list[str], scopes: list[str]) -> str:
    """A token of a new API client of `organization`, made by its admin `by`."""
    new = services.create_organization_client(
        organization, by=by, name="Roster sync", roles=roles, scope=scopes
    )
    return _token(new.client.application, None, scopes)


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
