"""Reads of the catalog worth naming: the public search, and the pages behind it."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from . import catalog_index, search
from .models import (
    Cohort,
    ExternalListing,
    MicroCredential,
    MicroCredentialVersion,
    Requirement,
    RubricCriterion,
    Stack,
    StackItem,
)
from .search import ParsedQuery, parse_query


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    TITLE = "title"
    SHORTEST = "shortest"

    CHOICES = (
        (RELEVANCE, _("Best match")),
        (NEWEST, _("Newest")),
        (TITLE, _("Title A–Z")),
        (SHORTEST, _("Fewest hours")),
    )


def default_sort(query: ParsedQuery) -> str:
    """Best match when there are words to match, newest first when there are none."""
    return Sort.RELEVANCE if query else Sort.NEWEST


def sort_options(results: SearchResults) -> list[tuple[str, StrOrPromise, bool]]:
    """(value, label, selected) for the sort menu.

    The default order is sent as no value at all, so that a form which was showing the
    catalog newest first asks for the best match as soon as words are typed; an order
    the person chose is sent by name and survives new words, filters and pages.
    """
    default = default_sort(results.query)
    return [
        ("" if value == default else value, label, value == results.sort)
        for value, label in Sort.CHOICES
        if value != Sort.RELEVANCE or results.query
    ]


FACETS = ("issuer", "provider", "stack", "topic", "grade", "price", "unit")
FACET_LABELS = {
    "issuer": _("Issuer"),
    "provider": _("Provider"),
    "stack": _("Stack"),
    "topic": _("Topic"),
    "grade": _("Grade band"),
    "price": _("Price"),
    "unit": _("Credit"),
}
MAX_FACET_VALUES = 20
_PRICE_LABELS = {"free": _("Free"), "paid": _("Fee")}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResults:
    query: ParsedQuery
    filters: dict[str, list[str]]
    sort: str
    page: int
    page_size: int
    total: int
    versions: list[MicroCredentialVersion]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    # The page in order: our versions and other providers' listings, ranked together.
    entries: list[MicroCredentialVersion | ExternalListing] = field(default_factory=list)
    # How many of the `total` matches are other providers' listings.
    listings: int = 0

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.page_count

    @property
    def first_index(self) -> int:
        return 0 if not self.total else (self.page - 1) * self.page_size + 1

    @property
    def last_index(self) -> int:
        return min(self.total, self.page * self.page_size)


def clean_filters(raw: dict[str, list[str]]) -> dict[str, list[str]]:
    """Keep known facets, drop empty values, cap how many values one facet takes."""
    cleaned = {}
    for name in FACETS:
        values = [v.strip()[:100] for v in raw.get(name, []) if v and v.strip()]
        if name == "price":
            values = [v for v in values if v in ("free", "paid")]
        if values:
            cleaned[name] = list(dict.fromkeys(values))[:MAX_FACET_VALUES]
    return cleaned


# --- the search ------------------------------------------------------------------------
# The engine finds the matches (search.matches); catalog_index holds the catalog's facet
# values as bitsets and its sort orders, so that filters, facet counts and the page are
# bit operations whatever the number of matches. Facet counts are disjunctive: a facet
# counts what the other facets' filters let through, so that its values can be combined.


def catalog_search(
    raw_query: str | None = "",
    *,
    filters: dict[str, list[str]] | None = None,
    sort: str = "",
    page: int = 1,
    page_size: int | None = None,
    with_facets: bool = True,
) -> SearchResults:
    """Published micro-credentials and other providers' listings matching the words and
    facet filters, one page of them.

    A fixed number of queries whatever the page size or the number of matches: the
    catalog stamp, the index after a catalog change, the engine's matches unless these
    words were searched since, the labels and stacks, three to load the page's versions
    and one its listings.
    """
    query = parse_query(raw_query)
    filters = clean_filters(filters or {})
    page_size = page_size or settings.CATALOG_PAGE_SIZE
    valid_sorts = {value for value, _label in Sort.CHOICES}
    if sort not in valid_sorts or (sort == Sort.RELEVANCE and not query):
        sort = default_sort(query)
    with connection.cursor() as cursor:
        index = catalog_index.current(cursor)
        ranked = index.ranked(cursor, query) if query else None
        named = _Labels(
            search.labels(cursor, list(index.values["issuer"]), list(index.values["provider"])),
            index,
        )
    found = ranked.mask if ranked is not None else index.everything
    chosen = {name: named.mask(name, values) for name, values in filters.items()}
    hits = found
    for mask in chosen.values():
        hits &= mask
    total = hits.bit_count()
    every_listing = 0
    for mask in index.values["provider"].values():
        every_listing |= mask
    listings = (hits & every_listing).bit_count()
    page = min(max(1, page), max(1, -(-total // page_size)))
    ids = [
        index.version_ids[at]
        for at in index.page(
            hits,
            sort=sort,
            ranked=ranked if sort == Sort.RELEVANCE else None,
            offset=(page - 1) * page_size,
            limit=page_size,
        )
    ]
    facets = _facets(found, chosen, filters, named) if with_facets else {}
    version_ids = [pk for pk in ids if pk > 0]
    listing_ids = [-pk for pk in ids if pk < 0]
    loaded = (
        MicroCredentialVersion.objects.filter(pk__in=version_ids)
        .select_related("micro_credential__issuer")
        .prefetch_related("topics", "grade_bands")
        if version_ids
        else []
    )
    by_id: dict[int, MicroCredentialVersion | ExternalListing] = {
        version.pk: version for version in loaded
    }
    if listing_ids:
        for listing in ExternalListing.objects.filter(pk__in=listing_ids).select_related(
            "provider"
        ):
            by_id[-listing.pk] = listing
    entries = [by_id[pk] for pk in ids if pk in by_id]
    return SearchResults(
        query=query,
        filters=filters,
        sort=sort,
        page=page,
        page_size=page_size,
        total=total,
        versions=[e for e in entries if isinstance(e, MicroCredentialVersion)],
        facets=facets,
        entries=entries,
        listings=listings,
    )


class _Labels:
    """The facets' values with their labels, and the bitset each value selects."""

    def __init__(self, rows, index: catalog_index.CatalogIndex):
        self.index = index
        # facet -> [(value, label, bitset key, order)], in the order the page lists ties
        self.values: dict[str, list[tuple[str, str, str, int]]] = {
            "issuer": [],
            "provider": [],
            "topic": [],
            "grade": [],
        }
        stacks: dict[str, tuple[str, list[int]]] = {}
        for kind, key, slug, name, n in rows:
            if kind == "stack":
                at = index.micro_credential_position.get(int(key))
                members = stacks.setdefault(slug, (name, []))[1]
                if at is not None:
                    members.append(at)
            else:
                self.values[kind].append((slug, name, key, n))
        self.stacks = stacks

    def mask(self, name: str, values: list[str]) -> int:
        """Versions with any of the values; an unknown value selects none."""
        mask, wanted = 0, set(values)
        if name == "stack":
            for slug in wanted & set(self.stacks):
                mask |= catalog_index.bitset(self.stacks[slug][1], self.index.size)
            return mask
        stored = self.index.values[name]
        if name in ("issuer", "provider", "topic", "grade"):
            keys = [key for slug, _name, key, _n in self.values[name] if slug in wanted]
        else:
            keys = list(wanted)
        for key in keys:
            mask |= stored.get(key, 0)
        return mask


