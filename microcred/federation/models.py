"""Standards frameworks brought in as 1EdTech CASE, and what was sent to a registry.

CASE 1.0 (https://www.imsglobal.org/sites/default/files/CASE/casev1p0/information_model/caseservicesinfomodel_v1p0.html):
a CFDocument is the framework, its CFItems the standards in it and CFAssociations the
links between them ("isChildOf" gives the tree). Each keeps its CASE `identifier` (a
UUID) and `uri`, which travel with an alignment into credentials and exports.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import Organization


class Framework(models.Model):
    """A CFDocument. An issuer's own framework is offered to its authors; one imported
    by platform staff (no organization) is offered to every issuer."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("imported for"),
        on_delete=models.CASCADE,
        related_name="frameworks",
        null=True,
        blank=True,
    )
    identifier = models.CharField(_("CASE identifier"), max_length=100)
    uri = models.URLField(_("CASE address"), max_length=500)
    title = models.CharField(_("title"), max_length=300)
    creator = models.CharField(_("creator"), max_length=300, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    version = models.CharField(_("version"), max_length=60, blank=True)
    licence = models.CharField(_("licence"), max_length=500, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "identifier"],
                name="framework_identifier_once_per_organization",
                nulls_distinct=False,
            )
        ]

    def __str__(self):
        return self.title


class FrameworkItem(models.Model):
    """A CFItem: one standard (or a grouping of them) in a framework."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="items")
    identifier = models.CharField(_("CASE identifier"), max_length=100)
    uri = models.URLField(_("CASE address"), max_length=500)
    human_coding_scheme = models.CharField(_("code"), max_length=60, blank=True)
    full_statement = models.TextField(_("statement"))
    item_type = models.CharField(_("kind"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "identifier"], name="framework_item_identifier_once"
            )
        ]
        indexes = [models.Index(fields=["framework", "position"], name="framework_item_order")]

    def __str__(self):
        return f"{self.human_coding_scheme} {self.full_statement}".strip()


class RegistryPublication(models.Model):
    """One attempt to publish an issuer's catalog to a Credential Engine registry."""

    class Outcome(models.TextChoices):
        WAITING = "waiting", _("Waiting to be sent")
        PUBLISHED = "published", _("Published")
        FAILED = "failed", _("Failed")
        NOT_SENT = "not_sent", _("Not sent: no registry key is configured")

    issuer = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="registry_publications"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.WAITING)
    endpoint = models.URLField(max_length=500, blank=True)
    entries = models.PositiveIntegerField(default=0)
    answer = models.TextField(_("the registry's answer"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"{self.issuer} {self.requested_at:%Y-%m-%d %H:%M} {self.outcome}"
