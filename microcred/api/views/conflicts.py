"""Answers beyond those every operation may give (400, 401, 403, 404, 429): 409 for a
state that does not allow the request, and the Idempotency-Key's own 409 and 422."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions

from ..errors import CONTENT_TYPE

__all__ = ["CONTENT_TYPE", "IDEMPOTENCY_ANSWERS", "Conflict", "problem"]


class Conflict(exceptions.APIException):
    """The object's state does not allow this now; the detail says why."""

    status_code = 409
    default_detail = _("This is not possible in the present state.")


def problem(description: str) -> OpenApiResponse:
    return OpenApiResponse(
        response=OpenApiTypes.OBJECT, description=description + " Problem details."
    )


IDEMPOTENCY_ANSWERS = {
    (409, CONTENT_TYPE): problem("A request with this Idempotency-Key is still running."),
    (422, CONTENT_TYPE): problem("This Idempotency-Key was used for a different request."),
}
