import datetime
import hashlib
import hmac
import http.server
import json
import threading
import time
import urllib.parse

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from microcred.accounts.models import Role
from microcred.accounts.tests.factories import (
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)
from microcred.payments import selectors, services
from microcred.payments.models import (
    Method,
    Payment,
    PaymentStatus,
    SponsorshipPolicy,
    SponsorshipStatus,
)
from microcred.submissions.tests.factories import enrollment_for

pytestmark = pytest.mark.django_db

WEBHOOK_SECRET = "whsec_test_secret"


@pytest.fixture
def enrollment(earner, issuer, issuer_admin):
    return enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer)


@pytest.fixture
def district_admin(district):
    return MembershipFactory(organization=district, role=Role.ORG_ADMIN).user


def _voucher(organization, by, **kwargs):
    return services.create_voucher_batch(
        organization, by=by, name="Pilot", count=1, **kwargs
    ).vouchers.get()


def test_a_free_micro_credential_needs_no_payment(earner, issuer, issuer_admin):
    free = enrollment_for(earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, fee=0)

    assert selectors.is_settled(free)


def test_a_voucher_pays_the_fee_in_any_spelling(enrollment, earner, issuer, issuer_admin):
    voucher = _voucher(issuer, issuer_admin)

    payment = services.redeem_voucher(
        enrollment, by=earner, code=" " + voucher.code.lower().replace("-", " ")
    )

    assert (payment.method, payment.status, payment.amount) == (
        Method.VOUCHER,
        PaymentStatus.PAID,
        enrollment.version.fee,
    )
    assert selectors.is_settled(enrollment)


def test_a_used_voucher_is_refused(enrollment, earner, issuer, issuer_admin, outsider):
    voucher = _voucher(issuer, issuer_admin)
    other = enrollment_for(outsider, issuer_admin=issuer_admin, micro_credential__issuer=issuer)
    services.redeem_voucher(other, by=outsider, code=voucher.code)

    with pytest.raises(services.FeeProblem, match="already been used"):
        services.redeem_voucher(enrollment, by=earner, code=voucher.code)
    assert not selectors.is_settled(enrollment)


def test_a_multi_use_voucher_serves_several_earners(
    enrollment, earner, issuer, issuer_admin, outsider
):
    voucher = _voucher(issuer, issuer_admin, uses_per_code=2)
    other = enrollment_for(outsider, issuer_admin=issuer_admin, micro_credential__issuer=issuer)

    services.redeem_voucher(other, by=outsider, code=voucher.code)
    services.redeem_voucher(enrollment, by=earner, code=voucher.code)

    voucher.refresh_from_db()
    assert voucher.times_used == 2


def test_an_expired_voucher_is_refused(enrollment, earner, issuer, issuer_admin):
    voucher = _voucher(
        issuer, issuer_admin, expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )

    with pytest.raises(services.FeeProblem, match="expired"):
        services.redeem_voucher(enrollment, by=earner, code=voucher.code)


@pytest.mark.parametrize(
    "code", ["", "NOPE-NOPE-NOPE", "'; DROP TABLE payments_voucher;--", "😀" * 50]
)
def test_an_unknown_voucher_code_is_refused(enrollment, earner, code):
    with pytest.raises(services.FeeProblem, match="not found"):
        services.redeem_voucher(enrollment, by=earner, code=code)


def test_another_issuers_voucher_does_not_apply(enrollment, earner, other_issuer):
    voucher = _voucher(other_issuer, UserFactory(is_staff=True))

    with pytest.raises(services.FeeProblem, match="not valid"):
        services.redeem_voucher(enrollment, by=earner, code=voucher.code)


def test_a_district_voucher_is_for_its_members(
    enrollment, earner, outsider, district, district_admin, issuer, issuer_admin
):
    voucher = _voucher(district, district_admin, uses_per_code=2)
    stranger = enrollment_for(outsider, issuer_admin=issuer_admin, micro_credential__issuer=issuer)

    services.redeem_voucher(enrollment, by=earner, code=voucher.code)
    with pytest.raises(services.FeeProblem):
        services.redeem_voucher(stranger, by=outsider, code=voucher.code)


