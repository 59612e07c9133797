"""Full-text search of the public catalog, one function in front of two engines.

SQLite uses an FTS5 table (`catalog_search`, rowid = version id); PostgreSQL a weighted
tsvector with a GIN index on the search entries. Beside it both engines keep a narrow
entry per published version (`catalog_search_entry`: facets and sort keys) that the
publishing services keep in step through index() and unindex(). Only published versions
are searchable. The user's words never reach either engine's query syntax: they are cut
into word tokens first, so quotes, operators and SQL fragments are only ever searched for
as words.
"""

# ruff: noqa: S608 - the statements are composed from fixed fragments; every value is a parameter.
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

from django.db import connection

from .models import MicroCredentialVersion, VersionStatus

MAX_QUERY_TOKENS = 12
MAX_TOKEN_LENGTH = 40
MAX_QUERY_CHARS = 200

_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    tokens: tuple[str, ...]
    shortened: bool = False

    def __bool__(self):
        return bool(self.tokens)


def parse_query(raw: str | None) -> ParsedQuery:
    """Cut what the user typed into at most MAX_QUERY_TOKENS searchable words."""
    raw = (raw or "").strip()
    shortened = len(raw) > MAX_QUERY_CHARS
    tokens = [t[:MAX_TOKEN_LENGTH] for t in _TOKEN.findall(raw[:MAX_QUERY_CHARS].lower())]
    tokens = [t for t in tokens if t.strip("_")]
    if len(tokens) > MAX_QUERY_TOKENS:
        tokens, shortened = tokens[:MAX_QUERY_TOKENS], True
    return ParsedQuery(text=raw[:MAX_QUERY_CHARS], tokens=tuple(tokens), shortened=shortened)


def document_for(version: MicroCredentialVersion) -> str:
    """The words a version is found by, besides its title."""
    parts = [
        version.summary,
        version.competency,
        version.key_method,
        version.method_components,
        version.micro_credential.issuer.name,
        version.credit_unit,
        " ".join(t.name for t in version.topics.all()),
        " ".join(g.name for g in version.grade_bands.all()),
        " ".join(f"{a.framework} {a.code} {a.name}" for a in version.alignments.all()),
    ]
    return "\n".join(p for p in parts if p)


# --- keeping the index in step ------------------------------------------------------
# Both engines keep a narrow entry per published version (migration 0004); SQLite also
# keeps its full-text table. Every change draws a new catalog stamp, which keys the
# cached facet counts.

_ENTRY_COLUMNS = (
    "version_id, micro_credential_id, price, credit_unit, topics, grades, published_at, "
    "title_key, estimated_hours"
)


def _entry_select(where: str) -> str:
    if connection.vendor == "postgresql":
        topics = "string_agg(vt.topic_id::text, ',' ORDER BY vt.topic_id)"
        grades = "string_agg(vg.gradeband_id, ',' ORDER BY vg.gradeband_id)"
        columns, vector = f"{_ENTRY_COLUMNS}, search_vector", ", v.search_vector"
    else:
        topics = "group_concat(vt.topic_id, ',')"
        grades = "group_concat(vg.gradeband_id, ',')"
        columns, vector = _ENTRY_COLUMNS, ""
    return (
        f"INSERT INTO catalog_search_entry ({columns}) "
        "SELECT v.id, v.micro_credential_id, "
        "CASE WHEN v.fee = 0 THEN 'free' WHEN v.fee > 0 THEN 'paid' ELSE '' END, "
        "v.credit_unit, "
        f"',' || COALESCE((SELECT {topics} FROM catalog_microcredentialversion_topics vt "
        "WHERE vt.microcredentialversion_id = v.id), '') || ',', "
        f"',' || COALESCE((SELECT {grades} FROM catalog_microcredentialversion_grade_bands vg "
        "WHERE vg.microcredentialversion_id = v.id), '') || ',', "
        f"v.published_at, LOWER(v.title), v.estimated_hours{vector} "
        f"FROM catalog_microcredentialversion v WHERE v.status = %s{where}"
    )


def _bump(cursor) -> None:
    cursor.execute(
        "INSERT INTO catalog_search_stamp (id, value) VALUES (1, %s) "
        "ON CONFLICT (id) DO UPDATE SET value = excluded.value",
        [secrets.token_hex(8)],
    )


