"""Settling the fee for an enrollment, and giving it back when a submission is withdrawn."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from microcred import permissions
from microcred.accounts import selectors as accounts_selectors
from microcred.accounts.models import Organization
from microcred.backpack.models import Enrollment
from microcred.notifications.services import notify

from . import selectors
from .models import (
    InvoiceRequest,
    InvoiceStatus,
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


METHOD_REFUSED: dict[str, str] = {
    Method.CARD: _("%(issuer)s does not take card payments for this micro-credential."),
    Method.VOUCHER: _("%(issuer)s does not accept vouchers for this micro-credential."),
    Method.SPONSORSHIP: _(
        "%(issuer)s does not accept district sponsorship for this micro-credential."
    ),
    Method.INVOICE: _("%(issuer)s does not send invoices for this micro-credential."),
}


def _locked_unpaid(enrollment: Enrollment, by, method: str) -> Enrollment:
    """Re-read the enrollment under a row lock, so two ways of paying at once queue up, and
    check that this way is one its issuer accepts."""
    enrollment = (
        Enrollment.objects.select_for_update()
        .select_related("version", "micro_credential__issuer")
        .get(pk=enrollment.pk)
    )
    _require(permissions.can_pay(by, enrollment))
    if selectors.is_settled(enrollment):
        raise FeeProblem(_("The fee for this micro-credential is already paid."))
    if not enrollment.version.accepts(method):
        raise FeeProblem(
            METHOD_REFUSED[method] % {"issuer": enrollment.micro_credential.issuer.name}
        )
    return enrollment


def _paid(enrollment: Enrollment, method: str, **fields) -> Payment:
    fields.setdefault("amount", enrollment.version.fee or Decimal("0"))
    fields.setdefault("currency", enrollment.version.currency)
    try:
        with transaction.atomic():
            return Payment.objects.create(
                enrollment=enrollment,
                payee=enrollment.micro_credential.issuer,
                method=method,
                status=PaymentStatus.PAID,
                paid_at=timezone.now(),
                **fields,
            )
    except IntegrityError as exc:  # a second tab paid a moment earlier
        raise FeeProblem(_("The fee for this micro-credential is already paid.")) from exc


@transaction.atomic
def redeem_voucher(enrollment: Enrollment, *, by, code: str) -> Payment:
    enrollment = _locked_unpaid(enrollment, by, Method.VOUCHER)
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
    enrollment = _locked_unpaid(enrollment, by, Method.SPONSORSHIP)
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
def decide_sponsorship(
    request: SponsorshipRequest, *, by, approve: bool, note: str = ""
) -> SponsorshipRequest:
    request = SponsorshipRequest.objects.select_for_update().get(pk=request.pk)
    _require(permissions.can_decide_sponsorship(by, request))
    if request.status != SponsorshipStatus.REQUESTED:
        raise FeeProblem(_("This request was already answered."))
    note = (note or "").strip()[:1000]
    if approve:
        _approve(request, by=by, note=note)
    else:
        SponsorshipRequest.objects.filter(pk=request.pk).update(
            status=SponsorshipStatus.DECLINED,
            decided_by=by,
            decided_at=timezone.now(),
            answer_note=note,
        )
        request.status = SponsorshipStatus.DECLINED
    request.answer_note = note
    enrollment = request.enrollment
    values = {"district": request.district.name, "title": enrollment.version.title}
    if approve:
        subject = _("%(district)s will pay your fee for %(title)s") % values
        body = _("%(district)s approved your request: the fee is paid. You can submit.") % values
    else:
        subject = _("%(district)s declined to pay your fee for %(title)s") % values
        body = (
            _(
                "%(district)s will not sponsor this fee. The fee is still due: open your "
                "submission to pay it another way, for example with a voucher or an invoice."
            )
            % values
        )
    if note:
        body += "\n\n" + _("Their note: %(note)s") % {"note": note}
    notify([enrollment.earner], subject=subject, body=body, url=_submission_url(enrollment))
    return request


def _submission_url(enrollment: Enrollment) -> str:
    latest = enrollment.submissions.order_by("-attempt").first()
    return reverse("submissions:detail", args=[latest.reference]) if latest else ""


def _approve(request: SponsorshipRequest, *, by, note: str = "") -> None:
    enrollment = Enrollment.objects.select_related("version", "micro_credential__issuer").get(
        pk=request.enrollment_id
    )
    if selectors.is_settled(enrollment):
        raise FeeProblem(_("The fee for this micro-credential is already paid."))
    SponsorshipRequest.objects.filter(pk=request.pk).update(
        status=SponsorshipStatus.APPROVED,
        decided_by=by,
        decided_at=timezone.now(),
        answer_note=note,
    )
    request.status = SponsorshipStatus.APPROVED
    _paid(
        enrollment,
        Method.SPONSORSHIP,
        sponsorship=request,
        payer_organization=request.district,
        recorded_by=by,
    )


# --- invoices and purchase orders ------------------------------------------------------


@transaction.atomic
def request_invoice(
    enrollment: Enrollment, *, by, purchase_order: str = "", bill_to: str = ""
) -> InvoiceRequest:
    """Ask the issuer to bill the fee. It counts as paid only once their staff record the
    payment (mark_invoice_paid): until then the earner cannot submit."""
    enrollment = _locked_unpaid(enrollment, by, Method.INVOICE)
    if enrollment.invoice_requests.filter(status=InvoiceStatus.REQUESTED).exists():
        raise FeeProblem(
            _(
                "You already asked for an invoice for this fee. %(issuer)s will mark it paid "
                "when the payment arrives."
            )
            % {"issuer": enrollment.micro_credential.issuer.name}
        )
    issuer = enrollment.micro_credential.issuer
    invoice = InvoiceRequest.objects.create(
        enrollment=enrollment,
        payee=issuer,
        amount=enrollment.version.fee or Decimal("0"),
        currency=enrollment.version.currency,
        purchase_order=(purchase_order or "").strip()[:100],
        bill_to=(bill_to or "").strip()[:300],
        requested_by=by,
    )
    staff = accounts_selectors.admins(issuer.pk)
    notify(
        staff,
        subject=_("Invoice requested: %(title)s") % {"title": enrollment.version.title},
        body=_(
            "%(name)s asked to be invoiced %(amount)s %(currency)s. Mark it paid on your fees "
            "page when the payment arrives."
        )
        % {"name": by.name, "amount": invoice.amount, "currency": invoice.currency},
        url=reverse("payments:fees", args=[issuer.slug]),
    )
    return invoice


def _locked_open_invoice(invoice: InvoiceRequest, by) -> InvoiceRequest:
    # Only the invoice row is locked: who decided it may be nobody yet (an outer join).
    invoice = (
        InvoiceRequest.objects.select_for_update(of=("self",))
        .select_related("payee", "decided_by", "enrollment__version", "enrollment__earner")
        .get(pk=invoice.pk)
    )
    _require(permissions.can_record_invoice(by, invoice))
    if invoice.status == InvoiceStatus.PAID:
        raise FeeProblem(
            _("This invoice was already marked paid on %(date)s by %(name)s (reference %(ref)s).")
            % {
                "date": timezone.localdate(invoice.decided_at).isoformat(),
                "name": invoice.decided_by.name if invoice.decided_by else _("someone"),
                "ref": invoice.reference,
            }
        )
    if invoice.status == InvoiceStatus.CANCELLED:
        raise FeeProblem(_("This invoice was cancelled; it can no longer change."))
    return invoice


@transaction.atomic
def mark_invoice_paid(invoice: InvoiceRequest, *, by, reference: str) -> Payment:
    """Record that the billed fee arrived: the ledger keeps the reference, who recorded it
    and when, and the earner may submit."""
    invoice = _locked_open_invoice(invoice, by)
    reference = (reference or "").strip()
    if not reference:
        raise FeeProblem(_("Enter the cheque, purchase order or transfer number."))
    if len(reference) > 100:
        raise FeeProblem(_("Keep the reference to 100 characters."))
    # The enrollment lock orders this after any voucher or sponsorship paying at once.
    enrollment = (
        Enrollment.objects.select_for_update()
        .select_related("version", "micro_credential__issuer", "earner")
        .get(pk=invoice.enrollment_id)
    )
    if settled := selectors.paid_payment(enrollment):
        raise FeeProblem(
            _(
                "The fee was already paid another way (%(method)s); nothing was recorded. "
                "Cancel this invoice instead."
            )
            % {"method": settled.get_method_display().lower()}
        )
    now = timezone.now()
    InvoiceRequest.objects.filter(pk=invoice.pk).update(
        status=InvoiceStatus.PAID, reference=reference, decided_by=by, decided_at=now
    )
    invoice.status = InvoiceStatus.PAID
    payment = _paid(
        enrollment,
        Method.INVOICE,
        invoice=invoice,
        reference=reference,
        recorded_by=by,
        amount=invoice.amount,
        currency=invoice.currency,
    )
    notify(
        [enrollment.earner],
        subject=_("Your fee for %(title)s is paid") % {"title": enrollment.version.title},
        body=_(
            "%(issuer)s recorded the payment of your invoice (reference %(ref)s). You can submit."
        )
        % {"issuer": invoice.payee.name, "ref": reference},
        url=_submission_url(enrollment),
    )
    return payment


@transaction.atomic
def cancel_invoice(invoice: InvoiceRequest, *, by, reason: str = "") -> InvoiceRequest:
    invoice = _locked_open_invoice(invoice, by)
    reason = (reason or "").strip()[:300]
    InvoiceRequest.objects.filter(pk=invoice.pk).update(
        status=InvoiceStatus.CANCELLED,
        cancel_reason=reason,
        decided_by=by,
        decided_at=timezone.now(),
    )
    invoice.status = InvoiceStatus.CANCELLED
    enrollment = invoice.enrollment
    body = _("%(issuer)s cancelled the invoice for this fee.") % {"issuer": invoice.payee.name}
    if reason:
        body += " " + _("Their reason: %(reason)s") % {"reason": reason}
    if not selectors.is_settled(enrollment):
        body += " " + _("The fee is still due: open your submission to pay it another way.")
    notify(
        [enrollment.earner],
        subject=_("Invoice cancelled: %(title)s") % {"title": enrollment.version.title},
        body=body,
        url=_submission_url(enrollment),
    )
    return invoice


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
    enrollment = _locked_unpaid(enrollment, by, Method.CARD)
    provider = card_provider()
    if provider is None:
        raise FeeProblem(
            _("Card payments are not available here. Choose another way to pay the fee.")
        )
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
