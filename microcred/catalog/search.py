"""Full-text search of the public catalog, one function in front of two engines.

SQLite uses an FTS5 table (`catalog_search`, rowid = version id) that the publishing
services keep in step; PostgreSQL uses a generated, weighted tsvector column on the
version table with a partial GIN index. Both are created by migration 0002. Only
published versions are searchable. The user's words never reach either engine's query
syntax: they are cut into word tokens first, so quotes, operators and SQL fragments are
only ever searched for as words.
"""

from __future__ import annotations

import re
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


# --- keeping the index in step (SQLite only; PostgreSQL's column is generated) ---------


def index(version: MicroCredentialVersion) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM catalog_search WHERE rowid = %s", [version.pk])
        cursor.execute(
            "INSERT INTO catalog_search (rowid, title, body) "
            "SELECT id, title, search_text FROM catalog_microcredentialversion "
            "WHERE id = %s AND status = %s",
            [version.pk, VersionStatus.PUBLISHED],
        )


def unindex(version: MicroCredentialVersion) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM catalog_search WHERE rowid = %s", [version.pk])


def rebuild() -> None:
    """Index every published version again (after a bulk load or a restore)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM catalog_search")
        cursor.execute(
            "INSERT INTO catalog_search (rowid, title, body) "
            "SELECT id, title, search_text FROM catalog_microcredentialversion "
            "WHERE status = %s",
            [VersionStatus.PUBLISHED],
        )


# --- matching ------------------------------------------------------------------------


@dataclass
class Match:
    """SQL that restricts `v` (the version table) to matches, and ranks them."""

    join: str = ""
    where: str = ""
    rank: str = "0"
    params: list = field(default_factory=list)


def match(query: ParsedQuery) -> Match:
    if not query:
        return Match()
    if connection.vendor == "sqlite":
        # Each token becomes a quoted FTS5 string with a prefix star: "teach"* matches
        # teach, teacher, teaching. Quoting makes every token a literal.
        expression = " ".join(f'"{token}"*' for token in query.tokens)
        return Match(
            join="JOIN catalog_search ON catalog_search.rowid = v.id",
            where="catalog_search MATCH %s",
            # Title matches count ten times as much as matches in the body.
            rank="bm25(catalog_search, 10.0, 1.0)",
            params=[expression],
        )
    expression = " & ".join(f"{token}:*" for token in query.tokens)
    return Match(
        where="v.search_vector @@ to_tsquery('english', %s)",
        # ts_rank grows with relevance; negate it so that ascending order is best first,
        # as with bm25.
        rank="-ts_rank(v.search_vector, to_tsquery('english', %s))",
        params=[expression],
    )
