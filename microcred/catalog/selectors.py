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
# Every search reads the narrow entries (search.py), never the version rows, until it
# loads the one page it shows. Facet counts are disjunctive: a facet counts what the
# other facets' filters let through, so its values can be combined. They come from one
# statement over the matches, materialized once: issuer, price and credit unit grouped
# together with a flag per other filter, the topic and grade lists grouped as they are
# stored, and stacks through their items; Python adds the groups up. The counts of the
# whole catalog (the front page, and the filtered facet when an empty search has a single
# filter) are cached under the catalog stamp, which every publish and retirement changes.

FRONT_PAGE_CACHE_SECONDS = 15 * 60


def _contains() -> str:
    return "strpos" if connection.vendor == "postgresql" else "instr"


def _filter_sql(name: str, values: list[str], alias: str) -> tuple[str, list]:
    """A predicate over one entry: `alias` names the entry, its micro-credential and
    issuer columns (the entries and their micro-credential, or the materialized matches)."""
    e = alias
    m = "m" if alias == "e" else alias
    marks = ", ".join(["%s"] * len(values))
    if name == "issuer":
        sql = (
            f"{m}.issuer_id IN (SELECT o.id FROM accounts_organization o WHERE o.slug IN ({marks}))"
        )
    elif name == "stack":
        sql = (
            "EXISTS (SELECT 1 FROM catalog_stackitem si "
            f"WHERE si.micro_credential_id = {e}.micro_credential_id AND si.stack_id IN "
            f"(SELECT s.id FROM catalog_stack s WHERE s.is_published AND s.slug IN ({marks})))"
        )
    elif name == "topic":
        # The slug's id is looked up once per statement; an unknown slug matches nothing.
        sql = " OR ".join(
            [
                f"{_contains()}({e}.topics, ',' || CAST("
                "(SELECT t.id FROM catalog_topic t WHERE t.slug = %s) AS TEXT) || ',') > 0"
            ]
            * len(values)
        )
    elif name == "grade":
        sql = " OR ".join(
            [
                f"{_contains()}({e}.grades, ',' || "
                "(SELECT g.slug FROM catalog_gradeband g WHERE g.slug = %s) || ',') > 0"
            ]
            * len(values)
        )
    elif name == "price":
        sql = f"{e}.price IN ({marks})"
    elif name == "unit":
        sql = f"{e}.credit_unit IN ({marks})"
    else:
        raise ValueError(name)
    return f"({sql})", list(values)


def _where(query_match, filters, *, alias="e", skip: str | None = None) -> tuple[str, list]:
    clauses, params = [], []
    if query_match.where and alias == "e":
        clauses.append(query_match.where)
        params += query_match.params
    for name, values in filters.items():
        if name != skip:
            sql, extra = _filter_sql(name, values, alias)
            clauses.append(sql)
            params += extra
    return " AND ".join(clauses) or "1 = 1", params


def _source(query_match) -> str:
    # An entry counts only while it is its micro-credential's current version: that is
    # what published means, and it keeps out entries a flushed test database left behind.
    return (
        "FROM catalog_search_entry e "
        f"{query_match.join} "
        "JOIN catalog_microcredential m "
        "ON m.id = e.micro_credential_id AND m.current_version_id = e.version_id"
    )


def _order_by(sort: str, query_match) -> tuple[str, list]:
    if sort == Sort.RELEVANCE and query_match.where:
        # PostgreSQL's rank repeats the query parameter; SQLite's bm25 takes none.
        rank_params = query_match.params if "%s" in query_match.rank else []
        return f"{query_match.rank}, e.published_at DESC, e.version_id DESC", rank_params
    if sort == Sort.TITLE:
        return "e.title_key, e.version_id", []
    if sort == Sort.SHORTEST:
        return "e.estimated_hours IS NULL, e.estimated_hours, e.title_key, e.version_id", []
    return "e.published_at DESC, e.version_id DESC", []


@dataclass
class _Counts:
    """Grouped counts of a set of matches, before the facets are put together.

    `scalars` rows: issuer slug, issuer name, price, credit unit, then whether the row
    passes the topic, grade and stack filters, and the count. `topics` and `grades` map a
    stored list (",3,7,") to a count, already filtered by every other facet.
    """

    scalars: list[tuple] = field(default_factory=list)
    topics: dict[str, int] = field(default_factory=dict)
    grades: dict[str, int] = field(default_factory=dict)
    stacks: list[tuple[str, str, int]] = field(default_factory=list)

    def total(self, filters) -> int:
        return sum(row[-1] for row in self.scalars if _passes(row, filters))