def index(version: MicroCredentialVersion) -> None:
    with connection.cursor() as cursor:
        _remove(cursor, version.pk)
        cursor.execute(_entry_select(" AND v.id = %s"), [VersionStatus.PUBLISHED, version.pk])
        if connection.vendor == "sqlite":
            cursor.execute(
                "INSERT INTO catalog_search (rowid, title, body) "
                "SELECT id, title, search_text FROM catalog_microcredentialversion "
                "WHERE id = %s AND status = %s",
                [version.pk, VersionStatus.PUBLISHED],
            )
        _bump(cursor)


def unindex(version: MicroCredentialVersion) -> None:
    with connection.cursor() as cursor:
        _remove(cursor, version.pk)
        _bump(cursor)


def _remove(cursor, version_id: int) -> None:
    cursor.execute("DELETE FROM catalog_search_entry WHERE version_id = %s", [version_id])
    if connection.vendor == "sqlite":
        cursor.execute("DELETE FROM catalog_search WHERE rowid = %s", [version_id])


def rebuild() -> None:
    """Index every published version again (after a bulk load or a restore)."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM catalog_search_entry")
        cursor.execute(_entry_select(""), [VersionStatus.PUBLISHED])
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM catalog_search")
            cursor.execute(
                "INSERT INTO catalog_search (rowid, title, body) "
                "SELECT id, title, search_text FROM catalog_microcredentialversion "
                "WHERE status = %s",
                [VersionStatus.PUBLISHED],
            )
        _bump(cursor)


def stamp() -> str:
    """Changes whenever what the catalog search finds may have changed.

    The stamp alone survives a flushed test database (it is no model's table); the
    highest micro-credential id does not.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT value FROM catalog_search_stamp WHERE id = 1), "
            "(SELECT MAX(id) FROM catalog_microcredential)"
        )
        value, highest = cursor.fetchone()
    return f"{value}-{highest}"


# --- matching ------------------------------------------------------------------------


@dataclass
class Match:
    """SQL that restricts `e` (the search entries) to matches, and ranks them."""

    join: str = ""
    where: str = ""
    rank: str = "0"
    params: list = field(default_factory=list)


def match(query: ParsedQuery) -> Match:
    """Restrict `e` (the search entries) to the query's matches."""
    if not query:
        return Match()
    if connection.vendor == "sqlite":
        # Each token becomes a quoted FTS5 string with a prefix star: "teach"* matches
        # teach, teacher, teaching. Quoting makes every token a literal.
        expression = " ".join(f'"{token}"*' for token in query.tokens)
        return Match(
            join="JOIN catalog_search ON catalog_search.rowid = e.version_id",
            where="catalog_search MATCH %s",
            # Title matches count ten times as much as matches in the body.
            rank="bm25(catalog_search, 10.0, 1.0)",
            params=[expression],
        )
    expression = " & ".join(f"{token}:*" for token in query.tokens)
    return Match(
        where="e.search_vector @@ to_tsquery('english', %s)",
        # ts_rank grows with relevance; negate it so that ascending order is best first,
        # as with bm25.
        rank="-ts_rank(e.search_vector, to_tsquery('english', %s))",
        params=[expression],
    )


# --- one statement per search --------------------------------------------------------
# A search runs one statement. Its matches are put in `h` once (materialized), with the
# columns the facets and the sort need, and everything is read from there: the page's
# ids, the total and facet counts grouped for Python to add up, the stacks' counts and
# the labels of topics and grade bands. Every user value is a parameter.


def filter_sql(name: str, values: list[str], *, on: str = "h") -> tuple[str, list]:
    """A predicate for one facet's selected values over a row of `h`, or (on="e") over a
    search entry `e` joined to its micro-credential `m`."""
    row, issuer = (on, on) if on == "h" else ("e", "m")
    marks = ", ".join(["%s"] * len(values))
    contains = "strpos" if connection.vendor == "postgresql" else "instr"
    if name == "issuer":
        sql = (
            f"{issuer}.issuer_id IN "
            f"(SELECT o.id FROM accounts_organization o WHERE o.slug IN ({marks}))"
        )
    elif name == "stack":
        sql = (
            "EXISTS (SELECT 1 FROM catalog_stackitem si "
            f"WHERE si.micro_credential_id = {row}.micro_credential_id AND si.stack_id IN "
            f"(SELECT s.id FROM catalog_stack s WHERE s.is_published AND s.slug IN ({marks})))"
        )
    elif name == "topic":
        # The slug's id is looked up once per statement; an unknown slug matches nothing.
        sql = " OR ".join(
            [
                f"{contains}({row}.topics, ',' || CAST("
                "(SELECT t.id FROM catalog_topic t WHERE t.slug = %s) AS TEXT) || ',') > 0"
            ]
            * len(values)
        )
    elif name == "grade":
        sql = " OR ".join(
            [
                f"{contains}({row}.grades, ',' || "
                "(SELECT g.slug FROM catalog_gradeband g WHERE g.slug = %s) || ',') > 0"
            ]
            * len(values)
        )
    elif name == "price":
        sql = f"{row}.price IN ({marks})"
    elif name == "unit":
        sql = f"{row}.credit_unit IN ({marks})"
    else:
        raise ValueError(name)
    return f"({sql})", list(values)


