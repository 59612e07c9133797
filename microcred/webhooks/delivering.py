"""Making and sending deliveries, for the tasks.

An event becomes one delivery per endpoint that subscribes to it (`announce`, after the
commit that made the event). A worker claims a due delivery with one `UPDATE … WHERE` that
one worker wins, makes one attempt (`sending.post`) and records it; a failed attempt is
tried again after the next delay of WEBHOOKS_RETRY_DELAYS (give or take
WEBHOOKS_RETRY_JITTER_PERCENT), and an endpoint that fails
WEBHOOKS_DISABLE_AFTER_FAILURES attempts in a row is disabled and its admins told.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred.accounts import selectors as accounts
from microcred.credentials.issuing import keys
from microcred.notifications import services as notifications

from . import payloads, sending
from .models import Delivery, DeliveryStatus, Endpoint, EventType


def secret_of(endpoint: Endpoint) -> str:
    return keys.unseal_bytes(bytes(endpoint.sealed_secret)).decode()


def body(event_type: str, data: dict, at) -> str:
    return json.dumps(
        {"type": event_type, "timestamp": at.isoformat().replace("+00:00", "Z"), "data": data},
        separators=(",", ":"),
        sort_keys=True,
    )


def new_delivery(endpoint_id: int, event_type: str, body: str, at, *, key: str = "") -> Delivery:
    # A message id made from the event's key stays the same when the event is announced
    # again (a worker's recovery), so the second announcement adds nothing.
    message_id = (
        "msg_" + hashlib.sha256(key.encode()).hexdigest()[:32]
        if key
        else "msg_" + secrets.token_hex(16)
    )
    return Delivery(
        endpoint_id=endpoint_id,
        message_id=message_id,
        event_type=event_type,
        payload=body,
        next_attempt_at=at,
    )


@transaction.atomic
def announce(event_type: str, ids: list[int], *, key: str) -> list[int]:
    """One delivery per subscribing endpoint for each message the event makes; the ids of
    the deliveries waiting to be sent. `key` names this occurrence of the event:
    announcing it twice makes its deliveries once."""
    messages = payloads.BUILDERS[EventType(event_type)](ids)
    endpoints: dict[int, list[int]] = {}
    for pk, organization_id, events in Endpoint.objects.filter(
        organization_id__in={m.organization_id for m in messages}, is_active=True
    ).values_list("pk", "organization_id", "events"):
        if event_type in events:
            endpoints.setdefault(organization_id, []).append(pk)
    now = timezone.now()
    wanted = [
        new_delivery(
            endpoint_id,
            event_type,
            body(event_type, message.data, now),
            now,
            key=f"{key}:{index}:{endpoint_id}",
        )
        for index, message in enumerate(messages)
        for endpoint_id in endpoints.get(message.organization_id, ())
    ]
    if not wanted:
        return []
    Delivery.objects.bulk_create(wanted, ignore_conflicts=True)
    return list(
        Delivery.objects.filter(
            message_id__in=[d.message_id for d in wanted], status=DeliveryStatus.PENDING
        ).values_list("pk", flat=True)
    )


def _claim(delivery_id: int, now: datetime) -> datetime | None:
    """Take a due delivery for one attempt: one worker wins the row; the claim lapses after
    the attempt's longest time, so a worker that died leaves it to be tried again."""
    until = now + timedelta(seconds=settings.WEBHOOKS_TIMEOUT_SECONDS + 60)
    won = Delivery.objects.filter(
        pk=delivery_id,
        status=DeliveryStatus.PENDING,
        next_attempt_at__lte=now,
        endpoint__is_active=True,
    ).update(next_attempt_at=until)
    return until if won else None


def attempt(delivery_id: int) -> Delivery | None:
    """One attempt at a due delivery, recorded; None when it was not due (delivered, given
    up, waiting, its endpoint disabled, or another worker holds it)."""
    now = timezone.now()
    until = _claim(delivery_id, now)
    if until is None:
        return None
    delivery = Delivery.objects.select_related("endpoint__organization").get(pk=delivery_id)
    endpoint = delivery.endpoint
    body = delivery.payload
    headers = sending.signature_headers(
        secret_of(endpoint), message_id=delivery.message_id, at=now, body=body
    )
    outcome = sending.post(endpoint.url, body=body, headers=headers)
    _record(delivery, outcome, at=now, claim=until)
    delivery.refresh_from_db()
    return delivery


def next_delay(attempts: int) -> timedelta | None:
    """The wait before the next attempt after this many failed ones, None to give up: the
    configured delay, moved at random by up to WEBHOOKS_RETRY_JITTER_PERCENT either way."""
    delays = settings.WEBHOOKS_RETRY_DELAYS
    if attempts > len(delays):
        return None
    spread = settings.WEBHOOKS_RETRY_JITTER_PERCENT / 100
    factor = 1 + spread * (2 * secrets.SystemRandom().random() - 1)
    return timedelta(seconds=delays[attempts - 1] * factor)


@transaction.atomic
def _record(delivery: Delivery, outcome: sending.Outcome, *, at, claim) -> None:
    attempts = delivery.attempts + 1
    fields: dict = {
        "attempts": attempts,
        "last_attempt_at": at,
        "status_code": outcome.status_code,
        "duration_ms": outcome.duration_ms,
        "response_excerpt": outcome.excerpt,
        "error": outcome.error[:300],
    }
    if outcome.ok:
        fields |= {"status": DeliveryStatus.SUCCEEDED, "next_attempt_at": None}
    elif (delay := next_delay(attempts)) is not None:
        fields |= {"next_attempt_at": timezone.now() + delay}
    else:
        fields |= {"status": DeliveryStatus.FAILED, "next_attempt_at": None}
    # Only while the claim is ours: a claim that lapsed was retaken, and that attempt records.
    if not Delivery.objects.filter(pk=delivery.pk, next_attempt_at=claim).update(**fields):
        return
    endpoint = Endpoint.objects.select_for_update().get(pk=delivery.endpoint_id)
    if outcome.ok:
        Endpoint.objects.filter(pk=endpoint.pk).update(failures=0)
        return
    Endpoint.objects.filter(pk=endpoint.pk).update(failures=F("failures") + 1)
    if endpoint.is_active and endpoint.failures + 1 >= settings.WEBHOOKS_DISABLE_AFTER_FAILURES:
        _disable(endpoint, failures=endpoint.failures + 1)


def _disable(endpoint: Endpoint, *, failures: int) -> None:
    reason = _(
        "Sending stopped after %(count)s failed attempts in a row. Check the endpoint, then "
        "enable it again; messages still waiting are sent then."
    ) % {"count": failures}
    Endpoint.objects.filter(pk=endpoint.pk).update(
        is_active=False, disabled_at=timezone.now(), disabled_reason=reason
    )
    organization = endpoint.organization
    notifications.notify(
        accounts.admins(organization.pk),
        subject=_("Webhook endpoint disabled: %(url)s") % {"url": endpoint.url[:120]},
        body=reason,
        url=reverse("webhooks:endpoint", args=[organization.slug, endpoint.pk]),
    )


def due_deliveries(now=None) -> list[int]:
    """Deliveries due for an attempt at enabled endpoints (claims that lapsed included)."""
    return list(
        Delivery.objects.filter(
            status=DeliveryStatus.PENDING,
            next_attempt_at__lte=now or timezone.now(),
            endpoint__is_active=True,
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[: settings.WEBHOOKS_SWEEP_BATCH]
    )