@dataclass
class _Labels:
    topics: dict[str, tuple[str, str]] = field(default_factory=dict)  # id: (slug, name)
    grades: dict[str, tuple[str, int]] = field(default_factory=dict)  # slug: (name, position)


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


def _counts_statement(query_match, filters, *, h_where, h_params, parts) -> tuple[str, list]:
    """One statement: the matches materialized as `h`, then the requested parts."""
    flags = []
    for name in ("topic", "grade", "stack"):
        if name in filters:
            sql, extra = _filter_sql(name, filters[name], "h")
            flags.append((f"CASE WHEN {sql} THEN 1 ELSE 0 END", extra))
        else:
            flags.append(("1", []))
    selects, params = [], []
    if "scalars" in parts:
        selects.append(
            "SELECT 'scalars' AS part, o.slug AS a, o.name AS b, g.price AS c, "
            "g.credit_unit AS d, g.f_topic AS f1, g.f_grade AS f2, g.f_stack AS f3, g.n AS n "
            "FROM (SELECT h.issuer_id, h.price, h.credit_unit, "
            f"{flags[0][0]} AS f_topic, {flags[1][0]} AS f_grade, {flags[2][0]} AS f_stack, "
            "COUNT(*) AS n FROM h GROUP BY 1, 2, 3, 4, 5, 6) g "
            "JOIN accounts_organization o ON o.id = g.issuer_id"
        )
        params += flags[0][1] + flags[1][1] + flags[2][1]
    for name, column in (("topic", "topics"), ("grade", "grades")):
        if column in parts:
            where, extra = _where(query_match, filters, alias="h", skip=name)
            selects.append(
                f"SELECT '{column}', h.{column}, '', '', '', 1, 1, 1, COUNT(*) "
                f"FROM h WHERE {where} GROUP BY h.{column}"
            )
            params += extra
    if "stacks" in parts:
        where, extra = _where(query_match, filters, alias="h", skip="stack")
        selects.append(
            "SELECT 'stacks', s.slug, s.title, '', '', 1, 1, 1, COUNT(*) "
            "FROM catalog_stackitem si "
            "JOIN catalog_stack s ON s.id = si.stack_id AND s.is_published "
            "JOIN h ON h.micro_credential_id = si.micro_credential_id "
            f"WHERE {where} GROUP BY s.id, s.slug, s.title"
        )
        params += extra
    selects += _label_selects()
    sql = (
        "WITH h AS MATERIALIZED (SELECT e.version_id, e.micro_credential_id, m.issuer_id, "
        f"e.price, e.credit_unit, e.topics, e.grades {_source(query_match)} WHERE {h_where}) "
        + " UNION ALL ".join(selects)
    )
    return sql, h_params + params


def _label_selects() -> list[str]:
    return [
        "SELECT 'topic-labels', CAST(t.id AS TEXT), t.slug, t.name, '', 1, 1, 1, 0 "
        "FROM catalog_topic t",
        "SELECT 'grade-labels', g.slug, g.name, '', '', g.position, 1, 1, 0 "
        "FROM catalog_gradeband g",
    ]


def _read_counts(cursor) -> tuple[_Counts, _Labels]:
    counts, labels = _Counts(), _Labels()
    for part, a, b, c, d, f1, f2, f3, n in cursor.fetchall():
        if part == "scalars":
            counts.scalars.append((a, b, c, d, bool(f1), bool(f2), bool(f3), n))
        elif part == "topics":
            counts.topics[a] = n
        elif part == "grades":
            counts.grades[a] = n
        elif part == "stacks":
            counts.stacks.append((a, b, n))
        elif part == "topic-labels":
            labels.topics[a] = (b, c)
        elif part == "grade-labels":
            labels.grades[a] = (b, f1)
    return counts, labels


def _front_page_counts(cursor) -> tuple[_Counts, _Labels]:
    """Counts over the whole catalog, cached under the catalog stamp (stacks and labels,
    which change without a publish, are read every time)."""
    key = f"catalog-search:front-page:{search.stamp()}"
    cached = cache.get(key)
    parts = {"stacks"} if cached else {"scalars", "topics", "grades", "stacks"}
    sql, params = _counts_statement(
        match(parse_query("")), {}, h_where="1 = 1", h_params=[], parts=parts
    )
    cursor.execute(sql, params)
    counts, labels = _read_counts(cursor)
    if cached:
        counts.scalars, counts.topics, counts.grades = cached
    else:
        cache.set(key, (counts.scalars, counts.topics, counts.grades), FRONT_PAGE_CACHE_SECONDS)
    return counts, labels


