"""The REST API's reference as a page, read from its OpenAPI document: each operation with
its address, the scope it needs, its parameters and its answers. Plain HTML, no script."""

from __future__ import annotations

from functools import cache

from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.views import SpectacularJSONAPIView

from microcred.connect import scopes

_METHODS = ("get", "post", "put", "patch", "delete")


@cache
def _document() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def _operations(document: dict) -> list[dict]:
    found = []
    for path, operations in document.get("paths", {}).items():
        for method in _METHODS:
            operation = operations.get(method)
            if operation is None:
                continue
            needed = [
                scope
                for requirement in operation.get("security", [])
                for scope in requirement.get("oauth2", [])
            ]
            found.append(
                {
                    "id": operation.get("operationId", ""),
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "scopes": needed,
                    "tag": (operation.get("tags") or [""])[0],
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": parameter["in"],
                            "required": parameter.get("required", False),
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "answers": sorted(operation.get("responses", {})),
                }
            )
    return found


class Document(SpectacularJSONAPIView):
    """The OpenAPI 3 document, for anyone."""

    authentication_classes: list = []
    permission_classes: list = []


def reference(request):
    document = _document()
    return render(
        request,
        "api/docs.html",
        {
            "info": document.get("info", {}),
            "operations": _operations(document),
            "scopes": [(scope, str(words)) for scope, words in scopes.AREAS["api"].items()],
        },
    )
