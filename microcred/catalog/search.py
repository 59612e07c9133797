"""Full-text search of the public catalog, one function in front of two engines.

SQLite uses an FTS5 table (`catalog_search`, rowid = version id); PostgreSQL a weighted
tsvector with a GIN index on the search entries. Beside it both engines keep a narrow
entry per published version (`catalog_search_entry`: facets and sort keys) that the
publishing services keep in step through index() and unindex(). Only published versions
are searchable. The user's words never reach either engine's query syntax: they are cut
into word tokens first, so quotes, operators and SQL fragments are only ever searched for
as words.
"""

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
    # Fixed fragments only; the status and the version id are parameters.
    return (
        f"INSERT INTO catalog_search_entry ({columns}) "  # noqa: S608
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
