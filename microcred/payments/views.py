import csv
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from microcred import permissions
from microcred.accounts.models import Organization

from . import selectors, services
from .forms import SponsorshipPolicyForm, VoucherBatchForm
from .models import InvoiceRequest, SponsorshipPolicy, SponsorshipRequest, VoucherBatch
from .providers.base import BadSignature, card_provider

log = logging.getLogger(__name__)

MAX_WEBHOOK_BYTES = 256 * 1024


@csrf_exempt  # the provider signs the request instead; the signature is checked below
@require_POST
def provider_webhook(request):
    provider = card_provider()
    if provider is None:
        return HttpResponse(status=404)
    if len(request.body) > MAX_WEBHOOK_BYTES:
        return HttpResponseBadRequest("Payload too large.")
    try:
        event = provider.parse_webhook(request.body, request.headers)
    except BadSignature:
        log.warning("Refused a payment webhook with a bad signature.")
        return HttpResponseBadRequest("Bad signature.")
    payment = services.record_provider_event(event, provider=provider.name)
    return JsonResponse({"received": True, "payment": payment.pk if payment else None})


def _organization(request, slug, check):
    organization = get_object_or_404(Organization, slug=slug)
    if not check(request.user, organization):
        raise PermissionDenied
    return organization


@login_required
def fees_home(request, slug):
    """An organization's fees: vouchers it made, sponsorship requests, and its ledger."""
    organization = _organization(request, slug, permissions.can_view_ledger)
    form = VoucherBatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_voucher_batch(organization, by=request.user, **form.cleaned_data)
        except services.FeeProblem as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Voucher codes made."))
            return redirect("payments:fees", slug=slug)
    is_district = organization.kind == Organization.Kind.DISTRICT
    is_issuer = organization.kind == Organization.Kind.ISSUER
    policy = SponsorshipPolicy.objects.filter(district=organization).first()
    return render(
        request,
        "payments/fees.html",
        {
            "organization": organization,
            "form": form,
            "batches": VoucherBatch.objects.filter(organization=organization).annotate(
                codes=Count("vouchers"), used=Sum("vouchers__times_used")
            ),
            "ledger": selectors.ledger(organization)[:200],
            "is_district": is_district,
            "pending": selectors.pending_sponsorships(organization) if is_district else [],
            "is_issuer": is_issuer,
            "open_invoices": selectors.open_invoices(organization) if is_issuer else [],
            "policy_form": SponsorshipPolicyForm(
                initial={"approve_all_members": bool(policy and policy.approve_all_members)}
            ),
        },
        status=400 if form.errors else 200,
    )


@require_GET
@login_required
def voucher_codes(request, slug, batch_id):
    organization = _organization(request, slug, permissions.can_manage_vouchers)
    batch = get_object_or_404(VoucherBatch, pk=batch_id, organization=organization)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="vouchers-{batch.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(["code", "uses_per_code", "times_used", "expires_on"])
    for voucher in batch.vouchers.order_by("pk"):
        writer.writerow(
            [voucher.code, batch.uses_per_code, voucher.times_used, batch.expires_on or ""]
        )
    return response


@require_POST
@login_required
def decide_sponsorship(request, slug, request_id):
    organization = get_object_or_404(Organization, slug=slug)
    sponsorship = get_object_or_404(SponsorshipRequest, pk=request_id, district=organization)
    try:
        services.decide_sponsorship(
            sponsorship,
            by=request.user,
            approve=request.POST.get("approve") == "1",
            note=request.POST.get("note", ""),
        )
    except services.FeeProblem as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Answer recorded; the earner has been told."))
    return redirect("payments:fees", slug=slug)


@require_POST
@login_required
def sponsorship_policy(request, slug):
    organization = _organization(request, slug, permissions.can_manage_organization)
    form = SponsorshipPolicyForm(request.POST)
    form.is_valid()
    services.set_sponsorship_policy(
        organization,
        by=request.user,
        approve_all_members=form.cleaned_data.get("approve_all_members", False),
    )
    messages.success(request, _("Sponsorship policy saved."))
    return redirect("payments:fees", slug=slug)


def _invoice(request, slug, invoice_id) -> InvoiceRequest:
    organization = get_object_or_404(Organization, slug=slug)
    return get_object_or_404(InvoiceRequest, pk=invoice_id, payee=organization)


@require_POST
@login_required
def mark_invoice_paid(request, slug, invoice_id):
    invoice = _invoice(request, slug, invoice_id)
    try:
        services.mark_invoice_paid(
            invoice, by=request.user, reference=request.POST.get("reference", "")
        )
    except services.FeeProblem as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Invoice marked paid; the earner has been told."))
    return redirect(reverse("payments:fees", args=[slug]) + "#invoices-h")


@require_POST
@login_required
def cancel_invoice(request, slug, invoice_id):
    invoice = _invoice(request, slug, invoice_id)
    try:
        services.cancel_invoice(invoice, by=request.user, reason=request.POST.get("reason", ""))
    except services.FeeProblem as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Invoice cancelled; the earner has been told."))
    return redirect(reverse("payments:fees", args=[slug]) + "#invoices-h")
