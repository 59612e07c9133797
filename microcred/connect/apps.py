from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConnectConfig(AppConfig):
    name = "microcred.connect"
    label = "connect"
    verbose_name = _("Connected apps")

    def ready(self):
        from microcred.backpack import above as backpack
        from microcred.credentials import above as credentials

        from .selectors import held_credentials
        from .services import issuing_organization

        backpack.answers.provide(held_credentials=held_credentials)
        credentials.answers.provide(issuing_organization=issuing_organization)