def _all_of(filters, *, skip: str | None = None, on: str = "h") -> tuple[str, list]:
    clauses, params = [], []
    for name, values in filters.items():
        if name != skip:
            sql, extra = filter_sql(name, values, on=on)
            clauses.append(sql)
            params += extra
    return " AND ".join(clauses) or "1 = 1", params


def _flag(filters, name) -> tuple[str, list]:
    if name not in filters:
        return "1", []
    sql, params = filter_sql(name, filters[name])
    return f"CASE WHEN {sql} THEN 1 ELSE 0 END", params


class Order:
    """ORDER BY clauses over the columns of `h`."""

    RELEVANCE = "relevance, published_at DESC, version_id DESC"
    NEWEST = "published_at DESC, version_id DESC"
    TITLE = "title_key, version_id"
    SHORTEST = "estimated_hours IS NULL, estimated_hours, title_key, version_id"


# The entry columns each order needs in `h` besides the version id; the fewer, the less
# materializing the matches costs.
_ORDER_COLUMNS = {
    Order.RELEVANCE: ("published_at",),
    Order.NEWEST: ("published_at",),
    Order.TITLE: ("title_key",),
    Order.SHORTEST: ("estimated_hours", "title_key"),
}


@dataclass
class Statement:
    """One search statement.

    `parts` names what to read: page, total, scalars, topics, grades, stacks, labels.
    `narrow` restricts the matches put in `h` (a predicate over the entry `e` and its
    micro-credential `m`: narrow_sql, enough_filters). `whole_stacks` counts stacks over
    the whole catalog instead of `h`.
    """

    match: Match
    filters: dict[str, list[str]]
    parts: set[str]
    order: str = Order.NEWEST
    limit: int = 0
    offset: int = 0
    narrow: tuple[str, list] = ("1 = 1", [])
    materialize: bool = True
    whole_stacks: bool = False

    def sql(self) -> tuple[str, list]:
        ranked = self.order == Order.RELEVANCE
        columns = ["e.version_id", "e.micro_credential_id", "m.issuer_id", "e.price"]
        columns += ["e.credit_unit", "e.topics", "e.grades"]
        columns += [f"e.{column}" for column in _ORDER_COLUMNS[self.order]]
        params = []
        if ranked:
            columns.append(f"{self.match.rank} AS relevance")
            params += self.match.params if "%s" in self.match.rank else []
        where = " AND ".join(filter(None, [self.match.where, self.narrow[0]]))
        params += self.match.params + self.narrow[1]
        # An entry counts only while it is its micro-credential's current version: that
        # is what published means, and it keeps out entries a flushed test database left.
        head = (
            f"WITH h AS {'MATERIALIZED' if self.materialize else 'NOT MATERIALIZED'} ("
            f"SELECT {', '.join(columns)} FROM catalog_search_entry e {self.match.join} "
            "JOIN catalog_microcredential m ON m.current_version_id = e.version_id "
            f"WHERE {where}) "
        )
        selects = []
        for part in ("page", "total", "scalars", "topics", "grades", "stacks", "labels"):
            if part in self.parts:
                sql, extra = getattr(self, f"_{part}")()
                selects.append(sql)
                params += extra
        return head + " UNION ALL ".join(selects), params

    # Every part has the same nine columns: part, a, b, c, d, f1, f2, f3, n.

    def _page(self):
        where, params = _all_of(self.filters)
        # The page is numbered again after the LIMIT: twenty rows, and no reliance on
        # UNION ALL keeping an order.
        return (
            "SELECT 'page', CAST(p.version_id AS TEXT), '', '', '', "
            f"ROW_NUMBER() OVER (ORDER BY {self.order}), 1, 1, 0 "
            f"FROM (SELECT h.* FROM h WHERE {where} "
            f"ORDER BY {self.order} LIMIT %s OFFSET %s) p"
        ), [*params, self.limit, self.offset]

    def _total(self):
        where, params = _all_of(self.filters)
        return f"SELECT 'total', '', '', '', '', 1, 1, 1, COUNT(*) FROM h WHERE {where}", params

    def _scalars(self):
        # Issuer, price and credit unit together, with whether each group passes the
        # topic, grade and stack filters; Python applies the other three.
        flags = [_flag(self.filters, name) for name in ("topic", "grade", "stack")]
        return (
            "SELECT 'scalars', o.slug, o.name, g.price, g.credit_unit, "
            "g.f_topic, g.f_grade, g.f_stack, g.n "
            "FROM (SELECT h.issuer_id, h.price, h.credit_unit, "
            f"{flags[0][0]} AS f_topic, {flags[1][0]} AS f_grade, {flags[2][0]} AS f_stack, "
            "COUNT(*) AS n FROM h GROUP BY 1, 2, 3, 4, 5, 6) g "
            "JOIN accounts_organization o ON o.id = g.issuer_id"
        ), flags[0][1] + flags[1][1] + flags[2][1]

    def _lists(self, column, facet):
        where, params = _all_of(self.filters, skip=facet)
        return (
            f"SELECT '{column}', h.{column}, '', '', '', 1, 1, 1, COUNT(*) "
            f"FROM h WHERE {where} GROUP BY h.{column}"
        ), params

    def _topics(self):
        return self._lists("topics", "topic")

    def _grades(self):
        return self._lists("grades", "grade")

    def _stacks(self):
        if self.whole_stacks:
            # Every published micro-credential, not only the matches.
            source = (
                "JOIN catalog_search_entry h ON h.micro_credential_id = si.micro_credential_id "
                "JOIN catalog_microcredential m "
                "ON m.current_version_id = h.version_id"
            )
            where, params = "1 = 1", []
        else:
            source = "JOIN h ON h.micro_credential_id = si.micro_credential_id"
            where, params = _all_of(self.filters, skip="stack")
        return (
            "SELECT 'stacks', s.slug, s.title, '', '', 1, 1, 1, COUNT(*) "
            "FROM catalog_stackitem si "
            f"JOIN catalog_stack s ON s.id = si.stack_id AND s.is_published {source} "
            f"WHERE {where} GROUP BY s.id, s.slug, s.title"
        ), params

    def _labels(self):
        return (
            "SELECT 'topic', CAST(t.id AS TEXT), t.slug, t.name, '', 1, 1, 1, 0 "
            "FROM catalog_topic t UNION ALL "
            "SELECT 'grade', g.slug, g.name, '', '', g.position, 1, 1, 0 "
            "FROM catalog_gradeband g"
        ), []


