from django.db import migrations

GRADE_BANDS = [
    ("early-childhood", "Early childhood (PreK)"),
    ("k-2", "Grades K–2"),
    ("3-5", "Grades 3–5"),
    ("6-8", "Grades 6–8"),
    ("9-12", "Grades 9–12"),
    ("adult", "Adult and higher education"),
]


def add_grade_bands(apps, schema_editor):
    GradeBand = apps.get_model("catalog", "GradeBand")
    for position, (slug, name) in enumerate(GRADE_BANDS, start=1):
        GradeBand.objects.update_or_create(slug=slug, defaults={"name": name, "position": position})


def remove_grade_bands(apps, schema_editor):
    apps.get_model("catalog", "GradeBand").objects.filter(
        slug__in=[slug for slug, _name in GRADE_BANDS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_search_index")]

    operations = [migrations.RunPython(add_grade_bands, remove_grade_bands)]
