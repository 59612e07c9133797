"""Everyone already qualified for an issuer's micro-credentials becomes a member of that
issuer's pool, with the capacity their profile had. The profile's own on/off switch stays
where it was: it still applies to every pool."""

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    Qualification = apps.get_model("assessment", "Qualification")
    PoolMember = apps.get_model("assessment", "PoolMember")
    pairs = (
        Qualification.objects.values_list(
            "assessor_id",
            "micro_credential__issuer_id",
            "assessor__capacity",
        )
        .order_by()
        .distinct()
    )
    now = timezone.now()
    PoolMember.objects.bulk_create(
        [
            PoolMember(
                assessor_id=assessor_id,
                issuer_id=issuer_id,
                capacity=max(1, min(capacity, 100)),
                joined_at=now,
            )
            for assessor_id, issuer_id, capacity in pairs
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("assessment", "0005_pool_members_and_changes")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
