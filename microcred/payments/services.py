"""Settling the fee for an enrollment, and giving it back when a submission is withdrawn."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred import permissions
from microcred.accounts.models import Organization
from microcred.backpack.models import Enrollment
from microcred.notifications.services import notify

from . import selectors
from .models import (
    Method,
    Payment,
    PaymentStatus,
    SponsorshipPolicy,
    SponsorshipRequest,
    SponsorshipStatus,
    Voucher,
    VoucherBatch,
)
from .providers.base import Checkout, ProviderEvent, card_provider


class FeeProblem(Exception):
    """The fee cannot be settled this way; the message says why, for the earner."""


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _locked_unpaid(enrollment: Enrollment, by) -> Enrollment:
    enrollment = (
        Enrollment.objects.select_for_update()
        .select_related("version", "micro_credential__issuer")
        .get(pk=enrollment.pk)
    )
    _require(permissions.can_pay(by, enrollment))
    if selectors.is_settled(enrollment):
        raise FeeProblem(_("The fee for this micro-credential is already paid."))
    return enrollment


def _paid(enrollment: Enrollment, method: str, **fields) -> Payment:
    try:
        with transaction.atomic():
            return Payment.objects.create(
                enrollment=enrollment,
                payee=enrollment.micro_credential.issuer,
                method=method,
                status=PaymentStatus.PAID,
                amount=enrollment.version.fee or Decimal("0"),
                currency=enrollment.version.currency,
                paid_at=timezone.now(),
                **fields,
            )
    except IntegrityError as exc:  # a second tab paid a moment earlier
        raise FeeProblem(_("The fee for this micro-credential is already paid.")) from exc


@transaction.atomic
def redeem_voucher(enrollment: Enrollment, *, by, code: str) -> Payment:
    enrollment = _locked_unpaid(enrollment, by)
    normalized = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    formatted = "-".join(normalized[i : i + 4] for i in range(0, len(normalized), 4))
    voucher = (
        Voucher.objects.select_for_update().select_related("batch").filter(code=formatted).first()
    )
    if voucher is None:
        raise FeeProblem(_("That voucher code was not found. Check it and try again."))
    batch = voucher.batch
    if batch.expires_on and batch.expires_on < timezone.localdate():
        raise FeeProblem(
            _("That voucher expired on %(date)s.") % {"date": batch.expires_on.isoformat()}
        )
    if voucher.times_used >= batch.uses_per_code:
        raise FeeProblem(_("That voucher has already been used."))
    if batch.micro_credential_id and batch.micro_credential_id != enrollment.micro_credential_id:
        raise FeeProblem(_("That voucher is for a different micro-credential."))
    if not _voucher_applies(batch.organization, enrollment):
        raise FeeProblem(_("That voucher is not valid for this micro-credential."))
    Voucher.objects.filter(pk=voucher.pk).update(times_used=F("times_used") + 1)
    return _paid(enrollment, Method.VOUCHER, voucher=voucher, payer_organization=batch.organization)


def _voucher_applies(organization: Organization, enrollment: Enrollment) -> bool:
    """An issuer's vouchers cover its own micro-credentials; a district's, its members'."""
    if organization.kind == Organization.Kind.ISSUER:
        return organization.pk == enrollment.micro_credential.issuer_id
    return permissions.has_role(enrollment.earner, organization, *permissions.MEMBER_ROLES)


@transaction.atomic
def request_sponsorship(
    enrollment: Enrollment, *, by, district: Organization, note: str = ""
) -> SponsorshipRequest:
    enrollment = _locked_unpaid(enrollment, by)
    if district.kind != Organization.Kind.DISTRICT or not permissions.has_role(
        by, district, *permissions.MEMBER_ROLES
    ):
        raise FeeProblem(_("You can ask only a district you belong to."))
    open_request = enrollment.sponsorship_requests.filter(status=SponsorshipStatus.REQUESTED)
    if open_request.exists():
        raise FeeProblem(_("Your district already has a request for this fee."))
    request = SponsorshipRequest.objects.create(
        enrollment=enrollment, district=district, note=(note or "").strip()
    )
    policy = SponsorshipPolicy.objects.filter(district=district).first()
    if policy and policy.approve_all_members:
        _approve(request, by=None)
    return request


@transaction.atomic
def decide_sponsorship(request: SponsorshipRequest, *, by, approve: bool) -> SponsorshipRequest:
    request = SponsorshipRequest.objects.select_for_update().get(pk=request.pk)
    _require(permissions.can_decide_sponsorship(by, request))
    if request.status != SponsorshipStatus.REQUESTED:
        raise FeeProblem(_("This request was already answered."))
    if approve:
        _approve(request, by=by)
    else:
        SponsorshipRequest.objects.filter(pk=request.pk).update(
            status=SponsorshipStatus.DECLINED, decided_by=by, decided_at=timezone.now()
        )
        request.status = SponsorshipStatus.DECLINED
    enrollment = request.enrollment
    notify(
        [enrollment.earner],
        subject=(
            _("%(district)s will pay your fee") if approve else _("%(district)s declined your fee")
        )
        % {"district": request.district.name},
        body=(
            _("Your fee for %(title)s is paid. You can submit your evidence.")
            if approve
            else _("Your fee for %(title)s is still due. You can pay it another way.")
        )
        % {"title": enrollment.version.title},
    )
    return request


