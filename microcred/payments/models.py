"""Fees: what was paid for which submission, how, and by whom; vouchers; sponsorship."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from microcred.accounts.models import Organization
from microcred.backpack.models import Enrollment
from microcred.catalog.models import MicroCredential

# Voucher codes are read off paper and typed: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
VOUCHER_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"


def new_voucher_code() -> str:
    body = "".join(secrets.choice(VOUCHER_ALPHABET) for _ in range(12))
    return "-".join(body[i : i + 4] for i in range(0, 12, 4))


class Method(models.TextChoices):
    FREE = "free", _("Free")
    VOUCHER = "voucher", _("Voucher")
    SPONSORSHIP = "sponsorship", _("District sponsorship")
    CARD = "card", _("Card")
    INVOICE = "invoice", _("Invoice")


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PAID = "paid", _("Paid")
    REFUNDED = "refunded", _("Refunded")
    FAILED = "failed", _("Failed")


class VoucherBatch(models.Model):
    """Codes an issuer or a district hands out; each covers one fee per use."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="voucher_batches"
    )
    name = models.CharField(_("name"), max_length=200)
    micro_credential = models.ForeignKey(
        MicroCredential,
        verbose_name=_("only for"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty for any micro-credential."),
    )
    uses_per_code = models.PositiveIntegerField(_("uses per code"), default=1)
    expires_on = models.DateField(_("expires"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("voucher batch")
        verbose_name_plural = _("voucher batches")

    def __str__(self):
        return self.name


class Voucher(models.Model):
    batch = models.ForeignKey(VoucherBatch, on_delete=models.CASCADE, related_name="vouchers")
    code = models.CharField(_("code"), max_length=20, unique=True, default=new_voucher_code)
    times_used = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(times_used__gte=0), name="voucher_uses_not_negative"
            )
        ]
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")

    def __str__(self):
        return self.code


class SponsorshipPolicy(models.Model):
    """A district's standing answer: sponsor every member's fee without asking."""

    district = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="sponsorship_policy"
    )
    approve_all_members = models.BooleanField(_("sponsor all members' fees"), default=False)

    def __str__(self):
        return str(self.district)


class SponsorshipStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    RELEASED = "released", _("Released")


class SponsorshipRequest(models.Model):
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="sponsorship_requests"
    )
    district = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="sponsorship_requests"
    )
    status = models.CharField(
        max_length=16, choices=SponsorshipStatus.choices, default=SponsorshipStatus.REQUESTED
    )
    note = models.TextField(_("note to the district"), blank=True)
    answer_note = models.TextField(_("the district's note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment"],
                condition=models.Q(status="requested"),
                name="sponsorship_one_open_request",
            )
        ]
        verbose_name = _("sponsorship request")
        verbose_name_plural = _("sponsorship requests")

    def __str__(self):
        return f"{self.enrollment} — {self.district}"


class InvoiceStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")


class InvoiceRequest(models.Model):
    """An earner's request to be billed: a school or district pays by cheque, purchase
    order or transfer, and the issuer's staff record the payment when it arrives."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="invoice_requests"
    )
    payee = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="invoice_requests"
    )
    status = models.CharField(
        max_length=16, choices=InvoiceStatus.choices, default=InvoiceStatus.REQUESTED
    )
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    currency = models.CharField(max_length=3, default="USD")
    purchase_order = models.CharField(_("purchase order number"), max_length=100, blank=True)
    bill_to = models.CharField(_("billing contact or organization"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the issuer's staff mark it paid (with the cheque, PO or transfer number) or
    # cancel it (with a reason).
    reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    cancel_reason = models.CharField(_("reason"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment"],
                condition=models.Q(status="requested"),
                name="invoice_one_open_request",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["requested", "paid", "cancelled"]),
                name="invoice_known_status",
            ),
        ]
        indexes = [models.Index(fields=["payee", "status"], name="invoice_payee_status")]
        verbose_name = _("invoice request")
        verbose_name_plural = _("invoice requests")

    def __str__(self):
        return f"{self.enrollment} — {self.get_status_display()}"


class Payment(models.Model):
    """The fee for an enrollment: one paid payment covers every attempt at it."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.PROTECT, related_name="payments")
    payee = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="payments_received"
    )
    payer_organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments_made",
    )
    method = models.CharField(max_length=16, choices=Method.choices)
    status = models.CharField(
        max_length=16, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    currency = models.CharField(max_length=3, default="USD")
    voucher = models.ForeignKey(
        Voucher, null=True, blank=True, on_delete=models.PROTECT, related_name="payments"
    )
    sponsorship = models.OneToOneField(
        SponsorshipRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="payment"
    )
    invoice = models.OneToOneField(
        InvoiceRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="payment"
    )
    provider = models.CharField(max_length=20, blank=True)
    provider_reference = models.CharField(max_length=255, blank=True)
    # What the issuer's staff typed when recording a payment made outside the platform
    # (a cheque, purchase order or transfer number), and who recorded it.
    reference = models.CharField(max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # Paying twice is impossible: one paid fee per enrollment.
            models.UniqueConstraint(
                fields=["enrollment"],
                condition=models.Q(status="paid"),
                name="payment_one_paid_per_enrollment",
            ),
            models.UniqueConstraint(
                fields=["provider", "provider_reference"],
                condition=~models.Q(provider_reference=""),
                name="payment_unique_provider_reference",
            ),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="payment_not_negative"),
        ]
        indexes = [models.Index(fields=["payee", "status"], name="payment_payee_status")]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self):
        return f"{self.get_method_display()} {self.amount} {self.currency} ({self.status})"
