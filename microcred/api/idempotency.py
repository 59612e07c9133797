"""Idempotency keys on writes that create (the `Idempotency-Key` header, as payment APIs
use it). The first request with a key runs, and if it created something its answer is
kept with the key; the same request again gets that answer back, marked
`Idempotent-Replayed: true`, and creates nothing. The same key with a different request is
refused (422), as is a key still being used by a request in flight (409). Keys belong to
the account that sent them and are kept for API_IDEMPOTENCY_HOURS. A request without the
header runs as usual."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http.request import RawPostDataException
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response

from .models import IdempotencyKey

HEADER = "Idempotency-Key"


class KeyReused(exceptions.APIException):
    status_code = 422
    default_detail = _("This Idempotency-Key was used for a different request.")


class KeyInFlight(exceptions.APIException):
    status_code = 409
    default_detail = _("A request with this Idempotency-Key is still running; try again shortly.")


def _fingerprint(request) -> str:
    digest = hashlib.sha256()
    digest.update(request.method.encode())
    digest.update(b"\0")
    digest.update(request.path.encode())
    digest.update(b"\0")
    try:
        digest.update(request.body)
    except RawPostDataException:
        # Checking the bearer token (oauthlib) reads form data as it arrives, so a form's
        # bytes are gone by now: its fields and its files' contents stand for them.
        _form_fingerprint(request._request, digest)
    return digest.hexdigest()


def _form_fingerprint(request, digest) -> None:
    digest.update(repr(sorted(request.POST.lists())).encode())
    for name, uploads in sorted(request.FILES.lists()):
        for upload in uploads:
            digest.update(f"\0{name}\0{upload.name}\0{upload.size}\0".encode())
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)


def _key(request) -> str | None:
    key = request.headers.get(HEADER)
    if key is None:
        return None
    key = key.strip()
    if not key or len(key) > 255 or not key.isprintable():
        raise exceptions.ValidationError(
            {HEADER: [_("An Idempotency-Key is 1 to 255 printable characters.")]}
        )
    return key


def forget_old() -> int:
    """Delete keys older than API_IDEMPOTENCY_HOURS; returns how many."""
    cutoff = timezone.now() - timedelta(hours=settings.API_IDEMPOTENCY_HOURS)
    deleted, _rows = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def idempotent(method):
    """Wrap a view method that creates (`create`, or a POST action)."""

    @wraps(method)
    def wrapped(self, request, *args, **kwargs):
        key = _key(request)
        if key is None or request.user.is_anonymous:
            return method(self, request, *args, **kwargs)
        # Read the body before the view parses it, so the fingerprint sees the bytes sent.
        fingerprint = _fingerprint(request)
        cutoff = timezone.now() - timedelta(hours=settings.API_IDEMPOTENCY_HOURS)
        kept = IdempotencyKey.objects.filter(
            owner=request.user, key=key, created_at__gte=cutoff
        ).first()
        if kept is not None:
            if kept.fingerprint != fingerprint:
                raise KeyReused
            headers = {"Idempotent-Replayed": "true"}
            if kept.location:
                headers["Location"] = kept.location
            return Response(kept.body, status=kept.status, headers=headers)
        IdempotencyKey.objects.filter(owner=request.user, key=key).delete()  # an expired one
        with transaction.atomic():
            # Claim the key first: a second request with it waits on this row, then finds
            # it taken; the claim and what the view writes commit together.
            try:
                with transaction.atomic():
                    claim = IdempotencyKey.objects.create(
                        owner=request.user, key=key, fingerprint=fingerprint, status=0, body={}
                    )
            except IntegrityError:
                raise KeyInFlight from None
            response = method(self, request, *args, **kwargs)
            if not 200 <= response.status_code < 300:
                transaction.set_rollback(True)
                return response
            claim.status = response.status_code
            claim.body = response.data
            claim.location = response.get("Location", "")[:500]
            claim.save(update_fields=["status", "body", "location"])
            return response

    wrapped.idempotent = True  # read by the OpenAPI document (schema.AutoSchema)
    return wrapped