def _approve(request: SponsorshipRequest, *, by) -> None:
    enrollment = Enrollment.objects.select_related("version", "micro_credential__issuer").get(
        pk=request.enrollment_id
    )
    if selectors.is_settled(enrollment):
        raise FeeProblem(_("The fee for this micro-credential is already paid."))
    SponsorshipRequest.objects.filter(pk=request.pk).update(
        status=SponsorshipStatus.APPROVED, decided_by=by, decided_at=timezone.now()
    )
    request.status = SponsorshipStatus.APPROVED
    _paid(enrollment, Method.SPONSORSHIP, sponsorship=request, payer_organization=request.district)


@transaction.atomic
def set_sponsorship_policy(district: Organization, *, by, approve_all_members: bool):
    _require(permissions.can_manage_organization(by, district))
    SponsorshipPolicy.objects.update_or_create(
        district=district, defaults={"approve_all_members": approve_all_members}
    )


@transaction.atomic
def start_card_payment(
    enrollment: Enrollment, *, by, success_url: str, cancel_url: str
) -> Checkout:
    enrollment = _locked_unpaid(enrollment, by)
    provider = card_provider()
    if provider is None:
        raise FeeProblem(_("Card payments are not available. Use a voucher or ask your district."))
    fee = enrollment.version.fee or Decimal("0")
    payment = Payment.objects.create(
        enrollment=enrollment,
        payee=enrollment.micro_credential.issuer,
        method=Method.CARD,
        amount=fee,
        currency=enrollment.version.currency,
        provider=provider.name,
    )
    checkout = provider.start_checkout(
        reference_hint=f"payment-{payment.pk}",
        amount_cents=int(fee * 100),
        currency=enrollment.version.currency,
        description=enrollment.version.title,
        email=by.email,
        success_url=success_url,
        cancel_url=cancel_url,
    )
    Payment.objects.filter(pk=payment.pk).update(provider_reference=checkout.reference)
    return checkout


@transaction.atomic
def record_provider_event(event: ProviderEvent, *, provider: str) -> Payment | None:
    """Apply a verified webhook. Safe to receive twice: a settled payment stays as it is."""
    payment = (
        Payment.objects.select_for_update()
        .filter(provider=provider, provider_reference=event.reference)
        .first()
    )
    if payment is None or event.kind == "ignored" or payment.status != PaymentStatus.PENDING:
        return payment
    if event.kind == "failed":
        Payment.objects.filter(pk=payment.pk).update(status=PaymentStatus.FAILED)
        return payment
    now = timezone.now()
    if Payment.objects.filter(enrollment=payment.enrollment_id, status=PaymentStatus.PAID).exists():
        # The fee was settled another way while the card page was open: give this back.
        Payment.objects.filter(pk=payment.pk).update(
            status=PaymentStatus.REFUNDED, paid_at=now, refunded_at=now
        )
        transaction.on_commit(lambda: _enqueue_card_refund(payment.pk))
        return payment
    Payment.objects.filter(pk=payment.pk).update(status=PaymentStatus.PAID, paid_at=now)
    return payment


def _enqueue_card_refund(payment_id: int) -> None:
    from .tasks import refund_card_payment

    refund_card_payment.enqueue(payment_id)


def refund_fee(enrollment: Enrollment) -> Payment | None:
    """Give back the paid fee: a voucher use returns, a sponsorship is released, a card
    payment is refunded by the provider once this transaction commits. Runs inside the
    caller's transaction (withdrawing a submission)."""
    payment = (
        Payment.objects.select_for_update()
        .filter(enrollment=enrollment, status=PaymentStatus.PAID)
        .first()
    )
    if payment is None:
        return None
    Payment.objects.filter(pk=payment.pk).update(
        status=PaymentStatus.REFUNDED, refunded_at=timezone.now()
    )
    if payment.voucher_id:
        Voucher.objects.filter(pk=payment.voucher_id, times_used__gt=0).update(
            times_used=F("times_used") - 1
        )
    if payment.sponsorship_id:
        SponsorshipRequest.objects.filter(pk=payment.sponsorship_id).update(
            status=SponsorshipStatus.RELEASED
        )
    if payment.method == Method.CARD:
        transaction.on_commit(lambda: _enqueue_card_refund(payment.pk))
    return payment


@transaction.atomic
def create_voucher_batch(
    organization: Organization,
    *,
    by,
    name: str,
    count: int,
    uses_per_code: int = 1,
    expires_on=None,
    micro_credential=None,
) -> VoucherBatch:
    _require(permissions.can_manage_vouchers(by, organization))
    if not 1 <= count <= 10_000:
        raise FeeProblem(_("Make between 1 and 10,000 codes at a time."))
    batch = VoucherBatch.objects.create(
        organization=organization,
        name=(name or "").strip() or _("Vouchers"),
        uses_per_code=max(1, uses_per_code),
        expires_on=expires_on,
        micro_credential=micro_credential,
        created_by=by,
    )
    Voucher.objects.bulk_create([Voucher(batch=batch) for _ in range(count)])
    return batch
