"""What an organization's admins do with its webhook endpoints: register, change, rotate
the secret, disable and enable, remove, send a test event, retry a delivery now. Making and
sending deliveries is `delivering`'s, run by the tasks."""

from __future__ import annotations

import base64
import secrets
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred import permissions
from microcred.accounts.models import Organization
from microcred.credentials.issuing import keys

from . import addresses, delivering, payloads, tasks
from .models import TEST_EVENT, Delivery, DeliveryStatus, Endpoint, EventType


class EndpointProblem(Exception):
    """The endpoint cannot be saved or used so; the message says why, for the admin."""


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def new_secret() -> str:
    # Standard Webhooks: whsec_ and the base64 of 24 to 64 random bytes.
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def _clean(organization: Organization, *, url: str, events, description: str, exclude=None):
    try:
        addresses.check(url)
    except addresses.RefusedAddress as exc:
        raise EndpointProblem(str(exc)) from None
    events = sorted(set(events or ()))
    if not events:
        raise EndpointProblem(_("Choose at least one event to be told of."))
    if not set(events) <= set(EventType.values):
        raise EndpointProblem(_("Choose events from the list."))
    others = Endpoint.objects.filter(organization=organization).exclude(pk=exclude)
    if others.filter(url=url.strip()).exists():
        raise EndpointProblem(_("This address is already registered here."))
    if exclude is None and others.count() >= settings.WEBHOOKS_MAX_ENDPOINTS:
        raise EndpointProblem(
            _("An organization may register up to %(count)s endpoints.")
            % {"count": settings.WEBHOOKS_MAX_ENDPOINTS}
        )
    return {"url": url.strip(), "events": events, "description": (description or "").strip()}


@transaction.atomic
def register(
    organization: Organization, *, by, url: str, events, description: str = ""
) -> tuple[Endpoint, str]:
    """A new endpoint and its signing secret, which is shown to the admin this once."""
    _require(permissions.can_manage_webhooks(by, organization))
    Organization.objects.select_for_update().filter(pk=organization.pk).first()
    fields = _clean(organization, url=url, events=events, description=description)
    secret = new_secret()
    endpoint = Endpoint.objects.create(
        organization=organization,
        created_by=by,
        sealed_secret=keys.seal_bytes(secret.encode()),
        **fields,
    )
    return endpoint, secret


@transaction.atomic
def change(endpoint: Endpoint, *, by, url: str, events, description: str = "") -> Endpoint:
    _require(permissions.can_manage_webhooks(by, endpoint.organization))
    fields = _clean(
        endpoint.organization, url=url, events=events, description=description, exclude=endpoint.pk
    )
    Endpoint.objects.filter(pk=endpoint.pk).update(**fields)
    for name, value in fields.items():
        setattr(endpoint, name, value)
    return endpoint


@transaction.atomic
def rotate_secret(endpoint: Endpoint, *, by) -> str:
    """A new secret from now on; the old one stops signing at once."""
    _require(permissions.can_manage_webhooks(by, endpoint.organization))
    secret = new_secret()
    endpoint.sealed_secret = keys.seal_bytes(secret.encode())
    endpoint.secret_rotated_at = timezone.now()
    Endpoint.objects.filter(pk=endpoint.pk).update(
        sealed_secret=endpoint.sealed_secret, secret_rotated_at=endpoint.secret_rotated_at
    )
    return secret


@transaction.atomic
def set_enabled(endpoint: Endpoint, *, by, enabled: bool) -> Endpoint:
    """Turn sending off, or on again: deliveries still waiting resume where they were."""
    _require(permissions.can_manage_webhooks(by, endpoint.organization))
    fields: dict = {"is_active": enabled}
    if enabled:
        fields |= {"disabled_at": None, "disabled_reason": "", "failures": 0}
    Endpoint.objects.filter(pk=endpoint.pk).update(**fields)
    for name, value in fields.items():
        setattr(endpoint, name, value)
    if enabled:
        _send_soon(
            list(
                endpoint.deliveries.filter(status=DeliveryStatus.PENDING).values_list(
                    "pk", flat=True
                )
            )
        )
    return endpoint


@transaction.atomic
def remove(endpoint: Endpoint, *, by) -> None:
    """The endpoint and its deliveries go; nothing more is sent to it."""
    _require(permissions.can_manage_webhooks(by, endpoint.organization))
    endpoint.delete()


def _send_soon(delivery_ids: list[int]) -> None:
    for pk in delivery_ids:
        transaction.on_commit(partial(tasks.deliver.enqueue, pk), robust=True)


@transaction.atomic
def send_test(endpoint: Endpoint, *, by) -> Delivery:
    """A `webhook.test` message to this endpoint, whatever it subscribes to."""
    _require(permissions.can_manage_webhooks(by, endpoint.organization))
    if not endpoint.is_active:
        raise EndpointProblem(_("Enable the endpoint before sending to it."))
    now = timezone.now()
    delivery = delivering.new_delivery(
        endpoint.pk,
        TEST_EVENT,
        delivering.body(TEST_EVENT, payloads.ping_data(endpoint.organization), now),
        now,
    )
    delivery.save()
    _send_soon([delivery.pk])
    return delivery


@transaction.atomic
def retry_now(delivery: Delivery, *, by) -> Delivery:
    """Try again now, whether the delivery was waiting for its next attempt or gave up."""
    endpoint = delivery.endpoint
    _require(permissions.can_manage_webhooks(by, endpoint.organization))
    if not endpoint.is_active:
        raise EndpointProblem(_("Enable the endpoint before sending to it."))
    if delivery.status == DeliveryStatus.SUCCEEDED:
        raise EndpointProblem(_("This message was delivered; there is nothing to retry."))
    now = timezone.now()
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.PENDING, next_attempt_at=now
    )
    delivery.status, delivery.next_attempt_at = DeliveryStatus.PENDING, now
    _send_soon([delivery.pk])
    return delivery
