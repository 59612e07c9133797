"""A request that is well formed but that the object's state refuses: 409 Conflict, with
the service's own message as `detail` and, where the refusal has parts (the items of a
quality checklist), each of them under `errors`."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions

PROBLEM = "application/problem+json"


class Conflict(exceptions.APIException):
    status_code = 409
    default_detail = "The object's state does not allow this."

    def __init__(self, detail=None, *, errors: dict[str, list[str]] | None = None):
        super().__init__(detail)
        # Read by errors.handle, which adds them to the problem details.
        self.problem_members = {"errors": errors} if errors else {}


def answer(description: str) -> dict:
    """The 409 answer of an operation, for its `extend_schema(responses=...)`."""
    return {
        (409, PROBLEM): OpenApiResponse(
            description=description, response={"$ref": "#/components/schemas/Problem"}
        )
    }
