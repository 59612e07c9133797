"""Full-text search of the public catalog, one function in front of two engines.

SQLite uses an FTS5 table (`catalog_search`, rowid = version id); PostgreSQL a weighted
tsvector with a GIN index on the search entries. Beside it both engines keep a narrow
entry per published version (`catalog_search_entry`: facets and sort keys) that the
publishing services keep in step through index() and unindex(). Only published versions
are searchable.

Other providers' credentials (`ExternalListing`) are searched in the same table and
ranked by the same engine: a listing's entry and full-text row are keyed by its id
negated, so they can never meet a version's, and carry its provider. The listing
services keep them in step, a provider at a time, through index_listings().

The user's words never reach either engine's query syntax: they are cut into word tokens
first, so quotes, operators and SQL fragments are only ever searched for as words.
"""

# ruff: noqa: S608 - the statements are composed from fixed fragments; every value is a parameter.
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

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
# in-memory catalog index (catalog_index).

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


def _listing_select(where: str) -> str:
    """A search entry for each current listing; price, hours and newest as a version's."""
    if connection.vendor == "postgresql":
        columns = f"{_ENTRY_COLUMNS}, provider_id, search_vector"
        vector = (
            ", setweight(to_tsvector('english', coalesce(l.name, '')), 'A') || "
            "setweight(to_tsvector('english', coalesce(l.search_text, '')), 'B')"
        )
    else:
        columns, vector = f"{_ENTRY_COLUMNS}, provider_id", ""
    return (
        f"INSERT INTO catalog_search_entry ({columns}) "
        "SELECT -l.id, -l.id, "
        "CASE WHEN l.cost = 0 THEN 'free' WHEN l.cost > 0 THEN 'paid' ELSE '' END, "
        "'', ',,', ',,', l.listed_at, SUBSTR(LOWER(l.name), 1, 200), l.estimated_hours, "
        f"l.provider_id{vector} "
        f"FROM catalog_externallisting l WHERE l.retired_at IS NULL{where}"
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


def index_listings(provider_id: int) -> None:
    """Index a provider's current listings again, after an import changed them."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM catalog_search_entry WHERE provider_id = %s", [provider_id])
        cursor.execute(_listing_select(" AND l.provider_id = %s"), [provider_id])
        if connection.vendor == "sqlite":
            cursor.execute(
                "DELETE FROM catalog_search WHERE rowid IN "
                "(SELECT -id FROM catalog_externallisting WHERE provider_id = %s)",
                [provider_id],
            )
            cursor.execute(
                "INSERT INTO catalog_search (rowid, title, body) "
                "SELECT -id, name, search_text FROM catalog_externallisting "
                "WHERE provider_id = %s AND retired_at IS NULL",
                [provider_id],
            )
        _bump(cursor)


def rebuild() -> None:
    """Index every published version and current listing again (after a bulk load or a
    restore)."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM catalog_search_entry")
        cursor.execute(_entry_select(""), [VersionStatus.PUBLISHED])
        cursor.execute(_listing_select(""))
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM catalog_search")
            cursor.execute(
                "INSERT INTO catalog_search (rowid, title, body) "
                "SELECT id, title, search_text FROM catalog_microcredentialversion "
                "WHERE status = %s",
                [VersionStatus.PUBLISHED],
            )
            cursor.execute(
                "INSERT INTO catalog_search (rowid, title, body) "
                "SELECT -id, name, search_text FROM catalog_externallisting "
                "WHERE retired_at IS NULL"
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
            "(SELECT MAX(id) FROM catalog_microcredential), "
            "(SELECT MAX(id) FROM catalog_externallisting)"
        )
        value, highest, listing = cursor.fetchone()
    return f"{value}-{highest}-{listing}"


# --- what the search reads ----------------------------------------------------------
# catalog_index keeps the catalog's facets and sort orders in memory; the engines say
# which versions match and how well.

# Every published version and current listing once, in ascending entry id, with its
# facet values and its place in each sort order (newest, title, shortest) as the engine
# orders them. An entry counts only while it is its micro-credential's current version
# (that is what published means) or its listing is current: that keeps out entries a
# flushed test database left.
INDEX_ROWS = (
    "SELECT e.version_id, e.micro_credential_id, m.issuer_id, x.provider_id, e.price, "
    "e.credit_unit, e.topics, e.grades, "
    "ROW_NUMBER() OVER (ORDER BY e.published_at DESC, e.version_id DESC), "
    "ROW_NUMBER() OVER (ORDER BY e.title_key, e.version_id), "
    "ROW_NUMBER() OVER (ORDER BY e.estimated_hours IS NULL, e.estimated_hours, "
    "e.title_key, e.version_id) "
    "FROM catalog_search_entry e "
    "LEFT JOIN catalog_microcredential m ON m.current_version_id = e.version_id "
    "LEFT JOIN catalog_externallisting x ON x.id = -e.version_id "
    "AND x.retired_at IS NULL "
    "WHERE m.id IS NOT NULL OR x.id IS NOT NULL "
    "ORDER BY e.version_id"
)


def matches(cursor, query: ParsedQuery) -> list[tuple[int, float]]:
    """(version id, rank) of every published version with all the query's words; a
    lower rank is a better match."""
    if connection.vendor == "sqlite":
        # Each token becomes a quoted FTS5 string with a prefix star: "teach"* matches
        # teach, teacher, teaching. Quoting makes every token a literal. Title matches
        # count ten times as much as matches in the body.
        cursor.execute(
            "SELECT rowid, bm25(catalog_search, 10.0, 1.0) FROM catalog_search "
            "WHERE catalog_search MATCH %s",
            [" ".join(f'"{token}"*' for token in query.tokens)],
        )
    else:
        # ts_rank grows with relevance; negated, lower is better as with bm25.
        cursor.execute(
            "SELECT e.version_id, -ts_rank(e.search_vector, q) "
            "FROM catalog_search_entry e, to_tsquery('english', %s) q "
            "WHERE e.search_vector @@ q",
            [" & ".join(f"{token}:*" for token in query.tokens)],
        )
    return cursor.fetchall()


def labels(cursor, issuer_ids, provider_ids=()) -> list[tuple]:
    """What the facets show, read afresh: (kind, key, slug, name, n) for issuers,
    providers, topics, grade bands (n is the position), and each published stack's items
    (key the micro-credential's id)."""
    marks = ", ".join(["%s"] * len(issuer_ids)) or "NULL"
    provider_marks = ", ".join(["%s"] * len(provider_ids)) or "NULL"
    cursor.execute(
        "SELECT 'issuer', CAST(o.id AS TEXT), o.slug, o.name, 0 FROM accounts_organization o "
        f"WHERE o.id IN ({marks}) UNION ALL "
        "SELECT 'provider', CAST(p.id AS TEXT), p.slug, p.name, 0 "
        f"FROM catalog_externalprovider p WHERE p.id IN ({provider_marks}) UNION ALL "
        "SELECT 'topic', CAST(t.id AS TEXT), t.slug, t.name, 0 FROM catalog_topic t UNION ALL "
        "SELECT 'grade', g.slug, g.slug, g.name, g.position FROM catalog_gradeband g "
        "UNION ALL "
        "SELECT 'stack', CAST(si.micro_credential_id AS TEXT), s.slug, s.title, s.id "
        "FROM catalog_stack s JOIN catalog_stackitem si ON si.stack_id = s.id "
        "WHERE s.is_published",
        [int(pk) for pk in issuer_ids] + [int(pk) for pk in provider_ids],
    )
    return cursor.fetchall()
