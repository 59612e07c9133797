"""Sending an issuer's published catalog to a Credential Engine registry through its
Registry Assistant API; `tasks.publish_to_registry` runs it in the background."""

from __future__ import annotations

import contextlib
import json

import requests
from django.conf import settings
from django.utils import timezone

from microcred.accounts.models import Organization

from . import ctdl, selectors
from .models import RegistryPublication

# What is kept of a registry's answer: enough to read what went wrong.
ANSWER_LIMIT = 20_000


def registry_configured() -> bool:
    return bool(settings.CREDENTIAL_REGISTRY_API_KEY)


def publish_url() -> str:
    # Registry Assistant: a CTDL graph is published with POST {base}credential/publishGraph.
    return settings.CREDENTIAL_REGISTRY_URL.rstrip("/") + "/credential/publishGraph"


def registry_graphs(issuer: Organization) -> list[dict]:
    """One graph per credential, as the Registry Assistant takes them."""
    graphs = []
    for version in selectors.published_versions(issuer=issuer):
        graphs.append(ctdl.graph([version], [], the_id=ctdl.credential_id(version)))
    for stack in selectors.published_stacks(issuer=issuer):
        graphs.append(ctdl.graph([], [stack], the_id=ctdl.stack_id(stack)))
    return graphs


def publish(publication_id: int) -> RegistryPublication:
    """Send an issuer's catalog to the registry; runs once per requested publication."""
    publication = RegistryPublication.objects.select_related("issuer").get(pk=publication_id)
    if publication.outcome != RegistryPublication.Outcome.WAITING:
        return publication
    answers, failed = [], False
    graphs = registry_graphs(publication.issuer)
    for graph in graphs:
        body = {
            "PublishForOrganizationIdentifier": settings.CREDENTIAL_REGISTRY_ORGANIZATION_CTID,
            "DefaultLanguage": "en-US",
            "GraphInput": graph,
        }
        try:
            response = requests.post(
                publication.endpoint,
                json=body,
                headers={"Authorization": f"ApiToken {settings.CREDENTIAL_REGISTRY_API_KEY}"},
                timeout=settings.CREDENTIAL_REGISTRY_TIMEOUT_SECONDS,
            )
        except requests.RequestException as exc:
            failed = True
            answers.append(f"{graph['@id']}: {exc}")
            continue
        successful = response.ok
        with contextlib.suppress(ValueError, AttributeError):
            successful = successful and json.loads(response.text).get("Successful", True)
        failed = failed or not successful
        answers.append(f"{graph['@id']}: HTTP {response.status_code} {response.text}")
    RegistryPublication.objects.filter(pk=publication.pk).update(
        outcome=RegistryPublication.Outcome.FAILED
        if failed
        else RegistryPublication.Outcome.PUBLISHED,
        finished_at=timezone.now(),
        entries=len(graphs),
        answer="\n".join(answers)[:ANSWER_LIMIT],
    )
    publication.refresh_from_db()
    return publication
