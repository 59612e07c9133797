"""Requirements written before word limits were fields: the limit their instructions
state ("In 300 to 500 words") becomes the enforced one."""

from django.db import migrations

from microcred.catalog.word_limits import stated_word_limits


def read_limits(apps, schema_editor):
    Requirement = apps.get_model("catalog", "Requirement")
    changed = []
    for requirement in Requirement.objects.filter(min_words=None, max_words=None).only(
        "pk", "instructions"
    ):
        low, high = stated_word_limits(requirement.instructions)
        if low or high:
            requirement.min_words, requirement.max_words = low, high
            changed.append(requirement)
    Requirement.objects.bulk_update(changed, ["min_words", "max_words"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0010_requirement_word_limits")]

    # Going back drops the fields themselves; nothing to undo here.
    operations = [migrations.RunPython(read_limits, migrations.RunPython.noop)]
