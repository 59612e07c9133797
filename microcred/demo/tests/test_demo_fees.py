"""With no card processor, the demo earner can pay a fee every other way."""

import re

import pytest
from django.utils.text import slugify

from microcred.accounts.models import Organization, User
from microcred.backpack.models import Enrollment
from microcred.demo import fees as demo_fees
from microcred.demo.tests.test_load_demo import printed  # noqa: F401 (loads the demo)
from microcred.payments import selectors, services
from microcred.payments.models import Method

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("printed")]


@pytest.fixture
def enrollment():
    return Enrollment.objects.select_related("version").get(
        earner__email="earner@demo.microcred.org",
        micro_credential__slug=slugify(demo_fees.MICRO_CREDENTIAL.title),
    )


@pytest.fixture(autouse=True)
def _no_card_processor(settings):
    settings.PAYMENT_PROVIDER = ""


def test_the_demo_earners_fee_is_unpaid_and_payable_three_ways_without_a_card(enrollment):
    assert enrollment.version.fee > 0
    assert not selectors.is_settled(enrollment)
    assert selectors.payment_options(enrollment.version) == ["voucher", "sponsorship", "invoice"]


def test_the_printed_voucher_code_pays_the_demo_earners_fee(request, enrollment):
    [code] = re.findall(r"A voucher code to try: (\S+)", request.getfixturevalue("printed"))

    payment = services.redeem_voucher(enrollment, by=enrollment.earner, code=code)

    assert payment.method == Method.VOUCHER


def test_the_demo_earners_district_can_be_asked(enrollment):
    riverbend = Organization.objects.get(slug="riverbend-unified")

    request = services.request_sponsorship(enrollment, by=enrollment.earner, district=riverbend)

    assert request.status == "requested"


def test_lakeviews_admin_marks_the_demo_earners_invoice_paid(enrollment):
    invoice = services.request_invoice(enrollment, by=enrollment.earner, purchase_order="PO-1")
    admin = User.objects.get(email="issuer-admin@demo.microcred.org")

    services.mark_invoice_paid(invoice, by=admin, reference="Cheque 100")

    assert selectors.paid_payment(enrollment).method == Method.INVOICE
