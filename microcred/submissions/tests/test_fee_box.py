"""The fee box on a draft: every way to pay the issuer accepts, explained, and never a
field the earner has no way to fill."""

import pytest
from django.urls import reverse

from microcred.accounts.models import Membership, Organization, Role
from microcred.accounts.tests.factories import MembershipFactory, OrganizationFactory
from microcred.catalog.models import MicroCredentialVersion
from microcred.notifications.models import Notification
from microcred.payments import selectors as fees
from microcred.payments import services as fee_services
from microcred.payments.models import InvoiceRequest, SponsorshipRequest
from microcred.submissions.models import Submission
from microcred.submissions.tests.factories import enrollment_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_card_processor(settings):
    settings.PAYMENT_PROVIDER = ""


@pytest.fixture
def enrollment(earner, issuer, issuer_admin):
    return enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)


@pytest.fixture
def draft(client, earner, enrollment):
    client.force_login(earner)
    client.post(reverse("submissions:start", args=[enrollment.pk]))
    return Submission.objects.get(enrollment=enrollment)


@pytest.fixture
def district_admin(district):
    return MembershipFactory(organization=district, role=Role.ORG_ADMIN).user


def _page(client, draft) -> str:
    return client.get(reverse("submissions:detail", args=[draft.reference])).text


def _accept_only(enrollment, *methods):
    # A published version never changes through the services; this stands in for an
    # issuer that published with these methods.
    MicroCredentialVersion.objects.filter(pk=enrollment.version_id).update(
        payment_methods=list(methods)
    )


def test_without_a_card_processor_every_other_way_is_offered_and_explained(client, draft):
    page = _page(client, draft)

    assert "Use a voucher" in page
    assert "Ask your district to pay" in page
    assert "Ask for an invoice" in page
    assert "Pay by card" not in page
    assert "pays by cheque, purchase order or bank transfer" in page


def test_card_is_offered_when_a_processor_is_set_up(client, draft, settings):
    settings.PAYMENT_PROVIDER = "microcred.payments.providers.stripe.StripeProvider"

    assert "Pay by card" in _page(client, draft)


def test_only_the_ways_the_issuer_accepts_are_shown(client, draft, enrollment):
    _accept_only(enrollment, "invoice")

    page = _page(client, draft)

    assert "Ask for an invoice" in page
    assert "Use a voucher" not in page
    assert "Voucher code" not in page
    assert "Ask your district to pay" not in page


def test_with_no_usable_way_to_pay_the_box_says_so_and_shows_no_field(client, draft, enrollment):
    _accept_only(enrollment, "card")

    page = _page(client, draft)

    assert "There is no way to pay this fee online right now" in page
    assert "Voucher code" not in page


def test_an_earner_without_a_district_is_told_how_to_get_one(client, draft, earner):
    Membership.objects.filter(user=earner).delete()

    page = _page(client, draft)

    assert "You do not belong to a district on microcred yet" in page
    assert f'href="{reverse("people:profile")}"' in page
    assert 'name="district"' not in page


def test_asking_a_district_one_does_not_belong_to_is_refused_on_the_page(client, draft):
    elsewhere = OrganizationFactory(kind=Organization.Kind.DISTRICT, name="Elsewhere Schools")

    response = client.post(
        reverse("submissions:request_sponsorship", args=[draft.reference]),
        {"district": elsewhere.pk},
        follow=True,
    )

    assert "You can ask only a district you belong to." in response.text
    assert not SponsorshipRequest.objects.exists()


@pytest.mark.parametrize("posted", ["", "abc", "999999"])
def test_asking_no_district_or_an_unknown_one_is_a_message(client, draft, posted):
    response = client.post(
        reverse("submissions:request_sponsorship", args=[draft.reference]),
        {"district": posted},
        follow=True,
    )

    assert "Choose the district to ask." in response.text
    assert not SponsorshipRequest.objects.exists()


def test_a_declined_earner_sees_the_answer_the_note_and_the_other_ways(
    client, draft, enrollment, earner, district, district_admin
):
    request = fee_services.request_sponsorship(enrollment, by=earner, district=district)
    fee_services.decide_sponsorship(
        request, by=district_admin, approve=False, note="Our PD budget is spent for this year."
    )

    page = _page(client, draft)

    assert "Riverbend Unified declined to sponsor this fee." in page
    assert "Our PD budget is spent for this year." in page
    assert "Ask for an invoice" in page
    assert "Use a voucher" in page


def test_the_district_admin_declines_with_a_note_on_their_page_and_the_earner_is_told(
    client, draft, enrollment, earner, district, district_admin
):
    request = fee_services.request_sponsorship(enrollment, by=earner, district=district)
    client.force_login(district_admin)

    client.post(
        reverse("payments:decide_sponsorship", args=[district.slug, request.pk]),
        {"approve": "0", "note": "Ask again in September."},
    )

    note = Notification.objects.filter(user=earner).latest("pk")
    assert note.subject == (
        f"Riverbend Unified declined to pay your fee for {enrollment.version.title}"
    )
    assert "Ask again in September." in note.body
    assert "pay it another way" in note.body
    assert note.url == reverse("submissions:detail", args=[draft.reference])


