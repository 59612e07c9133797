"""Reads of the catalog worth naming: the public search, and the pages behind it."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import search
from .models import (
    Cohort,
    MicroCredential,
    MicroCredentialVersion,
    Requirement,
    RubricCriterion,
    Stack,
    StackItem,
)
from .search import ParsedQuery, match, parse_query


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


FACETS = ("issuer", "stack", "topic", "grade", "price", "unit")
FACET_LABELS = {
    "issuer": _("Issuer"),
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
# One statement per search (search.Statement) reads the narrow search entries, never the
# version rows, until the page's versions are loaded. Facet counts are disjunctive: a
# facet counts what the other facets' filters let through, so that its values can be
# combined. The statement returns them grouped and Python adds the groups up.
#
# The whole catalog's counts (the front page's, and on an empty search with a single
# filter, the filtered facet's) would have every search of the front page count the
# whole catalog again; they are cached under the catalog stamp, which every publish and
# retirement changes. Stack counts and labels change without a publish and are always
# read afresh.

FRONT_PAGE_CACHE_SECONDS = 15 * 60
_ORDERS = {
    Sort.RELEVANCE: search.Order.RELEVANCE,
    Sort.NEWEST: search.Order.NEWEST,
    Sort.TITLE: search.Order.TITLE,
    Sort.SHORTEST: search.Order.SHORTEST,
}


@dataclass
class _Counts:
    """What a statement returned, before the facets are put together.

    `scalars` rows: issuer slug, issuer name, price, credit unit, whether the row passes
    the topic, grade and stack filters, and the count. `topics` and `grades` map a stored
    list (",3,7,") to its count over what passes every other filter.
    """

    scalars: list[tuple] = field(default_factory=list)
    topics: dict[str, int] = field(default_factory=dict)
    grades: dict[str, int] = field(default_factory=dict)
    stacks: list[tuple[str, str, int]] = field(default_factory=list)
    topic_labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    grade_labels: dict[str, tuple[str, int]] = field(default_factory=dict)
    page: list[int] = field(default_factory=list)
    total: int | None = None

    def matching(self, filters) -> int:
        if self.total is not None:
            return self.total
        return sum(row[-1] for row in self.scalars if _passes(row, filters))


_SCALAR_COLUMNS = {"issuer": 0, "price": 2, "unit": 3}
_FLAG_COLUMNS = {"topic": 4, "grade": 5, "stack": 6}


def _passes(row, filters, *, skip: str | None = None) -> bool:
    for name, values in filters.items():
        if name == skip:
            continue
        if name in _SCALAR_COLUMNS:
            if row[_SCALAR_COLUMNS[name]] not in values:
                return False
        elif not row[_FLAG_COLUMNS[name]]:
            return False
    return True


def _run(cursor, statement: search.Statement) -> _Counts:
    sql, params = statement.sql()
    cursor.execute(sql, params)
    counts, page = _Counts(), []
    for part, a, b, c, d, f1, f2, f3, n in cursor.fetchall():
        if part == "page":
            page.append((f1, int(a)))
        elif part == "total":
            counts.total = n
        elif part == "scalars":
            counts.scalars.append((a, b, c, d, bool(f1), bool(f2), bool(f3), n))
        elif part in ("topics", "grades"):
            getattr(counts, part)[a] = n
        elif part == "stacks":
            counts.stacks.append((a, b, n))
        elif part == "topic":
            counts.topic_labels[a] = (b, c)
        elif part == "grade":
            counts.grade_labels[a] = (b, f1)
    counts.page = [version_id for _position, version_id in sorted(page)]
    return counts


def _whole_catalog(cursor) -> _Counts:
    """The front page's counts of issuers, prices, units, topics and grades."""
    key = f"catalog-search:whole:{search.stamp()}"
    cached = cache.get(key)
    if cached is None:
        counts = _run(
            cursor,
            search.Statement(
                match=search.Match(), filters={}, parts={"scalars", "topics", "grades"}
            ),
        )
        cached = (counts.scalars, counts.topics, counts.grades)
        cache.set(key, cached, FRONT_PAGE_CACHE_SECONDS)
    scalars, topics, grades = cached
    return _Counts(scalars=scalars, topics=topics, grades=grades)


def _facets(counts: _Counts, filters, *, whole: _Counts | None, whole_facet: str | None):
    facets = {}
    for name in FACETS:
        # Stacks are never cached: the statement counted them (over the whole catalog,
        # when the stack facet is the one filtered).
        grouped = whole if name == whole_facet and name != "stack" else counts
        chosen = set(filters.get(name, []))
        ranked = _ranked(name, grouped, counts, filters)
        facets[name] = [
            FacetValue(value=value, label=label, count=count, selected=value in chosen)
            for value, label, count in ranked[:MAX_FACET_VALUES]
            if value
        ]
    return facets


