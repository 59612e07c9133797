"""Full-text search for the catalog, in whichever engine the database has.

SQLite: an FTS5 table with its own copy of each published version's title and words,
kept in step by catalog.search.index()/unindex(). A separate table survives the table
rebuilds SQLite migrations do, which would drop triggers.
PostgreSQL: a generated tsvector column (title weighted above the rest) with a GIN index
limited to published versions.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE catalog_search USING fts5("
    "title, body, tokenize = 'porter unicode61 remove_diacritics 2')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS catalog_search"]

POSTGRES_FORWARD = [
    "ALTER TABLE catalog_microcredentialversion ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(search_text, '')), 'B')"
    ") STORED",
    "CREATE INDEX catalog_version_search ON catalog_microcredentialversion "
    "USING GIN (search_vector) WHERE status = 'published'",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS catalog_version_search",
    "ALTER TABLE catalog_microcredentialversion DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
