"""Reads of the catalog worth naming: the public search, and the pages behind it."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import (
    Cohort,
    MicroCredential,
    MicroCredentialVersion,
    Requirement,
    RubricCriterion,
    Stack,
    StackItem,
    VersionStatus,
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


def _in(column: str, values: list[str]) -> tuple[str, list]:
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def _filter_sql(name: str, values: list[str]) -> tuple[str, list]:
    if name == "issuer":
        sql, params = _in("o.slug", values)
        return (
            f"m.issuer_id IN (SELECT o.id FROM accounts_organization o WHERE {sql})",
            params,
        )
    if name == "stack":
        sql, params = _in("s.slug", values)
        return (
            "EXISTS (SELECT 1 FROM catalog_stackitem si "
            "JOIN catalog_stack s ON s.id = si.stack_id "
            f"WHERE si.micro_credential_id = v.micro_credential_id AND s.is_published "
            f"AND {sql})",
            params,
        )
    if name == "topic":
        sql, params = _in("t.slug", values)
        return (
            "EXISTS (SELECT 1 FROM catalog_microcredentialversion_topics vt "
            "JOIN catalog_topic t ON t.id = vt.topic_id "
            f"WHERE vt.microcredentialversion_id = v.id AND {sql})",
            params,
        )
    if name == "grade":
        sql, params = _in("vg.gradeband_id", values)
        return (
            "EXISTS (SELECT 1 FROM catalog_microcredentialversion_grade_bands vg "
            f"WHERE vg.microcredentialversion_id = v.id AND {sql})",
            params,
        )
    if name == "price":
        if set(values) == {"free", "paid"}:
            return "1 = 1", []
        return ("v.fee = 0" if values == ["free"] else "v.fee > 0"), []
    if name == "unit":
        return _in("v.credit_unit", values)
    raise ValueError(name)


# For each facet: what to join, the value and label columns, and how to order values.
_FACET_SQL = {
    "issuer": (
        "JOIN accounts_organization fo ON fo.id = m.issuer_id",
        "fo.slug",
        "fo.name",
        "n DESC, label",
    ),
    "stack": (
        "JOIN catalog_stackitem fsi ON fsi.micro_credential_id = v.micro_credential_id "
        "JOIN catalog_stack fs ON fs.id = fsi.stack_id AND fs.is_published",
        "fs.slug",
        "fs.title",
        "n DESC, label",
    ),
    "topic": (
        "JOIN catalog_microcredentialversion_topics fvt ON fvt.microcredentialversion_id = v.id "
        "JOIN catalog_topic ft ON ft.id = fvt.topic_id",
        "ft.slug",
        "ft.name",
        "n DESC, label",
    ),
    "grade": (
        "JOIN catalog_microcredentialversion_grade_bands fvg "
        "ON fvg.microcredentialversion_id = v.id "
        "JOIN catalog_gradeband fg ON fg.slug = fvg.gradeband_id",
        "fg.slug",
        "fg.name",
        "MIN(fg.position)",
    ),
    "price": (
        "",
        "CASE WHEN v.fee = 0 THEN 'free' ELSE 'paid' END",
        "CASE WHEN v.fee = 0 THEN 'free' ELSE 'paid' END",
        "value",
    ),
    "unit": ("", "v.credit_unit", "v.credit_unit", "n DESC, label"),
}

_PRICE_LABELS = {"free": _("Free"), "paid": _("Fee")}


def _where(query_match, filters, *, skip: str | None = None) -> tuple[str, list]:
    clauses = ["v.status = %s"]
    params: list = [VersionStatus.PUBLISHED]
    if query_match.where:
        clauses.append(query_match.where)
        params += query_match.params
    for name, values in filters.items():
        if name == skip:
            continue
        sql, extra = _filter_sql(name, values)
        clauses.append(sql)
        params += extra
    return " AND ".join(clauses), params


def _base_from(query_match) -> str:
    return (
        "FROM catalog_microcredentialversion v "
        "JOIN catalog_microcredential m ON m.id = v.micro_credential_id "
        f"{query_match.join}"
    )


def _order_by(sort: str, query_match) -> tuple[str, list]:
    if sort == Sort.RELEVANCE and query_match.where:
        # PostgreSQL's rank repeats the query parameter; SQLite's bm25 takes none.
        rank_params = query_match.params if "%s" in query_match.rank else []
        return f"{query_match.rank}, v.published_at DESC, v.id DESC", rank_params
    if sort == Sort.TITLE:
        return "LOWER(v.title), v.id", []
    if sort == Sort.SHORTEST:
        return "v.estimated_hours IS NULL, v.estimated_hours, LOWER(v.title), v.id", []
    return "v.published_at DESC, v.id DESC", []


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

    A fixed number of queries whatever the page size: one for the total, one for the
    page's ids, one per facet, and three to load the page.
    """
    query = parse_query(raw_query)
    filters = clean_filters(filters or {})
    page_size = page_size or settings.CATALOG_PAGE_SIZE
    valid_sorts = {value for value, _label in Sort.CHOICES}
    if sort not in valid_sorts or (sort == Sort.RELEVANCE and not query):
        sort = Sort.RELEVANCE if query else Sort.NEWEST
    query_match = match(query)
    base_from = _base_from(query_match)
    where, params = _where(query_match, filters)

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {base_from} WHERE {where}", params)
        total = cursor.fetchone()[0]
        page_count = max(1, -(-total // page_size))
        page = min(max(1, page), page_count)
        order_sql, order_params = _order_by(sort, query_match)
        cursor.execute(
            f"SELECT v.id {base_from} WHERE {where} ORDER BY {order_sql} LIMIT %s OFFSET %s",
            params + order_params + [page_size, (page - 1) * page_size],
        )
        ids = [row[0] for row in cursor.fetchall()]
        facets = _facet_counts(cursor, query_match, filters) if with_facets else {}

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


def _facet_counts(cursor, query_match, filters) -> dict[str, list[FacetValue]]:
    facets = {}
    base_from = _base_from(query_match)
    for name in FACETS:
        join, value_sql, label_sql, order = _FACET_SQL[name]
        where, params = _where(query_match, filters, skip=name)
        cursor.execute(
            f"SELECT {value_sql} AS value, {label_sql} AS label, COUNT(*) AS n "
            f"{base_from} {join} WHERE {where} "
            f"GROUP BY {value_sql}, {label_sql} ORDER BY {order} LIMIT %s",
            params + [MAX_FACET_VALUES],
        )
        selected = set(filters.get(name, []))
        facets[name] = [
            FacetValue(
                value=value,
                label=str(_PRICE_LABELS.get(label, label)) if name == "price" else label,
                count=count,
                selected=value in selected,
            )
            for value, label, count in cursor.fetchall()
            if value
        ]
    return facets


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
