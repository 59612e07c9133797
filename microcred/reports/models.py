from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import Organization
from microcred.append_only import AppendOnly


class RecordOpening(AppendOnly):
    """An admin of a district or state opened one educator's record, and said why.

    The educators pages show only counts; an individual's awards and credit are read one
    person at a time, each reading written here for the organization's admins to see.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="record_openings"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    educator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"))
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organization", "-at"], name="recordopening_org_at")]
        verbose_name = _("record opening")
        verbose_name_plural = _("record openings")

    def __str__(self):
        return f"{self.organization}: {self.educator_id} by {self.opened_by_id}"
