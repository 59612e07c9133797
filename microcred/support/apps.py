from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "microcred.support"
    label = "support"
    verbose_name = _("Help desk")

    def ready(self):
        from microcred.operations import periodic

        from .tasks import open_overdue_tickets

        periodic.every_round("overdue tickets", open_overdue_tickets)
