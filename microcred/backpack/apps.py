from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackpackConfig(AppConfig):
    name = "microcred.backpack"
    label = "backpack"
    verbose_name = _("Backpack")

    def ready(self):
        from microcred.catalog import above as catalog

        from .selectors import earner_stack_progress, enrollments_by_micro_credential

        catalog.answers.provide(
            enrollments=enrollments_by_micro_credential, stack_progress=earner_stack_progress
        )
