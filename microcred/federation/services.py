"""Writes of the federation app: frameworks imported from CASE, standards picked from them,
publishing the catalog to a Credential Engine registry."""

from __future__ import annotations

import contextlib
import json

import requests
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from microcred import permissions
from microcred.accounts.models import Organization
from microcred.catalog import services as catalog
from microcred.catalog.models import MicroCredentialVersion, Stack

from . import case, ctdl, selectors
from .models import Framework, FrameworkItem, RegistryPublication

BATCH = 2000
# What is kept of a registry's answer: enough to read what went wrong.
ANSWER_LIMIT = 20_000


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def import_framework(raw: bytes, *, organization: Organization | None, by) -> Framework:
    """Import a CASE package for an issuer (or, by platform staff, for every issuer).
    The whole file is checked first (`case.FrameworkRefused` lists what is wrong); a
    framework imported again is replaced whole, in one transaction. `by` is None for the
    import_case command and the demo, which only someone with the server's shell runs."""
    if by is not None:
        _require(permissions.can_import_framework(by, organization))
    package = case.read(raw)
    with transaction.atomic():
        framework, _ = Framework.objects.select_for_update().update_or_create(
            organization=organization,
            identifier=package.identifier,
            defaults={
                "uri": package.uri,
                "title": package.title,
                "creator": package.creator,
                "publisher": package.publisher,
                "version": package.version,
                "licence": package.licence,
                "imported_by": by if by is not None and by.is_authenticated else None,
            },
        )
        framework.items.all().delete()
        items = case.ordered(package.items)
        rows = [
            FrameworkItem(
                framework=framework,
                identifier=item.identifier,
                uri=item.uri,
                full_statement=item.full_statement,
                human_coding_scheme=item.human_coding_scheme,
                item_type=item.item_type,
                position=position,
            )
            for position, item in enumerate(package.items)
        ]
        FrameworkItem.objects.bulk_create(rows, batch_size=BATCH)
        ids = dict(
            FrameworkItem.objects.filter(framework=framework).values_list("identifier", "pk")
        )
        linked = [
            FrameworkItem(pk=ids[item.identifier], parent_id=ids[item.parent])
            for item in items
            if item.parent
        ]
        FrameworkItem.objects.bulk_update(linked, ["parent"], batch_size=BATCH)
    return framework


def _alignment_of(item: FrameworkItem) -> dict:
    return {
        "framework": item.framework.title[:200],
        "name": item.full_statement[:300],
        "code": item.human_coding_scheme,
        "url": item.uri,
        "case_identifier": item.identifier,
    }


def _pickable(item: FrameworkItem, issuer: Organization) -> None:
    if not selectors.frameworks_for(issuer).filter(pk=item.framework_id).exists():
        raise PermissionDenied


def align_version(version: MicroCredentialVersion, item: FrameworkItem, *, by):
    """Align a draft to a standard picked from an imported framework."""
    _pickable(item, version.micro_credential.issuer)
    return catalog.add_alignment(version, by=by, **_alignment_of(item))


def align_stack(stack: Stack, item: FrameworkItem, *, by):
    _pickable(item, stack.issuer)
    return catalog.add_stack_alignment(stack, by=by, **_alignment_of(item))


# -- Publishing to a Credential Engine registry ---------------------------------------------


def registry_configured() -> bool:
    return bool(settings.CREDENTIAL_REGISTRY_API_KEY)


@transaction.atomic
def request_publication(issuer: Organization, *, by) -> RegistryPublication:
    """Ask for the issuer's published catalog to be sent to the registry in the background.
    With no API key configured nothing is sent, and the record says so."""
    _require(permissions.can_publish_to_registry(by, issuer))
    if not registry_configured():
        return RegistryPublication.objects.create(
            issuer=issuer,
            requested_by=by,
            outcome=RegistryPublication.Outcome.NOT_SENT,
            finished_at=timezone.now(),
        )
    publication = RegistryPublication.objects.create(
        issuer=issuer, requested_by=by, endpoint=publish_url()
    )
    from . import tasks

    transaction.on_commit(lambda: tasks.publish_to_registry.enqueue(publication.pk))
    return publication


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
