from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "microcred.submissions"
    label = "submissions"
    verbose_name = _("Submissions")

    def ready(self):
        from microcred.backpack import above as backpack
        from microcred.catalog import above as catalog
        from microcred.operations import periodic

        from .evidence_removal import remove_expired_evidence
        from .selectors import attempts_prefetch, drafts_in_cohort

        catalog.answers.provide(drafts_in_cohort=drafts_in_cohort)
        backpack.answers.provide(attempts=attempts_prefetch)

        periodic.every_round("the evidence retention sweep", remove_expired_evidence)
        periodic.every_recovery(_sweep_stray_files)


def _sweep_stray_files() -> str:
    from . import stray_files

    swept = stray_files.sweep()
    if not any(swept.values()):
        return ""
    return (
        f"Removed {swept['stored']} stored evidence file(s) without a row and "
        f"{swept['temporary']} temporary upload file(s) left by stopped web processes."
    )