def narrow_sql(filters) -> tuple[str, list]:
    """Entries that pass every filter (Statement.narrow).

    Written as sets of ids the indexes give (a topic's links, a stack's items), so that
    a search without words starts from the filter instead of reading every entry.
    """
    clauses, params = [], []
    for name, values in filters.items():
        marks = ", ".join(["%s"] * len(values))
        if name == "topic":
            sql = (
                "e.version_id IN (SELECT vt.microcredentialversion_id "
                "FROM catalog_microcredentialversion_topics vt "
                "JOIN catalog_topic t ON t.id = vt.topic_id "
                f"WHERE t.slug IN ({marks}))"
            )
        elif name == "grade":
            sql = (
                "e.version_id IN (SELECT vg.microcredentialversion_id "
                "FROM catalog_microcredentialversion_grade_bands vg "
                f"WHERE vg.gradeband_id IN ({marks}))"
            )
        elif name == "stack":
            sql = (
                "e.micro_credential_id IN (SELECT si.micro_credential_id "
                "FROM catalog_stackitem si JOIN catalog_stack s ON s.id = si.stack_id "
                f"WHERE s.is_published AND s.slug IN ({marks}))"
            )
        else:
            sql, _values = filter_sql(name, values, on="e")
        clauses.append(sql)
        params += values
    return " AND ".join(clauses) or "1 = 1", params


def enough_filters(filters) -> tuple[str, list]:
    """Entries that fail at most one filter; the others count in no facet
    (Statement.narrow)."""
    passed, params = [], []
    for name, values in filters.items():
        sql, extra = filter_sql(name, values, on="e")
        passed.append(f"CASE WHEN {sql} THEN 1 ELSE 0 END")
        params += extra
    return f"{' + '.join(passed)} >= {len(filters) - 1}", params
