"""Invoices and purchase orders: the earner asks, the issuer's staff record the payment."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from microcred.accounts.models import Role
from microcred.accounts.tests.factories import MembershipFactory
from microcred.notifications.models import Notification
from microcred.payments import selectors, services
from microcred.payments.models import InvoiceRequest, InvoiceStatus, Method, Payment
from microcred.submissions.tests.factories import enrollment_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrollment(earner, issuer, issuer_admin):
    return enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)


@pytest.fixture
def invoice(enrollment, earner):
    return services.request_invoice(
        enrollment, by=earner, purchase_order="PO-4471", bill_to="Riverbend Unified, accounts"
    )


def test_an_invoice_request_keeps_the_po_and_who_to_bill_and_leaves_the_fee_due(
    invoice, enrollment
):
    assert (invoice.status, invoice.purchase_order, invoice.bill_to, invoice.amount) == (
        InvoiceStatus.REQUESTED,
        "PO-4471",
        "Riverbend Unified, accounts",
        enrollment.version.fee,
    )
    assert not selectors.is_settled(enrollment)


def test_the_issuers_staff_are_told_of_an_invoice_request(invoice, issuer_admin):
    [note] = Notification.objects.filter(user=issuer_admin)

    assert note.subject.startswith("Invoice requested")
    assert note.url == reverse("payments:fees", args=[invoice.payee.slug])


def test_asking_for_an_invoice_twice_is_refused(invoice, enrollment, earner):
    with pytest.raises(services.FeeProblem, match="already asked for an invoice"):
        services.request_invoice(enrollment, by=earner)

    assert InvoiceRequest.objects.count() == 1


def test_an_issuer_that_does_not_send_invoices_is_not_asked(earner, issuer, issuer_admin):
    enrollment = enrollment_for(
        earner,
        issuer_admin=issuer_admin,
        micro_credential__issuer=issuer,
        payment_methods=["voucher"],
    )

    with pytest.raises(services.FeeProblem, match="does not send invoices"):
        services.request_invoice(enrollment, by=earner)
    assert not InvoiceRequest.objects.exists()


def test_only_the_earner_asks_for_their_invoice(enrollment, outsider):
    with pytest.raises(PermissionDenied):
        services.request_invoice(enrollment, by=outsider)


def test_marking_an_invoice_paid_settles_the_fee_and_the_ledger_says_who_and_when(
    invoice, enrollment, issuer, issuer_admin
):
    payment = services.mark_invoice_paid(invoice, by=issuer_admin, reference="Cheque 10023")

    assert selectors.is_settled(enrollment)
    [row] = selectors.ledger(issuer)
    assert row == payment
    assert (row.method, row.reference, row.recorded_by, row.amount) == (
        Method.INVOICE,
        "Cheque 10023",
        issuer_admin,
        enrollment.version.fee,
    )
    assert row.paid_at is not None
    invoice.refresh_from_db()
    assert (invoice.status, invoice.decided_by) == (InvoiceStatus.PAID, issuer_admin)


def test_the_earner_is_told_when_the_invoice_is_paid(
    invoice, earner, issuer_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_invoice_paid(invoice, by=issuer_admin, reference="PO-4471")

    [note] = Notification.objects.filter(user=earner)
    assert note.subject == f"Your fee for {invoice.enrollment.version.title} is paid"
    assert "reference PO-4471" in note.body
    assert any(earner.email in m.to for m in mail.outbox)


def test_marking_an_invoice_paid_twice_is_refused_and_changes_nothing(invoice, issuer_admin):
    services.mark_invoice_paid(invoice, by=issuer_admin, reference="Cheque 10023")

    with pytest.raises(services.FeeProblem, match="already marked paid .* Cheque 10023"):
        services.mark_invoice_paid(invoice, by=issuer_admin, reference="Cheque 99999")

    assert Payment.objects.get().reference == "Cheque 10023"


def test_an_invoice_of_a_fee_settled_another_way_cannot_be_marked_paid(
    invoice, enrollment, earner, issuer, issuer_admin
):
    code = (
        services.create_voucher_batch(issuer, by=issuer_admin, name="Pilot", count=1)
        .vouchers.get()
        .code
    )
    services.redeem_voucher(enrollment, by=earner, code=code)

    with pytest.raises(services.FeeProblem, match=r"already paid another way \(voucher\)"):
        services.mark_invoice_paid(invoice, by=issuer_admin, reference="Cheque 10023")

    assert Payment.objects.get().method == Method.VOUCHER
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.REQUESTED


def test_a_reference_is_required_to_mark_an_invoice_paid(invoice, issuer_admin):
    with pytest.raises(services.FeeProblem, match="Enter the cheque"):
        services.mark_invoice_paid(invoice, by=issuer_admin, reference="  ")

    assert not Payment.objects.exists()


@pytest.mark.parametrize("who", ["earner", "outsider", "assessor", "other_issuer_admin"])
def test_only_the_issuers_admins_mark_an_invoice_paid(invoice, request, other_issuer, who):
    user = (
        MembershipFactory(organization=other_issuer, role=Role.ISSUER_ADMIN).user
        if who == "other_issuer_admin"
        else request.getfixturevalue(who)
    )

    with pytest.raises(PermissionDenied):
        services.mark_invoice_paid(invoice, by=user, reference="Cheque 1")
    assert not Payment.objects.exists()


def test_a_cancelled_invoice_tells_the_earner_and_lets_them_ask_again(
    invoice, enrollment, earner, issuer_admin
):
    services.cancel_invoice(invoice, by=issuer_admin, reason="Wrong school on the PO")

    note = Notification.objects.filter(user=earner).latest("pk")
    assert "Wrong school on the PO" in note.body
    assert "still due" in note.body
    again = services.request_invoice(enrollment, by=earner, purchase_order="PO-4472")
    assert again.status == InvoiceStatus.REQUESTED


def test_a_cancelled_invoice_cannot_be_marked_paid(invoice, issuer_admin):
    services.cancel_invoice(invoice, by=issuer_admin)

    with pytest.raises(services.FeeProblem, match="cancelled"):
        services.mark_invoice_paid(invoice, by=issuer_admin, reference="Cheque 1")


# --- the issuer's fees page ------------------------------------------------------------


def test_the_issuers_fees_page_lists_open_invoice_requests(client, invoice, issuer, issuer_admin):
    client.force_login(issuer_admin)

    page = client.get(reverse("payments:fees", args=[issuer.slug])).text

    assert "PO-4471" in page
    assert "Mark paid for Erin Earner" in page


def test_marking_paid_on_the_fees_page_records_the_payment(
    client, invoice, enrollment, issuer, issuer_admin
):
    client.force_login(issuer_admin)

    response = client.post(
        reverse("payments:mark_invoice_paid", args=[issuer.slug, invoice.pk]),
        {"reference": "Transfer 55-A"},
        follow=True,
    )

    assert "Invoice marked paid" in response.text
    assert "Transfer 55-A" in response.text  # in the ledger
    assert selectors.paid_payment(enrollment).reference == "Transfer 55-A"


def test_marking_paid_twice_on_the_fees_page_says_so(client, invoice, issuer, issuer_admin):
    client.force_login(issuer_admin)
    url = reverse("payments:mark_invoice_paid", args=[issuer.slug, invoice.pk])
    client.post(url, {"reference": "Cheque 10023"})

    response = client.post(url, {"reference": "Cheque 10024"}, follow=True)

    assert "already marked paid" in response.text
    assert Payment.objects.get().reference == "Cheque 10023"


def test_marking_paid_without_the_right_is_forbidden(client, invoice, issuer, earner):
    client.force_login(earner)

    response = client.post(
        reverse("payments:mark_invoice_paid", args=[issuer.slug, invoice.pk]),
        {"reference": "I paid, honest"},
    )

    assert response.status_code == 403
    assert not Payment.objects.exists()


def test_an_invoice_is_not_found_under_another_organization(
    client, invoice, other_issuer, issuer_admin
):
    client.force_login(issuer_admin)

    response = client.post(
        reverse("payments:mark_invoice_paid", args=[other_issuer.slug, invoice.pk]),
        {"reference": "Cheque 1"},
    )

    assert response.status_code == 404


def test_cancelling_on_the_fees_page(client, invoice, issuer, issuer_admin):
    client.force_login(issuer_admin)

    response = client.post(
        reverse("payments:cancel_invoice", args=[issuer.slug, invoice.pk]),
        {"reason": "Duplicate"},
        follow=True,
    )

    assert "Invoice cancelled" in response.text
    invoice.refresh_from_db()
    assert (invoice.status, invoice.cancel_reason) == (InvoiceStatus.CANCELLED, "Duplicate")
