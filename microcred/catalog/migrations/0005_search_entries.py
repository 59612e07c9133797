"""A narrow search entry per published version, and a stamp of catalog changes.

The catalog search filters, counts facets and sorts over every match. Reading those few
values from the version rows, which carry all the long texts, made each search read the
whole version table (150 MB at 100,000 micro-credentials). `catalog_search_entry` holds
only what the search needs, one row per published version, kept in step by
catalog.search.index()/unindex()/rebuild() like the SQLite full-text table. On PostgreSQL
the entry also carries the weighted tsvector with its GIN index, which replaces the index
on the version table.

`topics` and `grades` list the version's topic ids and grade band slugs between commas
(",3,7,"), so that facet counts group them without a join per match.

There is no foreign key to the version table on purpose: flushing the test database
truncates the model tables only, and PostgreSQL refuses to truncate a table another one
references. The search joins each entry to its micro-credential's current version, so an
entry left behind matches nothing.

`catalog_search_stamp` holds a random value that changes with every index change; cached
facet counts are keyed by it.
"""

from django.db import migrations

COMMON_FORWARD = [
    "CREATE INDEX catalog_search_entry_mc ON catalog_search_entry (micro_credential_id)",
    "CREATE INDEX catalog_search_entry_newest "
    "ON catalog_search_entry (published_at DESC, version_id DESC)",
    "CREATE TABLE catalog_search_stamp (id integer NOT NULL PRIMARY KEY, "
    "value varchar(32) NOT NULL)",
    # Stack facets and filters go from a micro-credential to its stacks; with the stack id
    # in the index they never read the stack item rows.
    "CREATE INDEX catalog_stackitem_mc_stack ON catalog_stackitem (micro_credential_id, stack_id)",
]
COMMON_BACKWARD = [
    "DROP INDEX IF EXISTS catalog_stackitem_mc_stack",
    "DROP TABLE IF EXISTS catalog_search_stamp",
    "DROP TABLE IF EXISTS catalog_search_entry",
]

SQLITE_FORWARD = [
    "CREATE TABLE catalog_search_entry ("
    "version_id integer NOT NULL PRIMARY KEY, "
    "micro_credential_id integer NOT NULL, "
    "price varchar(4) NOT NULL, "
    "credit_unit varchar(60) NOT NULL, "
    "topics text NOT NULL, "
    "grades text NOT NULL, "
    "published_at datetime NULL, "
    "title_key varchar(200) NOT NULL, "
    "estimated_hours decimal NULL)",
    *COMMON_FORWARD,
]

POSTGRES_FORWARD = [
    "CREATE TABLE catalog_search_entry ("
    "version_id bigint NOT NULL PRIMARY KEY, "
    "micro_credential_id bigint NOT NULL, "
    "price varchar(4) NOT NULL, "
    "credit_unit varchar(60) NOT NULL, "
    "topics text NOT NULL, "
    "grades text NOT NULL, "
    "published_at timestamp with time zone NULL, "
    "title_key varchar(200) NOT NULL, "
    "estimated_hours numeric(5, 1) NULL, "
    "search_vector tsvector NOT NULL)",
    *COMMON_FORWARD,
    "CREATE INDEX catalog_search_entry_vector ON catalog_search_entry USING GIN (search_vector)",
    "DROP INDEX IF EXISTS catalog_version_search",
]
POSTGRES_BACKWARD = [
    "CREATE INDEX IF NOT EXISTS catalog_version_search ON catalog_microcredentialversion "
    "USING GIN (search_vector) WHERE status = 'published'",
    *COMMON_BACKWARD,
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_assessment_settings")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": COMMON_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
