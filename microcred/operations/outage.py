"""Answers for when the database cannot be reached: honest, and in the caller's format.

An outage is an OperationalError or InterfaceError (connection refused, dropped, server
shutting down); other database errors are bugs and stay 500s."""

from __future__ import annotations

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.urls import Resolver404, resolve

OUTAGE_ERRORS = (OperationalError, InterfaceError)
# Load balancers and API clients retry after this many seconds.
RETRY_AFTER = 30


def is_outage(exc: BaseException | None) -> bool:
    return isinstance(exc, OUTAGE_ERRORS)


def problem(status: int, title: str, detail: str, **extra) -> JsonResponse:
    """An RFC 9457 problem details body."""
    response = JsonResponse(
        {"type": "about:blank", "title": title, "status": status, "detail": detail} | extra,
        status=status,
        content_type="application/problem+json",
    )
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER)
    return response


def unavailable_problem() -> JsonResponse:
    return problem(
        503,
        "Service unavailable",
        "The platform cannot reach its database. Nothing was done with this request; "
        "send it again in a minute.",
    )


def wants_json(request: HttpRequest) -> bool:
    """An API endpoint, or a caller that asked for JSON rather than a page."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if match is not None and getattr(match.func, "answers_json", False):
        return True
    accept = request.headers.get("Accept", "")
    return "json" in accept and "text/html" not in accept


def unavailable_page() -> HttpResponse:
    # Rendered without a request context: the context processors would ask the database.
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response
