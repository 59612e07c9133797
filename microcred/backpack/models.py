from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.catalog.models import Cohort, MicroCredential, MicroCredentialVersion


class EnrollmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    EARNED = "earned", _("Earned")


class Enrollment(models.Model):
    """A micro-credential in an earner's backpack, pinned to the version they started."""

    earner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    micro_credential = models.ForeignKey(
        MicroCredential, on_delete=models.PROTECT, related_name="enrollments"
    )
    version = models.ForeignKey(
        MicroCredentialVersion, on_delete=models.PROTECT, related_name="enrollments"
    )
    cohort = models.ForeignKey(
        Cohort, null=True, blank=True, on_delete=models.SET_NULL, related_name="enrollments"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=EnrollmentStatus.choices,
        default=EnrollmentStatus.IN_PROGRESS,
    )
    started_at = models.DateTimeField(auto_now_add=True)
    earned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["earner", "micro_credential"], name="enrollment_unique_per_earner"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=EnrollmentStatus.values),
                name="enrollment_known_status",
            ),
        ]
        indexes = [models.Index(fields=["earner", "status"], name="enrollment_earner_status")]
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")

    def __str__(self):
        return f"{self.earner} — {self.version}"