def test_paying_twice_is_refused(enrollment, earner, issuer, issuer_admin):
    first, second = _voucher(issuer, issuer_admin), _voucher(issuer, issuer_admin)
    services.redeem_voucher(enrollment, by=earner, code=first.code)

    with pytest.raises(services.FeeProblem, match="already paid"):
        services.redeem_voucher(enrollment, by=earner, code=second.code)
    second.refresh_from_db()
    assert second.times_used == 0
    assert Payment.objects.count() == 1


def test_a_district_admin_approves_a_sponsorship(enrollment, earner, district, district_admin):
    request = services.request_sponsorship(enrollment, by=earner, district=district, note="PD plan")

    services.decide_sponsorship(request, by=district_admin, approve=True)

    payment = selectors.paid_payment(enrollment)
    assert (payment.method, payment.payer_organization) == (Method.SPONSORSHIP, district)


def test_a_declined_sponsorship_leaves_the_fee_due(enrollment, earner, district, district_admin):
    request = services.request_sponsorship(enrollment, by=earner, district=district)

    services.decide_sponsorship(request, by=district_admin, approve=False)

    request.refresh_from_db()
    assert request.status == SponsorshipStatus.DECLINED
    assert not selectors.is_settled(enrollment)


def test_a_district_that_pre_approves_pays_at_once(enrollment, earner, district):
    SponsorshipPolicy.objects.create(district=district, approve_all_members=True)

    services.request_sponsorship(enrollment, by=earner, district=district)

    assert selectors.is_settled(enrollment)


def test_only_the_districts_admin_decides(enrollment, earner, district, issuer_admin):
    request = services.request_sponsorship(enrollment, by=earner, district=district)

    with pytest.raises(PermissionDenied):
        services.decide_sponsorship(request, by=issuer_admin, approve=True)
    assert not selectors.is_settled(enrollment)


def test_one_cannot_ask_a_district_one_does_not_belong_to(enrollment, earner):
    elsewhere = OrganizationFactory(kind="district")

    with pytest.raises(services.FeeProblem):
        services.request_sponsorship(enrollment, by=earner, district=elsewhere)


# --- card payments through the provider's webhook ------------------------------------


def _signed(payload: dict, secret=WEBHOOK_SECRET, timestamp=None) -> tuple[bytes, str]:
    body = json.dumps(payload).encode()
    timestamp = timestamp or int(time.time())
    signature = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    return body, f"t={timestamp},v1={signature}"


def _session_event(session_id: str, kind="checkout.session.completed", status="paid") -> dict:
    return {
        "id": "evt_" + session_id,
        "object": "event",
        "type": kind,
        "data": {
            "object": {"id": session_id, "object": "checkout.session", "payment_status": status}
        },
    }


@pytest.fixture
def stripe_settings(settings):
    settings.PAYMENT_PROVIDER = "microcred.payments.providers.stripe.StripeProvider"
    settings.STRIPE_SECRET_KEY = "sk_test_local"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    return settings


@pytest.fixture
def pending_card_payment(enrollment, issuer):
    return Payment.objects.create(
        enrollment=enrollment,
        payee=issuer,
        method=Method.CARD,
        amount=enrollment.version.fee,
        provider="stripe",
        provider_reference="cs_test_123",
    )


def _post_webhook(client, body, signature):
    return client.post(
        reverse("payments:webhook"),
        data=body,
        content_type="application/json",
        headers={"Stripe-Signature": signature},
    )


def test_a_signed_webhook_marks_the_card_payment_paid(
    client, stripe_settings, pending_card_payment
):
    body, signature = _signed(_session_event("cs_test_123"))

    response = _post_webhook(client, body, signature)

    assert response.status_code == 200
    pending_card_payment.refresh_from_db()
    assert pending_card_payment.status == PaymentStatus.PAID


def test_the_same_webhook_twice_counts_once(client, stripe_settings, pending_card_payment):
    body, signature = _signed(_session_event("cs_test_123"))

    _post_webhook(client, body, signature)
    _post_webhook(client, body, signature)

    assert Payment.objects.filter(status=PaymentStatus.PAID).count() == 1


