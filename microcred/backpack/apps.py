from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackpackConfig(AppConfig):
    name = "microcred.backpack"
    label = "backpack"
    verbose_name = _("Backpack")
