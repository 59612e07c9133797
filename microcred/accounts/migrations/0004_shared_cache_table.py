"""The table of the database cache, which holds sign-in limits shared by every process.
With Redis configured (REDIS_URL) there is nothing to make."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_user_preferred_language")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