@pytest.mark.parametrize(
    "forge",
    [
        lambda body, sig: (body, sig.replace("v1=", "v1=0")),
        lambda body, sig: (body.replace(b"cs_test_123", b"cs_test_999"), sig),
        lambda body, sig: _signed(json.loads(body), secret="whsec_someone_else"),
        lambda body, sig: _signed(json.loads(body), timestamp=int(time.time()) - 3600),
        lambda body, sig: (body, ""),
        lambda body, sig: (b"not json", sig),
    ],
)
def test_a_webhook_with_a_bad_signature_changes_nothing(
    client, stripe_settings, pending_card_payment, forge
):
    body, signature = forge(*_signed(_session_event("cs_test_123")))

    response = _post_webhook(client, body, signature)

    assert response.status_code == 400
    pending_card_payment.refresh_from_db()
    assert pending_card_payment.status == PaymentStatus.PENDING


def test_an_expired_checkout_marks_the_payment_failed(
    client, stripe_settings, pending_card_payment
):
    body, signature = _signed(
        _session_event("cs_test_123", kind="checkout.session.expired", status="unpaid")
    )

    _post_webhook(client, body, signature)

    pending_card_payment.refresh_from_db()
    assert pending_card_payment.status == PaymentStatus.FAILED


def test_a_card_payment_after_a_voucher_is_given_back(
    client, stripe_settings, pending_card_payment, enrollment, earner, issuer, issuer_admin
):
    services.redeem_voucher(enrollment, by=earner, code=_voucher(issuer, issuer_admin).code)
    body, signature = _signed(_session_event("cs_test_123"))

    _post_webhook(client, body, signature)

    pending_card_payment.refresh_from_db()
    assert pending_card_payment.status == PaymentStatus.REFUNDED
    assert Payment.objects.filter(status=PaymentStatus.PAID).count() == 1


def test_the_webhook_is_off_without_a_provider(client, settings):
    settings.PAYMENT_PROVIDER = ""

    assert (
        client.post(
            reverse("payments:webhook"), data=b"{}", content_type="application/json"
        ).status_code
        == 404
    )


def test_the_ledger_lists_what_an_issuer_received(enrollment, earner, issuer, issuer_admin):
    services.redeem_voucher(enrollment, by=earner, code=_voucher(issuer, issuer_admin).code)

    assert [p.method for p in selectors.ledger(issuer)] == [Method.VOUCHER]


class _FakeStripe(http.server.BaseHTTPRequestHandler):
    """Stands in for Stripe's API at the edge: creates and reads Checkout Sessions, and
    makes refunds. Each request is kept as (method, path, form, idempotency key)."""

    requests: list = []

    def _answer(self, payload: dict):
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):  # noqa: N802
        length = int(self.headers["Content-Length"])
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        _FakeStripe.requests.append(("POST", self.path, form, self.headers["Idempotency-Key"]))
        if self.path == "/v1/refunds":
            self._answer({"id": "re_test_fake", "object": "refund", "status": "succeeded"})
            return
        self._answer(
            {
                "id": "cs_test_fake",
                "object": "checkout.session",
                "url": "https://checkout.example/cs_test_fake",
            }
        )

    def do_GET(self):  # noqa: N802
        _FakeStripe.requests.append(("GET", self.path, {}, None))
        session = self.path.rsplit("/", 1)[-1]
        self._answer({"id": session, "object": "checkout.session", "payment_intent": "pi_fake"})

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_stripe(stripe_settings):
    server = http.server.HTTPServer(("127.0.0.1", 0), _FakeStripe)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    stripe_settings.STRIPE_API_BASE = f"http://127.0.0.1:{server.server_port}"
    _FakeStripe.requests = []
    yield _FakeStripe
    server.shutdown()
    server.server_close()


def test_a_card_payment_starts_a_checkout_for_the_fee(fake_stripe, enrollment, earner):
    checkout = services.start_card_payment(
        enrollment, by=earner, success_url="https://x.example/ok", cancel_url="https://x.example/no"
    )

    assert checkout.url == "https://checkout.example/cs_test_fake"
    payment = Payment.objects.get()
    assert (payment.status, payment.provider_reference) == (PaymentStatus.PENDING, "cs_test_fake")
    [(_method, path, form, _key)] = fake_stripe.requests
    assert path == "/v1/checkout/sessions"
    assert form["line_items[0][price_data][unit_amount]"] == ["2500"]


