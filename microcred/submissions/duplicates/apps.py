from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DuplicatesConfig(AppConfig):
    """Near-duplicate evidence: fingerprints of submitted evidence and the flags raised
    for issuer admins when two earners' evidence is nearly the same."""

    name = "microcred.submissions.duplicates"
    label = "duplicates"
    verbose_name = _("Duplicate evidence")

    def ready(self):
        from microcred.catalog import above as catalog

        from .selectors import open_flag_count

        catalog.answers.provide(open_duplicate_flags=open_flag_count)
