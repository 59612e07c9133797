"""How a request is answered, and how one answer is written in the access matrix."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from .world import ROLES

# What a person would notice: the page (or a redirect elsewhere), the sign-in page, a
# refusal, "not found", a refusal of the method, or a refusal of what was sent.
OUTCOMES = {"ok", "in", "400", "401", "403", "404", "405"}


@dataclass(frozen=True)
class Row:
    method: str
    expected: tuple[str, ...]
    kwargs: dict[str, str] = field(default_factory=dict)

    def url_kwargs(self, world) -> dict:
        return {name: world.value(path) for name, path in self.kwargs.items()}


def _row(method: str, answers: str, **kwargs: str) -> Row:
    expected = tuple(answers.split())
    if len(expected) != len(ROLES) or not set(expected) <= OUTCOMES:
        raise ValueError(f"{answers!r}: one of {sorted(OUTCOMES)} for each of {ROLES}")
    return Row(method, expected, kwargs)


def GET(answers: str, **kwargs: str) -> Row:  # noqa: N802 (reads as the method in the table)
    return _row("GET", answers, **kwargs)


def POST(answers: str, **kwargs: str) -> Row:  # noqa: N802
    return _row("POST", answers, **kwargs)


def outcome(response) -> str:
    """The answer as its column in the matrix shows it."""
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        sign_in = {resolve_url(settings.LOGIN_URL), reverse("admin:login")}
        return "in" if response["Location"].split("?")[0] in sign_in else "ok"
    if status < 300:
        return "ok"
    return str(status)


def project_patterns(resolver=None, prefix="", namespace=""):
    """Every URL pattern reachable from config/urls.py: (route, name, view module)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from project_patterns(entry, route, inner)
        elif isinstance(entry, URLPattern):
            name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
            yield route, name or route, entry.lookup_str


def key_of(route: str, name: str, module: str, third_party: dict[str, tuple[str, ...]]) -> str:
    """The matrix entry that answers for a pattern: its own (by URL name) for the
    platform's pages, the include's prefix for another project's (allauth, the admin)."""
    if module.startswith("microcred."):
        return name
    for prefix in third_party:
        if route.startswith(prefix):
            return prefix
    return re.sub(r"^\^", "", route).split("/")[0] + "/" if "/" in route else name
