"""Collaborators declared as free text ("Casey Lin casey@x.org" on one line) kept the
address inside the name. Read it out into the e-mail, link the account it belongs to, and
keep the line as typed in `declared_as`, shown beside the row."""

from django.db import migrations
from django.db.models.functions import Lower

from microcred.submissions.collaborator_names import split_name_and_email


def read_addresses(apps, schema_editor):
    Collaborator = apps.get_model("submissions", "Collaborator")
    User = apps.get_model("accounts", "User")
    changed = []
    for row in Collaborator.objects.filter(email="").only("pk", "name"):
        name, email = split_name_and_email(row.name)
        if email:
            row.declared_as, row.name, row.email = row.name[:300], (name or email)[:150], email
            changed.append(row)
    users = dict(
        User.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in={row.email for row in changed})
        .values_list("email_lower", "pk")
    )
    for row in changed:
        row.user_id = users.get(row.email)
    Collaborator.objects.bulk_update(
        changed, ["name", "email", "user", "declared_as"], batch_size=500
    )


class Migration(migrations.Migration):
    dependencies = [
        ("submissions", "0004_collaborator_declared_as"),
        ("accounts", "__first__"),
    ]

    # The rows stay as read: going back leaves the better-read names in place.
    operations = [migrations.RunPython(read_addresses, migrations.RunPython.noop)]