def test_a_district_admin_finds_and_answers_sponsorship_requests(
    client, enrollment, earner, district, district_admin
):
    services.request_sponsorship(enrollment, by=earner, district=district, note="PD plan")
    client.force_login(district_admin)

    home = client.get("/").text
    page = client.get(reverse("payments:fees", args=[district.slug])).text

    assert f"Fees: {district.name}" in home
    assert "Approve for Erin Earner" in page


def test_the_fee_pages_are_closed_to_others(client, district, earner):
    client.force_login(earner)

    assert client.get(reverse("payments:fees", args=[district.slug])).status_code == 403


def test_a_card_fee_withdrawn_before_review_is_refunded_once_however_often_the_task_runs(
    fake_stripe, enrollment, earner, django_capture_on_commit_callbacks
):
    from microcred.payments.tasks import refund_card_payment
    from microcred.submissions import services as submissions

    payment = Payment.objects.create(
        enrollment=enrollment,
        payee=enrollment.micro_credential.issuer,
        method=Method.CARD,
        status=PaymentStatus.PAID,
        amount=enrollment.version.fee,
        provider="stripe",
        provider_reference="cs_test_paid",
        paid_at=timezone.now(),
    )
    draft = submissions.start_attempt(enrollment, by=earner)
    submissions.save_text(
        draft, draft.enrollment.version.requirements.get(), by=earner, kind="text", text="Plan"
    )
    submissions.submit(draft, by=earner)

    with django_capture_on_commit_callbacks(execute=True):
        submissions.withdraw(draft, by=earner)
    refund_card_payment.call(payment.pk)

    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED
    refunds = [r for r in fake_stripe.requests if r[1] == "/v1/refunds"]
    assert len(refunds) == 2
    # Stripe makes one refund for one idempotency key, however often it is asked.
    assert {key for _m, _p, _f, key in refunds} == {"refund-cs_test_paid"}
    assert refunds[0][2]["payment_intent"] == ["pi_fake"]


def test_a_districts_ledger_lists_what_it_paid_and_an_issuers_only_what_it_received(
    enrollment, earner, district, district_admin, issuer, other_issuer
):
    services.redeem_voucher(enrollment, by=earner, code=_voucher(district, district_admin).code)

    [paid] = selectors.ledger(district)
    assert (paid.method, paid.payee, paid.payer_organization) == (
        Method.VOUCHER,
        issuer,
        district,
    )
    assert list(selectors.ledger(issuer)) == [paid]
    assert list(selectors.ledger(other_issuer)) == []


# --- ways to pay the issuer accepts ---------------------------------------------------


@pytest.mark.parametrize(
    ("method", "pay"),
    [
        ("voucher", lambda e, by, d: services.redeem_voucher(e, by=by, code="ACDE-FGHJ-KMNP")),
        ("sponsorship", lambda e, by, d: services.request_sponsorship(e, by=by, district=d)),
        ("invoice", lambda e, by, d: services.request_invoice(e, by=by)),
    ],
)
def test_a_way_to_pay_the_issuer_does_not_accept_is_refused(
    earner, issuer, issuer_admin, district, method, pay
):
    others = [m for m in ("card", "voucher", "sponsorship", "invoice") if m != method]
    enrollment = enrollment_for(
        earner, issuer_admin=issuer_admin, micro_credential__issuer=issuer, payment_methods=others
    )

    with pytest.raises(services.FeeProblem, match=f"{issuer.name} does not"):
        pay(enrollment, earner, district)
    assert not selectors.is_settled(enrollment)


def test_a_declined_sponsorship_keeps_the_districts_note(
    enrollment, earner, district, district_admin
):
    request = services.request_sponsorship(enrollment, by=earner, district=district)

    services.decide_sponsorship(request, by=district_admin, approve=False, note="Budget spent")

    assert selectors.last_declined_sponsorship(enrollment).answer_note == "Budget spent"


def test_answering_a_sponsorship_twice_is_refused(enrollment, earner, district, district_admin):
    request = services.request_sponsorship(enrollment, by=earner, district=district)
    services.decide_sponsorship(request, by=district_admin, approve=False)

    with pytest.raises(services.FeeProblem, match="already answered"):
        services.decide_sponsorship(request, by=district_admin, approve=True)
    assert not selectors.is_settled(enrollment)
