"""The OpenAPI 3 document's parts that drf-spectacular cannot read from the views: the
OAuth 2.0 scheme with its two flows and every scope in words, the scope each operation
needs, and the problem details every operation may answer with."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiAuthenticationExtension

from microcred.connect import scopes

from .access import required_scope

PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
        "scope": {"type": "string"},
    },
    "required": ["type", "title", "status", "detail"],
}
_ANSWERS = {
    "400": "The request has errors, named under `errors`.",
    "401": "No access token, or one that is not valid.",
    "403": "The token lacks the scope, or its holder may not do this.",
    "404": "Nothing of that name that the caller may see.",
    "429": "Too many requests; `Retry-After` says when to come back.",
}


_KEY_ANSWERS = {
    "409": "A request with this Idempotency-Key is still running, or the state refuses it.",
    "422": "This Idempotency-Key was used for a different request.",
}


_KEY_HEADER = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 255},
    "description": (
        "Send the same key again to get the first answer back instead of "
        "creating twice; kept for API_IDEMPOTENCY_HOURS (a day unless set)."
    ),
}


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's, adding to each operation that takes an `Idempotency-Key` (a view
    method wrapped in `idempotency.idempotent`) the header and the key's own answers."""

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        handler = getattr(self.view, self.method.lower(), None)
        if operation is None or not getattr(handler, "idempotent", False):
            return operation
        parameters = operation.setdefault("parameters", [])
        if not any(
            p.get("in") == "header" and p.get("name") == "Idempotency-Key" for p in parameters
        ):
            parameters.append(dict(_KEY_HEADER))
        _add_problems(operation, _KEY_ANSWERS)
        return operation


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "microcred.api.authentication.BearerToken"
    name = "oauth2"

    def get_security_definition(self, auto_schema):
        words = {scope: str(words) for scope, words in scopes.AREAS["api"].items()}
        token = reverse("connect:token")
        return {
            "type": "oauth2",
            "description": (
                "Client credentials for an organization's systems (made on the organization's "
                "API clients page); authorization code with PKCE (S256) for people's apps, "
                "registered as RFC 7591 clients."
            ),
            "flows": {
                "clientCredentials": {"tokenUrl": token, "scopes": words},
                "authorizationCode": {
                    "authorizationUrl": reverse("connect:authorize"),
                    "tokenUrl": token,
                    "refreshUrl": token,
                    "scopes": words,
                },
            },
        }

    def get_security_requirement(self, auto_schema):
        scope = required_scope(auto_schema.view, auto_schema.method)
        if scope is None:
            return {}
        return {self.name: [scope]}


def security_and_problems(result, generator, request, public):
    """A postprocessing hook: the Problem schema, and the error answers of every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            _add_problems(operation, _ANSWERS)
    return result


def _add_problems(operation: dict, answers: dict[str, str]) -> None:
    """Each status of `answers` that the operation does not describe itself, as a problem."""
    for status, description in answers.items():
        operation["responses"].setdefault(
            status,
            {
                "description": description,
                "content": {
                    "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
                },
            },
        )
