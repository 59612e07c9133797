"""Reads about fees worth naming."""

from __future__ import annotations

from django.db.models import Q

from microcred.backpack.models import Enrollment

from .models import Payment, PaymentStatus, SponsorshipRequest, SponsorshipStatus


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
        .select_related("enrollment__version", "payee", "payer_organization")
        .order_by("-created_at")
    )


def pending_sponsorships(district):
    return (
        SponsorshipRequest.objects.filter(district=district, status=SponsorshipStatus.REQUESTED)
        .select_related("enrollment__earner", "enrollment__version")
        .order_by("created_at")
    )
