"""Every error of the REST API as RFC 9457 problem details (`application/problem+json`):
`type`, `title`, `status`, `detail`, `instance`, and for a refused body `errors`, each
field with its messages. A 401 carries the bearer challenge (RFC 6750 §3), a 403 for a
missing scope names it, a 429 says when to come back (`Retry-After`)."""

from __future__ import annotations

from http import HTTPStatus

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

from .access import InsufficientScope
from .authentication import REALM

CONTENT_TYPE = "application/problem+json"
_KEPT_HEADERS = ("WWW-Authenticate", "Retry-After", "Allow")


def problem(status: int, detail: str, *, instance: str = "", **extra) -> dict:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    body.update(extra)
    return body


def invalid(exc, field: str = "non_field_errors") -> exceptions.ValidationError:
    """A service's Django ValidationError as the API's 400: each message under the field it
    names, or under `field` when it names none."""
    if hasattr(exc, "error_dict"):
        return exceptions.ValidationError(exc.message_dict)
    return exceptions.ValidationError({field: exc.messages})


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested validation errors as one mapping: `field.sub.0` → messages."""
    if isinstance(detail, dict):
        found: dict[str, list[str]] = {}
        for name, value in detail.items():
            found.update(_flatten(value, f"{prefix}.{name}" if prefix else str(name)))
        return found
    if isinstance(detail, list) and detail and not all(isinstance(d, str) for d in detail):
        found = {}
        for at, value in enumerate(detail):
            found.update(_flatten(value, f"{prefix}.{at}" if prefix else str(at)))
        return found
    messages = detail if isinstance(detail, list) else [detail]
    return {prefix or "non_field_errors": [str(m) for m in messages]}


def handle(exc, context):
    """DRF's exception handler, answering in problem details."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    instance = request.get_full_path() if request is not None else ""
    extra: dict = {}
    if isinstance(exc, exceptions.ValidationError):
        extra["errors"] = _flatten(exc.detail)
        detail = _("The request has errors; each is named under errors.")
    elif isinstance(exc, exceptions.APIException):
        detail = str(exc.detail) if not isinstance(exc.detail, (dict, list)) else str(exc)
    else:
        detail = str(response.data.get("detail", "")) if isinstance(response.data, dict) else ""
    extra.update(getattr(exc, "problem_members", None) or {})
    if isinstance(exc, InsufficientScope):
        extra["scope"] = exc.scope
        response["WWW-Authenticate"] = (
            f'Bearer realm="{REALM}", error="insufficient_scope", scope="{exc.scope}"'
        )
    answer = Response(
        problem(response.status_code, detail, instance=instance, **extra),
        status=response.status_code,
        headers={k: v for k, v in response.items() if k in _KEPT_HEADERS},
        content_type=CONTENT_TYPE,
    )
    return answer


@csrf_exempt
def not_found(request, *args, **kwargs):
    """An address under /api/ that names nothing, whatever the method. Cookies count for
    nothing in the API, so a write to no address is no forgery: it gets this 404 rather
    than the CSRF check's HTML page."""
    return JsonResponse(
        problem(404, _("There is no such address in the API."), instance=request.get_full_path()),
        status=404,
        content_type=CONTENT_TYPE,
    )
