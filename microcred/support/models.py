"""The help desk: an earner's ticket about one submission, answered by the issuer's staff."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import Organization
from microcred.catalog.models import MicroCredential
from microcred.submissions.models import Submission


class TicketStatus(models.TextChoices):
    OPEN = "open", _("Open")
    WAITING = "waiting", _("Waiting on the earner")
    SOLVED = "solved", _("Solved")


class TicketOrigin(models.TextChoices):
    EARNER = "earner", _("Opened by the earner")
    OVERDUE = "overdue", _("Opened for an overdue decision")


class Ticket(models.Model):
    """A question about one submission. The issuer and micro-credential are copied from
    the submission when the ticket opens, so the staff queue filters without joins."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="tickets")
    earner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tickets"
    )
    issuer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="tickets")
    micro_credential = models.ForeignKey(
        MicroCredential, on_delete=models.PROTECT, related_name="tickets"
    )
    subject = models.CharField(_("subject"), max_length=200)
    status = models.CharField(
        _("status"), max_length=16, choices=TicketStatus.choices, default=TicketStatus.OPEN
    )
    origin = models.CharField(
        _("opened"), max_length=16, choices=TicketOrigin.choices, default=TicketOrigin.EARNER
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField()
    solved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_message_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=TicketStatus.values), name="ticket_known_status"
            ),
            models.CheckConstraint(
                condition=models.Q(origin__in=TicketOrigin.values), name="ticket_known_origin"
            ),
            # The overdue sweep opens one ticket per submission, however often it runs.
            models.UniqueConstraint(
                fields=["submission"],
                condition=models.Q(origin="overdue"),
                name="ticket_one_overdue_per_submission",
            ),
        ]
        indexes = [
            models.Index(fields=["issuer", "status", "created_at"], name="ticket_issuer_queue"),
            models.Index(fields=["earner", "last_message_at"], name="ticket_earner_recent"),
        ]
        verbose_name = _("ticket")
        verbose_name_plural = _("tickets")

    def __str__(self):
        return f"#{self.pk} {self.subject}"


class Side(models.TextChoices):
    EARNER = "earner", _("Earner")
    STAFF = "staff", _("Staff")
    PLATFORM = "platform", _("microcred")


class TicketMessage(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    side = models.CharField(_("from"), max_length=16, choices=Side.choices)
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(side__in=Side.values), name="ticket_message_known_side"
            ),
            models.CheckConstraint(condition=~models.Q(body=""), name="ticket_message_not_empty"),
        ]
        verbose_name = _("ticket message")
        verbose_name_plural = _("ticket messages")

    def __str__(self):
        return f"{self.ticket_id} · {self.get_side_display()}"
