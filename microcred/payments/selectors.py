"""Reads about fees worth naming."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from microcred.backpack.models import Enrollment
from microcred.catalog.models import MicroCredentialVersion, PaymentOption

from .models import (
    InvoiceRequest,
    InvoiceStatus,
    Payment,
    PaymentStatus,
    SponsorshipRequest,
    SponsorshipStatus,
    Voucher,
    VoucherBatch,
)
from .providers.base import card_provider


def is_available(method: str) -> bool:
    """Whether the platform can take a fee this way at all: card needs a configured card
    processor; vouchers, sponsorship and invoices need nothing but people."""
    if method == PaymentOption.CARD:
        return card_provider() is not None
    return method in PaymentOption.values


def payment_options(version: MicroCredentialVersion) -> list[str]:
    """The ways an earner can pay this version's fee: what its issuer accepts and the
    platform offers, in the order the fee box shows them."""
    order = [
        PaymentOption.VOUCHER,
        PaymentOption.SPONSORSHIP,
        PaymentOption.INVOICE,
        PaymentOption.CARD,
    ]
    return [m.value for m in order if version.accepts(m) and is_available(m)]


def is_settled(enrollment: Enrollment) -> bool:
    """The fee is nothing, or one payment for it has gone through."""
    if not enrollment.version.fee:
        return True
    return Payment.objects.filter(enrollment=enrollment, status=PaymentStatus.PAID).exists()


def paid_payment(enrollment: Enrollment) -> Payment | None:
    return Payment.objects.filter(enrollment=enrollment, status=PaymentStatus.PAID).first()


def open_sponsorship_request(enrollment: Enrollment) -> SponsorshipRequest | None:
    return enrollment.sponsorship_requests.filter(status=SponsorshipStatus.REQUESTED).first()


def ledger(organization):
    """Payments an organization received (an issuer) or made (a district's sponsorships and
    vouchers), newest first."""
    return (
        Payment.objects.filter(Q(payee=organization) | Q(payer_organization=organization))
        .exclude(status=PaymentStatus.PENDING)
        .select_related("enrollment__version", "payee", "payer_organization", "recorded_by")
        .order_by("-created_at")
    )


def pending_sponsorships(district):
    return (
        SponsorshipRequest.objects.filter(district=district, status=SponsorshipStatus.REQUESTED)
        .select_related("enrollment__earner", "enrollment__version")
        .order_by("created_at")
    )


def open_invoice_request(enrollment: Enrollment) -> InvoiceRequest | None:
    return enrollment.invoice_requests.filter(status=InvoiceStatus.REQUESTED).first()


def last_declined_sponsorship(enrollment: Enrollment) -> SponsorshipRequest | None:
    """The district's latest answer when it was no, so the earner sees it and the note."""
    latest = enrollment.sponsorship_requests.order_by("-created_at", "-pk").first()
    return latest if latest and latest.status == SponsorshipStatus.DECLINED else None


def last_cancelled_invoice(enrollment: Enrollment) -> InvoiceRequest | None:
    latest = enrollment.invoice_requests.order_by("-created_at", "-pk").first()
    return latest if latest and latest.status == InvoiceStatus.CANCELLED else None


@dataclass
class FeeBox:
    """Everything the fee box on a submission page shows, read in one place."""

    settled: bool
    payment: Payment | None = None
    options: list[str] = field(default_factory=list)
    sponsorship_request: SponsorshipRequest | None = None
    declined_sponsorship: SponsorshipRequest | None = None
    invoice_request: InvoiceRequest | None = None
    cancelled_invoice: InvoiceRequest | None = None

    def offers(self, method: str) -> bool:
        return method in self.options


def fee_box(enrollment: Enrollment) -> FeeBox:
    if is_settled(enrollment):
        return FeeBox(settled=True, payment=paid_payment(enrollment))
    return FeeBox(
        settled=False,
        options=payment_options(enrollment.version),
        sponsorship_request=open_sponsorship_request(enrollment),
        declined_sponsorship=last_declined_sponsorship(enrollment),
        invoice_request=open_invoice_request(enrollment),
        cancelled_invoice=last_cancelled_invoice(enrollment),
    )


def open_invoices(issuer):
    """Invoice requests an issuer's staff have yet to mark paid or cancel, oldest first."""
    return (
        InvoiceRequest.objects.filter(payee=issuer, status=InvoiceStatus.REQUESTED)
        .select_related("enrollment__earner", "enrollment__version")
        .order_by("created_at", "pk")
    )


def paid_payments_prefetch() -> Prefetch:
    """Each enrollment's paid payment (at most one), in `paid_payments`, for lists."""
    return Prefetch(
        "payments",
        queryset=Payment.objects.filter(status=PaymentStatus.PAID),
        to_attr="paid_payments",
    )


def voucher_batches(organization) -> QuerySet[VoucherBatch]:
    """The organization's voucher batches, newest first, each with how many codes it holds
    (`codes`) and how many times they were used (`used`), as the fees page lists them."""
    return (
        VoucherBatch.objects.filter(organization=organization)
        .select_related("organization", "micro_credential")
        .annotate(codes=Count("vouchers"), used=Sum("vouchers__times_used"))
        .order_by("-created_at", "-pk")
    )


def vouchers(organization, *, batch: int | None = None, redeemed: bool | None = None):
    """The organization's voucher codes with their batch, oldest batch last and codes in
    the order they were made; `redeemed` keeps the codes used at least once (True) or
    never used (False)."""
    found = Voucher.objects.filter(batch__organization=organization).select_related("batch")
    if batch is not None:
        found = found.filter(batch_id=batch)
    if redeemed is not None:
        found = found.filter(times_used__gt=0) if redeemed else found.filter(times_used=0)
    return found.order_by("-batch__created_at", "-batch_id", "pk")
