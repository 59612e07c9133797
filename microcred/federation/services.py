"""Writes of the federation app: frameworks imported from CASE, standards picked from them,
publishing the catalog to a Credential Engine registry."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred import permissions
from microcred.accounts.models import Organization
from microcred.catalog import services as catalog
from microcred.catalog.models import ExternalProvider, MicroCredentialVersion, Stack
from microcred.catalog.services import ListingCounts

from . import case, catalogs, registry, selectors, tasks
from .models import Framework, FrameworkItem, RegistryPublication

BATCH = 2000


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


@transaction.atomic
def request_publication(issuer: Organization, *, by) -> RegistryPublication:
    """Ask for the issuer's published catalog to be sent to the registry in the background.
    With no API key configured nothing is sent, and the record says so."""
    _require(permissions.can_publish_to_registry(by, issuer))
    if not registry.registry_configured():
        return RegistryPublication.objects.create(
            issuer=issuer,
            requested_by=by,
            outcome=RegistryPublication.Outcome.NOT_SENT,
            finished_at=timezone.now(),
        )
    publication = RegistryPublication.objects.create(
        issuer=issuer, requested_by=by, endpoint=registry.publish_url()
    )
    transaction.on_commit(lambda: tasks.publish_to_registry.enqueue(publication.pk))
    return publication


# -- Other providers' catalogs ----------------------------------------------------------------


def import_catalog(
    raw: bytes, *, format: str, provider: str, organization: Organization | None, by
) -> tuple[ExternalProvider, ListingCounts]:
    """List another provider's catalog beside ours, kept by an issuer (or, with no
    organization, by the platform). The whole file is checked first
    (`catalogs.CatalogRefused` lists what is wrong); then, in one transaction, its
    entries are added or updated and the provider's entries no longer in it retired.
    `by` is None for the import_catalog command, which only the server's shell runs."""
    if by is not None:
        _require(permissions.can_import_catalog(by, organization))
    name = catalogs.provider_name(provider)
    entries = catalogs.read(raw, format=format)
    try:
        return catalog.list_external(name, entries, organization=organization, by=by)
    except catalog.ProviderKeptElsewhere as exc:
        raise catalogs.CatalogRefused(
            [
                _(
                    "The provider “%(name)s” is kept by another organization; import under "
                    "another name, or ask them."
                )
                % {"name": exc.provider.name}
            ]
        ) from exc
