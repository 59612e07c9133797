"""The whole REST API fuzzed from its own OpenAPI document: schemathesis reads
/api/openapi.json from the application, in the process, and sends every operation valid
and invalid requests (at least FUZZ_REQUESTS in all) as nobody, as people holding every
role with tokens for every scope, and as organizations' API clients, in a world where
the things those operations name exist. No answer may be a server error, and every
answer must be one the document describes (status, content type, headers, body).

The document is read when the test runs, so a new endpoint is fuzzed as soon as it is
added. Generation is derandomized: the same code sends the same requests.

    .venv/bin/pytest -q -p no:cacheprovider microcred/api/tests/test_fuzz.py -s
"""

from __future__ import annotations

import logging
import math
import os
import time
from collections import Counter

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from microcred.connect import scopes
from tests.access.world import build

from .tokens import person_token

pytestmark = pytest.mark.django_db

FUZZ_REQUESTS = int(os.environ.get("FUZZ_REQUESTS", "10000"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
API_SCOPES = list(scopes.AREAS["api"])
RUNS = 5


@pytest.fixture
def application():
    """Django's WSGI application, answering in the test's own transaction: as Django's
    test client does, the request signals keep the connection open."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _callers(world) -> list[tuple[str, dict]]:
    """Who sends the requests: nobody; each kind of person, with every scope; each kind
    of organization's API client, with every scope it may hold."""
    from microcred.connect import services

    from .tokens import _token

    callers: list[tuple[str, dict]] = [("nobody", {})]
    for role in ("earner", "assessor", "facilitator", "issuer_admin", "district_admin", "staff"):
        token = person_token(world.people[role], *API_SCOPES)
        callers.append((role, {"Authorization": f"Bearer {token}"}))
    for organization, admin in (("issuer", "issuer_admin"), ("district", "district_admin")):
        org = world.things[organization]
        new = services.create_organization_client(
            org,
            by=world.people[admin],
            name=f"{organization} sync",
            roles=list(services.client_roles(org, by=world.people[admin])),
            scope=list(scopes.ORGANIZATION_SCOPES),
        )
        token = _token(new.client.application, None, scopes.ORGANIZATION_SCOPES)
        callers.append((f"{organization} client", {"Authorization": f"Bearer {token}"}))
    return callers


def _known_values(world) -> dict[str, list]:
    """Values of path parameters that name something in the world, by parameter name; the
    fuzzer also sends values of its own, which name nothing."""
    t = world.things
    found: dict[str, list] = {}

    def add(name, value):
        found.setdefault(name, []).append(value)

    for key in ("mc", "issuer", "district", "stack", "cohort_mc"):
        if key in t and getattr(t[key], "slug", None):
            add("slug", t[key].slug)
    for value in t.values():
        pk = getattr(value, "pk", None)
        if isinstance(pk, int):
            add("pk", pk)
            add("id", pk)
    for name in ("public_id", "reference"):
        for value in t.values():
            if getattr(value, name, None):
                add(name, str(getattr(value, name)))
    return found


def _strategy(operation, known: dict[str, list]):
    """Valid and invalid requests for `operation`; where the world has values for every
    path parameter, also requests that name those things."""
    names = [parameter.name for parameter in operation.path_parameters]
    fixed = {name: known[name] for name in names if name in known}
    modes = [GenerationMode.POSITIVE]
    if names or list(operation.query) or list(operation.headers) or operation.body:
        modes.append(GenerationMode.NEGATIVE)
    strategies = []
    for mode in modes:
        strategies.append(operation.as_strategy(generation_mode=mode))
        if names and len(fixed) == len(names):
            values = st.fixed_dictionaries({name: st.sampled_from(v) for name, v in fixed.items()})
            strategies.append(
                values.flatmap(
                    lambda chosen, mode=mode: operation.as_strategy(
                        generation_mode=mode, path_parameters=chosen
                    )
                )
            )
    return st.one_of(strategies)


def _fuzz(operation, strategy, callers, *, examples: int, run: int, sent: Counter) -> None:
    """`examples` requests made, each sent by every caller."""
    label = f"{operation.method.upper()} {operation.path}"

    @seed(run)
    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(case=strategy)
    def fuzz(case):
        for name, headers in callers:
            response = case.call(headers=headers)
            sent[label] += 1
            try:
                case.validate_response(response, checks=CHECKS, headers=headers)
            except (AssertionError, FailureGroup) as exc:
                exc.add_note(f"Sent as: {name}")
                raise

    fuzz()


def test_every_operation_answers_as_its_document_says(application, capsys):
    started = time.monotonic()
    world = build()
    callers = _callers(world)
    known = _known_values(world)
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations, "the OpenAPI document lists no operation"
    strategies = [_strategy(operation, known) for operation in operations]
    sent: Counter = Counter()
    failures: dict[str, str] = {}
    # Each 4xx would be logged as a warning; server errors still are.
    quiet = logging.getLogger("django.request")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        # An operation with few possible requests runs out of new ones early; the rest of
        # the requests go to further runs with other seeds, the same ones every time.
        for run in range(RUNS):
            missing = FUZZ_REQUESTS - sum(sent.values())
            if missing <= 0:
                break
            examples = math.ceil(missing / (len(operations) * len(callers)))
            for operation, strategy in zip(operations, strategies, strict=True):
                label = f"{operation.method.upper()} {operation.path}"
                if label in failures:
                    continue
                # One operation's failure is reported with every other's, not instead.
                try:
                    _fuzz(operation, strategy, callers, examples=examples, run=run, sent=sent)
                except (Exception, FailureGroup) as exc:  # noqa: BLE001 (each is reported below)
                    failures[label] = "\n".join([str(exc), *getattr(exc, "__notes__", [])])
    finally:
        quiet.setLevel(level)

    total = sum(sent.values())
    with capsys.disabled():
        print(
            f"\nFuzzed {len(operations)} operations as {len(callers)} callers with {total} "
            f"requests in {time.monotonic() - started:.0f} s:"
        )
        for label, count in sorted(sent.items()):
            print(f"  {count:6} {label}{'  FAILED' if label in failures else ''}")
    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())
    assert total >= FUZZ_REQUESTS
