"""What microcred needs from a card payment provider."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class ProviderError(Exception):
    """The provider refused or could not be reached; the message is safe to show."""


class BadSignature(Exception):
    """A webhook that was not signed by the provider with our secret."""


@dataclass(frozen=True)
class Checkout:
    url: str
    reference: str


@dataclass(frozen=True)
class ProviderEvent:
    kind: str  # "paid", "failed" or "ignored"
    reference: str
    event_id: str


class PaymentProvider(Protocol):
    name: str

    def start_checkout(
        self,
        *,
        reference_hint: str,
        amount_cents: int,
        currency: str,
        description: str,
        email: str,
        success_url: str,
        cancel_url: str,
    ) -> Checkout: ...

    def parse_webhook(self, payload: bytes, headers) -> ProviderEvent: ...

    def refund(self, reference: str) -> None: ...


def card_provider() -> PaymentProvider | None:
    """The configured provider, or None when card payments are switched off."""
    path = settings.PAYMENT_PROVIDER
    if not path:
        return None
    return import_string(path)()