def _facets(found: int, chosen: dict[str, int], filters, named: _Labels):
    facets = {}
    for name in FACETS:
        base = found
        for other, mask in chosen.items():
            if other != name:
                base &= mask
        selected = set(filters.get(name, []))
        shown = [row for row in _counted(name, base, named) if row[0] and row[2]]
        facets[name] = [
            FacetValue(value=value, label=label, count=count, selected=value in selected)
            for value, label, count in shown[:MAX_FACET_VALUES]
        ]
    return facets


def _counted(name: str, base: int, named: _Labels) -> list[tuple[str, str, int]]:
    """Every value of one facet with its label and count, in the order the page lists them."""
    stored = named.index.values.get(name, {})
    if name == "stack":
        data = base.to_bytes((named.index.size + 7) // 8, "little")
        return _by_count(
            [
                (slug, title, sum(data[at >> 3] >> (at & 7) & 1 for at in members))
                for slug, (title, members) in named.stacks.items()
            ]
        )
    if name == "price":
        return sorted(
            (value, str(_PRICE_LABELS[value]), (base & mask).bit_count())
            for value, mask in stored.items()
            if value in _PRICE_LABELS
        )
    if name == "unit":
        return _by_count(
            [(value, value, (base & mask).bit_count()) for value, mask in stored.items()]
        )
    counted = [
        (slug, label, (base & stored[key]).bit_count(), n)
        for slug, label, key, n in named.values[name]
        if key in stored
    ]
    if name == "grade":
        return [
            (slug, label, count)
            for slug, label, count, _n in sorted(counted, key=lambda row: row[3])
        ]
    return _by_count([(slug, label, count) for slug, label, count, _n in counted])


def _by_count(rows):
    # Most first, then by label; the value settles labels two stacks share.
    return sorted(rows, key=lambda row: (-row[2], row[1], row[0]))


def micro_credential_for_page(slug: str) -> MicroCredential | None:
    """A micro-credential with its current version and all it shows, in fixed queries."""
    version_prefetch = Prefetch(
        "current_version__requirements",
        queryset=Requirement.objects.prefetch_related(
            Prefetch("criteria", queryset=RubricCriterion.objects.order_by("position", "id"))
        ),
    )
    return (
        MicroCredential.objects.filter(slug=slug)
        .select_related("issuer", "current_version")
        .prefetch_related(
            version_prefetch,
            "current_version__resources",
            "current_version__alignments",
            "current_version__topics",
            "current_version__grade_bands",
            Prefetch(
                "stack_items",
                queryset=StackItem.objects.filter(stack__is_published=True).select_related("stack"),
            ),
            Prefetch("cohorts", queryset=upcoming_cohorts(), to_attr="upcoming_cohorts"),
        )
        .first()
    )


def upcoming_cohorts():
    """Cohorts still taking earners or yet to open, with how many places are taken."""
    return (
        Cohort.objects.filter(enrollment_closes_on__gte=timezone.localdate())
        .select_related("facilitator")
        .annotate(taken=Count("enrollments"))
        .order_by("starts_on", "pk")
    )


def stack_for_page(slug: str) -> Stack | None:
    return (
        Stack.objects.filter(slug=slug, is_published=True)
        .select_related("issuer")
        .prefetch_related(
            "alignments",
            Prefetch(
                "items",
                queryset=StackItem.objects.select_related(
                    "micro_credential__current_version"
                ).order_by("position", "id"),
            ),
        )
        .first()
    )


def published_stacks():
    return (
        Stack.objects.filter(is_published=True)
        .select_related("issuer")
        .prefetch_related("items")
        .order_by("title")
    )


def authored_versions(issuers):
    """Every version of the micro-credentials these issuers author, newest micro-credential
    first and each one's versions newest first, with what a list of them shows."""
    return (
        MicroCredentialVersion.objects.filter(micro_credential__issuer__in=issuers)
        .select_related("micro_credential__issuer")
        .order_by("-micro_credential__created_at", "-micro_credential_id", "-number")
    )


def version_for_editing(issuers, pk: int) -> MicroCredentialVersion | None:
    """One version of these issuers' with everything its editor and checklist read."""
    return (
        authored_versions(issuers)
        .prefetch_related(
            "topics",
            "grade_bands",
            "resources",
            "alignments",
            Prefetch(
                "requirements",
                queryset=Requirement.objects.prefetch_related(
                    Prefetch(
                        "criteria", queryset=RubricCriterion.objects.order_by("position", "id")
                    )
                ).order_by("position", "id"),
            ),
        )
        .filter(pk=pk)
        .first()
    )
