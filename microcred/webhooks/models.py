"""An organization's webhook endpoints and each delivery made to them.

Deliveries follow Standard Webhooks (https://www.standardwebhooks.com/): every message has
an id that stays the same through its retries (`webhook-id`, the receiver's key against
handling it twice), and is signed afresh at each attempt over `id.timestamp.body`.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import Organization


class EventType(models.TextChoices):
    SUBMISSION_DECIDED = "submission.decided", _("A submission was decided")
    AWARD_ISSUED = "award.issued", _("An award was issued")
    AWARD_REVOKED = "award.revoked", _("An award was revoked")
    MEMBER_JOINED = "member.joined", _("Someone joined the organization")


# Sent only on request from the endpoint's page, whatever the endpoint subscribes to.
TEST_EVENT = "webhook.test"


class Endpoint(models.Model):
    """An address an organization asked to be told at, and what it wants to hear of."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(_("address"), max_length=2000)
    description = models.CharField(_("description"), max_length=200, blank=True)
    # EventType values.
    events = models.JSONField(_("events"), default=list)
    # The signing secret (whsec_…), encrypted like issuers' private keys; shown once.
    sealed_secret = models.BinaryField(editable=False)
    is_active = models.BooleanField(_("enabled"), default=True)
    # Set when the platform stopped sending after repeated failures (not when an admin
    # turned it off): the page says why.
    disabled_at = models.DateTimeField(null=True, blank=True, editable=False)
    disabled_reason = models.TextField(blank=True, editable=False)
    # Failed attempts since the last success.
    failures = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    secret_rotated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self):
        return self.url

    def get_absolute_url(self):
        return reverse("webhooks:endpoint", args=[self.organization.slug, self.pk])

    def event_labels(self) -> list[str]:
        return [str(EventType(e).label) for e in self.events if e in EventType.values]


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SUCCEEDED = "succeeded", _("Delivered")
    FAILED = "failed", _("Failed")


class Delivery(models.Model):
    """One message to one endpoint, with the outcome of its latest attempt."""

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    # Standard Webhooks' webhook-id: the same for every attempt.
    message_id = models.CharField(max_length=40, unique=True)
    event_type = models.CharField(max_length=40)
    # The body exactly as it is signed and sent.
    payload = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=12, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    # When the next attempt is due; while an attempt runs, when its claim lapses. Empty once
    # delivered or given up.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    # The start of the receiver's answer, or why there was none.
    response_excerpt = models.TextField(blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="delivery_due"),
            models.Index(fields=["endpoint", "-created_at"], name="delivery_endpoint_time"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=DeliveryStatus.values), name="delivery_known_status"
            )
        ]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self):
        return f"{self.event_type} → {self.endpoint}"
