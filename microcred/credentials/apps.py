from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "microcred.credentials"
    verbose_name = _("Credentials")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from microcred.backpack import above as backpack
        from microcred.operations import periodic

        from .selectors import earned_awards_index

        periodic.every_recovery(_sweep_signing)
        backpack.answers.provide(earned_awards=earned_awards_index)


def _sweep_signing() -> str:
    from . import services

    signing = services.sweep_signing()
    if not any(v for k, v in signing.items() if k != "unsigned"):
        return ""
    return (
        f"Queued {signing['signers_queued']} signer(s) for {signing['unsigned']} unsigned "
        f"award(s); resumed {signing['resumed']} bulk issue(s); {signing['finished']} finished."
    )
