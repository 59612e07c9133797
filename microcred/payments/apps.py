from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "microcred.payments"
    label = "payments"
    verbose_name = _("Fees and payments")

    def ready(self):
        from microcred.catalog import above as catalog

        from .selectors import is_available

        catalog.answers.provide(payment_available=is_available)