def test_an_approved_sponsorship_is_paid_and_the_earner_is_told(
    client, draft, enrollment, earner, district, district_admin
):
    request = fee_services.request_sponsorship(enrollment, by=earner, district=district)
    client.force_login(district_admin)

    client.post(
        reverse("payments:decide_sponsorship", args=[district.slug, request.pk]), {"approve": "1"}
    )

    assert fees.paid_payment(enrollment).recorded_by == district_admin
    note = Notification.objects.filter(user=earner).latest("pk")
    assert "will pay your fee" in note.subject
    client.force_login(earner)
    assert "Paid (District sponsorship)." in _page(client, draft)


def test_an_invoice_asked_from_the_fee_box_is_shown_as_waiting(client, draft):
    response = client.post(
        reverse("submissions:request_invoice", args=[draft.reference]),
        {"purchase_order": "PO-88", "bill_to": "Riverbend Middle School office"},
        follow=True,
    )

    assert "Invoice requested." in response.text
    assert "You asked for an invoice on" in response.text
    assert "Purchase order: PO-88." in response.text
    assert InvoiceRequest.objects.get().bill_to == "Riverbend Middle School office"


def test_asking_for_an_invoice_twice_from_the_page_says_so(client, draft):
    url = reverse("submissions:request_invoice", args=[draft.reference])
    client.post(url, {"purchase_order": "PO-88"})

    response = client.post(url, {"purchase_order": "PO-89"}, follow=True)

    assert "You already asked for an invoice for this fee." in response.text
    assert InvoiceRequest.objects.get().purchase_order == "PO-88"


def test_a_too_long_purchase_order_number_is_a_message(client, draft):
    response = client.post(
        reverse("submissions:request_invoice", args=[draft.reference]),
        {"purchase_order": "9" * 101},
        follow=True,
    )

    assert "at most 100 characters" in response.text
    assert not InvoiceRequest.objects.exists()


@pytest.mark.parametrize(
    ("url_name", "data", "message"),
    [
        ("pay_voucher", {"code": "ACDE-FGHJ-KMNP"}, "does not accept vouchers"),
        ("request_invoice", {}, "does not send invoices"),
        ("request_sponsorship", None, "does not accept district sponsorship"),
        ("pay_card", {}, "does not take card payments"),
    ],
)
def test_a_way_the_issuer_does_not_accept_is_refused_on_the_page(
    client, draft, enrollment, district, url_name, data, message
):
    _accept_only(enrollment)

    response = client.post(
        reverse(f"submissions:{url_name}", args=[draft.reference]),
        data if data is not None else {"district": district.pk},
        follow=True,
    )

    assert message in response.text
    assert not InvoiceRequest.objects.exists()
    assert not SponsorshipRequest.objects.exists()
    assert not fees.is_settled(enrollment)


def test_an_unknown_way_to_pay_is_not_found(client, draft):
    response = client.post(f"/submissions/{draft.reference}/fee/bitcoin/", {"amount": "1"})

    assert response.status_code == 404
    assert not fees.is_settled(draft.enrollment)


def test_a_voucher_for_another_micro_credential_is_refused_on_the_page(
    client, draft, earner, issuer, issuer_admin
):
    other = enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    code = (
        fee_services.create_voucher_batch(
            issuer,
            by=issuer_admin,
            name="Only the other",
            count=1,
            micro_credential=other.micro_credential,
        )
        .vouchers.get()
        .code
    )

    response = client.post(
        reverse("submissions:pay_voucher", args=[draft.reference]), {"code": code}, follow=True
    )

    assert "That voucher is for a different micro-credential." in response.text
    assert not fees.is_settled(draft.enrollment)


def test_an_open_invoice_does_not_let_the_earner_submit(client, draft, requirement_text):
    client.post(reverse("submissions:request_invoice", args=[draft.reference]), {})

    response = client.post(reverse("submissions:submit", args=[draft.reference]), follow=True)

    assert "The fee is not paid yet." in response.text
    assert Submission.objects.get(pk=draft.pk).state == "draft"


@pytest.fixture
def requirement_text(client, draft):
    requirement = draft.enrollment.version.requirements.get()
    client.post(
        reverse("submissions:save_text", args=[draft.reference, requirement.pk, "text"]),
        {"text": "My plan"},
    )
    return requirement


def test_once_the_invoice_is_paid_the_earner_submits(
    client, draft, requirement_text, earner, issuer_admin
):
    invoice = fee_services.request_invoice(draft.enrollment, by=earner)
    fee_services.mark_invoice_paid(invoice, by=issuer_admin, reference="Cheque 7")

    assert "Paid (Invoice)." in _page(client, draft)
    response = client.post(reverse("submissions:submit", args=[draft.reference]), follow=True)
    assert "Submitted" in response.text
