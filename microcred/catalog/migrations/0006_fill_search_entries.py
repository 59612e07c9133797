"""Search entries for the versions published before there were search entries.

The statement is the one catalog.search.rebuild() runs, copied here so that this
migration keeps working whatever that module becomes. It draws a first catalog stamp.
"""

import secrets

from django.db import migrations

ENTRY = (
    "INSERT INTO catalog_search_entry ({columns}) "
    "SELECT v.id, v.micro_credential_id, "
    "CASE WHEN v.fee = 0 THEN 'free' WHEN v.fee > 0 THEN 'paid' ELSE '' END, "
    "v.credit_unit, "
    "',' || COALESCE((SELECT {topics} FROM catalog_microcredentialversion_topics vt "
    "WHERE vt.microcredentialversion_id = v.id), '') || ',', "
    "',' || COALESCE((SELECT {grades} FROM catalog_microcredentialversion_grade_bands vg "
    "WHERE vg.microcredentialversion_id = v.id), '') || ',', "
    "v.published_at, LOWER(v.title), v.estimated_hours{vector} "
    "FROM catalog_microcredentialversion v WHERE v.status = 'published'"
)
COLUMNS = (
    "version_id, micro_credential_id, price, credit_unit, topics, grades, published_at, "
    "title_key, estimated_hours"
)
BY_VENDOR = {
    "sqlite": {
        "columns": COLUMNS,
        "topics": "group_concat(vt.topic_id, ',')",
        "grades": "group_concat(vg.gradeband_id, ',')",
        "vector": "",
    },
    "postgresql": {
        "columns": f"{COLUMNS}, search_vector",
        "topics": "string_agg(vt.topic_id::text, ',' ORDER BY vt.topic_id)",
        "grades": "string_agg(vg.gradeband_id, ',' ORDER BY vg.gradeband_id)",
        "vector": ", v.search_vector",
    },
}


def fill(apps, schema_editor):
    parts = BY_VENDOR.get(schema_editor.connection.vendor)
    if parts is None:
        return
    schema_editor.execute("DELETE FROM catalog_search_entry")
    schema_editor.execute(ENTRY.format(**parts))
    schema_editor.execute(
        "INSERT INTO catalog_search_stamp (id, value) VALUES (1, %s)", [secrets.token_hex(8)]
    )


def empty(apps, schema_editor):
    if schema_editor.connection.vendor in BY_VENDOR:
        schema_editor.execute("DELETE FROM catalog_search_stamp")
        schema_editor.execute("DELETE FROM catalog_search_entry")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_search_entries")]

    operations = [migrations.RunPython(fill, empty)]