def _ranked(name, grouped: _Counts, labels: _Counts, filters) -> list[tuple[str, str, int]]:
    """Every value of one facet with its label and count, in the order the page lists them."""
    if name in _SCALAR_COLUMNS:
        column = _SCALAR_COLUMNS[name]
        totals, names = {}, {}
        for row in grouped.scalars:
            if _passes(row, filters, skip=name):
                totals[row[column]] = totals.get(row[column], 0) + row[-1]
                names[row[column]] = row[1] if name == "issuer" else row[column]
        if name == "price":
            return sorted(
                (value, str(_PRICE_LABELS[value]), n) for value, n in totals.items() if value
            )
        return _by_count([(value, names[value], n) for value, n in totals.items()])
    if name == "stack":
        return _by_count(grouped.stacks)
    totals = {}
    for stored, n in (grouped.topics if name == "topic" else grouped.grades).items():
        for key in stored.strip(",").split(","):
            if key:
                totals[key] = totals.get(key, 0) + n
    if name == "topic":
        named = labels.topic_labels
        return _by_count([(*named[key], n) for key, n in totals.items() if key in named])
    named = labels.grade_labels
    known = sorted((key for key in totals if key in named), key=lambda key: named[key][1])
    return [(key, named[key][0], totals[key]) for key in known]


def _by_count(rows):
    # Most first, then by label; the value settles labels two stacks share.
    return sorted(rows, key=lambda row: (-row[2], row[1], row[0]))


def catalog_search(
    raw_query: str | None = "",
    *,
    filters: dict[str, list[str]] | None = None,
    sort: str = "",
    page: int = 1,
    page_size: int | None = None,
    with_facets: bool = True,
) -> SearchResults:
    """Published micro-credentials matching the words and facet filters, one page of them.

    A fixed number of queries whatever the page size or the number of matches: the
    catalog stamp when the search has no words, one statement (two on the first front
    page after a change), a second one only when the page asked for is past the last,
    and three to load the page.
    """
    query = parse_query(raw_query)
    filters = clean_filters(filters or {})
    page_size = page_size or settings.CATALOG_PAGE_SIZE
    valid_sorts = {value for value, _label in Sort.CHOICES}
    if sort not in valid_sorts or (sort == Sort.RELEVANCE and not query):
        sort = Sort.RELEVANCE if query else Sort.NEWEST
    statement = search.Statement(
        match=match(query), filters=filters, parts={"page"}, order=_ORDERS[sort]
    )
    everything = not query and not filters
    single = not query and len(filters) == 1 and with_facets
    whole = whole_facet = None
    with connection.cursor() as cursor:
        if everything:
            # The whole catalog's counts are cached; left unmaterialized, the page reads
            # the sort's index.
            whole = _whole_catalog(cursor)
            statement.materialize = False
            last = max(1, -(-whole.matching({}) // page_size))
            page = min(max(1, page), last)
            if with_facets:
                statement.parts |= {"stacks", "labels"}
        elif not with_facets:
            statement.parts.add("total")
            statement.narrow = search.narrow_sql(filters)
        else:
            statement.parts |= {"scalars", "topics", "grades", "stacks", "labels"}
            if single:
                # The filtered facet counts the whole catalog (cached); the others count
                # what the filter lets through.
                whole = _whole_catalog(cursor)
                (whole_facet,) = filters
                statement.narrow = search.narrow_sql(filters)
                statement.whole_stacks = whole_facet == "stack"
            elif len(filters) > 1:
                statement.narrow = search.enough_filters(filters)
        page = max(1, page)
        statement.limit, statement.offset = page_size, (page - 1) * page_size
        counts = _run(cursor, statement)
        if everything:
            counts.scalars, counts.topics, counts.grades = whole.scalars, whole.topics, whole.grades
        total = counts.matching(filters)
        last = max(1, -(-total // page_size))
        if page > last:
            page, statement.parts = last, {"page"}
            statement.offset = (page - 1) * page_size
            counts.page = _run(cursor, statement).page
        facets = {}
        if with_facets:
            facets = _facets(counts, filters, whole=whole, whole_facet=whole_facet)

    ids = counts.page
    loaded = (
        MicroCredentialVersion.objects.filter(pk__in=ids)
        .select_related("micro_credential__issuer")
        .prefetch_related("topics", "grade_bands")
        if ids
        else []
    )
    by_id = {version.pk: version for version in loaded}
    return SearchResults(
        query=query,
        filters=filters,
        sort=sort,
        page=page,
        page_size=page_size,
        total=total,
        versions=[by_id[pk] for pk in ids if pk in by_id],
        facets=facets,
    )


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
            Prefetch(
                "items",
                queryset=StackItem.objects.select_related(
                    "micro_credential__current_version"
                ).order_by("position", "id"),
            )
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
