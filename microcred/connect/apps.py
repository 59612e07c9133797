from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConnectConfig(AppConfig):
    name = "microcred.connect"
    label = "connect"
    verbose_name = _("Connected apps")

    def ready(self):
        from microcred.backpack import above as backpack

        from .selectors import held_credentials

        backpack.answers.provide(held_credentials=held_credentials)
