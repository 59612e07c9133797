from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import Organization


class JoinStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for an answer")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class JoinRequest(models.Model):
    """An educator asks a district to count them as one of its educators; the district's
    admins approve (the educator role is granted) or decline."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    district = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="join_requests"
    )
    school = models.CharField(_("school"), max_length=200, blank=True)
    note = models.TextField(_("note to the district"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=JoinStatus.choices, default=JoinStatus.REQUESTED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One open question per person and district; after an answer they may ask again.
            models.UniqueConstraint(
                fields=["user", "district"],
                condition=models.Q(status="requested"),
                name="joinrequest_one_open",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=JoinStatus.values), name="joinrequest_known_status"
            ),
        ]
        indexes = [models.Index(fields=["district", "status"], name="joinrequest_district")]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")

    def __str__(self):
        return f"{self.user} → {self.district} ({self.status})"


class InvitationImport(models.Model):
    """A CSV list of people to invite, kept between the dry run and its confirmation.

    `rows` holds what the file said, one [line, e-mail, name, role] per person, so the
    confirmation invites exactly the list that was checked; `results` holds each row's
    outcome once it was sent, [outcome, message], in the same order."""

    class Status(models.TextChoices):
        CHECKED = "checked", _("Checked, not sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitation_imports"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    rows = models.JSONField(default=list)
    results = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CHECKED)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["checked", "sending", "sent"]),
                name="invitationimport_known_status",
            ),
        ]
        verbose_name = _("invitation list")
        verbose_name_plural = _("invitation lists")

    def __str__(self):
        return f"{self.organization}: {self.filename} ({len(self.rows)} rows)"
