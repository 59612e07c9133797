"""Reads of the federation app: the published catalog to export, frameworks to pick from."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q

from microcred.accounts.models import Organization
from microcred.catalog import selectors as catalog_selectors
from microcred.catalog.models import (
    ExternalProvider,
    MicroCredentialVersion,
    Requirement,
    Stack,
    StackItem,
    VersionStatus,
)

from .models import Framework, FrameworkItem, RegistryPublication

ITEMS_PER_PAGE = 50


def published_versions(*, issuer: Organization | None = None):
    """The published version of every micro-credential, with what an export reads."""
    versions = (
        MicroCredentialVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .select_related("micro_credential__issuer")
        .prefetch_related(
            "alignments",
            "topics",
            Prefetch("requirements", queryset=Requirement.objects.prefetch_related("criteria")),
            "micro_credential__stacks",
        )
        .order_by("micro_credential__slug")
    )
    if issuer is not None:
        versions = versions.filter(micro_credential__issuer=issuer)
    return versions


def published_stacks(*, issuer: Organization | None = None):
    stacks = (
        Stack.objects.filter(is_published=True)
        .select_related("issuer")
        .prefetch_related(
            "alignments",
            Prefetch(
                "items",
                queryset=StackItem.objects.select_related(
                    "micro_credential__current_version"
                ).order_by("position"),
            ),
        )
        .order_by("slug")
    )
    if issuer is not None:
        stacks = stacks.filter(issuer=issuer)
    return stacks


def published_version(slug: str) -> MicroCredentialVersion | None:
    return published_versions().filter(micro_credential__slug=slug).first()


def published_stack(slug: str) -> Stack | None:
    return catalog_selectors.stack_for_page(slug)


def frameworks_for(issuer: Organization):
    """Frameworks an issuer's authors may pick from: its own and the platform's."""
    return Framework.objects.filter(Q(organization=issuer) | Q(organization=None))


def framework_items(framework: Framework, *, words: str = ""):
    """A framework's items in document order, narrowed to those whose code or statement
    holds every word typed."""
    items = FrameworkItem.objects.filter(framework=framework)
    for word in words.split()[:8]:
        items = items.filter(
            Q(human_coding_scheme__icontains=word) | Q(full_statement__icontains=word)
        )
    return items.order_by("position", "id")


def publications(issuer: Organization):
    return RegistryPublication.objects.filter(issuer=issuer)[:20]


def providers(organizations, *, everyone: bool):
    """Other providers whose catalogs these organizations keep (every one for platform
    staff), with how many of their entries are listed and retired."""
    kept = ExternalProvider.objects.all()
    if not everyone:
        kept = kept.filter(organization__in=organizations)
    return (
        kept.select_related("organization")
        .annotate(
            listed=Count("listings", filter=Q(listings__retired_at=None)),
            retired=Count("listings", filter=Q(listings__retired_at__isnull=False)),
        )
        .order_by("name")
    )
