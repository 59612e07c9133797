"""Stripe Checkout: a hosted payment page, and a signed webhook that confirms it.

https://docs.stripe.com/payments/checkout and https://docs.stripe.com/webhooks#verify-events
"""

from __future__ import annotations

import stripe
from django.conf import settings

from .base import BadSignature, Checkout, ProviderError, ProviderEvent


class StripeProvider:
    name = "stripe"

    def __init__(self, *, api_key: str | None = None, webhook_secret: str | None = None):
        base = settings.STRIPE_API_BASE
        self.client = stripe.StripeClient(
            api_key or settings.STRIPE_SECRET_KEY,
            base_addresses={"api": base} if base else None,
            max_network_retries=2,
        )
        self.webhook_secret = webhook_secret or settings.STRIPE_WEBHOOK_SECRET

    def start_checkout(
        self,
        *,
        reference_hint,
        amount_cents,
        currency,
        description,
        email,
        success_url,
        cancel_url,
    ) -> Checkout:
        try:
            session = self.client.v1.checkout.sessions.create(
                params={
                    "mode": "payment",
                    "client_reference_id": reference_hint,
                    "customer_email": email,
                    "success_url": success_url,
                    "cancel_url": cancel_url,
                    "line_items": [
                        {
                            "quantity": 1,
                            "price_data": {
                                "currency": currency.lower(),
                                "unit_amount": amount_cents,
                                "product_data": {"name": description[:250]},
                            },
                        }
                    ],
                },
                options={"idempotency_key": f"checkout-{reference_hint}"},
            )
        except stripe.StripeError as exc:
            raise ProviderError(
                str(exc.user_message or "The card payment could not start.")
            ) from exc
        return Checkout(url=session.url, reference=session.id)

    def parse_webhook(self, payload: bytes, headers) -> ProviderEvent:
        signature = headers.get("Stripe-Signature", "")
        try:
            event = stripe.Webhook.construct_event(payload, signature, self.webhook_secret)
        except (ValueError, stripe.SignatureVerificationError) as exc:
            raise BadSignature(str(exc)) from exc
        data = event.to_dict()["data"]["object"]
        if event["type"] in (
            "checkout.session.completed",
            "checkout.session.async_payment_succeeded",
        ):
            kind = "paid" if data.get("payment_status") == "paid" else "ignored"
        elif event["type"] in ("checkout.session.expired", "checkout.session.async_payment_failed"):
            kind = "failed"
        else:
            kind = "ignored"
        return ProviderEvent(kind=kind, reference=data.get("id", ""), event_id=event.id)

    def refund(self, reference: str) -> None:
        try:
            session = self.client.v1.checkout.sessions.retrieve(reference)
            self.client.v1.refunds.create(
                params={"payment_intent": session.payment_intent},
                options={"idempotency_key": f"refund-{reference}"},
            )
        except stripe.StripeError as exc:
            raise ProviderError(str(exc.user_message or "The refund could not be made.")) from exc