def _search_counts(cursor, query: ParsedQuery, query_match, filters):
    """Grouped counts for a search, and the facet (if any) whose counts are the whole
    catalog's, with those counts."""
    if not query and not filters:
        counts, labels = _front_page_counts(cursor)
        return counts, labels, None, None
    match_where = query_match.where or "1 = 1"
    if not query and len(filters) == 1:
        # The filtered facet counts the whole catalog: the front page's counts. The rest
        # count only what passes the filter.
        (only,) = filters
        front, _labels = _front_page_counts(cursor)
        where, params = _where(query_match, filters)
        parts = {"scalars", "topics", "grades", "stacks"}
        sql, params = _counts_statement(
            query_match, filters, h_where=where, h_params=params, parts=parts
        )
        cursor.execute(sql, params)
        counts, labels = _read_counts(cursor)
        return counts, labels, only, front
    h_where, h_params = match_where, list(query_match.params)
    if len(filters) > 1:
        # A match that fails two filters counts in no facet.
        passed = []
        for name, values in filters.items():
            sql, extra = _filter_sql(name, values, "e")
            passed.append(f"CASE WHEN {sql} THEN 1 ELSE 0 END")
            h_params += extra
        h_where += f" AND {' + '.join(passed)} >= {len(filters) - 1}"
    sql, params = _counts_statement(
        query_match,
        filters,
        h_where=h_where,
        h_params=h_params,
        parts={"scalars", "topics", "grades", "stacks"},
    )
    cursor.execute(sql, params)
    counts, labels = _read_counts(cursor)
    return counts, labels, None, None


def _facets(counts: _Counts, labels: _Labels, filters, whole, front) -> dict:
    facets = {}
    for name in FACETS:
        grouped = front if name == whole else counts
        chosen = set(filters.get(name, []))
        facets[name] = [
            FacetValue(value=value, label=label, count=count, selected=value in chosen)
            for value, label, count in _ranked(name, grouped, labels, filters)[:MAX_FACET_VALUES]
            if value
        ]
    return facets


def _ranked(name: str, grouped: _Counts, labels: _Labels, filters) -> list[tuple[str, str, int]]:
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
                (value, str(_PRICE_LABELS.get(value, value)), n) for value, n in totals.items()
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
        return _by_count(
            [(*labels.topics[key], n) for key, n in totals.items() if key in labels.topics]
        )
    known = sorted(
        (key for key in totals if key in labels.grades), key=lambda k: labels.grades[k][1]
    )
    return [(key, labels.grades[key][0], totals[key]) for key in known]


def _by_count(rows):
    return sorted(rows, key=lambda row: (-row[2], row[1]))


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
    catalog stamp (empty searches), one statement for the total and every facet, one for
    the page's ids, and three to load the page.
    """
    query = parse_query(raw_query)
    filters = clean_filters(filters or {})
    page_size = page_size or settings.CATALOG_PAGE_SIZE
    valid_sorts = {value for value, _label in Sort.CHOICES}
    if sort not in valid_sorts or (sort == Sort.RELEVANCE and not query):
        sort = Sort.RELEVANCE if query else Sort.NEWEST
    query_match = match(query)

    with connection.cursor() as cursor:
        facets = {}
        if with_facets or (not query and not filters):
            counts, labels, whole, front = _search_counts(cursor, query, query_match, filters)
            total = counts.total(filters)
            if with_facets:
                facets = _facets(counts, labels, filters, whole, front)
        else:
            where, params = _where(query_match, filters)
            cursor.execute(f"SELECT COUNT(*) {_source(query_match)} WHERE {where}", params)
            total = cursor.fetchone()[0]
        page_count = max(1, -(-total // page_size))
        page = min(max(1, page), page_count)
        ids = _page_ids(cursor, query_match, filters, sort, page, page_size) if total else []

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


def _page_ids(cursor, query_match, filters, sort, page, page_size) -> list[int]:
    where, params = _where(query_match, filters)
    order_sql, order_params = _order_by(sort, query_match)
    cursor.execute(
        f"SELECT e.version_id {_source(query_match)} WHERE {where} "
        f"ORDER BY {order_sql} LIMIT %s OFFSET %s",
        params + order_params + [page_size, (page - 1) * page_size],
    )
    return [row[0] for row in cursor.fetchall()]


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
