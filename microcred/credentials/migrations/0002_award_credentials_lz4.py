from django.db import migrations

# The signed credential and its JWT are tens of kilobytes per award and written once;
# PostgreSQL compresses such values, and LZ4 (PostgreSQL 14+) does it several times faster
# than its default, which matters when a cohort of tens of thousands is signed at once.
LZ4 = """
ALTER TABLE credentials_award
    ALTER COLUMN credential_json SET COMPRESSION lz4,
    ALTER COLUMN credential_jwt SET COMPRESSION lz4
"""
DEFAULT = """
ALTER TABLE credentials_award
    ALTER COLUMN credential_json SET COMPRESSION default,
    ALTER COLUMN credential_jwt SET COMPRESSION default
"""


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql" or connection.pg_version < 140000:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
            "AND 'lz4' = ANY(enumvals)"
        )
        if cursor.fetchone():
            cursor.execute(LZ4)


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql" and connection.pg_version >= 140000:
        with connection.cursor() as cursor:
            cursor.execute(DEFAULT)


class Migration(migrations.Migration):
    dependencies = [("credentials", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
