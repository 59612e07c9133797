from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "microcred.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self):
        # The apps whose moves are announced sit below this one and name no webhook code:
        # they send signals inside their transactions, and the deliveries are made after
        # the commit. Retries are queued by the periodic runner.
        from microcred.accounts import signals as accounts
        from microcred.assessment import signals as assessment
        from microcred.credentials import signals as credentials
        from microcred.operations import periodic

        from . import events
        from .tasks import send_due_deliveries

        credentials.issued.connect(events.on_awards_issued, dispatch_uid="webhooks.issued")
        credentials.revoked.connect(events.on_award_revoked, dispatch_uid="webhooks.revoked")
        assessment.decided.connect(events.on_decided, dispatch_uid="webhooks.decided")
        accounts.role_taken.connect(events.on_role_taken, dispatch_uid="webhooks.joined")
        periodic.every_round("webhook retries", send_due_deliveries)
